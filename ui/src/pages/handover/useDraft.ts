// Drafts of what the operator is typing (docs/design/handover.md §8.3): saved through
// `saveHandoverDraft` 300 ms after the last change (at once on `flush`, e.g. on blur, and on
// unmount), restored once on mount from `handoverDrafts`. "Saved" is shown only once the backend
// confirmed, so killing the app loses nothing the indicator has promised. Saves go out one after
// another, so a later one never lands before an earlier one.
import { useCallback, useEffect, useRef, useState } from "react";
import { useBackend } from "../../backend";

export const DRAFT_DELAY_MS = 300;

/** The entry row's slot; a dialog about an item uses `item:<id>:<what>`. */
export const NEW_SLOT = "new";

export type DraftHandle = {
  /** When the backend last confirmed a save (null: nothing confirmed since the last reset). */
  savedAt: Date | null;
  /** The last save's failure (cleared by the next success). */
  error: unknown;
  /** The form changed: save `body` after a quiet spell ("" removes the draft). */
  change: (body: string) => void;
  /** Save a pending change now (blur). */
  flush: () => void;
  /** Drop a pending change unsaved and wait for saves already sent (before a write that clears the draft). */
  settle: () => Promise<void>;
  /** Drop a pending change and remove the draft in the backend. */
  discard: () => Promise<void>;
  /** Forget the indicator (the backend cleared the draft itself). */
  reset: () => void;
};

export function useDraft(logId: number | null, slot: string, onRestore?: (body: string) => void): DraftHandle {
  const backend = useBackend();
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<string | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const mounted = useRef(true);
  const restore = useRef(onRestore);
  restore.current = onRestore;

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const send = useCallback(
    (body: string) => {
      if (logId === null) return;
      const input = { log_id: logId, slot, body };
      chain.current = chain.current.then(
        () =>
          backend.saveHandoverDraft(input).then(
            () => {
              if (!mounted.current) return;
              setSavedAt(new Date());
              setError(null);
            },
            (e: unknown) => {
              if (mounted.current) setError(e);
            },
          ),
      );
    },
    [backend, logId, slot],
  );

  const flush = useCallback(() => {
    stopTimer();
    const body = pending.current;
    pending.current = null;
    if (body !== null) send(body);
  }, [send]);

  // Restore once per log and slot; on leaving (unmount, another log) save what is pending there.
  useEffect(() => {
    mounted.current = true;
    let live = true;
    if (logId !== null) {
      backend.handoverDrafts(logId).then(
        (drafts) => {
          const draft = live ? drafts.find((d) => d.slot === slot) : undefined;
          if (draft) restore.current?.(draft.body);
        },
        () => {
          /* no draft to restore: the row starts empty */
        },
      );
    }
    return () => {
      live = false;
      mounted.current = false;
      flush();
    };
  }, [backend, logId, slot, flush]);

  const change = useCallback(
    (body: string) => {
      pending.current = body;
      stopTimer();
      timer.current = setTimeout(flush, DRAFT_DELAY_MS);
    },
    [flush],
  );

  const settle = useCallback(() => {
    stopTimer();
    pending.current = null;
    return chain.current;
  }, []);

  const discard = useCallback(async () => {
    await settle();
    setSavedAt(null);
    if (logId === null) return;
    try {
      await backend.discardHandoverDraft(logId, slot);
    } catch (e) {
      if (mounted.current) setError(e);
    }
  }, [backend, logId, slot, settle]);

  const reset = useCallback(() => {
    setSavedAt(null);
    setError(null);
  }, []);

  return { savedAt, error, change, flush, settle, discard, reset };
}
