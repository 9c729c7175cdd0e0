import { useCallback, useEffect, useRef } from "react";
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
  useEffect(
    () =>
      backend.onDataChanged((changed) => {
        void client.invalidateQueries({
          predicate: (q) => concerns(changed, (q.meta?.topics as Topic[] | undefined) ?? []),
        });
      }),
    [backend, client],
  );
}

/** Show any error as a translated antd message. */
export function useReportError() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback((error: unknown) => void message.error(errorText(t, error)), [t, message]);
}

export type Loaded<T> = { data: T | undefined; loading: boolean; error: unknown; reload: () => void };

/**
 * Reads from the backend under `key`, and reads again when a write changes one of `topics`
 * (TanStack Query caches it: a page shown again draws at once from the last read).
 */
export function useLoad<T>(key: QueryKey, topics: readonly Topic[], load: () => Promise<T>): Loaded<T> {
  const query = useQuery({ queryKey: key, queryFn: load, meta: { topics } });
  const client = useQueryClient();
  const reload = useCallback(() => void client.invalidateQueries({ queryKey: key, exact: true }), [client, JSON.stringify(key)]);
  return { data: query.data, loading: query.isFetching, error: query.error, reload };
}
