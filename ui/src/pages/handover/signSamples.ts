// Hand-built handover logs for the sign-off, sheet and search tests (typed by the bindings, as
// the backend would send them for the demo floor on 2026-11-23), and the providers a handover
// component needs when rendered on its own. Tests only: nothing here decides anything.
import { createElement, type ReactElement } from "react";
import { render } from "@testing-library/react";
import userEvent, { PointerEventsCheckLevel } from "@testing-library/user-event";
import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import { StyleProvider } from "@ant-design/cssinjs";
import { QueryClientProvider } from "@tanstack/react-query";
import { BackendProvider, type HandoverLogView, type ItemRow, type LoginUser, type Role, type SearchHit } from "../../backend";
import { createQueryClient } from "../../lib/query";
import { SessionContext, type Session } from "../../session";
import type { FakeBackend } from "../../test/fakeBackend";
import { fixtures, statusFor } from "../../test/fixtures";

const styleSink = document.createElement("div");

/** `ui` inside what the logged-in shell gives it: antd, the backend, the query cache, `role`'s session. */
export function renderInShell(ui: ReactElement, backend: FakeBackend, role: Role = "supervisor") {
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const session: Session = {
    status: statusFor(role),
    operator: fixtures.operator(role),
    site: fixtures.site(),
    refresh: () => Promise.resolve(),
    logout: () => Promise.resolve(),
  };
  const tree = createElement(
    StyleProvider,
    { container: styleSink },
    createElement(
      ConfigProvider,
      { locale: zhCN, theme: { token: { motion: false } } },
      createElement(
        AntApp,
        null,
        createElement(
          BackendProvider,
          { backend },
          createElement(QueryClientProvider, { client: createQueryClient() }, createElement(SessionContext.Provider, { value: session }, ui)),
        ),
      ),
    ),
  );
  return { user, backend, ...render(tree) };
}

/** The demo's login users, with 赵敏 (1007, user 8), who leads 售前一组's 晚班 (designated). */
export function signLoginUsers(): LoginUser[] {
  const users = fixtures.loginUsers();
  if (users.some((u) => u.employee_no === "1007")) return users;
  return [...users, { id: 8, display_name: "赵敏", role: "agent", employee_no: "1007" }];
}

const person = (employee_no: string, name: string) => ({ employee_no, name });

export function sampleItems(): ItemRow[] {
  return [
    {
      id: 301,
      kind: "customer",
      title: "张女士（千牛）TB3920118842：客户要求退款，物流显示已签收但本人未收到",
      fields: {
        kind: "customer",
        customer: "张女士",
        channel: "qianniu",
        order_no: "TB3920118842",
        problem: "客户要求退款，物流显示已签收但本人未收到",
        promised: "今晚 20:00 前回复核实结果",
        progress: null,
      },
      status: "open",
      outcome: null,
      shifts_open: 3,
      touched_by: [person("1001", "王静"), person("1002", "李娜")],
      author: person("1002", "李娜"),
      not_handed_over: false,
      carried_in: true,
      open_queries: [],
      due_at: null,
      overdue: false,
      team_name: "售前一组",
    },
    {
      id: 305,
      kind: "notice",
      title: "[设备] B07 台席耳机故障，已报修",
      fields: { kind: "notice", category: "equipment", text: "B07 台席耳机故障，已报修" },
      status: "closed",
      outcome: "已更换耳机",
      shifts_open: 1,
      touched_by: [person("1001", "王静")],
      author: null,
      not_handed_over: true,
      carried_in: false,
      open_queries: [],
      due_at: null,
      overdue: false,
      team_name: "售前一组",
    },
  ];
}

