// 会议与培训: the month's sessions with their roll call, scheduling one for teams and people, the
// roll call sent person by person (late with minutes, a test score), the proposals the backend
// made shown afterwards, and cancelling.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { AttendanceInput, CommandApi, MeetingInput, Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption } from "../../test/utils";
import { attendee, meeting, renderMeetings } from "./meetingsTestKit";
import MeetingsTab from "./MeetingsTab";

const TAKEN = meeting({
  id: 3,
  kind: "training",
  title: "退换货流程培训",
  has_test: true,
  taken_at: "2026-11-20T08:00:00Z",
  taken_by_name: "沈丽华",
  attendees: [
    attendee("1013", "赵磊", { attendance: "present", test_score: 92 }),
    attendee("1019", "马超", { attendance: "late", late_min: 12, test_score: 75, incident_id: 41 }),
    attendee("1020", "周婷", { attendance: "absent", incident_id: 42 }),
  ],
});

async function openTab(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, { meetings: () => Promise.resolve([meeting(), TAKEN]), ...overrides });
  const r = renderMeetings(<MeetingsTab month="2026-11" />, backend, role);
  await screen.findByTestId("meeting-row-4");
  return r;
}

describe("meetings and training", () => {
  test("the month's sessions: when, kind, place, length and the roll call's tally", async () => {
    const { backend } = await openTab();
    expect(backend.meetings).toHaveBeenCalledWith("2026-11-01", "2026-11-30");
    const open = screen.getByTestId("meeting-row-4");
    expect(open).toHaveTextContent("2026-11-30 17:00");
    expect(open).toHaveTextContent("会议");
    expect(open).toHaveTextContent("二楼会议室");
    expect(open).toHaveTextContent("30 分钟");
    expect(open).toHaveTextContent("未点名（应到 3 人）");
    const taken = screen.getByTestId("meeting-row-3");
    expect(taken).toHaveTextContent("培训");
    expect(taken).toHaveTextContent("含考试");
    expect(within(taken).getByTestId("meeting-summary-3")).toHaveTextContent("出席 1 · 迟到 1 · 缺席 1 · 请假 0");
    expect(screen.getByTestId("meeting-count")).toHaveTextContent("共 2 场");
  });

  test("安排 sends the kind, title, start on the site's clock, teams and people; a test only for training", async () => {
    const sent: MeetingInput[] = [];
    const { user } = await openTab("team_lead", {
      scheduleMeeting: (input) => {
        sent.push(input);
        return Promise.resolve(meeting({ id: 9, title: input.title }));
      },
    });
    await user.click(screen.getByTestId("meeting-schedule"));
    await screen.findByTestId("meeting-schedule-modal");
    expect(screen.queryByTestId("meeting-has-test")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("meeting-schedule-submit"));
    expect(await screen.findByText("请填写主题")).toBeInTheDocument();
    expect(screen.getByText("请至少选择一个班组或一位人员")).toBeInTheDocument();

    await pickOption(user, "meeting-kind", "培训");
    await user.click(await screen.findByTestId("meeting-has-test"));
    await user.type(screen.getByTestId("meeting-title"), "  大促话术培训 ");
    await user.clear(screen.getByTestId("meeting-minutes"));
    await user.type(screen.getByTestId("meeting-minutes"), "90");
    await user.type(screen.getByTestId("meeting-place"), "培训室");
    await pickOption(user, "meeting-teams", "售后组");
    await user.type(within(screen.getByTestId("meeting-people").closest(".ant-select")!).getByRole("combobox"), "1019");
    await user.click(await screen.findByTitle("1019 马超"));
    await user.click(screen.getByTestId("meeting-schedule-submit"));
    await waitFor(() => expect(sent).toHaveLength(1));
    const { starts_at, ...rest } = sent[0];
    expect(rest).toEqual({
      kind: "training",
      title: "大促话术培训",
      minutes: 90,
      place: "培训室",
      note: null,
      has_test: true,
      team_ids: [3],
      employee_nos: ["1019"],
    });
    // The default start is the next whole hour.
    expect(new Date(starts_at).getUTCMinutes()).toBe(0);
    expect(Date.parse(starts_at)).toBeGreaterThan(Date.now());
    expect(await screen.findByText("已安排“大促话术培训”，应到 3 人")).toBeInTheDocument();
  });

  test("点名: everyone present by default, one late by 5 minutes, one excused; late needs its minutes", async () => {
    const sent: AttendanceInput[][] = [];
    const { user } = await openTab("team_lead", {
      takeAttendance: (_id, taken) => {
        sent.push(taken);
        return Promise.resolve(meeting({ taken_at: "2026-11-30T09:05:00Z", attendees: [attendee("1019", "马超", { attendance: "late", late_min: 5, incident_id: 51 })] }));
      },
    });
    await user.click(screen.getByTestId("meeting-attendance-4"));
    const modal = await screen.findByTestId("meeting-attendance-modal");
    expect(modal).toHaveTextContent("迟到、缺席将按违规目录");
    await user.click(within(screen.getByTestId("attendance-1019")).getByText("迟到"));
    await user.click(within(screen.getByTestId("attendance-1020")).getByText("请假"));
    await user.click(screen.getByTestId("meeting-attendance-submit"));
    expect(await screen.findByTestId("attendance-problem")).toHaveTextContent("马超 迟到，请填写迟到分钟");
    expect(sent).toHaveLength(0);
    await user.type(screen.getByTestId("attendance-late-1019"), "5");
    await user.click(screen.getByTestId("meeting-attendance-submit"));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual([
      { employee_no: "1013", attendance: "present", late_min: null, test_score: null },
      { employee_no: "1019", attendance: "late", late_min: 5, test_score: null },
      { employee_no: "1020", attendance: "excused", late_min: null, test_score: null },
    ]);
    expect(await screen.findByText("点名已提交，1 条处罚建议待确认")).toBeInTheDocument();
  });

  test("a taken roll call reads back with scores and the proposals; it cannot be cancelled", async () => {
    const { user } = await openTab();
    expect(screen.queryByTestId("meeting-cancel-3")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("meeting-attendance-3"));
    const modal = await screen.findByTestId("meeting-attendance-modal");
    expect(modal).toHaveTextContent("沈丽华 于 2026-11-20 16:00 点名");
    expect(screen.getByTestId("attendance-1019")).toHaveTextContent("迟到 12 分钟");
    expect(screen.getByTestId("attendance-proposal-1019")).toHaveTextContent("已提议 #41");
    expect(screen.getByTestId("attendance-1020")).toHaveTextContent("缺席");
    expect(modal).toHaveTextContent("92");
    expect(screen.queryByTestId("meeting-attendance-submit")).not.toBeInTheDocument();
  });

  test("取消 a session not yet taken; an agent only looks", async () => {
    const { user, backend } = await openTab("supervisor", { cancelMeeting: () => Promise.resolve(null) });
    await user.click(screen.getByTestId("meeting-cancel-4"));
    await user.click(await screen.findByTestId("meeting-cancel-confirm"));
    await waitFor(() => expect(backend.cancelMeeting).toHaveBeenCalledWith(4));
  });

  test("an agent sees the sessions but schedules and takes nothing", async () => {
    await openTab("agent");
    expect(screen.queryByTestId("meeting-schedule")).not.toBeInTheDocument();
    expect(screen.queryByTestId("meeting-cancel-4")).not.toBeInTheDocument();
    expect(screen.getByTestId("meeting-attendance-4")).toHaveTextContent("出勤");
  });
});
