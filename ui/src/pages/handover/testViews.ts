// Hand-built backend views for the 交接班 tests: the demo's 售前一组 on 2026-11-23 at 15:50
// (Asia/Shanghai), typed by the generated bindings. They hold what the backend would say (statuses,
// blockers, titles, flags, shifts open); a test changes a copy, it never computes a rule. Each call
// returns a fresh object. One builder per concept (shift card, roll-call row, item, log), and the
// named samples the tests share are built from them. Mounting a page or a part of it: renderHandover.tsx.
import type {
  AddendumView,
  HandoverDay,
  HandoverLogView,
  IncomingView,
  ItemRow,
  LoginUser,
  LogKey,
  PersonRef,
  Problem,
  RollCallRow,
  SearchHit,
  ShiftCard,
} from "../../backend";
import { fixtures } from "../../test/fixtures";

/** 2026-11-23 15:50 in Shanghai: 白班 D (08:30–16:00) and 常日班 M (09:00–18:00) are running. */
export const HANDOVER_NOW = "2026-11-23T07:50:00Z";
export const HANDOVER_DATE = "2026-11-23";
/** 白班 D's log. */
export const LOG_ID = 41;

export const keyD: LogKey = { team_id: 1, date: HANDOVER_DATE, shift: "D" };
export const keyM: LogKey = { team_id: 1, date: HANDOVER_DATE, shift: "M" };
export const keyN: LogKey = { team_id: 1, date: HANDOVER_DATE, shift: "N" };

/** 售前一组's shifts of the day, as the backend names and times them (UTC). */
const SHIFTS = {
  D: { key: keyD, name: "白班", start: "2026-11-23T00:30:00Z", end: "2026-11-23T08:00:00Z" },
  M: { key: keyM, name: "常日班", start: "2026-11-23T01:00:00Z", end: "2026-11-23T10:00:00Z" },
  N: { key: keyN, name: "晚班", start: "2026-11-23T08:00:00Z", end: "2026-11-23T15:30:00Z" },
};
type Shift = keyof typeof SHIFTS;

/** `shift` of the day as a card or an incoming shift names it: a fresh key, its name and times. */
function named(shift: Shift) {
  const { key, ...rest } = SHIFTS[shift];
  return { key: { ...key }, ...rest };
}

/** A log's heading fields for `shift` of the day. */
function heading(shift: Shift): Pick<HandoverLogView, "key" | "shift_name" | "start" | "end"> {
  const { name, ...rest } = named(shift);
  return { ...rest, shift_name: name };
}

const person = (employee_no: string, name: string): PersonRef => ({ employee_no, name });
const wang = () => person("1001", "王静");
const li = () => person("1002", "李娜");
const zhao = () => person("1007", "赵敏");
const zhu = () => person("1014", "朱琳");

// ---- the day ----

/** `shift`'s card in the day's list: not opened, led by a stand-in, nothing open, unless `rest` says. */
export function shiftCard(shift: Shift, rest: Partial<ShiftCard> = {}): ShiftCard {
  return {
    ...named(shift),
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
          shiftCard("D", { log_id: LOG_ID, status: "open", lead: { person: wang(), basis: "team_lead" }, open_items: 3, open_reminders: 1 }),
          shiftCard("M", { log_id: 42, status: "open", open_items: 1 }),
          shiftCard("N", { lead: { person: zhao(), basis: "designated" } }),
        ],
      },
    ],
  };
}

// ---- the roll call ----

