import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { App } from "antd";
import { useQuery, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useBackend, type Topic } from "../backend";
import { errorText } from "./errors";

/** Whether a write that changed `changed` concerns a reader of `shown`. */
export function concerns(changed: readonly Topic[], shown: readonly Topic[]): boolean {
  return changed.includes("external") || changed.some((t) => shown.includes(t));
}

/**
 * Run `reload` (debounced) when the backend reports a committed write, from anywhere, that
 * changed one of `topics`.
 */
export function useDataChanged(topics: readonly Topic[], reload: () => void, delayMs = 150) {
  const backend = useBackend();
  const ref = useRef(reload);
  ref.current = reload;
  const key = topics.join(",");
  useEffect(() => {
    const shown = key.split(",") as Topic[];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = backend.onDataChanged((changed) => {
      if (!concerns(changed, shown)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => ref.current(), delayMs);
    });
    return () => {
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [backend, key, delayMs]);
}

/**
 * Marks stale every query whose topics a write changed (the active ones read again at once).
 * Mounted once, at the root: each query names its topics in `meta.topics` (see `useLoad`).
 */
export function useTopicInvalidation(client: QueryClient) {
  const backend = useBackend();
  useEffect(() => {
    // Reads that wait for a run of writes to settle (`settleMs`): the pending read per query.
    const settling = new Map<string, ReturnType<typeof setTimeout>>();
    const unsubscribe = backend.onDataChanged((changed, origin) => {
      const own = isOwnWrite(origin);
      const now = new Set<string>();
      for (const q of client.getQueryCache().getAll()) {
        if (!concerns(changed, (q.meta?.topics as Topic[] | undefined) ?? []) || (own && q.meta?.patchesOwnWrites)) continue;
        const settleMs = q.meta?.settleMs as number | undefined;
        if (!settleMs) {
          now.add(q.queryHash);
          continue;
        }
        clearTimeout(settling.get(q.queryHash));
        const key = q.queryKey;
        settling.set(
          q.queryHash,
          setTimeout(() => {
            settling.delete(q.queryHash);
            void client.invalidateQueries({ queryKey: key, exact: true });
          }, settleMs),
        );
      }
      if (now.size > 0) void client.invalidateQueries({ predicate: (q) => now.has(q.queryHash) });
    });
    return () => {
      unsubscribe();
      for (const timer of settling.values()) clearTimeout(timer);
    };
  }, [backend, client]);
}

/** Show any error as a translated antd message. */
export function useReportError() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback((error: unknown) => void message.error(errorText(t, error)), [t, message]);
}

// Writes a page applies to its own cached read (the roster grid patches the cells it wrote):
// their change events carry an origin from this window, and that page's read skips them.
const windowOrigin = `w${Math.random().toString(36).slice(2, 10)}`;
let writes = 0;

/** An id for a write whose page applies the change itself (a `useLoad` with `patchesOwnWrites`). */
export function ownWriteOrigin(): string {
  writes += 1;
  return `${windowOrigin}:${writes}`;
}

function isOwnWrite(origin: string | null | undefined): boolean {
  return !!origin && origin.startsWith(`${windowOrigin}:`);
}

export type Loaded<T> = {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** Changes the cached read in place (a write's result applied without reading again). */
  patch: (change: (data: T) => T) => void;
};

/**
 * Reads from the backend under `key`, and reads again when a write changes one of `topics`
 * (TanStack Query caches it: a page shown again draws at once from the last read). With
 * `patchesOwnWrites`, the page applies its own writes (`patch`, with `ownWriteOrigin`) and their
 * events do not make it read again; everyone else's still do. With `settleMs`, it reads again
 * only once the writes have paused that long (a summary beside a grid being typed into: one read
 * after the typing, not one per keystroke competing with the grid's own).
 */
export function useLoad<T>(
  key: QueryKey,
  topics: readonly Topic[],
  load: () => Promise<T>,
  { patchesOwnWrites = false, enabled = true, settleMs }: { patchesOwnWrites?: boolean; enabled?: boolean; settleMs?: number } = {},
): Loaded<T> {
  // A page that patches its read keeps unchanged parts as they were itself; comparing the whole
  // read deeply on every patch (TanStack's structural sharing) would cost more than it saves.
  // `enabled: false` holds the read back until the page needs it.
  const query = useQuery({ queryKey: key, queryFn: load, meta: { topics, patchesOwnWrites, settleMs }, structuralSharing: !patchesOwnWrites, enabled });
  const client = useQueryClient();
  const keyText = JSON.stringify(key);
  const reload = useCallback(() => void client.invalidateQueries({ queryKey: key, exact: true }), [client, keyText]);
  const patch = useCallback(
    (change: (data: T) => T) => client.setQueryData<T>(key, (old) => (old === undefined ? old : change(old))),
    [client, keyText],
  );
  return { data: query.data, loading: query.isFetching, error: query.error, reload, patch };
}

type Handlers = Record<string, (...args: never[]) => unknown>;

/**
 * Handlers that keep their identity from render to render (a memoized child does not render
 * again for them) and call the latest render's functions. The keys must not change.
 */
export function useStableHandlers<T extends Handlers>(handlers: T): T {
  const latest = useRef(handlers);
  latest.current = handlers;
  const keys = Object.keys(handlers).join(",");
  return useMemo(
    () =>
      Object.fromEntries(
        keys.split(",").map((k) => [k, (...args: never[]) => (latest.current[k] as (...a: never[]) => unknown)(...args)]),
      ) as T,
    [keys],
  );
}

/**
 * One write at a time with its spinner: `run(work)` marks the form busy until `work` settles,
 * hands a failure to `onError` (without one, the caller's await rethrows it).
 */
export function useBusy(onError?: (error: unknown) => void) {
  const [busy, setBusy] = useState(false);
  const handler = useRef(onError);
  handler.current = onError;
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      if (!handler.current) throw e;
      handler.current(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, run };
}
