// The grid's selection, kept out of React state: a row re-renders only when its own part of the
// selection changes (moving the cursor redraws two rows, not 300).
import { useSyncExternalStore } from "react";
import { normRange, type Pos, type Range } from "./gridLogic";

export type Selection = {
  anchor: Pos;
  focus: Pos;
  /** The focused cell is being typed in, starting from `initial`. */
  editing: { initial: string } | null;
};

export type SelectionStore = {
  get(): Selection | null;
  set(next: Selection | null): void;
  subscribe(listener: () => void): () => void;
};

export function createSelectionStore(): SelectionStore {
  let state: Selection | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(next) {
      state = next;
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export function selectedRange(sel: Selection | null): Range | null {
  return sel ? normRange(sel.anchor, sel.focus) : null;
}

/** One row's share of the selection: selected days, the focused day, editing (-1: none). */
export type RowSelection = { c0: number; c1: number; focus: number; editing: boolean };

function rowKey(sel: Selection | null, r: number): string {
  const range = selectedRange(sel);
  if (!sel || !range || r < range.r0 || r > range.r1) return "";
  const focus = sel.focus.r === r ? sel.focus.c : -1;
  return `${range.c0}:${range.c1}:${focus}:${focus >= 0 && sel.editing ? 1 : 0}`;
}

/** Subscribes a row to its share of the selection (a string, so unchanged rows skip the render). */
export function useRowSelection(store: SelectionStore, r: number): RowSelection | null {
  const key = useSyncExternalStore(store.subscribe, () => rowKey(store.get(), r));
  if (!key) return null;
  const [c0, c1, focus, editing] = key.split(":").map(Number);
  return { c0, c1, focus, editing: editing === 1 };
}

/** Whether anything is selected (the toolbar's buttons re-render when that flips, not on each move). */
export function useHasSelection(store: SelectionStore): boolean {
  return useSyncExternalStore(store.subscribe, () => store.get() !== null);
}

/** The focused cell, for the small components that show it (one render per move, theirs alone). */
export function useFocus(store: SelectionStore): Pos | null {
  const key = useSyncExternalStore(store.subscribe, () => {
    const sel = store.get();
    return sel ? `${sel.focus.r}:${sel.focus.c}` : "";
  });
  if (!key) return null;
  const [r, c] = key.split(":").map(Number);
  return { r, c };
}
