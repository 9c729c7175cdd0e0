import { describe, expect, test } from "vitest";
import {
  cellsNow,
  checkEdits,
  editorKey,
  formatPoints,
  headerGroups,
  inputLabel,
  inputValueText,
  isBlock,
  keyIntent,
  parsePoints,
  parseTsv,
  pasteEdits,
  progress,
  step,
  withScoreCells,
} from "./scoreGrid";
import { leadSheet } from "./entrySamples";

describe("parsing a typed score", () => {
  test("points become hundredths, through the digits", () => {
    expect(parsePoints("8", 10)).toEqual({ ok: true, points: 800 });
    expect(parsePoints("8.5", 10)).toEqual({ ok: true, points: 850 });
    expect(parsePoints("8.25", 10)).toEqual({ ok: true, points: 825 });
    expect(parsePoints("0.29", 10)).toEqual({ ok: true, points: 29 });
    expect(parsePoints(".5", 10)).toEqual({ ok: true, points: 50 });
    expect(parsePoints("8.", 10)).toEqual({ ok: true, points: 800 });
    expect(parsePoints("10", 10)).toEqual({ ok: true, points: 1000 });
    expect(parsePoints("0", 10)).toEqual({ ok: true, points: 0 });
    expect(parsePoints(" 7 ", 10)).toEqual({ ok: true, points: 700 });
  });

  test("a Chinese input method's full-width digits count as digits", () => {
    expect(parsePoints("８．５", 10)).toEqual({ ok: true, points: 850 });
  });

  test("empty clears the cell", () => {
    expect(parsePoints("", 10)).toEqual({ ok: true, points: null });
    expect(parsePoints("  ", 10)).toEqual({ ok: true, points: null });
  });

  test("more than two decimals, not a number, or outside 0–max is refused with the item's limit", () => {
    expect(parsePoints("8.125", 10)).toEqual({ ok: false, problem: "decimals", max: 10 });
    expect(parsePoints("abc", 10)).toEqual({ ok: false, problem: "nan", max: 10 });
    expect(parsePoints("8.5.1", 10)).toEqual({ ok: false, problem: "nan", max: 10 });
    expect(parsePoints(".", 10)).toEqual({ ok: false, problem: "nan", max: 10 });
    expect(parsePoints("11", 10)).toEqual({ ok: false, problem: "range", max: 10 });
    expect(parsePoints("10.01", 10)).toEqual({ ok: false, problem: "range", max: 10 });
    expect(parsePoints("6", 5)).toEqual({ ok: false, problem: "range", max: 5 });
    expect(parsePoints("-1", 10)).toEqual({ ok: false, problem: "range", max: 10 });
  });

  test("hundredths show as points with at most two decimals", () => {
    expect(formatPoints(850)).toBe("8.5");
    expect(formatPoints(800)).toBe("8");
    expect(formatPoints(825)).toBe("8.25");
    expect(formatPoints(5)).toBe("0.05");
    expect(formatPoints(0)).toBe("0");
    expect(formatPoints(null)).toBe("");
    expect(formatPoints(4205)).toBe("42.05");
  });
});

describe("keys", () => {
  test("the grid's keys: moves, clear, F2, typing", () => {
    expect(keyIntent({ key: "ArrowDown" })).toEqual({ kind: "move", dr: 1, dc: 0 });
    expect(keyIntent({ key: "Enter" })).toEqual({ kind: "move", dr: 1, dc: 0 });
    expect(keyIntent({ key: "Enter", shiftKey: true })).toEqual({ kind: "move", dr: -1, dc: 0 });
    expect(keyIntent({ key: "Tab" })).toEqual({ kind: "move", dr: 0, dc: 1 });
    expect(keyIntent({ key: "Tab", shiftKey: true })).toEqual({ kind: "move", dr: 0, dc: -1 });
    expect(keyIntent({ key: "Delete" })).toEqual({ kind: "clear" });
    expect(keyIntent({ key: "Backspace" })).toEqual({ kind: "clear" });
    expect(keyIntent({ key: "F2" })).toEqual({ kind: "edit" });
    expect(keyIntent({ key: "8" })).toEqual({ kind: "type", text: "8" });
    expect(keyIntent({ key: "v", ctrlKey: true })).toBeNull();
    expect(keyIntent({ key: "Shift" })).toBeNull();
  });

  test("in the editor: Enter/Tab commit and move, Esc cancels; left and right move only when typing began the edit", () => {
    expect(editorKey({ key: "Enter" }, "type")).toEqual({ kind: "commit", dr: 1, dc: 0 });
    expect(editorKey({ key: "Tab", shiftKey: true }, "type")).toEqual({ kind: "commit", dr: 0, dc: -1 });
    expect(editorKey({ key: "Escape" }, "edit")).toEqual({ kind: "cancel" });
    expect(editorKey({ key: "ArrowRight" }, "type")).toEqual({ kind: "commit", dr: 0, dc: 1 });
    expect(editorKey({ key: "ArrowRight" }, "edit")).toBeNull();
    expect(editorKey({ key: "ArrowUp" }, "edit")).toEqual({ kind: "commit", dr: -1, dc: 0 });
    expect(editorKey({ key: "5" }, "type")).toBeNull();
    expect(editorKey({ key: "Enter", isComposing: true }, "type")).toBeNull();
  });

  test("moves stop at the grid's edges", () => {
    expect(step({ r: 0, c: 0 }, -1, 0, 3, 5)).toEqual({ r: 0, c: 0 });
    expect(step({ r: 0, c: 0 }, 0, -1, 3, 5)).toEqual({ r: 0, c: 0 });
    expect(step({ r: 2, c: 4 }, 1, 0, 3, 5)).toEqual({ r: 2, c: 4 });
    expect(step({ r: 2, c: 4 }, 0, 1, 3, 5)).toEqual({ r: 2, c: 4 });
    expect(step({ r: 1, c: 2 }, 1, 1, 3, 5)).toEqual({ r: 2, c: 3 });
  });
});

