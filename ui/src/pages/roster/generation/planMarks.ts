// Pinned cells (固定) and wished rest days (想休) placed on the grid's marks, and the cells the
// grid's selection covers. Display only: which cells are pinned or wished is the backend's answer.
import type { CellRef, RosterAgent, RosterWish } from "../../../backend";
import type { Day } from "../calendar";
import type { CellMark, RowMarks } from "../marks";
import { selectedRange, type SelectionStore } from "../selection";

export const cellKey = (no: string, date: string) => `${no}|${date}`;

/**
 * `marks` with the pins and wishes added. A row with neither keeps its array (the grid's memoized
 * rows compare by reference first), a row with some gets a copy.
 */
export function withPlanMarks(
  marks: ReadonlyMap<string, RowMarks>,
  pins: readonly CellRef[] | undefined,
  wishes: readonly RosterWish[] | undefined,
  dayIndex: ReadonlyMap<string, number>,
  days: number,
): ReadonlyMap<string, RowMarks> {
  if (!pins?.length && !wishes?.length) return marks;
  const out = new Map(marks);
  const copied = new Set<string>();
  const at = (no: string, i: number): CellMark => {
    let row = out.get(no) as (CellMark | undefined)[] | undefined;
    if (!copied.has(no)) {
      row = row ? [...row] : new Array<CellMark | undefined>(days).fill(undefined);
      out.set(no, row);
      copied.add(no);
    }
    const mark: CellMark = { ...row![i] };
    row![i] = mark;
    return mark;
  };
  for (const p of pins ?? []) {
    const i = dayIndex.get(p.date);
    if (i !== undefined) at(p.employee_no, i).pinned = true;
  }
  for (const w of wishes ?? []) {
    const i = dayIndex.get(w.date);
    if (i !== undefined) at(w.employee_no, i).wish = w;
  }
  return out;
}

/** The cells of the grid's selection, row by row (none when nothing is selected). */
export function selectedCells(store: SelectionStore, rows: readonly RosterAgent[], days: readonly Day[]): CellRef[] {
  const range = selectedRange(store.get());
  if (!range) return [];
  const cells: CellRef[] = [];
  for (let r = range.r0; r <= range.r1; r++) {
    const agent = rows[r];
    if (!agent) continue;
    for (let c = range.c0; c <= range.c1; c++) {
      const day = days[c];
      if (day) cells.push({ employee_no: agent.employee_no, date: day.date });
    }
  }
  return cells;
}
