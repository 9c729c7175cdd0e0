import { Suspense, lazy, useCallback, useEffect, useMemo, useState } from "react";
import { App as AntApp, Button, ConfigProvider, Result, Spin, Typography } from "antd";
import zhCN from "antd/locale/zh_CN";
import enUS from "antd/locale/en_US";
import { useTranslation } from "react-i18next";
import { BackendError, BackendProvider, useBackend, type AppStatus, type Backend, type Operator } from "./backend";
import { SessionContext, type Session } from "./session";
import { theme } from "./theme";
import { errorText, startupHint } from "./lib/errors";
import LangSwitch from "./components/LangSwitch";
import { QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { useDataChanged, useTopicInvalidation } from "./lib/hooks";
import { createQueryClient } from "./lib/query";
import SetupWizard from "./pages/SetupWizard";
import Login from "./pages/Login";

// The shell (menu, header and the board) is a chunk of its own: the login screen, the first thing
// drawn, does not wait for it. It is fetched while the login screen sits idle (see `Root`), so
// logging in does not wait for it either.
const loadShell = () => import("./pages/Shell");
const Shell = lazy(loadShell);

/** Fetch the shell's chunk once the browser is idle (or after a moment where it cannot say). */
function prefetchShell(): () => void {
  const w = window as Window & {
    requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number;
    cancelIdleCallback?: (id: number) => void;
  };
  const go = () => void loadShell().catch(() => {});
  if (w.requestIdleCallback && w.cancelIdleCallback) {
    const id = w.requestIdleCallback(go, { timeout: 1500 });
    return () => w.cancelIdleCallback?.(id);
  }
  const id = window.setTimeout(go, 400);
  return () => window.clearTimeout(id);
}

/** `motion: false` turns antd's animations off (the tests use it). */
export default function App({ backend, motion = true }: { backend: Backend; motion?: boolean }) {
  const { i18n } = useTranslation();
  const locale = i18n.language === "en" ? enUS : zhCN;
  const themeConfig = useMemo(() => (motion ? theme : { ...theme, token: { ...theme.token, motion: false } }), [motion]);
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigProvider locale={locale} theme={themeConfig} componentSize="middle" button={{ autoInsertSpace: false }}>
      <AntApp>
        <BackendProvider backend={backend}>
          <QueryClientProvider client={queryClient}>
            <Root />
          </QueryClientProvider>
        </BackendProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function Root() {
  const backend = useBackend();
  useTopicInvalidation(useQueryClient());
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await backend.appStatus());
      setFailure(null);
    } catch (e) {
      setFailure(e);
    }
  }, [backend]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  // Another window or the CLI may rename the site or set it up.
  useDataChanged(["site", "users"], () => void refresh(), 300);

  const enter = useCallback(
    (operator: Operator) => {
      setStatus((s) => (s ? { ...s, initialized: true, operator } : s));
      void refresh();
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await backend.logout();
    } finally {
      setStatus((s) => (s ? { ...s, operator: null } : s));
      await refresh();
    }
  }, [backend, refresh]);

  const session = useMemo<Session | null>(() => {
    if (!status?.operator || !status.site) return null;
    return { status, operator: status.operator, site: status.site, refresh, logout };
  }, [status, refresh, logout]);

  // On the login screen (or the wizard), fetch the shell meanwhile.
  const waiting = status !== null && session === null;
  useEffect(() => (waiting ? prefetchShell() : undefined), [waiting]);

  if (failure && !status) return <StartupError error={failure} onRetry={() => void refresh()} />;
  if (!status) {
    return (
      <div className="fd-center">
        <Spin size="large" />
      </div>
    );
  }
  if (!status.initialized) return <SetupWizard onDone={enter} />;
  if (!session) return <Login site={status.site} onDone={enter} />;
  return (
    <SessionContext.Provider value={session}>
      <Suspense
        fallback={
          <div className="fd-center">
            <Spin size="large" />
          </div>
        }
      >
        <Shell />
      </Suspense>
    </SessionContext.Provider>
  );
}

/**
 * The database could not be opened (e.g. `db.newer_schema`: a newer FloorDesk wrote it, or
 * `db.not_floordesk`): say why, with the code to pass on and what to do about it.
 */
function StartupError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const code = BackendError.from(error).code;
  return (
    <div className="fd-startup-error" data-testid="startup-error">
      <div className="fd-startup-error-lang">
        <LangSwitch />
      </div>
      <Result
        status="error"
        title={t("startup.title")}
        subTitle={<span data-testid="startup-error-message">{errorText(t, error)}</span>}
        extra={
          <Button type="primary" data-testid="startup-retry" onClick={onRetry}>
            {t("startup.retry")}
          </Button>
        }
      >
        <Typography.Paragraph data-testid="startup-error-hint">{startupHint(t, error)}</Typography.Paragraph>
        <Typography.Text type="secondary">
          {t("startup.code")}: <Typography.Text code data-testid="startup-error-code">{code}</Typography.Text>
        </Typography.Text>
      </Result>
    </div>
  );
}
