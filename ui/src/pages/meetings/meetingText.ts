// 会议与报表 in words: a kind (培训), an attendance (迟到 5 分钟), a roll call's tally, a report's
// status (按时 / 迟交 / 已报备延迟 / 逾期未交 / 待提交) and its period (2026-11-23 or 2026-11). The
// status is read from what the backend judged (timeliness, overdue); nothing here judges a time.
import type { TFunction } from "i18next";
import dayjs from "dayjs";
import type { Attendance, Attendee, MeetingKind, ReportDue, ReportKind } from "../../backend";

export const K = "meetings";

export const KINDS: readonly MeetingKind[] = ["meeting", "training"];

/** What a roll call records (not `expected`, which is "not taken yet"). */
export const TAKEN: readonly Exclude<Attendance, "expected">[] = ["present", "late", "absent", "excused"];

export const REPORT_KINDS: readonly ReportKind[] = ["daily", "weekly", "monthly"];

export const ATTENDANCE_COLOR: Record<Attendance, string | undefined> = {
  expected: undefined,
  present: "green",
  late: "orange",
  absent: "red",
  excused: "blue",
};

export function kindLabel(t: TFunction, k: MeetingKind): string {
  return t(`${K}.kind.${k}`);
}

export function attendanceLabel(t: TFunction, a: Attendance): string {
  return t(`${K}.attendance.${a}`);
}

/** "迟到 5 分钟" for a late attendee, the attendance's name otherwise. */
export function attendeeText(t: TFunction, a: Pick<Attendee, "attendance" | "late_min">): string {
  const label = attendanceLabel(t, a.attendance);
  return a.attendance === "late" && a.late_min ? `${label} ${t(`${K}.list.minutesValue`, { count: a.late_min })}` : label;
}

/** How many attended in each way. */
export function tally(attendees: readonly Pick<Attendee, "attendance">[]): Record<Attendance, number> {
  const n: Record<Attendance, number> = { expected: 0, present: 0, late: 0, absent: 0, excused: 0 };
  for (const a of attendees) n[a.attendance] += 1;
  return n;
}

export function reportKindLabel(t: TFunction, k: ReportKind): string {
  return t(`${K}.reportKind.${k}`);
}

export type ReportStatus = "on_time" | "late" | "announced" | "overdue" | "pending";

export const REPORT_STATUS_COLOR: Record<ReportStatus, string | undefined> = {
  on_time: "green",
  late: "red",
  announced: "blue",
  overdue: "volcano",
  pending: undefined,
};

/** The backend's judgement of one period's report, as one status. */
export function reportStatus(r: Pick<ReportDue, "timeliness" | "overdue">): ReportStatus {
  if (r.timeliness) return r.timeliness;
  return r.overdue ? "overdue" : "pending";
}

/** A period by its kind: the day, the week "2026-11-23 起" or the month. */
export function periodText(kind: ReportKind, periodStart: string): string {
  if (kind === "monthly") return periodStart.slice(0, 7);
  if (kind === "weekly") return `${periodStart} ~ ${dayjs(periodStart).add(6, "day").format("YYYY-MM-DD")}`;
  return periodStart;
}

/** A month's first and last dates (YYYY-MM-DD). */
export function monthRange(month: string): [string, string] {
  const first = dayjs(`${month}-01`);
  return [first.format("YYYY-MM-DD"), first.endOf("month").format("YYYY-MM-DD")];
}
