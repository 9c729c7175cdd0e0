import type { TFunction } from "i18next";
import type { Violation } from "../../backend";

/** MM-DD of a YYYY-MM-DD date (the month is on screen). */
export function shortDate(date: string | null): string {
  return date ? date.slice(5) : "";
}

/** A violation in the user's language: the rule and its numbers, as the backend sent them. */
export function violationText(t: TFunction, v: Violation): string {
  const gapHours = v.gap_minutes === null ? "" : String(Math.round((v.gap_minutes / 60) * 10) / 10);
  return t(`roster.violation.${v.rule}`, {
    from: shortDate(v.from),
    to: shortDate(v.to),
    rest_days: v.rest_days ?? "",
    required: v.required ?? "",
    gap: gapHours,
    defaultValue: v.rule,
  });
}
