// Merging a write's cells and the backend's re-check into the month the page holds.
import { describe, expect, test } from "vitest";
import type { MonthRecheck, Violation } from "../../backend";
import { fixtures } from "../../test/fixtures";
import { cellsNow, withCells, withRecheck } from "./rosterPatch";

const streak = (no: string, date: string): Violation => ({
  date,
  employee_no: no,
  rule: "max_consecutive_work_days",
  from: "2026-11-01",
  to: date,
  rest_days: null,
  required: null,
  gap_minutes: null,
});

describe("a write applied to the month", () => {
  test("its cells replace the stored ones and fill cells never stored; the rest stay the same objects", () => {
    const month = fixtures.rosterMonth();
    const before = month.cells.find((c) => c.employee_no === "1001" && c.date === "2026-11-01")!;
    const other = month.cells.find((c) => c.employee_no === "1002" && c.date === "2026-11-01")!;
    const next = withCells(month, [
      { employee_no: "1001", date: "2026-11-01", cell: "N" },
      { employee_no: "9999", date: "2026-11-02", cell: "D" },
    ]);
    expect(next.cells.find((c) => c.employee_no === "1001" && c.date === "2026-11-01")?.cell).toBe("N");
    expect(next.cells.find((c) => c.employee_no === "9999")?.cell).toBe("D");
    expect(next.cells).toHaveLength(month.cells.length + 1);
    expect(next.cells).toContain(other);
    expect(before.cell).toBe("D");
    // Everything a write does not touch keeps its identity (the page's memos skip it).
    expect(next.agents).toBe(month.agents);
    expect(next.violations).toBe(month.violations);
  });

  test("cellsNow gives what to put back: the stored value, or empty for a cell never stored", () => {
    const month = fixtures.rosterMonth();
    expect(
      cellsNow(month, [
        { employee_no: "1001", date: "2026-11-01", cell: "N" },
        { employee_no: "9999", date: "2026-11-02", cell: "D" },
      ]),
    ).toEqual([
      { employee_no: "1001", date: "2026-11-01", cell: "D" },
      { employee_no: "9999", date: "2026-11-02", cell: "" },
    ]);
  });

  test("the re-check replaces the touched agents' cells, violations and teams' fairness only", () => {
    const month = fixtures.rosterMonth();
    const mine = month.cells.filter((c) => c.employee_no === "1002").map((c) => (c.date === "2026-11-06" ? { ...c, cell: "D" } : c));
    const team1 = { ...month.fairness.find((f) => f.team_id === 1)!, agents: 99 };
    const recheck: MonthRecheck = {
      month: month.month,
      agents: ["1002"],
      cells: mine,
      violations: [streak("1002", "2026-11-07")],
      fairness: [team1],
    };
    const next = withRecheck(month, recheck);
    expect(next.cells.find((c) => c.employee_no === "1002" && c.date === "2026-11-06")?.cell).toBe("D");
    expect(next.cells).toHaveLength(month.cells.length);
    // 1002's two violations give way to the one re-checked; everyone else's stay, in date order.
    expect(next.violations.filter((v) => v.employee_no === "1002")).toEqual([streak("1002", "2026-11-07")]);
    expect(next.violations.filter((v) => v.employee_no !== "1002")).toEqual(month.violations.filter((v) => v.employee_no !== "1002"));
    const dates = next.violations.map((v) => v.date);
    expect(dates).toEqual([...dates].sort());
    expect(next.fairness.map((f) => f.team_id)).toEqual(month.fairness.map((f) => f.team_id));
    expect(next.fairness.find((f) => f.team_id === 1)?.agents).toBe(99);
    expect(next.fairness.filter((f) => f.team_id !== 1)).toEqual(month.fairness.filter((f) => f.team_id !== 1));
  });

  test("a re-check of another month changes nothing", () => {
    const month = fixtures.rosterMonth();
    const recheck: MonthRecheck = { month: "2026-12", agents: ["1002"], cells: [], violations: [], fairness: [] };
    expect(withRecheck(month, recheck)).toBe(month);
  });
});
