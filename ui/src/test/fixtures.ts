// Realistic data for the UI's tests: written by a Rust test (src-tauri/tests/it/fixtures.rs)
// from the real store, on the demo floor at 10:00 on 2026-11-23, and checked fresh like the
// bindings. Tests may change a copy (`structuredClone`) to set up a case; they never compute
// what the backend would (that is the backend's rule, tested in Rust).
import type {
  AgentRow,
  AppStatus,
  Board,
  BreakRequest,
  Holiday,
  ImportPreview,
  LoginUser,
  Operator,
  PolicySetting,
  Role,
  RosterMonth,
  Seat,
  Site,
  StoredAlert,
  Team,
  User,
} from "../backend";
import agents from "./fixtures/agents.json";
import alerts from "./fixtures/alerts.json";
import board from "./fixtures/board.json";
import boardLineFull from "./fixtures/board-line-full.json";
import breakRequests from "./fixtures/break-requests.json";
import holidays from "./fixtures/holidays.json";
import importPreviewBad from "./fixtures/import-preview-bad.json";
import importPreviewGood from "./fixtures/import-preview-good.json";
import loginUsers from "./fixtures/login-users.json";
import operators from "./fixtures/operators.json";
import policy from "./fixtures/policy.json";
import rosterMonth from "./fixtures/roster-month.json";
import seats from "./fixtures/seats.json";
import site from "./fixtures/site.json";
import teams from "./fixtures/teams.json";
import users from "./fixtures/users.json";

/** A fresh copy each call, so one test's change never leaks into another. */
const copy = <T>(value: unknown): T => structuredClone(value) as T;

export const fixtures = {
  agents: () => copy<AgentRow[]>(agents),
  alerts: () => copy<StoredAlert[]>(alerts),
  /** 10:00: 20 agents on shift, 1002 小休 since 09:57, 1003 用餐, 1004 通话, 1005 absent, 1007 其他. */
  board: () => copy<Board>(board),
  /** 10:02: all but three ready agents busy, line full, 1006 杨帆 waiting for a small break. */
  boardLineFull: () => copy<Board>(boardLineFull),
  breakRequests: () => copy<BreakRequest[]>(breakRequests),
  holidays: () => copy<Holiday[]>(holidays),
  importPreviewBad: () => copy<ImportPreview>(importPreviewBad),
  importPreviewGood: () => copy<ImportPreview>(importPreviewGood),
  loginUsers: () => copy<LoginUser[]>(loginUsers),
  /** The demo's first user of each role: 沈丽华 (supervisor), 江涛 (manager), 王静 (team lead), 朱琳 (agent). */
  operator: (role: Role) => copy<Operator>((operators as Record<Role, unknown>)[role]),
  policy: () => copy<PolicySetting[]>(policy),
  /** November 2026: 售前一组 on 做六休一; 1002 works 11-07…11-19 (marked on 11-13), many rest-day violations on 11-30. */
  rosterMonth: () => copy<RosterMonth>(rosterMonth),
  seats: () => copy<Seat[]>(seats),
  site: () => copy<Site>(site),
  teams: () => copy<Team[]>(teams),
  users: () => copy<User[]>(users),
};

/** What `appStatus` says: set up, and `role`'s demo user logged in (null: nobody). */
export function statusFor(role: Role | null): AppStatus {
  return {
    initialized: true,
    site: fixtures.site(),
    operator: role ? fixtures.operator(role) : null,
    db_path: "/home/floor/.local/share/FloorDesk/floordesk.sqlite",
    version: "0.1.0",
    simulated_clock: false,
  };
}
