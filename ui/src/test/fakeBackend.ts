// A per-test backend: every command a `vi.fn()`, events pushed by the test. It holds no rules:
// a read returns a fixture, a write resolves with what the test says, and each test asserts
// what the UI showed and what it sent (`expect(backend.saveAgent).toHaveBeenCalledWith(...)`).
import { vi, type Mock } from "vitest";
import { commands } from "../bindings";
import { BackendError, type Alert, type Backend, type Board, type CommandApi, type CommandName, type MonthRecheck, type Role, type RosterWrite, type Topic } from "../backend";
import { fixtures, statusFor } from "./fixtures";

type Mocked<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? Mock<(...args: A) => R> & T[K] : T[K] };

export type FakeBackend = Mocked<Backend> & {
  /** A write committed somewhere: what the backend's `DataChanged` carries. */
  emitDataChanged(topics: Topic[], origin?: string | null): void;
  /** A board push (the merged board, as `tauri.ts` hands it to the page). */
  emitFloor(board: Board): void;
  emitAlerts(alerts: Alert[]): void;
  emitGenerationProgress(percent: number): void;
};

/** Every command rejects until the test (or `loggedIn`) gives it an answer. */
export function fakeBackend(overrides: Partial<CommandApi & Pick<Backend, "pickOpenFile" | "pickSaveFile">> = {}): FakeBackend {
  const listeners = {
    data: new Set<(topics: Topic[], origin: string | null) => void>(),
    floor: new Set<(board: Board) => void>(),
    alerts: new Set<(alerts: Alert[]) => void>(),
    progress: new Set<(percent: number) => void>(),
  };
  const listen =
    <A extends unknown[]>(set: Set<(...v: A) => void>) =>
    (cb: (...v: A) => void) => {
      set.add(cb);
      return () => void set.delete(cb);
    };
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(commands) as CommandName[]) {
    api[name] = vi.fn(() => Promise.reject(new BackendError("internal", `the test did not fake ${name}`)));
  }
  const backend = {
    ...api,
    kind: "fake" as const,
    onDataChanged: vi.fn(listen(listeners.data)),
    onFloorUpdated: vi.fn(listen(listeners.floor)),
    onAlertsRaised: vi.fn(listen(listeners.alerts)),
    onGenerationProgress: vi.fn(listen(listeners.progress)),
    pickOpenFile: vi.fn(() => Promise.resolve(null)),
    pickSaveFile: vi.fn(() => Promise.resolve(null)),
    emitDataChanged: (topics: Topic[], origin: string | null = null) => listeners.data.forEach((cb) => cb(topics, origin)),
    emitFloor: (board: Board) => listeners.floor.forEach((cb) => cb(board)),
    emitAlerts: (alerts: Alert[]) => listeners.alerts.forEach((cb) => cb(alerts)),
    emitGenerationProgress: (percent: number) => listeners.progress.forEach((cb) => cb(percent)),
  } as unknown as FakeBackend;
  for (const [name, impl] of Object.entries(overrides)) {
    (backend as unknown as Record<string, Mock>)[name] = vi.fn(impl as (...args: unknown[]) => unknown);
  }
  return backend;
}

/** The reads every page of a logged-in app makes, answered from the demo floor's fixtures. */
export function demoReads(role: Role | null = "supervisor"): Partial<CommandApi> {
  return {
    appStatus: () => Promise.resolve(statusFor(role)),
    getSite: () => Promise.resolve(fixtures.site()),
    listLoginUsers: () => Promise.resolve(fixtures.loginUsers()),
    listAgents: () => Promise.resolve(fixtures.agents()),
    listTeams: () => Promise.resolve(fixtures.teams()),
    listSeats: () => Promise.resolve(fixtures.seats()),
    listUsers: () => Promise.resolve(fixtures.users()),
    listPolicy: () => Promise.resolve(fixtures.policy()),
    listHolidays: () => Promise.resolve(fixtures.holidays()),
    floorBoard: () => Promise.resolve(fixtures.board()),
    listAlerts: () => Promise.resolve(fixtures.alerts()),
    listBreakRequests: () => Promise.resolve(fixtures.breakRequests()),
    rosterMonth: () => Promise.resolve(fixtures.rosterMonth()),
  };
}

/** The demo floor with `role`'s demo user logged in; `overrides` answer the test's own calls. */
export function loggedIn(role: Role = "supervisor", overrides: Partial<CommandApi> = {}): FakeBackend {
  return fakeBackend({ ...demoReads(role), ...overrides });
}

/** What `putRosterCells` answers: `written` cells, the months re-checked (none unless given). */
export function rosterWrite(written: number, months: MonthRecheck[] = [], floorChanged = false): RosterWrite {
  return { written, months, floor_changed: floorChanged };
}
