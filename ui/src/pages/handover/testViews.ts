// Hand-built backend views for the handover page's tests: the demo's 售前一组 on 2026-11-23 at
// 15:50 (Asia/Shanghai), typed by the generated bindings. They hold what the backend would say
// (statuses, blockers, titles); a test changes a copy, it never computes a rule. Each call
// returns a fresh object. Other parts of the page may import these read-only.
import { screen } from "@testing-library/react";
import type { CommandApi, HandoverDay, HandoverLogView, LogKey, Role, RollCallRow, ShiftCard } from "../../backend";
import { loggedIn, type FakeBackend } from "../../test/fakeBackend";
import { renderApp } from "../../test/utils";

/** 2026-11-23 15:50 in Shanghai: 白班 D (08:30–16:00) and 常日班 M (09:00–18:00) are running. */
export const HANDOVER_NOW = "2026-11-23T07:50:00Z";
export const HANDOVER_DATE = "2026-11-23";

export const keyD: LogKey = { team_id: 1, date: HANDOVER_DATE, shift: "D" };
export const keyM: LogKey = { team_id: 1, date: HANDOVER_DATE, shift: "M" };
export const keyN: LogKey = { team_id: 1, date: HANDOVER_DATE, shift: "N" };

const wang = { employee_no: "1001", name: "王静" };
const zhao = { employee_no: "1007", name: "赵敏" };

function card(key: LogKey, name: string, start: string, end: string, rest: Partial<ShiftCard>): ShiftCard {
  return {
    key,
    name,
    start,
    end,
    log_id: null,
    status: "not_opened",
    lead: { person: null, basis: "stand_in" },
    open_items: 0,
    open_reminders: 0,
    in_roster: true,
    ...rest,
  };
}

/** 售前一组's three shifts of the day: D open (log 41), M open (log 42, 主管代签), N not opened. */
export function handoverDayView(): HandoverDay {
  return {
    date: HANDOVER_DATE,
    now: HANDOVER_NOW,
    teams: [
      {
        team_id: 1,
        team_name: "售前一组",
        shifts: [
          card({ ...keyD }, "白班", "2026-11-23T00:30:00Z", "2026-11-23T08:00:00Z", {
            log_id: 41,
            status: "open",
            lead: { person: { ...wang }, basis: "team_lead" },
            open_items: 3,
            open_reminders: 1,
          }),
          card({ ...keyM }, "常日班", "2026-11-23T01:00:00Z", "2026-11-23T10:00:00Z", { log_id: 42, status: "open", open_items: 1 }),
          card({ ...keyN }, "晚班", "2026-11-23T08:00:00Z", "2026-11-23T15:30:00Z", {
            lead: { person: { ...zhao }, basis: "designated" },
          }),
        ],
      },
    ],
  };
}

function row(employee_no: string, name: string, rest: Partial<RollCallRow>): RollCallRow {
  return {
    employee_no,
    name,
    rostered: true,
    status: "present",
    late_min: null,
    notified: false,
    pending: false,
    arrived_at: null,
    seat_code: null,
    home_seat_code: null,
    note: null,
    corrected_by: null,
    corrected_at: null,
    ...rest,
  };
}

/** The roll call of 白班 D as the floor read it: a late agent, an excused one, one not in yet, one on leave. */
function rollCallD(): RollCallRow[] {
  return [
    row("1001", "王静", { arrived_at: "2026-11-23T00:18:00Z", home_seat_code: "A01" }),
    row("1002", "李娜", { status: "late", late_min: 12, arrived_at: "2026-11-23T00:41:10Z", seat_code: "A13", home_seat_code: "A02" }),
    row("1003", "张伟", { status: "excused", late_min: 20, notified: true, arrived_at: "2026-11-23T00:50:00Z", home_seat_code: "A03" }),
    row("1004", "刘洋", { status: "absent", pending: true, home_seat_code: "A04" }),
    row("1011", "徐丽", { status: "on_leave", rostered: false, home_seat_code: "A11", note: "年假" }),
  ];
}

