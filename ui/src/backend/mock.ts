// In-memory backend with the same rules, error codes and params as the Rust store
// (src-tauri/crates/store): roles, PIN lockout, validation, the all-or-nothing import, the demo
// floor from assets/demo. Used by the tests and by `vite dev` in a plain browser.
import DEMO_AGENTS_CSV from "../../../assets/demo/agents.csv?raw";
import DEMO_SEATS_CSV from "../../../assets/demo/seats.csv?raw";
import DEMO_USERS_CSV from "../../../assets/demo/users.csv?raw";
import DEMO_HOLIDAYS_CSV from "../../../assets/demo/holidays-2026-2027.csv?raw";
import AGENTS_IMPORT_CSV from "../../../assets/demo/agents-import.csv?raw";
import AGENTS_BAD_CSV from "../../../assets/demo/agents-bad.csv?raw";
import type {
  AgentInput,
  AgentNow,
  AgentRow,
  AgentState,
  Alert,
  AppError,
  AppStatus,
  Board,
  BoardAgent,
  BreakRequest,
  Holiday,
  HolidayKind,
  ImportIssue,
  ImportPreview,
  ImportRow,
  ImportSummary,
  Level,
  LoginUser,
  Operator,
  Permission,
  PolicySetting,
  PolicyUnit,
  Role,
  Seat,
  SeatInput,
  SetStateInput,
  SetupInput,
  Site,
  SiteInput,
  StoredAlert,
  Team,
  TeamInput,
  User,
  UserInput,
} from "./index";
import { BackendError, type Backend, type FileFilter } from "./index";

// ---- rules shared with the Rust domain crate ----

const PERMISSIONS: Record<Role, Permission[]> = {
  supervisor: ["view_people", "manage_people", "manage_users", "manage_settings", "view_floor", "operate_floor"],
  manager: ["view_people", "manage_people", "view_floor"],
  team_lead: ["view_people", "view_floor", "operate_floor"],
  agent: [],
};
const ROLES: Role[] = ["supervisor", "team_lead", "manager", "agent"];
const ROLE_ZH: Record<Role, string> = { supervisor: "主管", team_lead: "班长", manager: "经理", agent: "坐席" };
const LEVELS: Level[] = ["junior", "intermediate", "senior", "lead", "supervisor"];
const LEVEL_ZH: Record<Level, string> = {
  junior: "初级",
  intermediate: "中级",
  senior: "高级",
  lead: "班长",
  supervisor: "主管",
};
export const FREE_ATTEMPTS = 5;
const FIRST_LOCKOUT_SECS = 30;
const MAX_LOCKOUT_SECS = 15 * 60;
const NAME_MAX_LEN = 40;
const EMPLOYEE_NO_MAX_LEN = 20;
/** The floor map's largest column or row. */
const MAX_GRID = 500;
export const DEMO_PIN = "1234";
export const DEMO_SITE_NAME = "演示客服中心";
const DEFAULT_TIME_ZONE = "Asia/Shanghai";
/** What `effective_from` is for a policy value nobody has changed (the store seeds it at 0 ms). */
const BEGINNING = "1970-01-01T00:00:00Z";

function lockoutSecs(failures: number): number | null {
  if (failures < FREE_ATTEMPTS) return null;
  const doublings = Math.min(failures - FREE_ATTEMPTS, 10);
  return Math.min(FIRST_LOCKOUT_SECS * 2 ** doublings, MAX_LOCKOUT_SECS);
}

function problem(code: string, message: string, params: Record<string, string | number> = {}): BackendError {
  const p: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) p[k] = String(v);
  return new BackendError(code, message, p);
}

function fail(code: string, message: string, params: Record<string, string | number> = {}): never {
  throw problem(code, message, params);
}

function notFound(entity: string, id: string | number): never {
  fail("not_found", `${entity} ${id} does not exist`, { entity, id });
}

function checkPinFormat(pin: string | null | undefined): string {
  if (!pin || !/^\d{4,8}$/.test(pin)) fail("validation.pin", "A PIN is 4 to 8 digits", { min: 4, max: 8 });
  return pin;
}

/** check_employee_no: letters, digits and dashes, at most 20 characters. */
function checkEmployeeNo(text: string): string {
  const t = (text ?? "").trim();
  if (!t) fail("validation.required", "工号 (employee number) is required", { field: "employee_no" });
  if ([...t].length > EMPLOYEE_NO_MAX_LEN || !/^[A-Za-z0-9-]+$/.test(t))
    fail("validation.employee_no", `工号 '${t}' must be letters, digits or '-', at most ${EMPLOYEE_NO_MAX_LEN} characters`, { value: t });
  return t;
}

/** check_name: trimmed, non-empty, at most 40 characters. */
function checkName(field: string, text: string): string {
  const t = (text ?? "").trim();
  if (!t) fail("validation.required", `${field} is required`, { field });
  if ([...t].length > NAME_MAX_LEN)
    fail("validation.too_long", `${field} is longer than ${NAME_MAX_LEN} characters`, { field, max: NAME_MAX_LEN });
  return t;
}

function checkTimeZone(text: string): string {
  const tz = (text ?? "").trim();
  let ok = tz.length > 0;
  if (ok) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
    } catch {
      ok = false;
    }
  }
  if (!ok) fail("validation.time_zone", `unknown time zone '${tz}'`, { value: tz });
  return tz;
}

function parseLevel(text: string): Level | null {
  let t = text.trim();
  if (t.endsWith("客服")) t = t.slice(0, -2);
  return LEVELS.find((l) => l === t.toLowerCase() || LEVEL_ZH[l] === t) ?? null;
}

function parseRole(text: string): Role | null {
  const t = text.trim();
  return ROLES.find((r) => r === t.toLowerCase() || ROLE_ZH[r] === t) ?? null;
}

