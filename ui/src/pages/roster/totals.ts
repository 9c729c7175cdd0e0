// Display sums of a row and a day: what the cells add up to. No rule is judged here (the
// violations come from the backend).
import type { ShiftTemplate } from "../../backend";
import type { Day } from "./calendar";

export type Templates = ReadonlyMap<string, ShiftTemplate>;

export function isRest(cell: string): boolean {
  const c = cell.trim();
  return c === "休" || c.toUpperCase() === "R";
}

export function isWork(cell: string): boolean {
  return cell.trim() !== "" && !isRest(cell);
}

/** Minutes of spans like `09:00-12:00+14:00-18:00` (a span ending at or before its start ends the next day); null if not spans. */
export function spanMinutes(cell: string): number | null {
  const parts = cell.trim().split("+");
  let total = 0;
  for (const part of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(part.trim());
    if (!m) return null;
    const start = Number(m[1]) * 60 + Number(m[2]);
    let end = Number(m[3]) * 60 + Number(m[4]);
    if (end <= start) end += 24 * 60;
    total += end - start;
  }
  return total;
}

export function templateOf(cell: string, templates: Templates): ShiftTemplate | undefined {
  return templates.get(cell.trim()) ?? templates.get(cell.trim().toUpperCase());
}

export type RowTotals = { workDays: number; minutes: number; nights: number; weekendShifts: number; restDays: number };

export function rowTotals(cells: readonly string[], days: readonly Day[], templates: Templates): RowTotals {
  const t: RowTotals = { workDays: 0, minutes: 0, nights: 0, weekendShifts: 0, restDays: 0 };
  cells.forEach((cell, i) => {
    if (isRest(cell)) {
      t.restDays++;
      return;
    }
    if (!isWork(cell)) return;
    t.workDays++;
    const tpl = templateOf(cell, templates);
    t.minutes += tpl ? tpl.paid_minutes : (spanMinutes(cell) ?? 0);
    if (tpl?.night) t.nights++;
    if (days[i]?.weekend) t.weekendShifts++;
  });
  return t;
}

/** Hours for a total in minutes: whole, or with one decimal. */
export function hoursText(minutes: number): string {
  const h = minutes / 60;
  return Number.isInteger(h) ? String(h) : h.toFixed(1);
}

/** Heads per template code on each day: counts[code][dayIndex]. */
export function dayHeads(rows: readonly (readonly string[])[], dayCount: number, templates: Templates): Map<string, number[]> {
  const counts = new Map<string, number[]>();
  for (const code of templates.keys()) counts.set(code, new Array<number>(dayCount).fill(0));
  for (const cells of rows) {
    for (let i = 0; i < dayCount; i++) {
      const cell = cells[i];
      if (!cell) continue;
      const tpl = templateOf(cell, templates);
      if (tpl) counts.get(tpl.code)![i]++;
    }
  }
  return counts;
}