/** One agent's line of the roll call: rostered and present, nothing noted, unless `rest` says. */
export function rollCallRow(employee_no: string, name: string, rest: Partial<RollCallRow> = {}): RollCallRow {
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
export function rollCallD(): RollCallRow[] {
  return [
    rollCallRow("1001", "王静", { arrived_at: "2026-11-23T00:18:00Z", home_seat_code: "A01" }),
    rollCallRow("1002", "李娜", { status: "late", late_min: 12, arrived_at: "2026-11-23T00:41:10Z", seat_code: "A13", home_seat_code: "A02" }),
    rollCallRow("1003", "张伟", { status: "excused", late_min: 20, notified: true, arrived_at: "2026-11-23T00:50:00Z", home_seat_code: "A03" }),
    rollCallRow("1004", "刘洋", { status: "absent", pending: true, home_seat_code: "A04" }),
    rollCallRow("1011", "徐丽", { status: "on_leave", rostered: false, home_seat_code: "A11", note: "年假" }),
  ];
}

/** The roll call as the printed sheet shows it: a note on the late agent, the excused one corrected by 王静. */
export function printedRollCall(): RollCallRow[] {
  return [
    rollCallRow("1001", "王静", { arrived_at: "2026-11-23T00:21:00Z", home_seat_code: "A01" }),
    rollCallRow("1002", "李娜", { status: "late", late_min: 12, arrived_at: "2026-11-23T00:42:00Z", seat_code: "A13", home_seat_code: "A02", note: "A02 耳机故障" }),
    rollCallRow("1003", "张伟", {
      status: "excused",
      notified: true,
      home_seat_code: "A03",
      note: "孩子发烧，电话报备",
      corrected_by: wang(),
      corrected_at: "2026-11-23T00:50:00Z",
    }),
  ];
}

// ---- items ----

/** An item as a log lists it: an open note of this shift touched by 王静, unless `rest` says. */
export function itemRow(id: number, rest: Partial<ItemRow> = {}): ItemRow {
  return {
    id,
    kind: "note",
    title: "今日来电高峰 10:00–11:30",
    fields: { kind: "note", text: "今日来电高峰 10:00–11:30" },
    status: "open",
    outcome: null,
    shifts_open: 1,
    touched_by: [wang()],
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

/** 张女士's refund (千牛, TB3920118842), carried in from an earlier shift, open for two shifts. */
export function customerItem(id: number, rest: Partial<ItemRow> = {}): ItemRow {
  return itemRow(id, {
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
    shifts_open: 2,
    carried_in: true,
    ...rest,
  });
}

/** The item list's rows: #7 a customer carried in with a query open, #8 an urgent item overdue, #9 a prospect not handed over, #10 a closed note. */
export function listItems(): ItemRow[] {
  return [
    itemRow(7, {
      kind: "customer",
      title: "张女士（千牛）TB3920118842：客户要求退款…",
      fields: { kind: "customer", customer: "张女士", channel: "qianniu", order_no: "TB3920118842", problem: "客户要求退款", promised: "17:00 前回电", progress: null },
      shifts_open: 2,
      touched_by: [wang(), zhao()],
      carried_in: true,
      open_queries: [{ id: 301, at: "2026-11-23T07:40:00Z", by: zhao(), text: "退款单号是多少？" }],
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
      author: zhu(),
      touched_by: [zhu()],
    }),
    itemRow(10, { status: "closed", outcome: "已通知全组" }),
  ];
}

/** The printed sheet's and the search's items: #301 张女士's refund written by 李娜, #305 a closed notice not handed over. */
export function printedItems(): ItemRow[] {
  return [
    customerItem(301, { shifts_open: 3, touched_by: [wang(), li()], author: li() }),
    itemRow(305, {
      kind: "notice",
      title: "[设备] B07 台席耳机故障，已报修",
      fields: { kind: "notice", category: "equipment", text: "B07 台席耳机故障，已报修" },
      status: "closed",
      outcome: "已更换耳机",
      not_handed_over: true,
    }),
  ];
}

/** What `searchHandover` answers for 退款: the carried customer item (#301), first written on 11-21. */
export function searchHits(): SearchHit[] {
  const [item] = printedItems();
  return [
    {
      type: "item",
      item,
      first: { log_id: 35, date: "2026-11-21", team_name: "售前一组", shift_key: "N", shift_name: "晚班" },
      last: { log_id: LOG_ID, date: HANDOVER_DATE, team_name: "售前一组", shift_key: "D", shift_name: "白班" },
    },
  ];
}

// ---- logs ----

/** The shift taking the log over: 晚班 N meets 白班 D face to face, led by 赵敏, nobody of it signed in yet, unless `rest` says. */
export function incomingView(rest: Partial<IncomingView> = {}): IncomingView {
  return {
    ...named("N"),
    log_id: null,
    meets: true,
    gap_min: 0,
    lead: { person: zhao(), basis: "designated" },
    members: [zhao(), person("1008", "黄磊"), person("1009", "周婷"), person("1012", "孙悦")],
    signed_in: [],
    ...rest,
  };
}

/** The backend's blocker while nobody of the incoming 晚班 is signed in (seed 003). */
function incomingNotSignedIn(): Problem {
  return {
    code: "handover.incoming_not_signed_in",
    message: "Nobody of the incoming shift is signed in (赵敏、黄磊、周婷、孙悦)",
    params: { names: "赵敏、黄磊、周婷、孙悦" },
  };
}

/** 白班 D's log (41) as `handoverLog` answers it: open, unsigned, no incoming shift, no roll call, `listItems()`, unless `over` says. */
export function logView(over: Partial<HandoverLogView> = {}): HandoverLogView {
  return {
    log_id: LOG_ID,
    ...heading("D"),
    team_name: "售前一组",
    status: "open",
    frozen: false,
    outgoing_lead: { person: wang(), basis: "team_lead" },
    incoming: null,
    roll_call: [],
    items: listItems(),
    addenda: [],
    signatures: [],
    blockers: [],
    reminders: [],
    ...over,
  };
}

/** 白班 D open at 15:50: 晚班 N meets it face to face and nobody of N is signed in yet; its roll call; 张女士's refund (#7). */
export function openLogView(over: Partial<HandoverLogView> = {}): HandoverLogView {
  return logView({
    incoming: incomingView(),
    roll_call: rollCallD(),
    items: [customerItem(7)],
    blockers: [incomingNotSignedIn()],
    ...over,
  });
}

/** A 补充说明 by 王静. */
export function addendum(id: number, at: string, text: string, hash_prefix: string): AddendumView {
  return { id, author: wang(), at, text, hash_prefix };
}

/** `view` signed face to face at 16:04 by 王静 and 赵敏 (晚班's log 43 open, 赵敏 signed in), with `addenda` written after. */
export function signedLogView(
  view: HandoverLogView = openLogView(),
  addenda: AddendumView[] = [addendum(5, "2026-11-23T09:10:00Z", "补充：TB3920118842 快递已于次日找回，客户撤销退款申请", "a1b2c3d4e5f6")],
): HandoverLogView {
  return {
    ...view,
    status: "signed",
    frozen: true,
    blockers: [],
    incoming: view.incoming ? { ...view.incoming, log_id: 43, signed_in: [zhao()] } : null,
    signatures: [
      {
        side: "outgoing",
        mode: "face_to_face",
        signer: wang(),
        basis: "team_lead",
        signed_at: "2026-11-23T08:04:00Z",
        override_reason: null,
        hash_prefix: "3f2a9c01b7e4",
      },
      {
        side: "incoming",
        mode: "face_to_face",
        signer: zhao(),
        basis: "designated",
        signed_at: "2026-11-23T08:04:00Z",
        override_reason: null,
        hash_prefix: "8d11e0a2c5b9",
      },
    ],
    addenda,
  };
}

/** 白班 D open, as the printed sheet reads it: `printedRollCall()` and `printedItems()`. */
export function printedLogView(): HandoverLogView {
  return openLogView({ roll_call: printedRollCall(), items: printedItems() });
}

/** That log signed, with 王静's addendum at 16:30. */
export function signedPrintedLogView(): HandoverLogView {
  return signedLogView(printedLogView(), [addendum(7, "2026-11-23T08:30:00Z", "张女士已来电，改为明早回复", "c0ffee12ab34")]);
}

/** 晚班 N's log: the next day's 白班 starts nine hours later, so the outgoing side (赵敏) signs alone. */
export function aloneLogView(): HandoverLogView {
  return openLogView({
    ...heading("N"),
    outgoing_lead: { person: zhao(), basis: "designated" },
    incoming: incomingView({
      key: { team_id: 1, date: "2026-11-24", shift: "D" },
      name: "白班",
      start: "2026-11-24T00:30:00Z",
      end: "2026-11-24T08:00:00Z",
      meets: false,
      gap_min: 540,
      lead: { person: wang(), basis: "team_lead" },
    }),
    blockers: [],
  });
}

/** 晚班 N before its roll call: no log yet, the roll call as the floor reads it now. */
export function notOpenedLogView(): HandoverLogView {
  return logView({
    log_id: null,
    ...heading("N"),
    status: "not_opened",
    outgoing_lead: { person: zhao(), basis: "designated" },
    roll_call: [
      rollCallRow("1007", "赵敏", { status: "absent", pending: true, home_seat_code: "A07" }),
      rollCallRow("1008", "黄磊", { status: "absent", pending: true, home_seat_code: "A08" }),
    ],
    items: [],
  });
}

/** The log the fake answers for a key: D → `d` (open unless given), N → not opened, M → D's with M's heading. */
export function logFor(key: LogKey, d: () => HandoverLogView = openLogView): HandoverLogView {
  if (key.shift === "N") return notOpenedLogView();
  if (key.shift === "M") return { ...d(), log_id: 42, ...heading("M") };
  return d();
}

// ---- who may sign ----

/** The demo's login users, with 赵敏 (1007, user 8), who leads 售前一组's 晚班 (designated). */
export function signLoginUsers(): LoginUser[] {
  const users = fixtures.loginUsers();
  if (users.some((u) => u.employee_no === "1007")) return users;
  return [...users, { id: 8, display_name: "赵敏", role: "agent", employee_no: "1007" }];
}
