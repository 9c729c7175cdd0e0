import { describe, expect, test } from "vitest";
import type { RowMarks } from "../marks";
import { withPlanMarks } from "./planMarks";
import { coveragePercent, gapDays } from "./report";

const half = (date: string, from: string, to: string, needed: number, rostered: number) => ({ team: "售前一组", date, from, to, needed, rostered });

describe("the report as shown", () => {
  test("coverage is 1 − short/needed, floored to a tenth; none without a requirement", () => {
    expect(coveragePercent({ needed_slot_agents: 2000, uncovered_slot_agents: 7 })).toBe(99.6);
    expect(coveragePercent({ needed_slot_agents: 2000, uncovered_slot_agents: 1 })).toBe(99.9);
    expect(coveragePercent({ needed_slot_agents: 400, uncovered_slot_agents: 0 })).toBe(100);
    expect(coveragePercent({ needed_slot_agents: 3, uncovered_slot_agents: 1 })).toBe(66.6);
    expect(coveragePercent({ needed_slot_agents: 0, uncovered_slot_agents: 0 })).toBeNull();
  });

  test("adjacent half hours of a day join into one run; a break or a new day starts another", () => {
    const days = gapDays([
      half("2026-11-25", "09:00", "09:30", 8, 6),
      half("2026-11-25", "09:30", "10:00", 7, 6),
      half("2026-11-25", "11:00", "11:30", 7, 5),
      half("2026-11-25", "23:30", "24:00", 2, 1),
      half("2026-11-26", "00:00", "00:30", 2, 1),
    ]);
    expect(days).toEqual([
      {
        date: "2026-11-25",
        runs: [
          { from: "09:00", to: "10:00", needed: { min: 7, max: 8 }, rostered: { min: 6, max: 6 } },
          { from: "11:00", to: "11:30", needed: { min: 7, max: 7 }, rostered: { min: 5, max: 5 } },
          { from: "23:30", to: "24:00", needed: { min: 2, max: 2 }, rostered: { min: 1, max: 1 } },
        ],
      },
      { date: "2026-11-26", runs: [{ from: "00:00", to: "00:30", needed: { min: 2, max: 2 }, rostered: { min: 1, max: 1 } }] },
    ]);
  });

  test("pins and wishes join the marks; rows without either keep their arrays", () => {
    const swapRow: RowMarks = [undefined, { leave: undefined }];
    const other: RowMarks = [undefined, undefined];
    const marks = new Map([
      ["1001", swapRow],
      ["1002", other],
    ]);
    const dayIndex = new Map([
      ["2026-11-01", 0],
      ["2026-11-02", 1],
    ]);
    const out = withPlanMarks(marks, [{ employee_no: "1001", date: "2026-11-02" }], [{ employee_no: "1003", date: "2026-11-01", note: null }], dayIndex, 2);
    expect(out.get("1002")).toBe(other);
    expect(out.get("1001")?.[1]).toEqual({ leave: undefined, pinned: true });
    expect(swapRow[1]).toEqual({ leave: undefined });
    expect(out.get("1003")?.[0]).toEqual({ wish: { employee_no: "1003", date: "2026-11-01", note: null } });
    expect(withPlanMarks(marks, [], [], dayIndex, 2)).toBe(marks);
  });
});
