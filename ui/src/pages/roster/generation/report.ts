// The generation report as a supervisor reads it: the share of the requirement covered, the
// uncovered half hours joined into runs per day, and each unmet item in words. It counts nothing
// the backend did not: the sums and the reasons are the report's.
import dayjs from "dayjs";
import type { TFunction } from "i18next";
import type { GenerationReport, Unmet } from "../../../backend";

type UncoveredHalfHour = GenerationReport["uncovered"][number];
import { shortDate } from "../violations";

/** 1 − short/needed in percent, one decimal, never rounded up to a full 100 while anything is short. */
export function coveragePercent(r: Pick<GenerationReport, "needed_slot_agents" | "uncovered_slot_agents">): number | null {
  if (r.needed_slot_agents <= 0) return null;
  const pct = (1 - r.uncovered_slot_agents / r.needed_slot_agents) * 100;
  return Math.max(0, Math.floor(pct * 10 + 1e-9) / 10);
}

/** A number or the span of numbers a run of half hours has. */
export type Span = { min: number; max: number };
/** Consecutive uncovered half hours of one day. */
export type GapRun = { from: string; to: string; needed: Span; rostered: Span };
export type GapDay = { date: string; runs: GapRun[] };

const widen = (s: Span, v: number): Span => ({ min: Math.min(s.min, v), max: Math.max(s.max, v) });

/** The report's half hours (sorted by date and start) grouped by day, adjacent ones joined. */
export function gapDays(uncovered: readonly UncoveredHalfHour[]): GapDay[] {
  const days: GapDay[] = [];
  for (const h of uncovered) {
    let day = days[days.length - 1];
    if (!day || day.date !== h.date) days.push((day = { date: h.date, runs: [] }));
    const last = day.runs[day.runs.length - 1];
    if (last && last.to === h.from) {
      last.to = h.to;
      last.needed = widen(last.needed, h.needed);
      last.rostered = widen(last.rostered, h.rostered);
    } else {
      day.runs.push({ from: h.from, to: h.to, needed: { min: h.needed, max: h.needed }, rostered: { min: h.rostered, max: h.rostered } });
    }
  }
  return days;
}

export const spanText = (s: Span) => (s.min === s.max ? String(s.min) : `${s.min}–${s.max}`);

/** Why an item was not met, in the user's language. */
export function reasonText(t: TFunction, u: Unmet): string {
  const r = u.reason;
  if (r.kind === "fixed_breaks_rule") return t("generation.reason.fixed_breaks_rule", { rule: t(`generation.rule.${r.rule}`, { defaultValue: r.rule }) });
  return t(`generation.reason.${r.kind}`, { defaultValue: r.kind });
}

/** "工号 姓名 12-03：reason", or "12-03 缺口：reason" for a day's coverage. */
export function unmetText(t: TFunction, u: Unmet, agentName: (no: string) => string, dayLabel: (date: string) => string): { who: string; reason: string } {
  const when = u.date ? dayLabel(u.date) : "";
  const who = u.employee_no ? [agentName(u.employee_no), when].filter(Boolean).join(" ") : [when, t("generation.coverageGap")].filter(Boolean).join(" ");
  return { who, reason: reasonText(t, u) };
}

/** MM-DD and the weekday in the user's language, e.g. "12-03 周四". */
export function dayLabel(date: string): string {
  const d = dayjs(date);
  return d.isValid() ? `${shortDate(date)} ${d.format("ddd")}` : shortDate(date);
}
