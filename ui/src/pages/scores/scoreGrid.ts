// The score grid's logic, pure: what a key means, what a typed or pasted value is in hundredths
// of a point (or why it is refused on the spot), where a pasted block lands, and a write's cells
// merged into the sheet the page holds. The backend checks every value again; nothing here is
// a rule it does not also enforce.
import type { RaterSheetView, ScoreCell, SheetGroup, SheetRow } from "../../backend";

/** A cell of one group's grid: r = the person's row, c = the item's column. */
export type Pos = { r: number; c: number };

// ---- values ----

/** Why a typed value is refused before it is sent (each shown with the item's 0–max). */
export type Problem = "nan" | "decimals" | "range";

export type Parsed = { ok: true; points: number | null } | { ok: false; problem: Problem; max: number };

const FULL_WIDTH = /[０-９．。－]/g;

/** Full-width digits and points (a Chinese input method's) as ASCII, outer spaces gone. */
export function normalise(text: string): string {
  return text
    .replace(FULL_WIDTH, (ch) => (ch === "．" || ch === "。" ? "." : ch === "－" ? "-" : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
    .trim();
}

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * A typed value → hundredths of a point (8.5 → 850), checked against the item's whole-point
 * `max`: digits, one decimal point, at most two decimals, 0 to max. Empty clears the cell (null).
 * Computed on the digits, never through a float (0.29 × 100 is not 29 in floating point).
 */
export function parsePoints(text: string, max: number): Parsed {
  const s = normalise(text);
  if (s === "") return { ok: true, points: null };
  const m = NUMBER.exec(s);
  if (!m || (m[2] === "" && !m[3])) return { ok: false, problem: "nan", max };
  const [, sign, whole, frac = ""] = m;
  if (frac.length > 2) return { ok: false, problem: "decimals", max };
  const points = Number(whole || "0") * 100 + Number(frac.padEnd(2, "0"));
  if (!Number.isSafeInteger(points)) return { ok: false, problem: "nan", max };
  if ((sign === "-" && points !== 0) || points > max * 100) return { ok: false, problem: "range", max };
  return { ok: true, points };
}

/** Hundredths as the grid shows them: 850 → "8.5", 800 → "8", 825 → "8.25"; null → "". */
export function formatPoints(hundredths: number | null | undefined): string {
  if (hundredths === null || hundredths === undefined) return "";
  const sign = hundredths < 0 ? "-" : "";
  const abs = Math.abs(hundredths);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, "0").replace(/0+$/, "");
  return frac ? `${sign}${whole}.${frac}` : `${sign}${whole}`;
}

// ---- computed items ----

/** An input's label in the UI's language, from the catalogue (its formula name when unknown). */
export function inputLabel(input: { label_zh: string; label_en: string } | undefined, name: string, lang: string): string {
  if (!input) return name;
  return lang === "en" ? input.label_en : input.label_zh;
}

/** An input's value as counted: whole numbers as they are, others to two decimals; none: —. */
export function inputValueText(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "—";
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

// ---- keys ----

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** One step from `pos`, kept inside a grid of `rows` × `cols` (an edge holds the cursor). */
export function step(pos: Pos, dr: number, dc: number, rows: number, cols: number): Pos {
  return { r: clamp(pos.r + dr, 0, Math.max(0, rows - 1)), c: clamp(pos.c + dc, 0, Math.max(0, cols - 1)) };
}

export type KeyLike = { key: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; isComposing?: boolean };

export type Intent =
  | { kind: "move"; dr: number; dc: number }
  | { kind: "clear" }
  | { kind: "type"; text: string }
  | { kind: "edit" };

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** A key pressed on the grid (no editor open), Excel-like; null: not the grid's. */
export function keyIntent(e: KeyLike): Intent | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null; // Ctrl+V arrives as a paste event
  const arrow = ARROWS[e.key];
  if (arrow) return { kind: "move", dr: arrow[0], dc: arrow[1] };
  if (e.key === "Enter") return { kind: "move", dr: e.shiftKey ? -1 : 1, dc: 0 };
  if (e.key === "Tab") return { kind: "move", dr: 0, dc: e.shiftKey ? -1 : 1 };
  if (e.key === "Delete" || e.key === "Backspace") return { kind: "clear" };
  if (e.key === "F2") return { kind: "edit" };
  // Any printable character opens the editor with it (a letter is refused when committed).
  if (e.key.length === 1 && e.key !== " ") return { kind: "type", text: e.key };
  return null;
}

/**
 * How the editor was opened: by typing (every arrow commits and moves, as in Excel's "enter"
 * mode) or with F2 (left and right move the caret in the text).
 */
export type EditMode = "type" | "edit";

export type EditorIntent = { kind: "commit"; dr: number; dc: number } | { kind: "cancel" };

/** A key pressed in the cell editor: commit and move, cancel, or null (it is typing). */
export function editorKey(e: KeyLike, mode: EditMode): EditorIntent | null {
  if (e.isComposing) return null;
  if (e.key === "Escape") return { kind: "cancel" };
  if (e.key === "Enter") return { kind: "commit", dr: e.shiftKey ? -1 : 1, dc: 0 };
  if (e.key === "Tab") return { kind: "commit", dr: 0, dc: e.shiftKey ? -1 : 1 };
  if (e.key === "ArrowUp" || e.key === "ArrowDown") return { kind: "commit", dr: e.key === "ArrowUp" ? -1 : 1, dc: 0 };
  if (mode === "type" && (e.key === "ArrowLeft" || e.key === "ArrowRight")) return { kind: "commit", dr: 0, dc: e.key === "ArrowLeft" ? -1 : 1 };
  return null;
}

// ---- paste ----

/** TSV from Excel (or a plain column) into rows of values; a trailing line break is no row. */
export function parseTsv(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => l.split("\t").map((v) => v.trim()));
}