/** 售前一组 白班 D on 2026-11-23 at 15:50, open; 晚班 N meets it; nobody of N signed in yet. */
export function openLog(over: Partial<HandoverLogView> = {}): HandoverLogView {
  return {
    log_id: 41,
    key: { team_id: 1, date: "2026-11-23", shift: "D" },
    team_name: "售前一组",
    shift_name: "白班",
    start: "2026-11-23T00:30:00Z",
    end: "2026-11-23T08:00:00Z",
    status: "open",
    frozen: false,
    outgoing_lead: { person: person("1001", "王静"), basis: "team_lead" },
    incoming: {
      key: { team_id: 1, date: "2026-11-23", shift: "N" },
      name: "晚班",
      start: "2026-11-23T08:00:00Z",
      end: "2026-11-23T15:30:00Z",
      log_id: null,
      meets: true,
      gap_min: 0,
      lead: { person: person("1007", "赵敏"), basis: "designated" },
      members: [person("1007", "赵敏"), person("1008", "黄磊"), person("1009", "周婷"), person("1010", "孙悦")],
      signed_in: [],
    },
    roll_call: [
      {
        employee_no: "1001",
        name: "王静",
        rostered: true,
        status: "present",
        late_min: null,
        notified: false,
        pending: false,
        arrived_at: "2026-11-23T00:21:00Z",
        seat_code: null,
        home_seat_code: "A01",
        note: null,
        corrected_by: null,
        corrected_at: null,
      },
      {
        employee_no: "1002",
        name: "李娜",
        rostered: true,
        status: "late",
        late_min: 12,
        notified: false,
        pending: false,
        arrived_at: "2026-11-23T00:42:00Z",
        seat_code: "A13",
        home_seat_code: "A02",
        note: "A02 耳机故障",
        corrected_by: null,
        corrected_at: null,
      },
      {
        employee_no: "1003",
        name: "张伟",
        rostered: true,
        status: "excused",
        late_min: null,
        notified: true,
        pending: false,
        arrived_at: null,
        seat_code: null,
        home_seat_code: "A03",
        note: "孩子发烧，电话报备",
        corrected_by: person("1001", "王静"),
        corrected_at: "2026-11-23T00:50:00Z",
      },
    ],
    items: sampleItems(),
    addenda: [],
    signatures: [],
    blockers: [
      {
        code: "handover.incoming_not_signed_in",
        message: "nobody of the incoming shift is signed in",
        params: { names: "赵敏、黄磊、周婷、孙悦" },
      },
    ],
    reminders: [],
    ...over,
  };
}

/** The same log, signed face to face at 16:04 by 王静 and 赵敏, with an addendum at 16:30. */
export function signedLog(): HandoverLogView {
  return openLog({
    status: "signed",
    frozen: true,
    blockers: [],
    signatures: [
      {
        side: "outgoing",
        mode: "face_to_face",
        signer: person("1001", "王静"),
        basis: "team_lead",
        signed_at: "2026-11-23T08:04:00Z",
        override_reason: null,
        hash_prefix: "3f2a9c01b7e4",
      },
      {
        side: "incoming",
        mode: "face_to_face",
        signer: person("1007", "赵敏"),
        basis: "designated",
        signed_at: "2026-11-23T08:04:00Z",
        override_reason: null,
        hash_prefix: "8d11e0a2c5b9",
      },
    ],
    addenda: [
      {
        id: 7,
        author: person("1001", "王静"),
        at: "2026-11-23T08:30:00Z",
        text: "张女士已来电，改为明早回复",
        hash_prefix: "c0ffee12ab34",
      },
    ],
  });
}

/** 售前一组 晚班 N: the next day's 白班 starts nine hours later, so the outgoing side signs alone. */
export function aloneLog(): HandoverLogView {
  const log = openLog({ blockers: [] });
  return {
    ...log,
    key: { ...log.key, shift: "N" },
    shift_name: "晚班",
    start: "2026-11-23T08:00:00Z",
    end: "2026-11-23T15:30:00Z",
    outgoing_lead: { person: person("1007", "赵敏"), basis: "designated" },
    incoming: log.incoming && {
      ...log.incoming,
      key: { team_id: 1, date: "2026-11-24", shift: "D" },
      name: "白班",
      start: "2026-11-24T00:30:00Z",
      end: "2026-11-24T08:00:00Z",
      meets: false,
      gap_min: 540,
      lead: { person: person("1001", "王静"), basis: "team_lead" },
    },
  };
}

/** What `searchHandover` answers for 退款: the carried customer item, first written on 11-21. */
export function sampleHits(): SearchHit[] {
  const [item] = sampleItems();
  return [
    {
      type: "item",
      item,
      first: { log_id: 35, date: "2026-11-21", team_name: "售前一组", shift_key: "N", shift_name: "晚班" },
      last: { log_id: 41, date: "2026-11-23", team_name: "售前一组", shift_key: "D", shift_name: "白班" },
    },
  ];
}