describe("paste", () => {
  test("TSV from Excel: rows and cells, CRLF and a trailing line break", () => {
    expect(parseTsv("9\t8\r\n7\t6\r\n")).toEqual([
      ["9", "8"],
      ["7", "6"],
    ]);
    expect(parseTsv("9")).toEqual([["9"]]);
    expect(isBlock("9\t8")).toBe(true);
    expect(isBlock("9\n")).toBe(false);
    expect(isBlock("8.5")).toBe(false);
  });

  test("a block fills from the focused cell right and down, cut at the grid's edge", () => {
    const block = parseTsv("1\t2\t3\n4\t5\t6\n7\t8\t9");
    expect(pasteEdits(block, { r: 1, c: 3 }, 3, 5)).toEqual([
      { r: 1, c: 3, value: "1" },
      { r: 1, c: 4, value: "2" },
      { r: 2, c: 3, value: "4" },
      { r: 2, c: 4, value: "5" },
    ]);
    expect(pasteEdits(block, { r: 0, c: 0 }, 3, 5)).toHaveLength(9);
  });

  test("every pasted value is checked against its column's maximum first", () => {
    const maxOf = (c: number) => [10, 5][c];
    const ok = checkEdits(pasteEdits(parseTsv("9\t5\n\t4.5"), { r: 0, c: 0 }, 3, 2), maxOf);
    expect(ok.refused).toEqual([]);
    expect(ok.cells).toEqual([
      { r: 0, c: 0, points: 900 },
      { r: 0, c: 1, points: 500 },
      { r: 1, c: 0, points: null },
      { r: 1, c: 1, points: 450 },
    ]);
    const bad = checkEdits(pasteEdits(parseTsv("9\t6\nx\t4"), { r: 0, c: 0 }, 3, 2), maxOf);
    expect(bad.refused).toEqual([
      { r: 0, c: 1, value: "6", problem: "range", max: 5 },
      { r: 1, c: 0, value: "x", problem: "nan", max: 10 },
    ]);
  });
});

describe("the sheet the page holds", () => {
  test("a write's cells replace the touched row's cells and sums; other rows stay the same objects", () => {
    const view = leadSheet();
    const next = withScoreCells(view, [{ ratee: "a7", role: "superior", item_id: 2, points: 850 }], "2026-12-03T02:00:00Z");
    const [sup, self] = next.groups;
    expect(sup.rows[2]).toMatchObject({ cells: [null, 850, null, null, null], filled: 1, total: 850, last_entered_at: "2026-12-03T02:00:00Z" });
    expect(sup.rows[0]).toBe(view.groups[0].rows[0]);
    expect(self).toBe(view.groups[1]);
    // Cleared: the sums drop it.
    const cleared = withScoreCells(view, [{ ratee: "a2", role: "superior", item_id: 1, points: null }]);
    expect(cleared.groups[0].rows[0]).toMatchObject({ filled: 4, total: 2500 });
  });

  test("the same person in another role is another row", () => {
    const view = leadSheet();
    expect(withScoreCells(view, [{ ratee: "a2", role: "self", item_id: 1, points: 100 }])).toBe(view);
  });

  test("what the sheet holds, to put back", () => {
    expect(cellsNow(leadSheet(), [{ ratee: "a2", role: "superior", item_id: 2 }, { ratee: "a7", role: "superior", item_id: 2 }])).toEqual([
      { ratee: "a2", role: "superior", item_id: 2, points: 850 },
      { ratee: "a7", role: "superior", item_id: 2, points: null },
    ]);
  });

  test("progress counts people fully scored; the header groups items by 分组", () => {
    const view = leadSheet();
    expect(progress(view.groups)).toEqual({ done: 1, all: 4 });
    expect(progress([view.groups[0]])).toEqual({ done: 1, all: 3 });
    expect(headerGroups(view.groups[0].items)).toEqual([
      { group: "服务类", span: 3 },
      { group: "订单类", span: 2 },
    ]);
  });
});

describe("a computed cell's inputs", () => {
  test("values as counted: whole numbers as they are, others to two decimals, none as —", () => {
    expect(inputValueText(3)).toBe("3");
    expect(inputValueText(87.3333)).toBe("87.33");
    expect(inputValueText(null)).toBe("—");
  });

  test("labels in the UI's language, the formula name when the catalogue does not know it", () => {
    const late = { label_zh: "迟到次数", label_en: "times late" };
    expect(inputLabel(late, "late_count", "zh")).toBe("迟到次数");
    expect(inputLabel(late, "late_count", "en")).toBe("times late");
    expect(inputLabel(undefined, "late_count", "zh")).toBe("late_count");
  });
});