/** Whether pasted text is a block (tabs or several lines) rather than text for one cell. */
export function isBlock(text: string): boolean {
  return /[\t\n\r]/.test(text.replace(/(\r\n|\r|\n)+$/, ""));
}

export type Edit = { r: number; c: number; value: string };

/** The cells a pasted block fills from `at` right and down, cut at the grid's edge. */
export function pasteEdits(block: string[][], at: Pos, rows: number, cols: number): Edit[] {
  const edits: Edit[] = [];
  block.forEach((line, i) =>
    line.forEach((value, j) => {
      const r = at.r + i;
      const c = at.c + j;
      if (r < rows && c < cols) edits.push({ r, c, value });
    }),
  );
  return edits;
}

export type Checked = { r: number; c: number; points: number | null };
export type Refused = { r: number; c: number; value: string; problem: Problem; max: number };

/** Every edit parsed against its column's maximum: all good (`refused` empty) or not sent at all. */
export function checkEdits(edits: readonly Edit[], maxOf: (c: number) => number): { cells: Checked[]; refused: Refused[] } {
  const cells: Checked[] = [];
  const refused: Refused[] = [];
  for (const e of edits) {
    const max = maxOf(e.c);
    const p = parsePoints(e.value, max);
    if (p.ok) cells.push({ r: e.r, c: e.c, points: p.points });
    else refused.push({ r: e.r, c: e.c, value: e.value, problem: p.problem, max });
  }
  return { cells, refused };
}

// ---- the sheet the page holds ----

/** Whether a person is fully scored on a group's items. */
export function complete(row: SheetRow, group: SheetGroup): boolean {
  return group.items.length > 0 && row.filled >= group.items.length;
}

/** People fully scored / all, in one group or over the sheet. */
export function progress(groups: readonly SheetGroup[]): { done: number; all: number } {
  let done = 0;
  let all = 0;
  for (const g of groups) {
    all += g.rows.length;
    for (const row of g.rows) if (complete(row, g)) done += 1;
  }
  return { done, all };
}

const cellKey = (role: string, ratee: string, item: number) => `${role}|${ratee}|${item}`;

/**
 * The sheet with these cells set: the touched rows get new cells, `filled` and `total` (Σ of the
 * cells, as the backend sums them) and, when given, `enteredAt`; every other row and group stays
 * the object it was, so the grid redraws only the rows that changed.
 */
export function withScoreCells(view: RaterSheetView, cells: readonly ScoreCell[], enteredAt?: string): RaterSheetView {
  if (cells.length === 0) return view;
  const wanted = new Map(cells.map((c) => [cellKey(c.role, c.ratee, c.item_id), c.points]));
  const rateesOf = new Set(cells.map((c) => `${c.role}|${c.ratee}`));
  let changedAny = false;
  const groups = view.groups.map((g) => {
    let changedGroup = false;
    const rows = g.rows.map((row) => {
      if (!rateesOf.has(`${g.role}|${row.ratee}`)) return row;
      let touched = false;
      const next = g.items.map((item, c) => {
        const key = cellKey(g.role, row.ratee, item.id);
        if (!wanted.has(key)) return row.cells[c] ?? null;
        touched = true;
        return wanted.get(key) ?? null;
      });
      if (!touched) return row;
      changedGroup = true;
      let filled = 0;
      let total = 0;
      for (const v of next)
        if (v !== null) {
          filled += 1;
          total += v;
        }
      return { ...row, cells: next, filled, total, last_entered_at: enteredAt ?? row.last_entered_at };
    });
    if (!changedGroup) return g;
    changedAny = true;
    return { ...g, rows };
  });
  return changedAny ? { ...view, groups } : view;
}

/** What the sheet holds now for these cells: to put back when a write is refused. */
export function cellsNow(view: RaterSheetView, cells: readonly Pick<ScoreCell, "ratee" | "role" | "item_id">[]): ScoreCell[] {
  const stored = new Map<string, number | null>();
  for (const g of view.groups)
    for (const row of g.rows) g.items.forEach((item, c) => stored.set(cellKey(g.role, row.ratee, item.id), row.cells[c] ?? null));
  return cells.map((c) => ({ ratee: c.ratee, role: c.role, item_id: c.item_id, points: stored.get(cellKey(c.role, c.ratee, c.item_id)) ?? null }));
}

/** A cell's identity across writes (role, person, item). */
export function scoreCellKey(c: Pick<ScoreCell, "ratee" | "role" | "item_id">): string {
  return cellKey(c.role, c.ratee, c.item_id);
}

/** Items grouped for the two-row header: consecutive items of the same 分组 share a cell. */
export function headerGroups(items: readonly { group: string }[]): { group: string; span: number }[] {
  const out: { group: string; span: number }[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && last.group === item.group) last.span += 1;
    else out.push({ group: item.group, span: 1 });
  }
  return out;
}
