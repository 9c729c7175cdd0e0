// What the grid marks on a cell besides its value: a pending swap (换, the cell does not change
// until a supervisor signs it), a day of approved leave, a pinned cell (固定: generation keeps it)
// and a wished rest day (想休). Display only: the backend decides.
import type { LeaveRequest, RosterWish, SwapRequest } from "../../backend";

export type CellMark = { swaps?: SwapRequest[]; leave?: LeaveRequest; pinned?: boolean; wish?: RosterWish };
export type RowMarks = readonly (CellMark | undefined)[];

/** Per 工号, per day index: the pending swaps touching the cell and the approved leave covering it. */
export function cellMarks(
  swaps: readonly SwapRequest[],
  leave: readonly LeaveRequest[],
  days: readonly { date: string }[],
  dayIndex: ReadonlyMap<string, number>,
): Map<string, (CellMark | undefined)[]> {
  const m = new Map<string, (CellMark | undefined)[]>();
  const at = (no: string, i: number): CellMark => {
    let row = m.get(no);
    if (!row) m.set(no, (row = new Array<CellMark | undefined>(days.length).fill(undefined)));
    return (row[i] ??= {});
  };
  for (const s of swaps) {
    if (s.status !== "pending") continue;
    for (const date of s.date_b ? [s.date_a, s.date_b] : [s.date_a]) {
      const i = dayIndex.get(date);
      if (i === undefined) continue;
      for (const no of [s.employee_no_a, s.employee_no_b]) (at(no, i).swaps ??= []).push(s);
    }
  }
  for (const l of leave) {
    if (l.status !== "approved") continue;
    days.forEach((d, i) => {
      if (d.date >= l.from && d.date <= l.to) at(l.employee_no, i).leave = l;
    });
  }
  return m;
}

/** The cells a swap exchanges, in `cells_before` order: A's and B's on date A, then on date B. */
export function swapCellDates(s: Pick<SwapRequest, "employee_no_a" | "employee_no_b" | "date_a" | "date_b">): { employee_no: string; date: string }[] {
  const out = [
    { employee_no: s.employee_no_a, date: s.date_a },
    { employee_no: s.employee_no_b, date: s.date_a },
  ];
  if (s.date_b)
    out.push({ employee_no: s.employee_no_a, date: s.date_b }, { employee_no: s.employee_no_b, date: s.date_b });
  return out;
}
