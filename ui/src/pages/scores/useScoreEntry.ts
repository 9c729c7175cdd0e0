// Typing the sheet like a spreadsheet: one cursor over all the page's grids, kept out of React
// state (a move redraws two rows, not 300); keys, clicks and pastes turned into saves. A save
// shows at once (the cached sheet is patched before the backend answers), goes out in order
// with the page's own origin, and is taken back if the backend refuses it. Past the window the
// first refusal asks for a supervisor's sign-off, which then goes with every later save. A
// computed item's cells are the backend's: the cursor moves through them, nothing types there.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type ClipboardEvent, type KeyboardEvent } from "react";
import { App } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type LateSignoff, type RaterSheetView, type ScoreCell, type ScoreEntry, type SheetGroup } from "../../backend";
import { errorText } from "../../lib/errors";
import { ownWriteOrigin } from "../../lib/hooks";
import {
  cellsNow,
  checkEdits,
  formatPoints,
  isBlock,
  keyIntent,
  parsePoints,
  parseTsv,
  pasteEdits,
  scoreCellKey,
  step,
  withScoreCells,
  type EditMode,
  type Edit,
  type Pos,
  type Problem,
  type Refused,
} from "./scoreGrid";

// ---- the cursor ----

/** The focused cell: g = the group (grid) on the page, r and c inside it. */
export type Cursor = { g: number } & Pos;

export type Selection = {
  at: Cursor;
  /** The focused cell is being typed in, from `initial`. */
  editing: { initial: string; mode: EditMode } | null;
  /** Why the editor's value was refused (the editor stays open, red). */
  error: string | null;
  /** Cells a refused paste named (red until the next action). */
  flagged: readonly Cursor[];
};

export type SelectionStore = {
  get(): Selection | null;
  set(next: Selection | null): void;
  subscribe(listener: () => void): () => void;
};

