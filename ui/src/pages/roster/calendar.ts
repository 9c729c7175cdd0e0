// The month's days for the grid's header: weekday, weekend, holiday or 调休 working day.
import type { Holiday, HolidayKind } from "../../backend";

export type Day = {
  date: string;
  /** 1…31. */
  day: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  weekend: boolean;
  holiday: HolidayKind | null;
  holidayName: string | null;
};

const pad = (n: number) => String(n).padStart(2, "0");

/** `YYYY-MM` of now in `timeZone` (the site's), falling back to the machine's. */
export function currentMonth(timeZone: string, now = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(now);
    const y = parts.find((p) => p.type === "year")?.value;
    const m = parts.find((p) => p.type === "month")?.value;
    if (y && m) return `${y}-${m}`;
  } catch {
    // unknown zone: the machine's
  }
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
}

/** `YYYY-MM` moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const i = y * 12 + (m - 1) + delta;
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
}

/** The days from `first` to `last` (YYYY-MM-DD, inclusive), marked from `holidays`. */
export function monthDays(first: string, last: string, holidays: Holiday[]): Day[] {
  const byDate = new Map(holidays.map((h) => [h.date, h]));
  const [y, m, d0] = first.split("-").map(Number);
  const d1 = Number(last.split("-")[2]);
  const days: Day[] = [];
  for (let d = d0; d <= d1; d++) {
    const date = `${y}-${pad(m)}-${pad(d)}`;
    const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    const weekday = js === 0 ? 7 : js;
    const h = byDate.get(date);
    days.push({ date, day: d, weekday, weekend: weekday >= 6, holiday: h?.kind ?? null, holidayName: h?.name ?? null });
  }
  return days;
}
