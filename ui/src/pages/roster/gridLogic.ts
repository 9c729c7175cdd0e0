// The grid's keyboard, clipboard and pattern logic, pure: positions in, edits out. The page
// turns edits into one `putRosterCells` call each; nothing here knows a rule of the roster.

/** A cell of the visible grid: row = agent index, c = day index (0 = the 1st). */
export type Pos = { r: number; c: number };
export type Range = { r0: number; r1: number; c0: number; c1: number };
export type Edit = { r: number; c: number; value: string };

export function normRange(a: Pos, b: Pos): Range {
  return { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) };
}

export function inRange(range: Range, r: number, c: number): boolean {
  return r >= range.r0 && r <= range.r1 && c >= range.c0 && c <= range.c1;
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** One step from `pos`, kept inside a grid of `rows` × `cols`. */
export function step(pos: Pos, dr: number, dc: number, rows: number, cols: number): Pos {
  return { r: clamp(pos.r + dr, 0, Math.max(0, rows - 1)), c: clamp(pos.c + dc, 0, Math.max(0, cols - 1)) };
}

export type KeyLike = { key: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean };

export type Intent =
  | { kind: "move"; dr: number; dc: number; extend: boolean }
  | { kind: "clear" }
  | { kind: "type"; text: string }
  | { kind: "edit" }
  | { kind: "undo" }
  | { kind: "redo" }
  | { kind: "selectAll" };

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** What a key pressed on the grid (not in the cell editor) means, Excel-like; null: not ours. */
export function keyIntent(e: KeyLike): Intent | null {
  const mod = !!(e.ctrlKey || e.metaKey);
  if (mod) {
    const k = e.key.toLowerCase();
    if (k === "z") return e.shiftKey ? { kind: "redo" } : { kind: "undo" };
    if (k === "y") return { kind: "redo" };
    if (k === "a") return { kind: "selectAll" };
    return null; // Ctrl+C / Ctrl+V arrive as copy / paste events
  }
  if (e.altKey) return null;
  const arrow = ARROWS[e.key];
  if (arrow) return { kind: "move", dr: arrow[0], dc: arrow[1], extend: !!e.shiftKey };
  if (e.key === "Enter") return { kind: "move", dr: e.shiftKey ? -1 : 1, dc: 0, extend: false };
  if (e.key === "Tab") return { kind: "move", dr: 0, dc: e.shiftKey ? -1 : 1, extend: false };
  if (e.key === "Delete" || e.key === "Backspace") return { kind: "clear" };
  if (e.key === "F2") return { kind: "edit" };
  if (e.key.length === 1 && e.key !== " ") return { kind: "type", text: e.key };
  return null;
}

/** What a key pressed in the cell editor does: commit and move, cancel, or nothing (typing). */
export function editorKey(e: KeyLike): { kind: "commit"; dr: number; dc: number } | { kind: "cancel" } | null {
  if (e.key === "Escape") return { kind: "cancel" };
  if (e.key === "Enter") return { kind: "commit", dr: e.shiftKey ? -1 : 1, dc: 0 };
  if (e.key === "Tab") return { kind: "commit", dr: 0, dc: e.shiftKey ? -1 : 1 };
  if (e.key === "ArrowUp" || e.key === "ArrowDown") return { kind: "commit", dr: e.key === "ArrowUp" ? -1 : 1, dc: 0 };
  return null;
}

/** The range's values as TSV, the way Excel puts a block on the clipboard. */
export function toTsv(value: (r: number, c: number) => string, range: Range): string {
  const lines: string[] = [];
  for (let r = range.r0; r <= range.r1; r++) {
    const row: string[] = [];
    for (let c = range.c0; c <= range.c1; c++) row.push(value(r, c));
    lines.push(row.join("\t"));
  }
  return lines.join("\n");
}

/** TSV from Excel (or a plain list) into rows of cells; a trailing line break is no row. */
export function parseTsv(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => l.split("\t").map((v) => v.trim()));
}

/**
 * The edits a pasted block makes, from the selection's top-left, cut at the grid's edge. A single
 * value pasted over a larger selection fills it (as Excel does).
 */
export function pasteEdits(block: string[][], sel: Range, rows: number, cols: number): Edit[] {
  const edits: Edit[] = [];
  if (block.length === 0) return edits;
  const single = block.length === 1 && block[0].length === 1;
  if (single) {
    for (let r = sel.r0; r <= sel.r1; r++) for (let c = sel.c0; c <= sel.c1; c++) edits.push({ r, c, value: block[0][0] });
    return edits;
  }
  block.forEach((line, i) =>
    line.forEach((value, j) => {
      const r = sel.r0 + i;
      const c = sel.c0 + j;
      if (r < rows && c < cols) edits.push({ r, c, value });
    }),
  );
  return edits;
}

/** A pattern as typed: `D D D D D D 休`, `D,D,N,休` or `DDDDDD休` (one character each). */
export function parsePattern(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (/[\s,，、;；]/.test(trimmed)) return trimmed.split(/[\s,，、;；]+/).filter(Boolean);
  return [...trimmed];
}

/** The pattern repeated along each selected row from the range's first day. */
export function patternEdits(tokens: string[], range: Range): Edit[] {
  const edits: Edit[] = [];
  if (tokens.length === 0) return edits;
  for (let r = range.r0; r <= range.r1; r++)
    for (let c = range.c0; c <= range.c1; c++) edits.push({ r, c, value: tokens[(c - range.c0) % tokens.length] });
  return edits;
}

/** One action's cells: what they held before and what they were set to. */
export type Change = { employee_no: string; date: string; before: string; after: string };

/**
 * Undo / redo of the operator's own actions (each action one entry). The page writes what
 * `peekUndo` / `peekRedo` return and moves the entry with `undo` / `redo` once the write succeeded.
 */
export class History {
  private done: Change[][] = [];
  private undone: Change[][] = [];
  constructor(private readonly limit = 100) {}

  push(changes: Change[]) {
    if (changes.length === 0) return;
    this.done.push(changes);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }
  /** The action to take back: its `before` values are to be written. */
  peekUndo(): Change[] | null {
    return this.done[this.done.length - 1] ?? null;
  }
  /** The action to do again: its `after` values are to be written. */
  peekRedo(): Change[] | null {
    return this.undone[this.undone.length - 1] ?? null;
  }
  undo() {
    const a = this.done.pop();
    if (a) this.undone.push(a);
  }
  redo() {
    const a = this.undone.pop();
    if (a) this.done.push(a);
  }
  get canUndo() {
    return this.done.length > 0;
  }
  get canRedo() {
    return this.undone.length > 0;
  }
}
