// Mounting the 交接班 page for its tests: the whole app over a fake backend that answers the
// handover reads from testViews.ts (`openHandover`), or one part of the page inside the providers
// the app gives it (`renderHandover`). Tests only: nothing here decides anything.
import type { ReactElement } from "react";
import { render, screen } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import { StyleProvider } from "@ant-design/cssinjs";
import { QueryClientProvider } from "@tanstack/react-query";
import { BackendProvider, type Backend, type CommandApi, type Draft, type Role } from "../../backend";
import { createQueryClient } from "../../lib/query";
import { SessionContext, type Session } from "../../session";
import { loggedIn, type FakeBackend } from "../../test/fakeBackend";
import { statusFor } from "../../test/fixtures";
import { renderApp } from "../../test/utils";
import { theme } from "../../theme";
import { handoverDayView, logFor } from "./testViews";

/** The entry row's drafts: `handoverDrafts` answers `drafts`, saving and discarding one succeed. */
export function draftAnswers(drafts: Draft[] = []): Partial<CommandApi> {
  return {
    handoverDrafts: () => Promise.resolve(drafts),
    saveHandoverDraft: () => Promise.resolve(null),
    discardHandoverDraft: () => Promise.resolve(null),
  };
}

/** `role` logged in over the demo floor, the handover reads answered from the views (the entry row's drafts: none). */
export function handoverBackend(role: Role = "supervisor", overrides: Partial<CommandApi> = {}): FakeBackend {
  return loggedIn(role, {
    handoverDay: () => Promise.resolve(handoverDayView()),
    handoverLog: (key) => Promise.resolve(logFor(key)),
    ...draftAnswers(),
    ...overrides,
  });
}

/** The app, then 交接班 from the menu, until the selected log's header shows. */
export async function openHandover(backend: FakeBackend) {
  const r = renderApp(backend);
  await r.user.click(await screen.findByTestId("nav-handover"));
  await screen.findByTestId("handover-log-header");
  return r;
}

/** antd's generated CSS goes to a detached node: jsdom need not parse it. */
const styleSink = document.createElement("div");
const themeConfig = { ...theme, token: { ...theme.token, motion: false } };

/** `ui` inside the providers `App` gives a page (antd as `App` sets it, motion off; the backend; the query cache), `role`'s demo user logged in. */
export function renderHandover<B extends Backend>(ui: ReactElement, backend: B, role: Role = "team_lead") {
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const status = statusFor(role);
  const session: Session = {
    status,
    operator: status.operator!,
    site: status.site!,
    refresh: () => Promise.resolve(),
    logout: () => Promise.resolve(),
  };
  const result = render(
    <StyleProvider container={styleSink}>
      <ConfigProvider locale={zhCN} theme={themeConfig} componentSize="middle" button={{ autoInsertSpace: false }}>
        <AntApp>
          <BackendProvider backend={backend}>
            <QueryClientProvider client={createQueryClient()}>
              <SessionContext.Provider value={session}>{ui}</SessionContext.Provider>
            </QueryClientProvider>
          </BackendProvider>
        </AntApp>
      </ConfigProvider>
    </StyleProvider>,
  );
  return { user, backend, ...result };
}
