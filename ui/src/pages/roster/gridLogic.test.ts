import { describe, expect, test } from "vitest";
import {
  History,
  editorKey,
  keyIntent,
  normRange,
  parsePattern,
  parseTsv,
  pasteEdits,
  patternEdits,
  step,
  toTsv,
  type Change,
} from "./gridLogic";
import { addMonths, currentMonth, monthDays } from "./calendar";
import { hoursText, rowTotals, spanMinutes } from "./totals";
import type { ShiftTemplate } from "../../backend";

describe("keys", () => {
  test("arrows move, Shift+arrows extend, Enter goes down, Tab right, Delete clears, a character types", () => {
    expect(keyIntent({ key: "ArrowRight" })).toEqual({ kind: "move", dr: 0, dc: 1, extend: false });
    expect(keyIntent({ key: "ArrowUp", shiftKey: true })).toEqual({ kind: "move", dr: -1, dc: 0, extend: true });
    expect(keyIntent({ key: "Enter" })).toEqual({ kind: "move", dr: 1, dc: 0, extend: false });
    expect(keyIntent({ key: "Tab", shiftKey: true })).toEqual({ kind: "move", dr: 0, dc: -1, extend: false });
    expect(keyIntent({ key: "Delete" })).toEqual({ kind: "clear" });
    expect(keyIntent({ key: "Backspace" })).toEqual({ kind: "clear" });
    expect(keyIntent({ key: "N" })).toEqual({ kind: "type", text: "N" });
    expect(keyIntent({ key: "休" })).toEqual({ kind: "type", text: "休" });
    expect(keyIntent({ key: "z", ctrlKey: true })).toEqual({ kind: "undo" });
    expect(keyIntent({ key: "Z", ctrlKey: true, shiftKey: true })).toEqual({ kind: "redo" });
    expect(keyIntent({ key: "y", metaKey: true })).toEqual({ kind: "redo" });
    expect(keyIntent({ key: "c", ctrlKey: true })).toBeNull();
    expect(keyIntent({ key: "Shift" })).toBeNull();
  });

  test("in the editor Enter commits down, Tab right, Escape cancels, letters type", () => {
    expect(editorKey({ key: "Enter" })).toEqual({ kind: "commit", dr: 1, dc: 0 });
    expect(editorKey({ key: "Tab" })).toEqual({ kind: "commit", dr: 0, dc: 1 });
    expect(editorKey({ key: "Escape" })).toEqual({ kind: "cancel" });
    expect(editorKey({ key: "D" })).toBeNull();
  });

  test("moves stay inside the grid", () => {
    expect(step({ r: 0, c: 0 }, -1, -1, 3, 30)).toEqual({ r: 0, c: 0 });
    expect(step({ r: 2, c: 29 }, 1, 1, 3, 30)).toEqual({ r: 2, c: 29 });
    expect(step({ r: 1, c: 5 }, 1, 0, 3, 30)).toEqual({ r: 2, c: 5 });
  });
});

describe("clipboard", () => {
  const grid = [
    ["D", "N", "休"],
    ["M", "", "O"],
  ];
  test("a range copies as TSV, rows by lines and cells by tabs", () => {
    expect(toTsv((r, c) => grid[r][c], normRange({ r: 1, c: 2 }, { r: 0, c: 0 }))).toBe("D\tN\t休\nM\t\tO");
  });

  test("Excel's TSV (CRLF, a trailing line break) parses into rows", () => {
    expect(parseTsv("D\tN\t休\r\nM\t\tO\r\n")).toEqual(grid);
    expect(parseTsv("D")).toEqual([["D"]]);
  });

  test("a block pastes from the selection's top-left and is cut at the grid's edge", () => {
    const edits = pasteEdits(grid, normRange({ r: 1, c: 28 }, { r: 1, c: 28 }), 3, 30);
    expect(edits).toEqual([
      { r: 1, c: 28, value: "D" },
      { r: 1, c: 29, value: "N" },
      { r: 2, c: 28, value: "M" },
      { r: 2, c: 29, value: "" },
    ]);
  });

  test("one value pasted over a range fills it", () => {
    expect(pasteEdits([["休"]], normRange({ r: 0, c: 0 }, { r: 1, c: 1 }), 3, 30)).toHaveLength(4);
  });
});

