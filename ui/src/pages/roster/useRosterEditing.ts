// Editing the grid like a spreadsheet: the selection, keys, clipboard and fill patterns turned
// into one `putRosterCells` call each, shown at once and rolled back if refused; undo and redo;
// and the reason a published month asks for before it takes an edit.
import { useEffect, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from "react";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { BackendError, useBackend, type CellInput, type RosterAgent, type RosterMonth } from "../../backend";
import { ownWriteOrigin, useReportError } from "../../lib/hooks";
import type { Day } from "./calendar";
import {
  History,
  keyIntent,
  parsePattern,
  parseTsv,
  pasteEdits,
  patternEdits,
  step,
  toTsv,
  type Change,
  type Edit,
  type Pos,
} from "./gridLogic";
import type { GridActions } from "./RosterGrid";
import { createSelectionStore, selectedRange } from "./selection";
import { shortDate } from "./violations";
import { cellsNow, withCells, withRecheck } from "./rosterPatch";

type Direction = "do" | "undo" | "redo";
type Pending = { changes: Change[]; dir: Direction };

export type RosterEditingInput = {
  data: RosterMonth | undefined;
  rows: readonly RosterAgent[];
  days: readonly Day[];
  baseCells: ReadonlyMap<string, string[]>;
  canEdit: boolean;
  /**
   * Rows the operator may not edit although they edit the roster: a published team's month for
   * a team lead (the backend refuses it with `roster.locked_for_lead`).
   */
  locked?: (employeeNo: string) => boolean;
  /** Changes when other cells are shown (another month or team): the selection is dropped. */
  scope: string;
  /** Changes the month as the page holds it (a write's cells, then the backend's re-check). */
  patch: (change: (month: RosterMonth) => RosterMonth) => void;
  /** Reads the month again (a write that changed the live floor may change more than its cells). */
  reload: () => void;
  /** The context menu of a cell: its change history. */
  onCellMenu: (pos: Pos) => void;
};

export function useRosterEditing({ data, rows, days, baseCells, canEdit, locked, scope, patch, reload, onCellMenu }: RosterEditingInput) {
  const { t } = useTranslation();
  const backend = useBackend();
  const { message } = App.useApp();
  const report = useReportError();

  // A write shows at once: its cells go into the month the page holds before the backend
  // answers, and come out again if it refuses.
  const cells = baseCells as ReadonlyMap<string, readonly string[]>;

  const store = useMemo(() => createSelectionStore(), []);
  const gridRef = useRef<HTMLDivElement>(null);
  const draftRef = useRef("");
  const historyRef = useRef(new History());
  const [, setHistoryTick] = useState(0);
  const [ask, setAsk] = useState<Pending | null>(null);

  // Other cells on screen: the old selection means other cells.
  useEffect(() => store.set(null), [store, scope]);

  const valueAt = (r: number, c: number) => cells.get(rows[r]?.employee_no ?? "")?.[c] ?? "";
  /** The row may take an edit; else the operator is told why not. */
  const editable = (r: number) => {
    if (!canEdit) return false;
    const agent = rows[r];
    if (agent && locked?.(agent.employee_no)) {
      void message.warning({ content: t("roster.lockedForLead"), key: "roster-locked" });
      return false;
    }
    return true;
  };

  const send = async (pending: Pending, reason: string | null) => {
    const { changes, dir } = pending;
    const inputs: CellInput[] = changes.map((ch) => ({
      employee_no: ch.employee_no,
      date: ch.date,
      cell: dir === "undo" ? ch.before : ch.after,
    }));
    const before = data ? cellsNow(data, inputs) : [];
    patch((m) => withCells(m, inputs));
    try {
      const written = await backend.putRosterCells(inputs, reason, ownWriteOrigin());
      patch((m) => written.months.reduce(withRecheck, m));
      if (written.floor_changed) reload();
      const history = historyRef.current;
      const could = `${history.canUndo}${history.canRedo}`;
      if (dir === "do") history.push(changes);
      if (dir === "undo") history.undo();
      if (dir === "redo") history.redo();
      // The page renders again only when the undo or redo button changes.
      if (`${history.canUndo}${history.canRedo}` !== could) setHistoryTick((n) => n + 1);
      setAsk(null);
    } catch (e) {
      patch((m) => withCells(m, before));
      const err = BackendError.from(e);
      if (err.code === "roster.needs_reason" && !reason) {
        setAsk(pending);
        return;
      }
      if (err.code === "import.invalid" && err.params.row) {
        const bad = inputs[Number(err.params.row) - 1];
        const agent = bad && data?.agents.find((a) => a.employee_no === bad.employee_no);
        if (bad) {
          const problem = err.params.field === "cell" ? t("errors.roster.bad_cell") : t("errors.import.unknown_agent");
          void message.error(
            t("roster.badCell", { who: agent ? `${agent.employee_no} ${agent.name}` : bad.employee_no, date: shortDate(bad.date), value: bad.cell, problem }),
          );
          return;
        }
      }
      report(e);
    }
  };

  /** Edits of the visible grid → one write (unchanged cells are left out). */
  const write = (edits: Edit[]) => {
    if (!canEdit) return;
    const changes: Change[] = [];
    let refused = false;
    for (const e of edits) {
      const agent = rows[e.r];
      const day = days[e.c];
      if (!agent || !day) continue;
      if (locked?.(agent.employee_no)) {
        refused = true;
        continue;
      }
      const before = valueAt(e.r, e.c);
      const after = e.value.trim();
      if (before !== after) changes.push({ employee_no: agent.employee_no, date: day.date, before, after });
    }
    if (refused) void message.warning({ content: t("roster.lockedForLead"), key: "roster-locked" });
    if (changes.length > 0) void send({ changes, dir: "do" }, null);
  };

  const scrollTo = (pos: Pos) => {
    const agent = rows[pos.r];
    const day = days[pos.c];
    if (!agent || !day) return;
    gridRef.current?.querySelector(`[data-testid="cell-${agent.employee_no}-${day.date}"]`)?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  };

  const undo = () => {
    const a = historyRef.current.peekUndo();
    if (a) void send({ changes: a, dir: "undo" }, null);
  };
  const redo = () => {
    const a = historyRef.current.peekRedo();
    if (a) void send({ changes: a, dir: "redo" }, null);
  };

  // The grid's handlers read the latest render through this ref; the object the rows get is stable.
  const live = useRef<GridActions>(null as unknown as GridActions);
  live.current = {
    keyDown(e: KeyboardEvent<HTMLElement>) {
      const intent = keyIntent(e);
      if (!intent || rows.length === 0 || days.length === 0) return;
      const sel = store.get();
      if (intent.kind === "undo" || intent.kind === "redo") {
        e.preventDefault();
        if (canEdit) (intent.kind === "undo" ? undo : redo)();
        return;
      }
      if (intent.kind === "selectAll") {
        e.preventDefault();
        store.set({ anchor: { r: 0, c: 0 }, focus: { r: rows.length - 1, c: days.length - 1 }, editing: null });
        return;
      }
      if (!sel) {
        if (intent.kind === "move") {
          e.preventDefault();
          store.set({ anchor: { r: 0, c: 0 }, focus: { r: 0, c: 0 }, editing: null });
        }
        return;
      }
      switch (intent.kind) {
        case "move": {
          e.preventDefault();
          const focus = step(sel.focus, intent.dr, intent.dc, rows.length, days.length);
          store.set({ anchor: intent.extend ? sel.anchor : focus, focus, editing: null });
          scrollTo(focus);
          return;
        }
        case "clear": {
          e.preventDefault();
          const range = selectedRange(sel)!;
          const edits: Edit[] = [];
          for (let r = range.r0; r <= range.r1; r++) for (let c = range.c0; c <= range.c1; c++) edits.push({ r, c, value: "" });
          write(edits);
          return;
        }
        case "type":
          if (!editable(sel.focus.r)) return;
          e.preventDefault();
          draftRef.current = intent.text;
          store.set({ anchor: sel.focus, focus: sel.focus, editing: { initial: intent.text } });
          return;
        case "edit":
          if (!editable(sel.focus.r)) return;
          e.preventDefault();
          this.startEdit(sel.focus);
          return;
      }
    },
    copy(e: ClipboardEvent<HTMLElement>) {
      const range = selectedRange(store.get());
      if (!range || (e.target as HTMLElement).closest("input")) return;
      e.preventDefault();
      e.clipboardData.setData("text/plain", toTsv(valueAt, range));
    },
    paste(e: ClipboardEvent<HTMLElement>) {
      const range = selectedRange(store.get());
      if (!range || !canEdit || (e.target as HTMLElement).closest("input")) return;
      e.preventDefault();
      const block = parseTsv(e.clipboardData.getData("text/plain"));
      write(pasteEdits(block, range, rows.length, days.length));
    },
    select(pos: Pos, extend: boolean) {
      const sel = store.get();
      if (sel?.editing) this.commit(0, 0);
      const now = store.get();
      store.set({ anchor: extend && now ? now.anchor : pos, focus: pos, editing: null });
    },
    startEdit(pos: Pos) {
      if (!editable(pos.r)) return;
      const initial = valueAt(pos.r, pos.c);
      draftRef.current = initial;
      store.set({ anchor: pos, focus: pos, editing: { initial } });
    },
    contextMenu(pos: Pos) {
      store.set({ anchor: pos, focus: pos, editing: null });
      onCellMenu(pos);
    },
    draft(value: string) {
      draftRef.current = value;
    },
    commit(dr: number, dc: number) {
      const sel = store.get();
      if (!sel?.editing) return;
      const pos = sel.focus;
      const next = step(pos, dr, dc, rows.length, days.length);
      store.set({ anchor: next, focus: next, editing: null });
      gridRef.current?.focus({ preventScroll: true });
      write([{ ...pos, value: draftRef.current }]);
    },
    cancel() {
      const sel = store.get();
      if (!sel) return;
      store.set({ ...sel, editing: null });
      gridRef.current?.focus({ preventScroll: true });
    },
  };
  const actions = useMemo<GridActions>(
    () => ({
      keyDown: (e) => live.current.keyDown(e),
      copy: (e) => live.current.copy(e),
      paste: (e) => live.current.paste(e),
      select: (p, x) => live.current.select(p, x),
      startEdit: (p) => live.current.startEdit(p),
      contextMenu: (p) => live.current.contextMenu(p),
      draft: (v) => live.current.draft(v),
      commit: (dr, dc) => live.current.commit(dr, dc),
      cancel: () => live.current.cancel(),
    }),
    [],
  );

  /** Select one cell from outside the grid (a violation in the list) and bring it into view. */
  const focusCell = (pos: Pos) => {
    store.set({ anchor: pos, focus: pos, editing: null });
    gridRef.current?.focus({ preventScroll: true });
    scrollTo(pos);
  };

  /** Writes `pattern` along each row of the selection; false when nothing is selected. */
  const fillSelection = (pattern: string): boolean => {
    const range = selectedRange(store.get());
    if (!range) return false;
    write(patternEdits(parsePattern(pattern), range));
    return true;
  };

  return {
    store,
    gridRef,
    cells,
    actions,
    canUndo: historyRef.current.canUndo,
    canRedo: historyRef.current.canRedo,
    undo,
    redo,
    focusCell,
    fillSelection,
    /** A published month refused the last edit until it has a reason. */
    needsReason: !!ask,
    sendWithReason: (reason: string) => (ask ? send(ask, reason) : undefined),
    dropReason: () => setAsk(null),
  };
}
