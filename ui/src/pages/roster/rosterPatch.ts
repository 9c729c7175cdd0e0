// A write's result applied to the month the page holds, instead of reading 9,000 cells again:
// the cells as typed while the write is on its way, then the backend's re-check of the agents it
// touched (their cells as stored, their violations, their teams' fairness). Plain data merging;
// every rule result comes from the backend.
import type { MonthRecheck, RosterMonth } from "../../backend";

type CellValue = { employee_no: string; date: string; cell: string };

// The month holds some 9,000 cells and a keystroke changes one: these walk the cells once,
// without building a key per cell, and keep every untouched cell (and its place) as it was, so
// little is left for the garbage collector and the page can tell which rows changed.

/** 工号 → date → value. */
function byAgent(cells: readonly CellValue[]): Map<string, Map<string, string>> {
  const m = new Map<string, Map<string, string>>();
  for (const c of cells) {
    let dates = m.get(c.employee_no);
    if (!dates) m.set(c.employee_no, (dates = new Map()));
    dates.set(c.date, c.cell);
  }
  return m;
}

/** The month with these cells set (added where the month had none). */
export function withCells(month: RosterMonth, cells: readonly CellValue[]): RosterMonth {
  if (cells.length === 0) return month;
  const wanted = byAgent(cells);
  const seen = new Set<string>();
  const next = month.cells.map((c) => {
    const value = wanted.get(c.employee_no)?.get(c.date);
    if (value === undefined) return c;
    seen.add(`${c.employee_no}|${c.date}`);
    return value === c.cell ? c : { ...c, cell: value };
  });
  for (const c of cells) if (!seen.has(`${c.employee_no}|${c.date}`)) next.push({ employee_no: c.employee_no, date: c.date, cell: c.cell });
  return { ...month, cells: next };
}

/** What the month holds now for these cells ("" where it holds none): to put back on a refusal. */
export function cellsNow(month: RosterMonth, cells: readonly CellValue[]): CellValue[] {
  const wanted = byAgent(cells);
  const stored = new Map<string, string>();
  for (const c of month.cells) if (wanted.get(c.employee_no)?.has(c.date)) stored.set(`${c.employee_no}|${c.date}`, c.cell);
  return cells.map((c) => ({ employee_no: c.employee_no, date: c.date, cell: stored.get(`${c.employee_no}|${c.date}`) ?? "" }));
}

/** The month with the re-checked agents' cells, violations and teams' fairness replaced. */
export function withRecheck(month: RosterMonth, recheck: MonthRecheck): RosterMonth {
  if (recheck.month !== month.month) return month;
  const touched = new Set(recheck.agents);
  const fresh = byAgent(recheck.cells);
  const placed = new Set<string>();
  const cells: RosterMonth["cells"] = [];
  for (const c of month.cells) {
    if (!touched.has(c.employee_no)) {
      cells.push(c);
      continue;
    }
    const value = fresh.get(c.employee_no)?.get(c.date);
    if (value === undefined) continue; // no longer stored
    placed.add(`${c.employee_no}|${c.date}`);
    cells.push(value === c.cell ? c : { ...c, cell: value });
  }
  for (const c of recheck.cells) if (!placed.has(`${c.employee_no}|${c.date}`)) cells.push(c);
  const violations = [...month.violations.filter((v) => !touched.has(v.employee_no)), ...recheck.violations];
  // The backend's order: by date, then 工号 (a stable sort keeps each agent's own order).
  violations.sort((a, b) => (a.date === b.date ? (a.employee_no < b.employee_no ? -1 : a.employee_no > b.employee_no ? 1 : 0) : a.date < b.date ? -1 : 1));
  const refreshed = new Map(recheck.fairness.map((f) => [f.team_id, f]));
  const fairness = month.fairness.map((f) => refreshed.get(f.team_id) ?? f);
  for (const f of recheck.fairness) if (!month.fairness.some((g) => g.team_id === f.team_id)) fairness.push(f);
  return { ...month, cells, violations, fairness };
}
