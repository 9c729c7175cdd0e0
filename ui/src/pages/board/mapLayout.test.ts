import { describe, expect, test } from "vitest";
import { compactLayout, exactLayout, templateRows } from "./mapLayout";

const row = (y: number, xs: number[], zone: string | null) => xs.map((x) => ({ x, y, zone }));

describe("floor map layout", () => {
  test("compact: only used rows, a labelled spacer where a zone starts, a blank one for an aisle in a zone", () => {
    const seats = [...row(0, [0, 1, 2], "A"), ...row(1, [0, 1], "A"), ...row(3, [0, 1], "A"), ...row(9, [1, 2], "B")];
    const l = compactLayout(seats, 0, "无");
    expect(l.cols).toBe(3);
    expect(l.tracks).toEqual(["gap", "card", "card", "gap", "card", "gap", "card"]);
    expect([...l.rowOf]).toEqual([
      [0, 2],
      [1, 3],
      [3, 5],
      [9, 7],
    ]);
    expect(l.labels.map((x) => [x.text, x.row, x.col, x.span])).toEqual([
      ["A", 1, 1, 3],
      ["B", 6, 2, 2],
    ]);
    expect(templateRows(["gap", "card"])).toBe("var(--fd-gap-h) minmax(var(--fd-row-h), auto)");
  });

  test("compact: zones side by side are labelled at their first column; no zones, no spacers", () => {
    const l = compactLayout([...row(0, [0, 1], "A"), ...row(0, [3, 4], "B"), ...row(1, [0, 4], "A")], 0, "");
    expect(l.labels.map((x) => [x.text, x.col, x.span])).toEqual([
      ["A", 1, 3],
      ["B", 4, 2],
    ]);
    expect(l.tracks).toEqual(["gap", "card", "card"]);
    expect(compactLayout([...row(2, [0], null), ...row(3, [1], null)], 0, "").tracks).toEqual(["card", "card"]);
  });

  test("agents without a seat go on rows below, under their own label", () => {
    const l = compactLayout(row(4, [0, 1], null), 5, "未分配台席");
    // Narrow floors still put several on a row.
    expect(l.unseatedPerRow).toBe(5);
    expect(l.cols).toBe(5);
    expect(l.tracks).toEqual(["card", "gap", "card"]);
    expect(l.labels).toEqual([{ key: "unseated", text: "未分配台席", row: 2, col: 1, span: 5, kind: "unseated" }]);
    expect(l.unseatedRow).toBe(3);
    const none = compactLayout([], 3, "x");
    expect(none.labels).toEqual([]);
    expect(none.tracks).toEqual(["card"]);
  });

  test("exact (arranging): every row from 0, one spare column and row", () => {
    const l = exactLayout([...row(0, [0, 6], "A"), ...row(3, [2], "B")], 0, "");
    expect(l.cols).toBe(8);
    expect(l.tracks).toHaveLength(5);
    expect(l.rowOf.get(3)).toBe(4);
    expect(l.labels).toEqual([]);
    expect(exactLayout([], 0, "").cols).toBe(1);
  });
});
