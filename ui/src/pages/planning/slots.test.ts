// The editor's typing helpers: what a paste from a spreadsheet becomes, and when a draft differs
// from what is stored (a kind with no row and a day needing nobody are the same).
import { describe, expect, test } from "vitest";
import type { RequirementDay } from "../../backend";
import { dayOf, draftOf, isChanged, parseNumbers, slotSpan, zeros } from "./slots";

describe("slots", () => {
  test("half hours are named by their local times", () => {
    expect(slotSpan(0)).toBe("00:00–00:30");
    expect(slotSpan(17)).toBe("08:30–09:00");
    expect(slotSpan(47)).toBe("23:30–24:00");
  });

  test("a pasted column or row: tabs, newlines, empty cells, fractions and thousands", () => {
    expect(parseNumbers("1\r\n2\r\n\r\n4\r\n")).toEqual({ values: [1, 2, 0, 4], bad: null });
    expect(parseNumbers("3\t4\t5")).toEqual({ values: [3, 4, 5], bad: null });
    expect(parseNumbers("12.6\n1,234")).toEqual({ values: [13, 1234], bad: null });
    expect(parseNumbers("1\n-2\n")).toEqual({ values: [], bad: "-2" });
    expect(parseNumbers("1\n人数")).toEqual({ values: [], bad: "人数" });
  });

  test("a draft is changed only when saving it would store something else", () => {
    const typed: RequirementDay = { team_id: 1, day_kind: "1", source: "import", agents: zeros().map((_, i) => (i === 20 ? 2 : 0)), contacts: null, erlang: null, updated_at: null };
    expect(isChanged(undefined, draftOf(undefined))).toBe(false);
    expect(isChanged(typed, draftOf(typed))).toBe(false);
    expect(isChanged(typed, { ...draftOf(typed), agents: zeros() })).toBe(true);
    expect(isChanged(undefined, { ...draftOf(undefined), mode: "erlang" })).toBe(false);
    // An imported day saved unchanged would become typed: opening it changes nothing.
    expect(dayOf(1, "1", draftOf(typed)).source).toBe("typed");
  });
});
