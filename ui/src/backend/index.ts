// The one door to the backend. Pages and components use `useBackend()`; only this folder
// knows about the generated `bindings.ts` (Tauri) or the in-memory mock (tests, plain browser).
import { createContext, createElement, useContext, type ReactNode } from "react";
import type {
  AgentInput,
  AgentRow,
  AppError,
  AppStatus,
  Board,
  BreakRequest,
  Alert,
  Holiday,
  ImportPreview,
  ImportSummary,
  LoginUser,
  Operator,
  PolicySetting,
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
} from "../bindings";

export type {
  AgentNow,
  AgentState,
  Alert,
  Board,
  BoardAgent,
  BreakRequest,
  BreakStatus,
  DropReason,
  RuleCode,
  SetStateInput,
  StoredAlert,
  AgentInput,
  AgentRow,
  AppError,
  AppStatus,
  Holiday,
  HolidayKind,
  ImportAction,
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
  SetupInput,
  Site,
  SiteInput,
  Team,
  TeamInput,
  User,
  UserInput,
} from "../bindings";

/** A failure reported by the backend: stable `code`, English fallback `message`, `params` for the translation. */
export class BackendError extends Error {
  readonly code: string;
  readonly params: Record<string, string>;

  constructor(code: string, message: string, params: Record<string, string | undefined> = {}) {
    super(message);
    this.name = "BackendError";
    this.code = code;
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = String(v);
    this.params = clean;
  }

  static from(error: unknown): BackendError {
    if (error instanceof BackendError) return error;
    if (isAppError(error)) return new BackendError(error.code, error.message, error.params ?? {});
    if (error instanceof Error) return new BackendError("internal", error.message);
    return new BackendError("internal", typeof error === "string" ? error : JSON.stringify(error));
  }
}

function isAppError(e: unknown): e is AppError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as AppError).code === "string" &&
    typeof (e as AppError).message === "string"
  );
}

export type FileFilter = { name: string; extensions: string[] };

/** Every backend command, unwrapped: resolves with the data or throws a `BackendError`. */
export interface Backend {
  /** "tauri" in the desktop app, "mock" in tests and in a plain browser. */
  readonly kind: "tauri" | "mock";

  appStatus(): Promise<AppStatus>;
  setupSite(input: SetupInput): Promise<Operator>;
  listLoginUsers(): Promise<LoginUser[]>;
  login(userId: number, pin: string): Promise<Operator>;
  logout(): Promise<void>;
  changeOwnPin(oldPin: string, newPin: string): Promise<void>;

  listAgents(includeInactive: boolean): Promise<AgentRow[]>;
  saveAgent(input: AgentInput): Promise<AgentRow>;
  setAgentActive(id: number, active: boolean): Promise<void>;
  listTeams(): Promise<Team[]>;
  saveTeam(input: TeamInput): Promise<Team>;
  setTeamActive(id: number, active: boolean): Promise<void>;
  listSeats(): Promise<Seat[]>;
  saveSeat(input: SeatInput): Promise<Seat>;
  setSeatActive(id: number, active: boolean): Promise<void>;

  previewAgentsImport(path: string): Promise<ImportPreview>;
  applyAgentsImport(path: string): Promise<ImportSummary>;
  exportAgents(path: string): Promise<number>;

  listUsers(): Promise<User[]>;
  saveUser(input: UserInput): Promise<User>;
  setUserActive(id: number, active: boolean): Promise<void>;

  getSite(): Promise<Site>;
  updateSite(input: SiteInput): Promise<Site>;
  listPolicy(): Promise<PolicySetting[]>;
  setPolicy(key: string, value: number): Promise<PolicySetting>;
  listHolidays(): Promise<Holiday[]>;
  saveHoliday(holiday: Holiday): Promise<Holiday>;
  deleteHoliday(date: string): Promise<void>;
  importHolidays(path: string): Promise<number>;

  /** The live floor as it stands now (also pushed through `onFloorUpdated`). */
  floorBoard(): Promise<Board>;
  setAgentState(input: SetStateInput): Promise<void>;
  setLineFull(on: boolean): Promise<void>;
  /** The alerts of a day (YYYY-MM-DD, by shift date), acknowledged or not. */
  listAlerts(date: string): Promise<StoredAlert[]>;
  acknowledgeAlert(id: number, note: string): Promise<void>;
  /** An agent asks for a small break: granted at once when the guard allows, else queued. */
  requestBreak(employeeNo: string): Promise<BreakRequest>;
  /** Grants a waiting request out of turn; the reason is required. */
  grantBreak(id: number, reason: string): Promise<void>;
  cancelBreakRequest(id: number): Promise<void>;
  /** Every break request of a local day (YYYY-MM-DD), newest first. */
  listBreakRequests(date: string): Promise<BreakRequest[]>;
  /** The whole board, after every backend tick (about once a second) and every change. */
  onFloorUpdated(cb: (board: Board) => void): () => void;
  /** Alerts just raised (for sound and flash). */
  onAlertsRaised(cb: (alerts: Alert[]) => void): () => void;

  /** Called after every committed write (this window, another window, the CLI). Returns an unsubscribe. */
  onDataChanged(cb: (topics: string[]) => void): () => void;

  /** Native file dialogs. Resolve to null when cancelled or when there is no native dialog (browser). */
  pickOpenFile(filters: FileFilter[]): Promise<string | null>;
  pickSaveFile(defaultName: string, filters: FileFilter[]): Promise<string | null>;
}

export function isTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

/**
 * The desktop implementation inside Tauri, the in-memory demo otherwise. In a plain browser,
 * `?mock=demo` starts with the demo floor already set up, and `&as=<name>` logs that user in;
 * `?mock=newer` shows the start-up failure for a database written by a newer FloorDesk.
 */
export async function createBackend(): Promise<Backend> {
  if (isTauri()) {
    const { createTauriBackend } = await import("./tauri");
    return createTauriBackend();
  }
  const { createMockBackend } = await import("./mock");
  const params = new URLSearchParams(window.location.search);
  const mode = params.get("mock");
  const backend = createMockBackend({
    demo: mode === "demo",
    latencyMs: 120,
    startupError:
      mode === "newer"
        ? {
            code: "db.newer_schema",
            message: "this database was written by a newer FloorDesk (schema version 9; this version reads up to 1). Update FloorDesk to open it.",
            params: { found: "9", supported: "1" },
          }
        : undefined,
  });
  const as = params.get("as");
  if (as) {
    const user = (await backend.listLoginUsers()).find((u) => u.display_name === as);
    if (user) await backend.login(user.id, "1234");
  }
  return backend;
}

const BackendContext = createContext<Backend | null>(null);

export function BackendProvider({ backend, children }: { backend: Backend; children?: ReactNode }) {
  return createElement(BackendContext.Provider, { value: backend }, children);
}

export function useBackend(): Backend {
  const backend = useContext(BackendContext);
  if (!backend) throw new Error("useBackend() outside <BackendProvider>");
  return backend;
}
