// Tests only: meetings and reports as the backend sends them, and a tab of 会议与报表 mounted over
// a per-test fake backend. Nothing here judges attendance, a due time or a timeliness: each row
// is the answer a test wants the fake to give.
import type { ReactElement } from "react";
import type { Attendee, Backend, MeetingRow, ReportDue, ReportDuty, Role } from "../../backend";
import { renderHandover } from "../handover/renderHandover";

export function renderMeetings<B extends Backend>(ui: ReactElement, backend: B, role: Role = "supervisor") {
  return renderHandover(ui, backend, role);
}

export function attendee(employee_no: string, name: string, patch: Partial<Attendee> = {}): Attendee {
  return { employee_no, name, team_name: "售前二组", attendance: "expected", late_min: null, test_score: null, incident_id: null, ...patch };
}

/** #4: the 售前二组 weekly meeting on 2026-11-30 at 17:00 (site time), roll call not taken. */
export function meeting(patch: Partial<MeetingRow> = {}): MeetingRow {
  return {
    id: 4,
    kind: "meeting",
    title: "售前二组周例会",
    starts_at: "2026-11-30T09:00:00Z",
    local_date: "2026-11-30",
    minutes: 30,
    place: "二楼会议室",
    note: null,
    has_test: false,
    created_by_name: "沈丽华",
    taken_at: null,
    taken_by_name: null,
    attendees: [attendee("1013", "赵磊"), attendee("1019", "马超"), attendee("1020", "周婷")],
    ...patch,
  };
}

export function duty(patch: Partial<ReportDuty> = {}): ReportDuty {
  return {
    id: 2,
    title: "售前日报",
    kind: "daily",
    employee_no: "1013",
    name: "赵磊",
    team_id: 2,
    manager_employee_no: "1001",
    manager_name: "王静",
    starts_on: "2026-11-01",
    ends_on: null,
    ...patch,
  };
}

/** The daily report for 2026-11-27, due 11-28 12:00, not sent. */
export function due(patch: Partial<ReportDue> = {}): ReportDue {
  return {
    duty: duty(),
    period_start: "2026-11-27",
    due_at: "2026-11-28T04:00:00Z",
    announced_at: null,
    announce_reason: null,
    submitted_at: null,
    submitted_by_name: null,
    timeliness: null,
    incident_id: null,
    overdue: false,
    ...patch,
  };
}