/** 2024-03-01, 2024-3-1 or 2024/3/1 → "2024-03-01"; null when not a real date. */
export function parseDate(text: string): string | null {
  const parts = text.trim().split(/[-/]/);
  if (parts.length !== 3 || parts[0].length !== 4 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const [y, m, d] = parts.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function parseHolidayKind(text: string): HolidayKind | null {
  const t = text.trim();
  if (["holiday", "假日", "节假日", "法定节假日", "休"].includes(t)) return "holiday";
  if (["workday", "上班", "调休上班", "调休上班日", "班"].includes(t)) return "workday";
  return null;
}

/** SQLite's default (binary) string order, as the store's ORDER BY uses. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type PolicyDef = [key: string, zh: string, en: string, unit: PolicyUnit, min: number, max: number, def: number];
// Same catalogue, in the same order, as crates/domain/src/policy.rs.
const POLICY: PolicyDef[] = [
  ["roll_call_before_start_min", "到岗点名提前时间", "Arrive for roll call before shift start", "minutes", 0, 60, 10],
  ["ready_before_start_min", "签入就绪提前时间", "Signed in and ready before shift start", "minutes", 0, 60, 3],
  ["absent_after_min", "未签入判缺勤", "Absent when not signed in after shift start", "minutes", 1, 480, 30],
  ["early_leave_grace_min", "早退宽限", "Grace before a sign-out counts as early leave", "minutes", 0, 120, 0],
  ["small_break_max_min", "单次小休上限", "Longest small break", "minutes", 1, 120, 10],
  ["small_break_total_max_min", "每班小休累计上限", "Small breaks per shift, in total", "minutes", 1, 480, 30],
  ["meal_max_min", "用餐时长上限", "Longest meal", "minutes", 5, 180, 30],
  ["line_full_max_idle", "满线：空闲坐席不超过", "Line full when idle agents are at most", "count", 0, 500, 3],
  ["max_consecutive_work_days", "最多连续上班天数", "Most working days in a row", "day", 1, 31, 6],
  ["rest_days_per_month", "每月休息天数", "Rest days a month", "day", 0, 31, 4],
  ["complaint_reassign_count", "有理投诉达到次数可调岗", "Valid complaints before reassignment", "count", 1, 100, 5],
  ["daily_report_due_hour", "日报截止时间（次日）", "Daily report due next day at", "hour", 0, 23, 12],
  ["weekly_report_due_weekday", "周报截止（星期）", "Weekly report due on weekday", "weekday", 1, 7, 2],
  ["monthly_report_due_day", "月报截止（每月几号）", "Monthly report due on day of month", "day", 1, 28, 5],
  ["spot_checks_per_month_min", "每月抽查次数下限", "Spot checks per store a month, at least", "count", 0, 31, 2],
  ["assessment_window_days", "考核评分期（次月前几天）", "Days at the start of next month for scoring", "day", 1, 28, 5],
  ["score_weight_self_pct", "自评权重", "Weight of the self assessment", "percent", 0, 100, 15],
  ["score_weight_superior_pct", "上级评分权重", "Weight of the superior's assessment", "percent", 0, 100, 60],
  ["score_weight_peer_pct", "同事评分权重", "Weight of the peers' assessment", "percent", 0, 100, 25],
  ["grade_excellent_min", "优秀分数线", "Excellent from", "points", 0, 100, 90],
  ["grade_good_min", "良好分数线", "Good from", "points", 0, 100, 80],
  ["grade_pass_min", "合格分数线", "Pass from", "points", 0, 100, 70],
  ["quarter_reward_first_fen", "季度第一名奖励", "Quarterly reward, first place", "fen", 0, 10_000_000, 30_000],
  ["quarter_reward_second_fen", "季度第二名奖励", "Quarterly reward, second place", "fen", 0, 10_000_000, 20_000],
  ["quarter_reward_third_fen", "季度第三名奖励", "Quarterly reward, third place", "fen", 0, 10_000_000, 10_000],
  ["improvement_bottom_count", "每月末位需整改人数", "Bottom places that file an improvement plan", "count", 0, 100, 3],
  ["improvement_plan_due_days", "整改计划提交期限", "Days to file an improvement plan", "day", 1, 60, 7],
  ["valid_reception_min_messages", "有效接待最少消息数", "Messages for a valid reception, at least", "count", 1, 100, 3],
  ["reception_wait_timeout_sec", "买家等待超时结束接待", "Buyer wait that ends a reception", "seconds", 1, 3_600, 60],
  ["order_attribution_days", "付款后咨询归属天数", "Days after payment an order is attributed", "day", 0, 30, 1],
];

// ---- reading spreadsheets (CSV only here; the store also reads xlsx) ----

type TableRow = { row: number; cells: string[] };
type Table = { headers: string[]; rows: TableRow[] };

/** One CSV line into cells (double quotes allowed), trimmed. */
function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cur.trim());
      cur = "";
    } else cur += c;
  }
  cells.push(cur.trim());
  return cells;
}

/** Rows keep their spreadsheet numbers (the header is row 1; blank lines still count). */
function readCsv(text: string): Table {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const first = lines[0] ?? "";
  const delimiter = first.includes("\t") && !first.includes(",") ? "\t" : ",";
  const table: Table = { headers: splitCsvLine(first, delimiter), rows: [] };
  lines.slice(1).forEach((line, i) => {
    const cells = splitCsvLine(line, delimiter);
    if (cells.some((c) => c !== "")) table.rows.push({ row: i + 2, cells });
  });
  return table;
}

function cell(r: TableRow, index: number | undefined): string {
  return index === undefined ? "" : (r.cells[index] ?? "").trim();
}

/** Index and spelling of the column known by any of `names` (case-insensitive). */
function findColumn(headers: string[], names: string[]): [number, string] | undefined {
  for (const [i, h] of headers.entries()) {
    const header = h.trim();
    if (names.some((n) => n.toLowerCase() === header.toLowerCase())) return [i, header];
  }
  return undefined;
}

const EMPLOYEE_NO_COL = ["employee_no", "工号"];
const NAME_COL = ["name", "姓名"];
const TEAM_COL = ["team", "班组"];
const LEVEL_COL = ["level", "职级"];
const SEAT_COL = ["seat", "台席"];
const HIRED_ON_COL = ["hired_on", "入职日期"];

function issue(row: number, field: string, code: string, message: string, value: string): ImportIssue {
  return { row, field, code, message, value };
}

/** StoreError::Import as the UI receives it. */
function importInvalid(file: string, issues: ImportIssue[]): never {
  const params: Record<string, string | number> = { file, count: issues.length };
  if (issues[0]) Object.assign(params, { row: issues[0].row, field: issues[0].field });
  fail("import.invalid", `${file}: ${issues.length} problem(s), nothing was written`, params);
}

function requiredOr(code: string): string {
  return code === "validation.required" ? "import.required" : "import.invalid_value";
}

// ---- state ----

type MockUser = {
  id: number;
  display_name: string;
  role: Role;
  agent_id: number | null;
  active: boolean;
  pin: string;
  failures: number;
  lockedUntil: number;
};
type MockAgent = { id: number; employee_no: string; name: string; team_id: number; level: Level; seat_id: number | null; hired_on: string | null; active: boolean };
type MockTeam = { id: number; name: string; active: boolean };
type MockSeat = { id: number; code: string; x: number; y: number; zone: string | null; active: boolean };

export type MockOptions = {
  /** Start as `floordesk-cli demo` leaves a fresh database: the demo floor from assets/demo, nobody logged in (supervisor 沈丽华, every PIN 1234). */
  demo?: boolean;
  /** Artificial delay for every call, in ms (the browser demo uses a little to feel real). */
  latencyMs?: number;
  /** Clock, for lockout tests. */
  now?: () => number;
  /** The database could not be opened: every command fails with this (e.g. `db.newer_schema`). */
  startupError?: AppError;
  /** The floor's simulated clock: where it starts (RFC 3339; default: now) and how fast it runs (default 1×). */
  clockStart?: string;
  clockSpeed?: number;
  /** How often the board is pushed to `onFloorUpdated` subscribers, in ms (0: only after changes). Default 1000. */
  floorTickMs?: number;
};

const AGENT_STATES: AgentState[] = ["signed_out", "ready", "busy", "wrap_up", "small_break", "meal", "meeting", "training", "other"];
/** The demo floor's opening states, cycled over the agents (a lively board without a simulator). */
const DEMO_STATES: AgentState[] = ["ready", "busy", "busy", "wrap_up", "ready", "small_break", "busy", "meal", "ready", "busy", "meeting", "busy"];
type FloorState = { state: AgentState; since: number | null; reason: string | null };

