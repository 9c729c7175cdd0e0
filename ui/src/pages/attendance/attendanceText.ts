// 考勤 in words and colours: a day's status (正常, 迟到, 请假：病假 …) as the backend judged it,
// the month's read and the shift templates that name a cell's code. Nothing here judges a day:
// every status, minute and count is the backend's.
import type { TFunction } from "i18next";
import { useMemo } from "react";
import dayjs from "dayjs";
import { useBackend, type AttendanceDay, type AttendanceMonth, type DayStatus, type RosterMonth, type ShiftTemplate } from "../../backend";
import { useLoad, type Loaded } from "../../lib/hooks";

export const K = "attendance";

export type StatusKind = DayStatus["kind"];

/** The statuses in the order the filter offers them. */
export const STATUS_KINDS: readonly StatusKind[] = ["normal", "late", "early_leave", "late_and_early", "absent", "noticed", "leave", "rest"];

/** Tag colours, as the meetings' roll call colours the same words. */
export const STATUS_COLOR: Record<StatusKind, string | undefined> = {
  normal: "green",
  late: "orange",
  early_leave: "gold",
  late_and_early: "volcano",
  absent: "red",
  noticed: "blue",
  leave: "purple",
  rest: undefined,
};

export function leaveKindLabel(t: TFunction, kind: string): string {
  return t(`rosterRequests.leaveKinds.${kind}`, { defaultValue: kind });
}

/** 正常 / 迟到 / 请假：病假 … in the user's language. */
export function statusLabel(t: TFunction, status: DayStatus): string {
  if (status.kind === "leave") return t(`${K}.status.leaveOf`, { kind: leaveKindLabel(t, status.leave) });
  return t(`${K}.status.${status.kind}`);
}

/** Paid minutes as hours: 480 → "8", 450 → "7.5". */
export function hoursText(minutes: number): string {
  const h = minutes / 60;
  return Number.isInteger(h) ? String(h) : h.toFixed(1);
}

/** The month's last date, `YYYY-MM-DD`. */
export function lastDayOf(month: string): string {
  return dayjs(`${month}-01`).endOf("month").format("YYYY-MM-DD");
}

export function dayKey(d: Pick<AttendanceDay, "date" | "employee_no">): string {
  return `${d.date}-${d.employee_no}`;
}

/** The month's attendance as the operator sees the roster. */
export function useAttendance(month: string): Loaded<AttendanceMonth> {
  const backend = useBackend();
  return useLoad(["attendance", month], ["roster", "floor", "alerts", "agents", "teams", "settings"], () => backend.attendanceMonth(month));
}

/**
 * The month's shift templates by code, to name a cell (D → 白班 08:00–16:00). The roster page's
 * own read of the month (same key), so a visit to either page serves the other.
 */
export function useShiftTemplates(month: string): Map<string, ShiftTemplate> {
  const backend = useBackend();
  const roster = useLoad<RosterMonth>(["roster", month], ["roster"], () => backend.rosterMonth(month), { patchesOwnWrites: true });
  const templates = roster.data?.templates;
  return useMemo(() => new Map((templates ?? []).map((tpl) => [tpl.code, tpl])), [templates]);
}
