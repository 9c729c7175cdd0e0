// Hand-built items and a log for the entry row's and the item list's tests: 售前一组 白班 D on
// 2026-11-23 (log 41). They hold what the backend would say (titles, flags, shifts open); a test
// changes a copy, it never computes a rule. `renderHandover` mounts a part of the page inside the
// providers the app gives it (antd, the backend, the query cache, a logged-in session).
import { createElement, type ReactElement } from "react";
import { render } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import { StyleProvider } from "@ant-design/cssinjs";
import { QueryClientProvider } from "@tanstack/react-query";
import { BackendProvider, type Backend, type HandoverLogView, type ItemRow, type Role } from "../../backend";
import { createQueryClient } from "../../lib/query";
import { SessionContext, type Session } from "../../session";
import { fixtures, statusFor } from "../../test/fixtures";
import { theme } from "../../theme";

export const LOG_ID = 41;

const wang = { employee_no: "1001", name: "王静" };
const zhao = { employee_no: "1007", name: "赵敏" };
const zhu = { employee_no: "1014", name: "朱琳" };

export function itemRow(id: number, rest: Partial<ItemRow> = {}): ItemRow {
  return {
    id,
    kind: "note",
    title: "今日来电高峰 10:00–11:30",
    fields: { kind: "note", text: "今日来电高峰 10:00–11:30" },
    status: "open",
    outcome: null,
    shifts_open: 1,
    touched_by: [{ ...wang }],
    author: null,
    not_handed_over: false,
    carried_in: false,
    open_queries: [],
    due_at: null,
    overdue: false,
    team_name: "售前一组",
    ...rest,
  };
}

/** #7 a customer carried in with a query open, #8 an urgent item overdue, #9 a prospect not handed over, #10 a closed note. */
export function sampleItems(): ItemRow[] {
  return [
    itemRow(7, {
      kind: "customer",
      title: "张女士（千牛）TB3920118842：客户要求退款…",
      fields: { kind: "customer", customer: "张女士", channel: "qianniu", order_no: "TB3920118842", problem: "客户要求退款", promised: "17:00 前回电", progress: null },
      shifts_open: 2,
      touched_by: [{ ...wang }, { ...zhao }],
      carried_in: true,
      open_queries: [{ id: 301, at: "2026-11-23T07:40:00Z", by: { ...zhao }, text: "退款单号是多少？" }],
    }),
    itemRow(8, {
      kind: "urgent",
      title: "核对退款单（截止 11-23 15:00）",
      fields: { kind: "urgent", what: "核对退款单", due_at: Date.UTC(2026, 10, 23, 7, 0) },
      due_at: "2026-11-23T07:00:00Z",
      overdue: true,
    }),
    itemRow(9, {
      kind: "prospect",
      title: "李小姐：咨询团购 50 件（11-24 10:00 前联系）",
      fields: { kind: "prospect", who: "李小姐", why: "咨询团购 50 件", due_at: Date.UTC(2026, 10, 24, 2, 0) },
      shifts_open: 3,
      carried_in: true,
      not_handed_over: true,
      author: { ...zhu },
      touched_by: [{ ...zhu }],
    }),
    itemRow(10, { status: "closed", outcome: "已通知全组" }),
  ];
}

/** The log as `handoverLog` answers it: open, unsigned, with `items` (the samples by default). */
export function logView(rest: Partial<HandoverLogView> = {}): HandoverLogView {
  return {
    log_id: LOG_ID,
    key: { team_id: 1, date: "2026-11-23", shift: "D" },
    team_name: "售前一组",
    shift_name: "白班",
    start: "2026-11-23T00:30:00Z",
    end: "2026-11-23T08:00:00Z",
    status: "open",
    frozen: false,
    outgoing_lead: { person: { ...wang }, basis: "team_lead" },
    incoming: null,
    roll_call: [],
    items: sampleItems(),
    addenda: [],
    signatures: [],
    blockers: [],
    reminders: [],
    ...rest,
  };
}

const styleSink = document.createElement("div");

/** `ui` inside the app's providers, `role`'s demo user logged in (as `App` mounts a page). */
export function renderHandover(ui: ReactElement, backend: Backend, role: Role = "team_lead") {
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const status = statusFor(role);
  const session: Session = {
    status,
    operator: status.operator!,
    site: fixtures.site(),
    refresh: () => Promise.resolve(),
    logout: () => Promise.resolve(),
  };
  const tree = createElement(
    StyleProvider,
    { container: styleSink },
    createElement(
      ConfigProvider,
      { locale: zhCN, theme: { ...theme, token: { ...theme.token, motion: false } } },
      createElement(
        AntApp,
        null,
        createElement(
          BackendProvider,
          { backend },
          createElement(
            QueryClientProvider,
            { client: createQueryClient() },
            createElement(SessionContext.Provider, { value: session }, ui),
          ),
        ),
      ),
    ),
  );
  return { user, ...render(tree) };
}