describe("patterns", () => {
  test("patterns parse with spaces, commas or one character each", () => {
    expect(parsePattern("D D D D D D 休")).toEqual(["D", "D", "D", "D", "D", "D", "休"]);
    expect(parsePattern("D,N，休")).toEqual(["D", "N", "休"]);
    expect(parsePattern("DDN休")).toEqual(["D", "D", "N", "休"]);
    expect(parsePattern("  ")).toEqual([]);
  });

  test("a pattern repeats along each row from the range's first day", () => {
    const edits = patternEdits(["D", "D", "休"], normRange({ r: 0, c: 2 }, { r: 1, c: 6 }));
    expect(edits.filter((e) => e.r === 0).map((e) => [e.c, e.value])).toEqual([
      [2, "D"],
      [3, "D"],
      [4, "休"],
      [5, "D"],
      [6, "D"],
    ]);
    expect(edits).toHaveLength(10);
  });
});

describe("history", () => {
  const a: Change[] = [{ employee_no: "1001", date: "2026-11-01", before: "D", after: "N" }];
  const b: Change[] = [{ employee_no: "1002", date: "2026-11-02", before: "", after: "休" }];
  test("undo takes back the last action, redo does it again, a new action drops the redo side", () => {
    const h = new History();
    expect(h.peekUndo()).toBeNull();
    h.push(a);
    h.push(b);
    expect(h.peekUndo()).toBe(b);
    h.undo();
    expect(h.peekUndo()).toBe(a);
    expect(h.peekRedo()).toBe(b);
    h.redo();
    expect(h.peekUndo()).toBe(b);
    h.undo();
    h.push(a);
    expect(h.canRedo).toBe(false);
  });

  test("an action that failed to write is still there (peek does not move it)", () => {
    const h = new History();
    h.push(a);
    h.peekUndo();
    expect(h.canUndo).toBe(true);
  });
});

describe("calendar and totals", () => {
  test("months step across years; the current month is the site's", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    // 2026-11-30 20:00 UTC is already December in Shanghai.
    expect(currentMonth("Asia/Shanghai", new Date(Date.UTC(2026, 10, 30, 20)))).toBe("2026-12");
    expect(currentMonth("UTC", new Date(Date.UTC(2026, 10, 30, 20)))).toBe("2026-11");
  });

  test("days know their weekday and the holidays the backend lists", () => {
    const days = monthDays("2026-10-01", "2026-10-31", [
      { date: "2026-10-01", kind: "holiday", name: "国庆节" },
      { date: "2026-10-10", kind: "workday", name: "国庆调休上班" },
    ]);
    expect(days).toHaveLength(31);
    expect(days[0]).toMatchObject({ weekday: 4, weekend: false, holiday: "holiday", holidayName: "国庆节" });
    expect(days[9]).toMatchObject({ weekday: 6, weekend: true, holiday: "workday" });
  });

  test("a row sums days, paid minutes, nights, weekend shifts and rest days", () => {
    const tpl = (code: string, paid: number, night: boolean): ShiftTemplate => ({
      code,
      name: code,
      start: "08:00:00",
      end: "16:00:00",
      night,
      paid_minutes: paid,
      colour: "#fff",
    });
    const templates = new Map([tpl("D", 450, false), tpl("N", 450, true)].map((t) => [t.code, t]));
    const days = monthDays("2026-11-01", "2026-11-07", []); // 11-01 is a Sunday
    const totals = rowTotals(["N", "D", "休", "R", "", "09:00-12:00+14:00-18:00", "D"], days, templates);
    expect(totals).toEqual({ workDays: 4, minutes: 450 * 3 + 420, nights: 1, weekendShifts: 2, restDays: 2 });
    expect(spanMinutes("22:00-06:00")).toBe(480);
    expect(spanMinutes("D")).toBeNull();
    expect(hoursText(450)).toBe("7.5");
  });
});