/** "YYYY-MM-DD" of an instant in a time zone. */
function localDate(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Virtual files, by path: the test files from assets/demo. */
export const SAMPLE_IMPORT_OK = "demo/agents-import.csv";
export const SAMPLE_IMPORT_BAD = "demo/agents-bad.csv";
export const SAMPLE_HOLIDAYS = "demo/holidays-2026-2027.csv";

const SAMPLE_FILES: Record<string, string> = {
  [SAMPLE_IMPORT_OK]: AGENTS_IMPORT_CSV,
  [SAMPLE_IMPORT_BAD]: AGENTS_BAD_CSV,
  [SAMPLE_HOLIDAYS]: DEMO_HOLIDAYS_CSV,
};

export class MockBackend implements Backend {
  readonly kind = "mock" as const;
  /** Virtual files for import/export, by path. */
  readonly files = new Map<string, string>(Object.entries(SAMPLE_FILES));
  /** Set by tests to make the native "choose file" dialog return this path. */
  nextPickedFile: string | null = null;

  private site: Site | null = null;
  private users: MockUser[] = [];
  private agents: MockAgent[] = [];
  private teams: MockTeam[] = [];
  private seats: MockSeat[] = [];
  private policy = new Map<string, { value: number; effective_from: string }>();
  private holidays: Holiday[] = [];
  private operator: Operator | null = null;
  private nextId = 1;
  private listeners = new Set<(topics: string[]) => void>();
  private readonly latency: number;
  private readonly now: () => number;
  private readonly startupError: AppError | null;
  // ---- the live floor (no rule engine: just enough state to drive the board) ----
  private floor = new Map<string, FloorState>();
  private alerts: StoredAlert[] = [];
  private breakRequests: BreakRequest[] = [];
  private floorSeq = 0;
  private lineFullAnnounced = false;
  private readonly clockSpeed: number;
  private readonly simulated: boolean;
  private clockBase: number;
  private readonly realBase = Date.now();
  private floorListeners = new Set<(board: Board) => void>();
  private alertListeners = new Set<(alerts: Alert[]) => void>();
  private readonly floorTickMs: number;
  private ticker: ReturnType<typeof setInterval> | null = null;

  constructor(opts: MockOptions = {}) {
    this.clockSpeed = opts.clockSpeed ?? 1;
    this.simulated = opts.clockStart != null || this.clockSpeed !== 1;
    this.clockBase = opts.clockStart ? new Date(opts.clockStart).getTime() : Date.now();
    this.floorTickMs = opts.floorTickMs ?? 1000;
    this.latency = opts.latencyMs ?? 0;
    this.now = opts.now ?? (() => Date.now());
    this.startupError = opts.startupError ?? null;
    if (opts.demo) this.loadDemo();
  }

  // ---- helpers ----

  private async call<T>(fn: () => T): Promise<T> {
    if (this.latency > 0) await new Promise((r) => setTimeout(r, this.latency));
    else await Promise.resolve();
    if (this.startupError) {
      const e = this.startupError;
      throw new BackendError(e.code, e.message, e.params);
    }
    return structuredClone(fn());
  }

  private emit(...topics: string[]) {
    const listeners = [...this.listeners];
    setTimeout(() => listeners.forEach((cb) => cb(topics)), 0);
  }

  private id() {
    return this.nextId++;
  }

  private requireSite(): Site {
    if (!this.site) fail("site.not_initialized", "the site is not set up yet; run init first");
    return this.site;
  }

  /** AppState::require: logged in and allowed. */
  private require(permission: Permission): Operator {
    const op = this.operator;
    if (!op) fail("auth.not_logged_in", "log in first");
    if (!op.permissions.includes(permission)) fail("auth.forbidden", `a ${op.role} may not do this`);
    return op;
  }

  private employeeNoOf(u: MockUser): string | null {
    return u.agent_id != null ? (this.agents.find((a) => a.id === u.agent_id)?.employee_no ?? null) : null;
  }

  private operatorFor(u: MockUser): Operator {
    return { user_id: u.id, display_name: u.display_name, role: u.role, employee_no: this.employeeNoOf(u), permissions: [...PERMISSIONS[u.role]] };
  }

  private occupant(seatId: number): MockAgent | undefined {
    return this.agents.find((a) => a.active && a.seat_id === seatId);
  }

  /** check_seat_free: fails when an active agent other than `except` sits at the seat. */
  private checkSeatFree(seatId: number, except: number | null) {
    const holder = this.occupant(seatId);
    if (holder && holder.id !== except) {
      const code = this.seats.find((s) => s.id === seatId)!.code;
      fail("seat.taken", `seat ${code} is held by agent ${holder.employee_no}`, { seat: code, employee_no: holder.employee_no });
    }
  }

  private requireActive(entity: "team" | "seat", id: number) {
    const row = (entity === "team" ? this.teams : this.seats).find((x) => x.id === id);
    if (!row) notFound(entity, id);
    if (!row.active) fail(`${entity}.inactive`, `that ${entity} is deactivated`);
  }

  private agentRow(a: MockAgent): AgentRow {
    const team = this.teams.find((t) => t.id === a.team_id);
    const seat = a.seat_id != null ? this.seats.find((s) => s.id === a.seat_id) : undefined;
    return {
      id: a.id,
      employee_no: a.employee_no,
      name: a.name,
      team_id: a.team_id,
      team_name: team?.name ?? "",
      level: a.level,
      seat_id: a.seat_id,
      seat_code: seat?.code ?? null,
      hired_on: a.hired_on,
      active: a.active,
    };
  }

  private teamRow(t: MockTeam): Team {
    return { ...t, agent_count: this.agents.filter((a) => a.active && a.team_id === t.id).length };
  }

  private seatRow(s: MockSeat): Seat {
    const a = this.occupant(s.id);
    return { id: s.id, code: s.code, x: s.x, y: s.y, zone: s.zone, active: s.active, agent_id: a?.id ?? null, agent_name: a?.name ?? null };
  }

  private userRow(u: MockUser): User {
    return { id: u.id, display_name: u.display_name, role: u.role, employee_no: this.employeeNoOf(u), active: u.active };
  }

  private sortedUsers(): MockUser[] {
    return [...this.users].sort(
      (a, b) => Number(b.active) - Number(a.active) || byText(a.role, b.role) || byText(a.display_name, b.display_name),
    );
  }

  private policyRow(d: PolicyDef): PolicySetting {
    const [key, label_zh, label_en, unit, min, max, def] = d;
    const cur = this.policy.get(key);
    return { key, label_zh, label_en, unit, min, max, value: cur?.value ?? def, default_value: def, effective_from: cur?.effective_from ?? BEGINNING };
  }

  /** Store::init_site: creates the site once; later calls leave it as it is. */
  private initSite(input: SiteInput, isDemo: boolean): Site {
    const name = checkName("site name", input.name);
    const time_zone = checkTimeZone(input.time_zone);
    if (!this.site) this.site = { name, time_zone, is_demo: isDemo };
    return this.site;
  }

  /** Store::save_user, without the permission check. */
  private writeUser(input: UserInput): MockUser {
    const display_name = checkName("display_name", input.display_name);
    let pin: string | null = null;
    if (input.pin != null) pin = checkPinFormat(input.pin);
    else if (input.id == null) fail("validation.required", "a new user needs a PIN", { field: "pin" });
    if (!ROLES.includes(input.role)) fail("internal", `unknown role ${String(input.role)}`);
    const employeeNo = input.employee_no?.trim() || null;
    if (this.users.some((u) => u.display_name === display_name && u.id !== input.id))
      fail("user.duplicate_name", `a user called ${display_name} exists`, { name: display_name });
    let agentId: number | null = null;
    if (employeeNo) {
      const agent = this.agents.find((a) => a.employee_no === employeeNo);
      if (!agent) fail("user.unknown_employee_no", `no agent has 工号 ${employeeNo}`, { employee_no: employeeNo });
      if (this.users.some((u) => u.agent_id === agent.id && u.id !== input.id))
        fail("user.agent_linked", `工号 ${employeeNo} already has a user`, { employee_no: employeeNo });
      agentId = agent.id;
    }
    if (input.id == null) {
      const user: MockUser = { id: this.id(), display_name, role: input.role, agent_id: agentId, active: true, pin: pin!, failures: 0, lockedUntil: 0 };
      this.users.push(user);
      return user;
    }
    const user = this.users.find((u) => u.id === input.id);
    if (!user) notFound("user", input.id);
    Object.assign(user, { display_name, role: input.role, agent_id: agentId });
    if (pin !== null) Object.assign(user, { pin, failures: 0, lockedUntil: 0 });
    return user;
  }

  /** Store::authenticate: counts wrong PINs and locks the user out from the fifth. */
  private authenticate(userId: number, pin: string): MockUser {
    const u = this.users.find((x) => x.id === userId);
    if (!u) notFound("user", userId);
    if (!u.active) fail("auth.inactive", "this user is deactivated");
    const now = this.now();
    if (u.lockedUntil > now) {
      const seconds = Math.ceil((u.lockedUntil - now) / 1000);
      fail("auth.locked", `too many wrong PINs; try again in ${seconds} s`, { seconds });
    }
    if (u.pin === pin) {
      u.failures = 0;
      u.lockedUntil = 0;
      return u;
    }
    u.failures += 1;
    const lock = lockoutSecs(u.failures);
    if (lock !== null) {
      u.lockedUntil = now + lock * 1000;
      fail("auth.locked", `too many wrong PINs; try again in ${lock} s`, { seconds: lock });
    }
    const remaining = FREE_ATTEMPTS - u.failures;
    fail("auth.wrong_pin", `wrong PIN; ${remaining} tries left`, { remaining });
  }

  /** Store::load_demo: the demo floor from assets/demo. Loading it twice changes nothing more. */
  private loadDemo() {
    this.initSite({ name: DEMO_SITE_NAME, time_zone: DEFAULT_TIME_ZONE }, true);
    this.site = { ...this.site!, is_demo: true };

    const seats = readCsv(DEMO_SEATS_CSV);
    const [code, x, y, zone] = ["code", "x", "y", "zone"].map((c) => findColumn(seats.headers, [c])?.[0]);
    for (const r of seats.rows) {
      const seatCode = cell(r, code);
      if (this.seats.some((s) => s.code === seatCode)) continue;
      const num = (i: number | undefined) => Number.parseInt(cell(r, i), 10) || 0;
      this.seats.push({ id: this.id(), code: seatCode, x: num(x), y: num(y), zone: cell(r, zone) || null, active: true });
    }

    this.importAgentsTable("agents.csv", readCsv(DEMO_AGENTS_CSV));

    const users = readCsv(DEMO_USERS_CSV);
    const [name, role, no] = ["display_name", "role", "employee_no"].map((c) => findColumn(users.headers, [c])?.[0]);
    for (const r of users.rows) {
      const display_name = cell(r, name);
      if (this.users.some((u) => u.display_name === display_name)) continue;
      this.writeUser({ id: null, display_name, role: parseRole(cell(r, role)) ?? "agent", employee_no: cell(r, no) || null, pin: DEMO_PIN });
    }

    this.importHolidaysTable("holidays.csv", readCsv(DEMO_HOLIDAYS_CSV));
  }

  private readTable(path: string): Table {
    const text = this.files.get(path.trim());
    if (text === undefined) fail("io.error", `${path}: No such file or directory (os error 2)`, { path });
    const ext = /\.([^./\\]+)$/.exec(path.trim())?.[1]?.toLowerCase() ?? "";
    if (!["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"].includes(ext))
      fail("import.unsupported_file", `${path}: .${ext} files cannot be imported; use .csv or .xlsx`, { file: path });
    return readCsv(text);
  }

  /** import::agents::validate: checks every row against what the "database" holds. */
  private validateAgents(file: string, table: Table): ImportPreview {
    const errors: ImportIssue[] = [];
    const required: [string[], string][] = [
      [EMPLOYEE_NO_COL, "工号"],
      [NAME_COL, "姓名"],
      [TEAM_COL, "班组"],
      [LEVEL_COL, "职级"],
    ];
    for (const [names, zh] of required)
      if (!findColumn(table.headers, names))
        errors.push(issue(1, `${names[0]}/${zh}`, "import.missing_column", `the header row has no ${names[0]} (or ${zh}) column`, ""));
    if (errors.length > 0) return { file, rows: [], errors, new_teams: [], new_seats: [], creates: 0, updates: 0 };

    const col = (names: string[]) => findColumn(table.headers, names);
    const [noCol, nameCol, teamCol, levelCol] = [col(EMPLOYEE_NO_COL)!, col(NAME_COL)!, col(TEAM_COL)!, col(LEVEL_COL)!];
    const [seatCol, hiredCol] = [col(SEAT_COL), col(HIRED_ON_COL)];

    const agentByNo = new Map(this.agents.map((a) => [a.employee_no, a]));
    const teamActive = new Map(this.teams.map((t) => [t.name, t.active]));
    const seatActive = new Map(this.seats.map((s) => [s.code, s.active]));
    const seatCode = (id: number | null) => (id == null ? null : (this.seats.find((s) => s.id === id)?.code ?? null));

    const rows: ImportRow[] = [];
    const firstRowOf = new Map<string, number>();
    // Seats held after the import: by agents the file does not mention, then by the file's rows.
    const inFile = new Set(table.rows.map((r) => cell(r, noCol[0])).filter((s) => s));
    const seatHolder = new Map<string, string>();
    for (const a of this.agents) {
      const code = seatCode(a.seat_id);
      if (a.active && code !== null && !inFile.has(a.employee_no)) seatHolder.set(code, a.employee_no);
    }

    const checked = (fn: () => string, r: TableRow, c: [number, string]): string => {
      try {
        return fn();
      } catch (e) {
        const p = BackendError.from(e);
        errors.push(issue(r.row, c[1], requiredOr(p.code), p.message, cell(r, c[0])));
        return "";
      }
    };

    for (const r of table.rows) {
      const before = errors.length;
      const rawNo = cell(r, noCol[0]);
      const employeeNo = checked(() => checkEmployeeNo(rawNo), r, noCol);
      if (employeeNo) {
        const first = firstRowOf.get(employeeNo);
        if (first !== undefined)
          errors.push(issue(r.row, noCol[1], "import.duplicate_in_file", `工号 ${employeeNo} is already on row ${first}`, rawNo));
        else firstRowOf.set(employeeNo, r.row);
      }
      const name = checked(() => checkName("name", cell(r, nameCol[0])), r, nameCol);
      const team = checked(() => checkName("team", cell(r, teamCol[0])), r, teamCol);
      if (teamActive.get(team) === false)
        errors.push(issue(r.row, teamCol[1], "import.team_inactive", `team ${team} is deactivated`, team));
      const rawLevel = cell(r, levelCol[0]);
      const level = parseLevel(rawLevel);
      if (!level)
        errors.push(
          issue(
            r.row,
            levelCol[1],
            rawLevel ? "import.bad_level" : "import.required",
            `unknown level '${rawLevel}'; use 初级/中级/高级/班长/主管 or junior/intermediate/senior/lead/supervisor`,
            rawLevel,
          ),
        );
      const rawHired = cell(r, hiredCol?.[0]);
      const hiredOn = rawHired ? parseDate(rawHired) : null;
      if (rawHired && !hiredOn)
        errors.push(issue(r.row, hiredCol?.[1] ?? "入职日期", "import.bad_date", `'${rawHired}' is not a date like 2024-03-01`, rawHired));
      const existing = agentByNo.get(employeeNo);
      let seat: string | null;
      if (seatCol) {
        const code = cell(r, seatCol[0]);
        if (!code) seat = null;
        else {
          if (seatActive.get(code) === false)
            errors.push(issue(r.row, seatCol[1], "import.seat_inactive", `seat ${code} is deactivated`, code));
          const holder = seatHolder.get(code);
          if (holder !== undefined && holder !== employeeNo)
            errors.push(issue(r.row, seatCol[1], "import.seat_taken", `seat ${code} is held by agent ${holder}`, code));
          else if (employeeNo) seatHolder.set(code, employeeNo);
          seat = code;
        }
      } else {
        // No seat column: an existing agent keeps the seat they have.
        seat = existing ? seatCode(existing.seat_id) : null;
      }
      if (errors.length === before && level)
        rows.push({ row: r.row, employee_no: employeeNo, name, team, level, seat, hired_on: hiredOn, action: existing ? "update" : "create" });
    }
    if (table.rows.length === 0) errors.push(issue(1, "", "import.empty", "the file has no data rows", ""));
    const new_teams = [...new Set(rows.map((r) => r.team).filter((t) => !teamActive.has(t)))].sort(byText);
    const new_seats = [...new Set(rows.flatMap((r) => (r.seat ? [r.seat] : [])).filter((s) => !seatActive.has(s)))].sort(byText);
    const creates = rows.filter((r) => r.action === "create").length;
    return { file, rows, errors, new_teams, new_seats, creates, updates: rows.length - creates };
  }

  /** Store::import_agents_table: all rows or none. */
  private importAgentsTable(file: string, table: Table): ImportSummary {
    const preview = this.validateAgents(file, table);
    if (preview.errors.length > 0) importInvalid(file, preview.errors);
    const teamIds = new Map(this.teams.map((t) => [t.name, t.id]));
    const seatIds = new Map(this.seats.map((s) => [s.code, s.id]));
    for (const name of preview.new_teams) {
      const team = { id: this.id(), name, active: true };
      this.teams.push(team);
      teamIds.set(name, team.id);
    }
    // New seats go on a fresh row of the floor map, below the seats already placed.
    const nextRow = this.seats.length > 0 ? Math.max(...this.seats.map((s) => s.y)) + 2 : 0;
    preview.new_seats.forEach((code, i) => {
      const seat = { id: this.id(), code, x: i % 12, y: nextRow + Math.floor(i / 12), zone: null, active: true };
      this.seats.push(seat);
      seatIds.set(code, seat.id);
    });
    for (const r of preview.rows) {
      const fields = { name: r.name, team_id: teamIds.get(r.team)!, level: r.level, seat_id: r.seat ? seatIds.get(r.seat)! : null };
      const existing = this.agents.find((a) => a.employee_no === r.employee_no);
      // As the store's upsert: an existing agent's hire date survives an empty cell, and their
      // active flag is left as it is.
      if (existing) Object.assign(existing, fields, { hired_on: r.hired_on ?? existing.hired_on });
      else this.agents.push({ id: this.id(), employee_no: r.employee_no, active: true, hired_on: r.hired_on, ...fields });
    }
    return { created: preview.creates, updated: preview.updates, teams_created: preview.new_teams.length, seats_created: preview.new_seats.length };
  }

  /** import::holidays: `date,kind,name` (or 日期,类型,名称), all or nothing. */
  private importHolidaysTable(file: string, table: Table): number {
    const dateCol = findColumn(table.headers, ["date", "日期"]);
    const kindCol = findColumn(table.headers, ["kind", "类型"]);
    const nameCol = findColumn(table.headers, ["name", "名称"]);
    const errors: ImportIssue[] = [];
    for (const [c, name] of [
      [dateCol, "date/日期"],
      [kindCol, "kind/类型"],
    ] as const)
      if (!c) errors.push(issue(1, name, "import.missing_column", `the header row has no ${name} column`, ""));
    const parsed: Holiday[] = [];
    if (dateCol && kindCol) {
      for (const r of table.rows) {
        const rawDate = cell(r, dateCol[0]);
        const rawKind = cell(r, kindCol[0]);
        const date = parseDate(rawDate);
        const kind = parseHolidayKind(rawKind);
        if (!date) errors.push(issue(r.row, dateCol[1], "import.bad_date", `'${rawDate}' is not a date like 2026-10-01`, rawDate));
        if (!kind) errors.push(issue(r.row, kindCol[1], "import.bad_kind", `'${rawKind}' is neither holiday nor workday`, rawKind));
        if (date && kind) parsed.push({ date, kind, name: cell(r, nameCol?.[0]) });
      }
    }
    if (errors.length > 0) importInvalid(file, errors);
    this.putHolidays(parsed);
    return parsed.length;
  }

  private putHolidays(list: Holiday[]) {
    for (const h of list) {
      const entry = { date: h.date, kind: h.kind, name: h.name.trim() };
      const i = this.holidays.findIndex((x) => x.date === h.date);
      if (i >= 0) this.holidays[i] = entry;
      else this.holidays.push(entry);
    }
  }

  // ---- Backend ----

  appStatus(): Promise<AppStatus> {
    return this.call(() => ({
      initialized: this.site !== null && this.users.length > 0,
      site: this.site,
      operator: this.operator,
      db_path: "mock://内存演示/floordesk.sqlite",
      version: "0.1.0 (mock)",
      simulated_clock: this.simulated,
    }));
  }

  setupSite(input: SetupInput): Promise<Operator> {
    return this.call(() => {
      checkPinFormat(input.supervisor_pin);
      if (this.users.length > 0) fail("setup.already_done", "the site is already set up; log in instead");
      this.initSite({ name: input.site_name, time_zone: input.time_zone }, input.load_demo);
      const user = this.writeUser({ id: null, display_name: input.supervisor_name, role: "supervisor", employee_no: null, pin: input.supervisor_pin });
      if (input.load_demo) this.loadDemo();
      this.operator = this.operatorFor(user);
      this.emit("site", "users", "agents", "teams", "seats", "holidays");
      return this.operator;
    });
  }

  listLoginUsers(): Promise<LoginUser[]> {
    return this.call(() =>
      this.sortedUsers()
        .filter((u) => u.active)
        .map((u) => ({ id: u.id, display_name: u.display_name, role: u.role })),
    );
  }

  login(userId: number, pin: string): Promise<Operator> {
    return this.call(() => {
      this.operator = this.operatorFor(this.authenticate(userId, pin));
      return this.operator;
    });
  }

  logout(): Promise<void> {
    return this.call(() => {
      this.operator = null;
    });
  }

  changeOwnPin(oldPin: string, newPin: string): Promise<void> {
    return this.call(() => {
      const op = this.operator;
      if (!op) fail("auth.not_logged_in", "log in first");
      const u = this.authenticate(op.user_id, oldPin);
      u.pin = checkPinFormat(newPin);
    });
  }

  listAgents(includeInactive: boolean): Promise<AgentRow[]> {
    return this.call(() => {
      this.require("view_people");
      return this.agents
        .filter((a) => includeInactive || a.active)
        .sort((a, b) => Number(b.active) - Number(a.active) || byText(a.employee_no, b.employee_no))
        .map((a) => this.agentRow(a));
    });
  }

  saveAgent(input: AgentInput): Promise<AgentRow> {
    return this.call(() => {
      this.require("manage_people");
      const employee_no = checkEmployeeNo(input.employee_no);
      const name = checkName("name", input.name);
      const taken = this.agents.find((a) => a.employee_no === employee_no);
      if (taken && taken.id !== input.id)
        fail("agent.duplicate_employee_no", `工号 ${employee_no} already belongs to another agent`, { employee_no });
      this.requireActive("team", input.team_id);
      if (input.seat_id != null) {
        this.requireActive("seat", input.seat_id);
        this.checkSeatFree(input.seat_id, input.id);
      }
      let hired_on: string | null = null;
      if (input.hired_on) {
        // The real command cannot even deserialize anything but YYYY-MM-DD.
        if (!/^\d{4}-\d{2}-\d{2}$/.test(input.hired_on) || !parseDate(input.hired_on))
          fail("internal", `invalid args \`input\` for command \`save_agent\`: bad date ${input.hired_on}`);
        hired_on = input.hired_on;
      }
      if (!LEVELS.includes(input.level)) fail("internal", `unknown level ${String(input.level)}`);
      const fields = { employee_no, name, team_id: input.team_id, level: input.level, seat_id: input.seat_id, hired_on };
      let agent: MockAgent;
      if (input.id == null) {
        agent = { id: this.id(), active: true, ...fields };
        this.agents.push(agent);
      } else {
        const existing = this.agents.find((a) => a.id === input.id);
        if (!existing) notFound("agent", input.id);
        agent = Object.assign(existing, fields);
      }
      this.emit("agents", "seats", "teams");
      return this.agentRow(agent);
    });
  }

  /** Deactivating keeps the seat on record; reactivating fails if someone else took it meanwhile. */
  setAgentActive(id: number, active: boolean): Promise<void> {
    return this.call(() => {
      this.require("manage_people");
      const a = this.agents.find((x) => x.id === id);
      if (!a) notFound("agent", id);
      if (active && a.seat_id != null) this.checkSeatFree(a.seat_id, a.id);
      a.active = active;
      this.emit("agents", "seats", "teams");
    });
  }

  listTeams(): Promise<Team[]> {
    return this.call(() => {
      this.require("view_people");
      return [...this.teams].sort((a, b) => Number(b.active) - Number(a.active) || byText(a.name, b.name)).map((t) => this.teamRow(t));
    });
  }

  saveTeam(input: TeamInput): Promise<Team> {
    return this.call(() => {
      this.require("manage_people");
      const name = checkName("team", input.name);
      const taken = this.teams.find((t) => t.name === name);
      if (taken && taken.id !== input.id) fail("team.duplicate_name", `a team called ${name} exists`, { name });
      let team: MockTeam;
      if (input.id == null) {
        team = { id: this.id(), name, active: true };
        this.teams.push(team);
      } else {
        const t = this.teams.find((x) => x.id === input.id);
        if (!t) notFound("team", input.id);
        t.name = name;
        team = t;
      }
      this.emit("teams", "agents");
      return this.teamRow(team);
    });
  }

  setTeamActive(id: number, active: boolean): Promise<void> {
    return this.call(() => {
      this.require("manage_people");
      if (!active) {
        const count = this.agents.filter((a) => a.active && a.team_id === id).length;
        if (count > 0) fail("team.has_agents", `the team still has ${count} active agents; move them first`, { count });
      }
      const t = this.teams.find((x) => x.id === id);
      if (!t) notFound("team", id);
      t.active = active;
      this.emit("teams");
    });
  }

  listSeats(): Promise<Seat[]> {
    return this.call(() => {
      this.require("view_people");
      return [...this.seats].sort((a, b) => Number(b.active) - Number(a.active) || byText(a.code, b.code)).map((s) => this.seatRow(s));
    });
  }

  saveSeat(input: SeatInput): Promise<Seat> {
    return this.call(() => {
      this.require("manage_people");
      const code = checkName("seat", input.code);
      const inGrid = (v: number) => Number.isInteger(v) && v >= 0 && v <= MAX_GRID;
      if (!inGrid(input.x) || !inGrid(input.y))
        fail("validation.position", `a seat's column and row must be between 0 and ${MAX_GRID}`);
      const zone = input.zone?.trim() || null;
      const taken = this.seats.find((s) => s.code === code);
      if (taken && taken.id !== input.id) fail("seat.duplicate_code", `seat ${code} exists`, { code });
      let seat: MockSeat;
      if (input.id == null) {
        seat = { id: this.id(), code, x: input.x, y: input.y, zone, active: true };
        this.seats.push(seat);
      } else {
        const s = this.seats.find((x) => x.id === input.id);
        if (!s) notFound("seat", input.id);
        seat = Object.assign(s, { code, x: input.x, y: input.y, zone });
      }
      this.emit("seats", "agents");
      return this.seatRow(seat);
    });
  }

  /** An occupied seat cannot be deactivated: move its agent first. */
  setSeatActive(id: number, active: boolean): Promise<void> {
    return this.call(() => {
      this.require("manage_people");
      const s = this.seats.find((x) => x.id === id);
      if (!active && s) this.checkSeatFree(id, null);
      if (!s) notFound("seat", id);
      s.active = active;
      this.emit("seats");
    });
  }

  previewAgentsImport(path: string): Promise<ImportPreview> {
    return this.call(() => {
      this.require("manage_people");
      return this.validateAgents(path, this.readTable(path));
    });
  }

  applyAgentsImport(path: string): Promise<ImportSummary> {
    return this.call(() => {
      this.require("manage_people");
      const summary = this.importAgentsTable(path, this.readTable(path));
      this.emit("agents", "teams", "seats");
      return summary;
    });
  }

  exportAgents(path: string): Promise<number> {
    return this.call(() => {
      this.require("view_people");
      if (!path.trim()) fail("export.failed", `${path}: cannot write the file: empty path`, { path });
      const lines = ["工号,姓名,班组,职级,台席,入职日期,状态"];
      const all = [...this.agents].sort((a, b) => byText(a.employee_no, b.employee_no));
      for (const a of all) {
        const r = this.agentRow(a);
        lines.push([r.employee_no, r.name, r.team_name, LEVEL_ZH[r.level], r.seat_code ?? "", r.hired_on ?? "", r.active ? "在职" : "停用"].join(","));
      }
      this.files.set(path, lines.join("\n"));
      return all.length;
    });
  }

  listUsers(): Promise<User[]> {
    return this.call(() => {
      this.require("manage_users");
      return this.sortedUsers().map((u) => this.userRow(u));
    });
  }

  saveUser(input: UserInput): Promise<User> {
    return this.call(() => {
      this.require("manage_users");
      const user = this.writeUser(input);
      if (this.operator?.user_id === user.id) this.operator = this.operatorFor(user);
      this.emit("users");
      return this.userRow(user);
    });
  }

  /** The last active supervisor cannot be deactivated: nobody could administer the site. */
  setUserActive(id: number, active: boolean): Promise<void> {
    return this.call(() => {
      this.require("manage_users");
      const u = this.users.find((x) => x.id === id);
      if (!active && u?.role === "supervisor" && !this.users.some((o) => o.id !== id && o.active && o.role === "supervisor"))
        fail("user.last_supervisor", "the last active supervisor cannot be deactivated");
      if (!u) notFound("user", id);
      u.active = active;
      this.emit("users");
    });
  }

  getSite(): Promise<Site> {
    return this.call(() => this.requireSite());
  }

  updateSite(input: SiteInput): Promise<Site> {
    return this.call(() => {
      this.require("manage_settings");
      const name = checkName("site name", input.name);
      const time_zone = checkTimeZone(input.time_zone);
      const site = this.requireSite();
      this.site = { ...site, name, time_zone };
      this.emit("site");
      return this.site;
    });
  }

  listPolicy(): Promise<PolicySetting[]> {
    return this.call(() => {
      this.require("view_people");
      return POLICY.map((d) => this.policyRow(d));
    });
  }

  setPolicy(key: string, value: number): Promise<PolicySetting> {
    return this.call(() => {
      this.require("manage_settings");
      const d = POLICY.find((p) => p[0] === key);
      if (!d) fail("policy.unknown_key", `no policy setting is called '${key}'`, { key });
      const [, , en, , min, max] = d;
      if (!Number.isInteger(value) || value < min || value > max)
        fail("validation.out_of_range", `${en} must be between ${min} and ${max}`, { min, max, value });
      this.policy.set(key, { value, effective_from: new Date(this.now()).toISOString() });
      this.emit("settings");
      return this.policyRow(d);
    });
  }

  listHolidays(): Promise<Holiday[]> {
    return this.call(() => {
      this.require("view_people");
      return [...this.holidays].sort((a, b) => byText(a.date, b.date));
    });
  }

  saveHoliday(holiday: Holiday): Promise<Holiday> {
    return this.call(() => {
      this.require("manage_settings");
      // The real command cannot even deserialize a bad date or kind.
      if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday.date) || !parseDate(holiday.date) || !["holiday", "workday"].includes(holiday.kind))
        fail("internal", `invalid args \`holiday\` for command \`save_holiday\``);
      this.putHolidays([holiday]);
      this.emit("holidays");
      return holiday;
    });
  }

  deleteHoliday(date: string): Promise<void> {
    return this.call(() => {
      this.require("manage_settings");
      this.holidays = this.holidays.filter((h) => h.date !== date);
      this.emit("holidays");
    });
  }

  importHolidays(path: string): Promise<number> {
    return this.call(() => {
      this.require("manage_settings");
      const n = this.importHolidaysTable(path, this.readTable(path));
      this.emit("holidays");
      return n;
    });
  }

  // ---- the live floor ----

  /** The floor clock in ms: the simulated one when configured. */
  floorNow(): number {
    return this.clockBase + (Date.now() - this.realBase) * this.clockSpeed;
  }

  /** Moves the floor clock forward (tests), then pushes the board. */
  advanceFloorClock(secs: number) {
    this.clockBase += secs * 1000;
    this.pushFloor();
  }

  /** Sets an agent's state directly, with no permission check (tests). `secsAgo` back-dates it. */
  setFloorState(employeeNo: string, state: AgentState, secsAgo = 0, reason: string | null = null) {
    this.floor.set(employeeNo, { state, since: this.floorNow() - secsAgo * 1000, reason });
    this.settleBreaks();
    this.pushFloor();
  }

  /** Raises an alert as the backend's engine would (tests and the browser demo); returns it. */
  injectAlert(alert: Partial<Alert> & Pick<Alert, "agent" | "rule">): StoredAlert {
    const now = this.floorNow();
    const full: Alert = {
      at: alert.at ?? iso(now),
      agent: alert.agent,
      rule: alert.rule,
      shift_date: alert.shift_date ?? localDate(now, this.site?.time_zone ?? DEFAULT_TIME_ZONE),
      detail: alert.detail ?? `${alert.rule} (mock)`,
    };
    const stored: StoredAlert = { id: this.id(), alert: full, acknowledged_at: null, ack_note: null };
    this.alerts.push(stored);
    const listeners = [...this.alertListeners];
    const copy = structuredClone([full]);
    setTimeout(() => listeners.forEach((cb) => cb(copy)), 0);
    this.pushFloor();
    return stored;
  }

  private floorStateOf(employeeNo: string, index: number): FloorState {
    let st = this.floor.get(employeeNo);
    if (!st) {
      // Agents the mock never saw: the demo floor starts lively, any other floor signed out.
      st = this.site?.is_demo
        ? { state: DEMO_STATES[index % DEMO_STATES.length], since: this.floorNow() - ((index * 97) % 420) * 1000, reason: null }
        : { state: "signed_out", since: null, reason: null };
      this.floor.set(employeeNo, st);
    }
    return st;
  }

  private policyValue(key: string): number {
    return this.policy.get(key)?.value ?? POLICY.find((d) => d[0] === key)![6];
  }

  private board(): Board {
    const now = this.floorNow();
    const tz = this.site?.time_zone ?? DEFAULT_TIME_ZONE;
    const today = localDate(now, tz);
    const breakLimit = this.policyValue("small_break_max_min") * 60;
    const mealLimit = this.policyValue("meal_max_min") * 60;
    const totalLimit = this.policyValue("small_break_total_max_min") * 60;
    const agents: BoardAgent[] = this.agents
      .filter((a) => a.active)
      .sort((a, b) => byText(a.employee_no, b.employee_no))
      .map((a, i) => {
        const st = this.floorStateOf(a.employee_no, i);
        const seat = a.seat_id != null ? this.seats.find((s) => s.id === a.seat_id) : undefined;
        const elapsed = st.since != null ? Math.max(0, Math.floor((now - st.since) / 1000)) : null;
        const agentNow: AgentNow = {
          agent: a.employee_no,
          state: st.state,
          since: st.since != null ? iso(st.since) : null,
          reason: st.reason,
          elapsed_secs: elapsed,
          limit_secs: st.state === "small_break" ? breakLimit : st.state === "meal" ? mealLimit : null,
          shift_date: st.state === "signed_out" ? null : today,
          shift_break_secs: st.state === "small_break" ? (elapsed ?? 0) : 0,
          shift_break_limit_secs: totalLimit,
        };
        return {
          employee_no: a.employee_no,
          name: a.name,
          team_id: a.team_id,
          team_name: this.teams.find((t) => t.id === a.team_id)?.name ?? "",
          seat_code: seat?.code ?? null,
          seat_x: seat?.x ?? null,
          seat_y: seat?.y ?? null,
          zone: seat?.zone ?? null,
          now: agentNow,
        };
      });
    const ready = agents.filter((a) => a.now.state === "ready").length;
    const guard = this.policyValue("line_full_max_idle");
    const signedIn = agents.some((a) => a.now.state !== "signed_out");
    return {
      seq: ++this.floorSeq,
      now: iso(now),
      agents,
      ready_count: ready,
      line_full: this.lineFullAnnounced || (signedIn && ready <= guard),
      line_full_announced: this.lineFullAnnounced,
      line_full_max_idle: guard,
      open_alerts: this.alerts.filter((x) => x.acknowledged_at == null).reverse(),
      break_queue: this.breakRequests.filter((r) => r.status === "waiting").map((r) => structuredClone(r)),
    };
  }

  /** The backend's queue rule (domain floor::breaks): grant from the head while the break
   * would start above the guard, drop requests of agents who left or already went. */
  private settleBreaks() {
    const guard = this.policyValue("line_full_max_idle");
    const states = new Map(this.board().agents.map((a) => [a.employee_no, a.now.state]));
    let ready = [...states.values()].filter((st) => st === "ready").length;
    let blocked = false;
    const now = this.floorNow();
    for (const r of this.breakRequests.filter((x) => x.status === "waiting")) {
      const st = states.get(r.employee_no) ?? "signed_out";
      if (st === "signed_out" || st === "small_break") {
        Object.assign(r, { status: "dropped", decided_at: iso(now), drop_reason: st === "signed_out" ? "signed_out" : "already_on_break" });
        continue;
      }
      const idle = ready + (st === "ready" ? 0 : 1);
      if (blocked || this.lineFullAnnounced || idle <= guard) {
        blocked = true;
        continue;
      }
      if (st === "ready") ready -= 1;
      Object.assign(r, { status: "granted", decided_at: iso(now) });
      this.floor.set(r.employee_no, { state: "small_break", since: now, reason: null });
    }
  }

  /** A crude stand-in for the engine, so the browser demo raises something: a small break past its limit. */
  private judgeBreaks() {
    const b = this.board();
    for (const a of b.agents) {
      const n = a.now;
      if (n.state !== "small_break" || n.limit_secs == null || n.elapsed_secs == null || n.elapsed_secs <= n.limit_secs) continue;
      const raised = this.alerts.some((x) => x.alert.agent === a.employee_no && x.alert.rule === "break_overrun" && n.since != null && x.alert.at >= n.since);
      if (!raised) {
        const at = iso(new Date(n.since!).getTime() + n.limit_secs * 1000);
        this.injectAlert({ agent: a.employee_no, rule: "break_overrun", at, detail: `small break longer than ${n.limit_secs / 60} min` });
      }
    }
  }

  private pushFloor() {
    if (this.floorListeners.size === 0 || !this.site) return;
    const board = this.board();
    const listeners = [...this.floorListeners];
    setTimeout(() => listeners.forEach((cb) => cb(structuredClone(board))), 0);
  }

  floorBoard(): Promise<Board> {
    return this.call(() => {
      this.require("view_floor");
      return this.board();
    });
  }

  setAgentState(input: SetStateInput): Promise<void> {
    return this.call(() => {
      this.require("operate_floor");
      const agent = this.agents.find((a) => a.active && a.employee_no === input.employee_no);
      if (!agent) notFound("agent", input.employee_no);
      if (!AGENT_STATES.includes(input.state)) fail("internal", `unknown state ${String(input.state)}`);
      const reason = input.reason?.trim() || null;
      if (input.state === "other" && !reason) fail("validation.required", "the state 'other' needs a reason", { field: "reason" });
      const now = this.floorNow();
      let since = now;
      if (input.effective_at) {
        since = new Date(input.effective_at).getTime();
        if (!Number.isFinite(since) || since > now + 1000) fail("floor.future_time", "a state change cannot take effect in the future");
      }
      this.floor.set(agent.employee_no, { state: input.state, since, reason });
      this.settleBreaks();
      this.pushFloor();
    });
  }

  setLineFull(on: boolean): Promise<void> {
    return this.call(() => {
      this.require("operate_floor");
      this.lineFullAnnounced = on;
      this.settleBreaks();
      this.pushFloor();
    });
  }

  listAlerts(date: string): Promise<StoredAlert[]> {
    return this.call(() => {
      this.require("view_floor");
      const tz = this.site?.time_zone ?? DEFAULT_TIME_ZONE;
      return this.alerts.filter((x) => (x.alert.shift_date ?? localDate(new Date(x.alert.at).getTime(), tz)) === date).reverse();
    });
  }

  acknowledgeAlert(id: number, note: string): Promise<void> {
    return this.call(() => {
      this.require("operate_floor");
      const a = this.alerts.find((x) => x.id === id);
      if (!a) notFound("alert", id);
      if (a.acknowledged_at == null) {
        a.acknowledged_at = iso(this.floorNow());
        a.ack_note = note.trim() || null;
      }
      this.pushFloor();
    });
  }

  requestBreak(employeeNo: string): Promise<BreakRequest> {
    return this.call(() => {
      this.require("operate_floor");
      const agent = this.agents.find((a) => a.active && a.employee_no === employeeNo);
      if (!agent) fail("break.unknown_agent", `no active agent has 工号 ${employeeNo}`, { employee_no: employeeNo });
      this.settleBreaks();
      const st = this.board().agents.find((a) => a.employee_no === employeeNo)?.now.state;
      if (st === "signed_out") fail("break.signed_out", `agent ${employeeNo} is signed out`, { employee_no: employeeNo });
      if (st === "small_break") fail("break.already_on_break", `agent ${employeeNo} is already on a small break`, { employee_no: employeeNo });
      if (this.breakRequests.some((r) => r.status === "waiting" && r.employee_no === employeeNo)) {
        fail("break.already_waiting", `agent ${employeeNo} already has a break request waiting`, { employee_no: employeeNo });
      }
      const request: BreakRequest = {
        id: this.id(),
        employee_no: employeeNo,
        name: agent.name,
        requested_at: iso(this.floorNow()),
        requested_by: this.operator?.display_name ?? null,
        status: "waiting",
        queued: false,
        decided_at: null,
        decided_by: null,
        out_of_turn_reason: null,
        drop_reason: null,
      };
      this.breakRequests.push(request);
      this.settleBreaks();
      if (request.status === "waiting") request.queued = true;
      else request.decided_by = null;
      this.pushFloor();
      return structuredClone(request);
    });
  }

  grantBreak(id: number, reason: string): Promise<void> {
    return this.call(() => {
      this.require("operate_floor");
      if (!reason.trim()) fail("break.reason_required", "granting out of turn needs a reason");
      const r = this.breakRequests.find((x) => x.id === id && x.status === "waiting");
      if (!r) fail("break.not_waiting", `break request ${id} is no longer waiting`, { id: String(id) });
      const now = this.floorNow();
      Object.assign(r, { status: "granted", decided_at: iso(now), decided_by: this.operator?.display_name ?? null, out_of_turn_reason: reason.trim() });
      this.floor.set(r.employee_no, { state: "small_break", since: now, reason: null });
      this.settleBreaks();
      this.pushFloor();
    });
  }

  cancelBreakRequest(id: number): Promise<void> {
    return this.call(() => {
      this.require("operate_floor");
      const r = this.breakRequests.find((x) => x.id === id && x.status === "waiting");
      if (!r) fail("break.not_waiting", `break request ${id} is no longer waiting`, { id: String(id) });
      Object.assign(r, { status: "cancelled", decided_at: iso(this.floorNow()), decided_by: this.operator?.display_name ?? null });
      this.settleBreaks();
      this.pushFloor();
    });
  }

  listBreakRequests(date: string): Promise<BreakRequest[]> {
    return this.call(() => {
      this.require("view_floor");
      const tz = this.site?.time_zone ?? DEFAULT_TIME_ZONE;
      return this.breakRequests
        .filter((r) => localDate(new Date(r.requested_at).getTime(), tz) === date)
        .reverse()
        .map((r) => structuredClone(r));
    });
  }

  onFloorUpdated(cb: (board: Board) => void): () => void {
    this.floorListeners.add(cb);
    if (!this.ticker && this.floorTickMs > 0) {
      this.ticker = setInterval(() => {
        if (!this.site) return;
        this.judgeBreaks();
        this.settleBreaks();
        this.pushFloor();
      }, this.floorTickMs);
    }
    return () => {
      this.floorListeners.delete(cb);
      if (this.floorListeners.size === 0 && this.ticker) {
        clearInterval(this.ticker);
        this.ticker = null;
      }
    };
  }

  onAlertsRaised(cb: (alerts: Alert[]) => void): () => void {
    this.alertListeners.add(cb);
    return () => {
      this.alertListeners.delete(cb);
    };
  }

  onDataChanged(cb: (topics: string[]) => void): () => void {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  async pickOpenFile(_filters: FileFilter[]): Promise<string | null> {
    const picked = this.nextPickedFile;
    this.nextPickedFile = null;
    return picked;
  }

  async pickSaveFile(defaultName: string, _filters: FileFilter[]): Promise<string | null> {
    return `demo/${defaultName}`;
  }
}

export function createMockBackend(opts?: MockOptions): MockBackend {
  return new MockBackend(opts ?? { latencyMs: 120 });
}