/** 白班 D open at 15:50: 晚班 N meets it face to face and nobody of N is signed in yet (seed 003). */
export function openLogView(): HandoverLogView {
  return {
    log_id: 41,
    key: { ...keyD },
    team_name: "售前一组",
    shift_name: "白班",
    start: "2026-11-23T00:30:00Z",
    end: "2026-11-23T08:00:00Z",
    status: "open",
    frozen: false,
    outgoing_lead: { person: { ...wang }, basis: "team_lead" },
    incoming: {
      key: { ...keyN },
      name: "晚班",
      start: "2026-11-23T08:00:00Z",
      end: "2026-11-23T15:30:00Z",
      log_id: null,
      meets: true,
      gap_min: 0,
      lead: { person: { ...zhao }, basis: "designated" },
      members: [zhao, { employee_no: "1008", name: "黄磊" }, { employee_no: "1009", name: "周婷" }, { employee_no: "1012", name: "孙悦" }],
      signed_in: [],
    },
    roll_call: rollCallD(),
    items: [
      {
        id: 7,
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
        shifts_open: 2,
        touched_by: [wang],
        author: null,
        not_handed_over: false,
        carried_in: true,
        open_queries: [],
        due_at: null,
        overdue: false,
        team_name: "售前一组",
      },
    ],
    addenda: [],
    signatures: [],
    blockers: [
      {
        code: "handover.incoming_not_signed_in",
        message: "Nobody of the incoming shift is signed in (赵敏、黄磊、周婷、孙悦)",
        params: { names: "赵敏、黄磊、周婷、孙悦" },
      },
    ],
    reminders: [],
  };
}

/** The same log signed face to face at 16:04 by 王静 and 赵敏, with one addendum. */
export function signedLogView(): HandoverLogView {
  const view = openLogView();
  return {
    ...view,
    status: "signed",
    frozen: true,
    blockers: [],
    incoming: view.incoming ? { ...view.incoming, log_id: 43, signed_in: [zhao] } : null,
    signatures: [
      {
        side: "outgoing",
        mode: "face_to_face",
        signer: { ...wang },
        basis: "team_lead",
        signed_at: "2026-11-23T08:04:00Z",
        override_reason: null,
        hash_prefix: "3f2a9c01b7e4",
      },
      {
        side: "incoming",
        mode: "face_to_face",
        signer: { ...zhao },
        basis: "designated",
        signed_at: "2026-11-23T08:04:00Z",
        override_reason: null,
        hash_prefix: "8d11e0a2c5b9",
      },
    ],
    addenda: [
      {
        id: 5,
        author: { ...wang },
        at: "2026-11-23T09:10:00Z",
        text: "补充：TB3920118842 快递已于次日找回，客户撤销退款申请",
        hash_prefix: "a1b2c3d4e5f6",
      },
    ],
  };
}

/** 晚班 N before its roll call: no log yet, the roll call as the floor reads it now. */
export function notOpenedLogView(): HandoverLogView {
  return {
    log_id: null,
    key: { ...keyN },
    team_name: "售前一组",
    shift_name: "晚班",
    start: "2026-11-23T08:00:00Z",
    end: "2026-11-23T15:30:00Z",
    status: "not_opened",
    frozen: false,
    outgoing_lead: { person: { ...zhao }, basis: "designated" },
    incoming: null,
    roll_call: [
      row("1007", "赵敏", { status: "absent", pending: true, home_seat_code: "A07" }),
      row("1008", "黄磊", { status: "absent", pending: true, home_seat_code: "A08" }),
    ],
    items: [],
    addenda: [],
    signatures: [],
    blockers: [],
    reminders: [],
  };
}

/** The log the fake answers for a key: D → `d` (open unless given), N → not opened, M → D's with M's heading. */
export function logFor(key: LogKey, d: () => HandoverLogView = openLogView): HandoverLogView {
  if (key.shift === "N") return notOpenedLogView();
  if (key.shift === "M") return { ...d(), log_id: 42, key: { ...keyM }, shift_name: "常日班", start: "2026-11-23T01:00:00Z", end: "2026-11-23T10:00:00Z" };
  return d();
}

/** `role` logged in over the demo floor, the handover reads answered from these views (the entry row's drafts: none). */
export function handoverBackend(role: Role = "supervisor", overrides: Partial<CommandApi> = {}): FakeBackend {
  return loggedIn(role, {
    handoverDay: () => Promise.resolve(handoverDayView()),
    handoverLog: (key) => Promise.resolve(logFor(key)),
    handoverDrafts: () => Promise.resolve([]),
    saveHandoverDraft: () => Promise.resolve(null),
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
