import { useCallback, useEffect, useRef, useState } from "react";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { useBackend } from "../backend";
import { errorText } from "./errors";

/** Re-run `reload` (debounced) whenever the backend reports a committed write from anywhere. */
export function useDataChanged(reload: () => void, delayMs = 150) {
  const backend = useBackend();
  const ref = useRef(reload);
  ref.current = reload;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = backend.onDataChanged(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => ref.current(), delayMs);
    });
    return () => {
      if (timer) clearTimeout(timer);
      unsubscribe();
    };
  }, [backend, delayMs]);
}

/** Show any error as a translated antd message. */
export function useReportError() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback((error: unknown) => void message.error(errorText(t, error)), [t, message]);
}

export type Loaded<T> = { data: T | undefined; loading: boolean; error: unknown; reload: () => void };

/** Load data from the backend, keep it fresh on data-changed events. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => {
    const my = ++seq.current;
    setLoading(true);
    loadRef.current().then(
      (d) => {
        if (my !== seq.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (my !== seq.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, []);
  useEffect(reload, deps);
  useDataChanged(reload);
  useEffect(() => () => void (seq.current = -1), []);
  return { data, loading, error, reload };
}