function createStore<T>(initial: T) {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next: T) {
      state = next;
      listeners.forEach((l) => l());
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** One row's share of the cursor. */
export type RowCursor = { focus: number; editing: boolean; error: string | null; flagged: number[] };

function rowKey(sel: Selection | null, g: number, r: number): string {
  if (!sel) return "";
  const flagged = sel.flagged.filter((f) => f.g === g && f.r === r).map((f) => f.c);
  const here = sel.at.g === g && sel.at.r === r;
  if (!here && flagged.length === 0) return "";
  return JSON.stringify([here ? sel.at.c : -1, here && !!sel.editing, here ? sel.error : null, flagged]);
}

/** Subscribes a row to its share of the cursor (a string: rows it does not touch skip the render). */
export function useRowCursor(store: SelectionStore, g: number, r: number): RowCursor | null {
  const key = useSyncExternalStore(store.subscribe, () => rowKey(store.get(), g, r));
  if (!key) return null;
  const [focus, editing, error, flagged] = JSON.parse(key) as [number, boolean, string | null, number[]];
  return { focus, editing, error, flagged };
}

// ---- each row's saving state ----

/** A row's writes on their way (saving), refused (failed) or waiting for a sign-off. */
export type RowSave = { saving: number; failed: boolean; waiting: boolean };

export type RowSaveStore = {
  get(key: string): RowSave | undefined;
  update(key: string, change: (s: RowSave) => RowSave): void;
  subscribe(listener: () => void): () => void;
};

function createRowSaveStore(): RowSaveStore {
  const rows = new Map<string, RowSave>();
  const listeners = new Set<() => void>();
  return {
    get: (key) => rows.get(key),
    update(key, change) {
      rows.set(key, change(rows.get(key) ?? { saving: 0, failed: false, waiting: false }));
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** The save state of one row: its key is `role|ratee`. */
export function useRowSave(store: RowSaveStore, key: string): "saving" | "failed" | "waiting" | null {
  return useSyncExternalStore(store.subscribe, () => {
    const s = store.get(key);
    if (!s) return null;
    if (s.saving > 0) return "saving";
    if (s.waiting) return "waiting";
    return s.failed ? "failed" : null;
  });
}

export const rowSaveKey = (role: string, ratee: string) => `${role}|${ratee}`;

// ---- the grid's handlers ----

export type GridActions = {
  keyDown(g: number, e: KeyboardEvent<HTMLElement>): void;
  paste(g: number, e: ClipboardEvent<HTMLElement>): void;
  select(at: Cursor): void;
  startEdit(at: Cursor): void;
  /** The editor's text as typed. */
  draft(value: string): void;
  commit(dr: number, dc: number, how: "key" | "blur"): void;
  cancel(): void;
};

/** The words for a value refused on the spot: the limit with the item's maximum. */
export function problemText(t: TFunction, problem: Problem, max: number): string {
  return t(`scores.entry.limit.${problem}`, { max });
}

/** A late change waiting for the supervisor: its cells, as they were before. */
type PendingLate = { entries: ScoreEntry[]; before: ScoreCell[] };

/** The supervisor's sign-off kept for this page, and whom it names (for the banner). */
export type Approval = { late: LateSignoff; name: string };

export type ScoreEntryInput = {
  month: string;
  /** The sheet as the page holds it now (the cache, patches included, before any render). */
  read: () => RaterSheetView | undefined;
  /** Changes the sheet as the page holds it (the cells typed, taken back on a refusal). */
  patch: (change: (view: RaterSheetView) => RaterSheetView) => void;
  /** Why the sheet takes no typing now (published, not open yet); null: it does. */
  readOnly: string | null;
};

export function useScoreEntry({ month, read, patch, readOnly }: ScoreEntryInput) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();

  const store = useMemo(() => createStore<Selection | null>(null), []) as SelectionStore;
  // Each month its own rows' save states.
  const saves = useMemo(() => createRowSaveStore(), [month]);
  const grids = useRef(new Map<number, HTMLDivElement>());
  const draftRef = useRef("");
  const groupsNow = (): readonly SheetGroup[] => read()?.groups ?? [];

  // The supervisor's sign-off for late changes (kept while the page is open on this month), and
  // the cells that wait for it.
  const [approval, setApproval] = useState<Approval | null>(null);
  const approvalRef = useRef<Approval | null>(null);
  approvalRef.current = approval;
  const [pendingLate, setPendingLate] = useState<PendingLate | null>(null);
  const pendingRef = useRef<PendingLate | null>(null);
  pendingRef.current = pendingLate;

  // The newest write of each cell: a refused write takes back only the cells no later write set.
  const latest = useRef(new Map<string, number>());
  const writes = useRef(0);
  // Writes go out one after another, so the backend stores them in the order they were typed.
  const queue = useRef<Promise<void>>(Promise.resolve());

  // Another month: another sheet, another sign-off.
  useEffect(() => {
    store.set(null);
    setApproval(null);
    setPendingLate(null);
  }, [store, month]);

  const rowKeysOf = (entries: readonly ScoreEntry[]) => [...new Set(entries.map((e) => rowSaveKey(e.role, e.ratee)))];

  /** Puts back what the refused write had replaced, where no later write changed it since. */
  const takeBack = (seq: number, before: readonly ScoreCell[]) => {
    const back = before.filter((c) => latest.current.get(scoreCellKey(c)) === seq);
    if (back.length > 0) patch((v) => withScoreCells(v, back));
  };

  /** Holds the entries for the supervisor's sign-off (their cells stay shown meanwhile). */
  const waitForSignoff = (entries: ScoreEntry[], before: ScoreCell[]) => {
    const prev = pendingRef.current;
    const merged: PendingLate = prev
      ? {
          entries: [...prev.entries.filter((p) => !entries.some((e) => scoreCellKey(e) === scoreCellKey(p))), ...entries],
          before: [...prev.before, ...before.filter((b) => !prev.before.some((p) => scoreCellKey(p) === scoreCellKey(b)))],
        }
      : { entries, before };
    pendingRef.current = merged;
    setPendingLate(merged);
    for (const key of rowKeysOf(entries)) saves.update(key, (s) => ({ ...s, waiting: true }));
  };

  function endApproval() {
    approvalRef.current = null;
    setApproval(null);
  }

  /** Back to the grid once the sign-off dialog is gone. */
  const refocus = () =>
    setTimeout(() => {
      const sel = store.get();
      if (sel) focusGrid(sel.at.g);
    }, 0);

  /** Sends one write (after those before it); resolves when it is stored or taken back. */
  const send = (entries: ScoreEntry[], before: ScoreCell[], seq: number) => {
    const keys = rowKeysOf(entries);
    for (const key of keys) saves.update(key, (s) => ({ ...s, saving: s.saving + 1 }));
    const run = async () => {
      const signoff = approvalRef.current;
      try {
        const stored = await backend.enterScores(month, entries, signoff?.late ?? null, ownWriteOrigin());
        patch((v) => withScoreCells(v, stored, new Date().toISOString()));
        for (const key of keys) saves.update(key, (s) => ({ ...s, saving: s.saving - 1, failed: false, waiting: false }));
      } catch (e) {
        for (const key of keys) saves.update(key, (s) => ({ ...s, saving: s.saving - 1 }));
        const err = BackendError.from(e);
        if (err.code === "scores.window_closed" && !signoff) {
          waitForSignoff(entries, before);
          return;
        }
        // The sign-off no longer holds (the supervisor's PIN changed, or is locked): ask again.
        if (signoff && (err.code === "auth.wrong_pin" || err.code === "auth.locked")) {
          if (approvalRef.current === signoff) endApproval();
          waitForSignoff(entries, before);
          return;
        }
        takeBack(seq, before);
        for (const key of keys) saves.update(key, (s) => ({ ...s, failed: true }));
        void message.error({ content: errorText(t, e), key: "scores-save" });
      }
    };
    queue.current = queue.current.then(run, run);
    return queue.current;
  };

  /** Cells of group `g` → one write (unchanged cells left out), shown at once. */
  const write = (g: number, cells: readonly { r: number; c: number; points: number | null }[]) => {
    const view = read();
    const group = view?.groups[g];
    if (!group || !view) return;
    const entries: ScoreEntry[] = [];
    for (const cell of cells) {
      const row = group.rows[cell.r];
      const item = group.items[cell.c];
      if (!row || !item || item.computed) continue;
      if ((row.cells[cell.c] ?? null) === cell.points) continue;
      entries.push({ ratee: row.ratee, role: group.role, item_id: item.id, points: cell.points });
    }
    if (entries.length === 0) return;
    const before = cellsNow(view, entries);
    writes.current += 1;
    const seq = writes.current;
    for (const e of entries) latest.current.set(scoreCellKey(e), seq);
    patch((v) => withScoreCells(v, entries));
    // While a sign-off is asked for, later cells join the ones waiting for it.
    if (pendingRef.current && !approvalRef.current) {
      waitForSignoff(entries, before);
      return;
    }
    void send(entries, before, seq);
  };

  /** Tells why the sheet takes no typing (once, not per key). */
  const refuseReadOnly = () => {
    if (readOnly) void message.info({ content: readOnly, key: "scores-read-only" });
  };

  /** Whether the cell is a computed item's (filled from the records, never typed). */
  const computedAt = (at: Cursor) => !!groupsNow()[at.g]?.items[at.c]?.computed;
  /** Tells that a computed item takes no typing (once, not per key). */
  const refuseComputed = (at: Cursor) => {
    const item = groupsNow()[at.g]?.items[at.c];
    if (item) void message.info({ content: t("errors.scores.item_computed", { item: item.name }), key: "scores-computed" });
  };

  const valueAt = (at: Cursor) => formatPoints(groupsNow()[at.g]?.rows[at.r]?.cells[at.c] ?? null);
  const sizeOf = (g: number) => {
    const group = groupsNow()[g];
    return { rows: group?.rows.length ?? 0, cols: group?.items.length ?? 0 };
  };

  const reveal = (at: Cursor) => {
    const group = groupsNow()[at.g];
    const row = group?.rows[at.r];
    const item = group?.items[at.c];
    if (!row || !item) return;
    grids.current
      .get(at.g)
      ?.querySelector(`[data-testid="score-cell-${row.employee_no}-${item.id}"]`)
      ?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  };
  const focusGrid = (g: number) => grids.current.get(g)?.focus({ preventScroll: true });

  const whoAndWhat = (g: number, r: Refused) => {
    const group = groupsNow()[g];
    const row = group?.rows[r.r];
    return { who: row ? `${row.employee_no} ${row.name}` : "", item: group?.items[r.c]?.name ?? "" };
  };

  // The grid's handlers read the latest render through this ref; the object the rows get is stable.
  const live = useRef<GridActions>(null as unknown as GridActions);
  live.current = {
    keyDown(g, e) {
      const intent = keyIntent(e);
      if (!intent) return;
      const { rows, cols } = sizeOf(g);
      if (rows === 0 || cols === 0) return;
      const sel = store.get();
      const at: Cursor = sel && sel.at.g === g ? sel.at : { g, r: 0, c: 0 };
      if (!sel || sel.at.g !== g) {
        if (intent.kind === "move") {
          e.preventDefault();
          store.set({ at, editing: null, error: null, flagged: [] });
        }
        return;
      }
      switch (intent.kind) {
        case "move": {
          e.preventDefault();
          const next = { g, ...step(at, intent.dr, intent.dc, rows, cols) };
          store.set({ at: next, editing: null, error: null, flagged: [] });
          reveal(next);
          return;
        }
        case "clear":
          e.preventDefault();
          if (readOnly) return refuseReadOnly();
          if (computedAt(at)) return refuseComputed(at);
          store.set({ ...sel, error: null, flagged: [] });
          write(g, [{ r: at.r, c: at.c, points: null }]);
          return;
        case "type":
          e.preventDefault();
          if (readOnly) return refuseReadOnly();
          if (computedAt(at)) return refuseComputed(at);
          draftRef.current = intent.text;
          store.set({ at, editing: { initial: intent.text, mode: "type" }, error: null, flagged: [] });
          return;
        case "edit":
          e.preventDefault();
          this.startEdit(at);
          return;
      }
    },
    paste(g, e) {
      const text = e.clipboardData.getData("text/plain");
      const sel = store.get();
      // Text for the one cell being typed in: the editor takes it as typed.
      if (sel?.editing && (e.target as HTMLElement).closest("input") && !isBlock(text)) return;
      e.preventDefault();
      if (!sel || sel.at.g !== g) return;
      if (readOnly) return refuseReadOnly();
      const group = groupsNow()[g];
      if (!group) return;
      const { rows, cols } = sizeOf(g);
      const all: Edit[] = pasteEdits(parseTsv(text), sel.at, rows, cols);
      // A block over a computed column skips it (its values are the records').
      const edits = all.filter((x) => !group.items[x.c]?.computed);
      if (edits.length === 0) {
        if (all.length > 0) refuseComputed({ g, r: all[0].r, c: all[0].c });
        return;
      }
      const { cells, refused } = checkEdits(edits, (c) => group.items[c]?.max_points ?? 0);
      if (refused.length > 0) {
        const first = refused[0];
        const params = { ...whoAndWhat(g, first), value: first.value, problem: problemText(t, first.problem, first.max), count: refused.length };
        store.set({ at: sel.at, editing: null, error: null, flagged: refused.map((x) => ({ g, r: x.r, c: x.c })) });
        focusGrid(g);
        void message.error({ content: t(refused.length > 1 ? "scores.entry.pasteRefusedMore" : "scores.entry.pasteRefused", params), key: "scores-paste" });
        return;
      }
      store.set({ at: sel.at, editing: null, error: null, flagged: [] });
      focusGrid(g);
      write(g, cells);
    },
    select(at) {
      const sel = store.get();
      if (sel?.editing) this.commit(0, 0, "blur");
      store.set({ at, editing: null, error: null, flagged: [] });
    },
    startEdit(at) {
      if (readOnly) return refuseReadOnly();
      if (computedAt(at)) return refuseComputed(at);
      const initial = valueAt(at);
      draftRef.current = initial;
      store.set({ at, editing: { initial, mode: "edit" }, error: null, flagged: [] });
    },
    draft(value) {
      draftRef.current = value;
      const sel = store.get();
      // The red message goes once the text is changed; it is checked again on commit.
      if (sel?.error) store.set({ ...sel, error: null });
    },
    commit(dr, dc, how) {
      const sel = store.get();
      if (!sel?.editing) return;
      const { at } = sel;
      const group = groupsNow()[at.g];
      const item = group?.items[at.c];
      if (!group || !item) return;
      const parsed = parsePoints(draftRef.current, item.max_points);
      if (!parsed.ok) {
        const problem = problemText(t, parsed.problem, parsed.max);
        if (how === "blur") {
          // Left for another cell or elsewhere: the value is dropped, and the operator told.
          store.set({ ...sel, editing: null, error: null });
          void message.warning({ content: t("scores.entry.refusedOnBlur", { item: item.name, problem }), key: "scores-refused" });
          return;
        }
        // Refused on the spot: the editor stays, red, with the limit; nothing is sent.
        store.set({ ...sel, error: problem });
        return;
      }
      const { rows, cols } = sizeOf(at.g);
      const next = { g: at.g, ...step(at, dr, dc, rows, cols) };
      store.set({ at: next, editing: null, error: null, flagged: [] });
      if (how === "key") {
        focusGrid(at.g);
        reveal(next);
      }
      write(at.g, [{ r: at.r, c: at.c, points: parsed.points }]);
    },
    cancel() {
      const sel = store.get();
      if (!sel) return;
      store.set({ ...sel, editing: null, error: null });
      focusGrid(sel.at.g);
    },
  };
  const actions = useMemo<GridActions>(
    () => ({
      keyDown: (g, e) => live.current.keyDown(g, e),
      paste: (g, e) => live.current.paste(g, e),
      select: (at) => live.current.select(at),
      startEdit: (at) => live.current.startEdit(at),
      draft: (v) => live.current.draft(v),
      commit: (dr, dc, how) => live.current.commit(dr, dc, how),
      cancel: () => live.current.cancel(),
    }),
    [],
  );

  /** Registers grid `g`'s scroll container (keys and focus return to it after an edit). */
  const gridRef = useMemo(() => {
    const refs = new Map<number, (el: HTMLDivElement | null) => void>();
    return (g: number) => {
      let ref = refs.get(g);
      if (!ref) {
        ref = (el) => {
          if (el) grids.current.set(g, el);
          else grids.current.delete(g);
        };
        refs.set(g, ref);
      }
      return ref;
    };
  }, []);

  /** Sends the waiting cells with the supervisor's sign-off; throws the backend's refusal (for the modal). */
  const signOff = async (late: LateSignoff, name: string) => {
    const pending = pendingRef.current;
    if (!pending) return;
    const keys = rowKeysOf(pending.entries);
    for (const key of keys) saves.update(key, (s) => ({ ...s, saving: s.saving + 1 }));
    try {
      const stored = await backend.enterScores(month, pending.entries, late, ownWriteOrigin());
      patch((v) => withScoreCells(v, stored, new Date().toISOString()));
      for (const key of keys) saves.update(key, (s) => ({ ...s, saving: s.saving - 1, failed: false, waiting: false }));
      const kept = { late, name };
      approvalRef.current = kept;
      setApproval(kept);
      pendingRef.current = null;
      setPendingLate(null);
      refocus();
    } catch (e) {
      for (const key of keys) saves.update(key, (s) => ({ ...s, saving: s.saving - 1 }));
      throw e;
    }
  };

  /** The sign-off is not given: the waiting cells go back to what is stored. */
  const dropLate = () => {
    const pending = pendingRef.current;
    if (!pending) return;
    const seq = writes.current + 1;
    writes.current = seq;
    for (const c of pending.before) latest.current.set(scoreCellKey(c), seq);
    takeBack(seq, pending.before);
    for (const key of rowKeysOf(pending.entries)) saves.update(key, (s) => ({ ...s, waiting: false }));
    pendingRef.current = null;
    setPendingLate(null);
    void message.warning({ content: t("scores.entry.late.dropped"), key: "scores-late-dropped" });
    refocus();
  };


  return {
    store,
    saves,
    actions,
    gridRef,
    approval,
    endApproval,
    /** Cells waiting for the supervisor's sign-off (the modal is open while there are). */
    waitingCells: pendingLate?.entries.length ?? 0,
    signOff,
    dropLate,
  };
}
