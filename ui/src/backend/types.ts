// The seam between the UI and the backend: what the Tauri implementation, the test fakes and
// the pages all import. It imports nothing of theirs (no cycle), and the command half of
// `Backend` is derived from the generated `commands`, so a new command needs no line here.
import type { AppError, Alert, Board, ErrorCode, Topic, commands } from "../bindings";

export type {
  ComplaintStatus,
  ComplaintStep,
  ComplaintChannel,
  ComplaintInput,
  ComplaintAction,
  ComplaintRow,
  ComplaintStepDone,
  ComplaintQuery,
  ComplaintCause,
  CauseInput,
  ComplaintFlag,
  ComplaintAnalysis,
  ComplaintCount,
  TeamCount,
  MonthCount,
  MonthCauseCount,
  ContactsInput,
  OverdueComplaint,
  MeetingKind,
  Attendance,
  MeetingInput,
  MeetingRow,
  Attendee,
  AttendanceInput,
  ReportKind,
  Timeliness,
  ReportDutyInput,
  ReportDuty,
  ReportDue,
  ActionCode,
  Action,
  Amount,
  Category,
  CoParty,
  CoPenalty,
  Period,
  RuleBody,
  RuleRow,
  LineKind,
  Line,
  EquipmentItem,
  EquipmentInput,
  IncidentInput,
  IncidentSource,
  IncidentStatus,
  PreviewLine,
  PriorOffence,
  CapWarning,
  IncidentPreview,
  Confirmation,
  AckMode,
  IncidentRow,
  AckView,
  IncidentQuery,
  LedgerLine,
  LedgerQuery,
  Statement,
  Approval,
  LedgerPublication,
  AppealDecision,
  Appeal,
  FundEntryKind,
  FundEntry,
  FundStatement,
  RuleBookImport,
  AssessmentWindow,
  AssignTarget,
  Grade,
  ItemAverage,
  LateSignoff,
  MonthResults,
  MonthStatus,
  QuarterRow,
  ImprovementPlan,
  PlanFollowup,
  PlanStatus,
  QaForm,
  QaItem,
  SpotCheck,
  SpotCheckInput,
  TeamSpotChecks,
  RaterAssignment,
  RaterRole,
  RaterSheetView,
  RaterSource,
  ResultRow,
  RoleScores,
  RoleSet,
  ScoreCell,
  ComputedScore,
  FormulaInput,
  FormulaPreviewRow,
  InputSource,
  InputValue,
  ScoreCycle,
  ScoreEntry,
  ScoreItemInput,
  ScoreItemRow,
  ScorePerson,
  ScoreResponseKind,
  SheetGroup,
  SheetRow,
  TemplateAssignment,
  TemplateInput,
  TemplateRow,
  TrendPoint,
  WindowPhase,
  AddendumView,
  DesignationInput,
  Draft,
  DraftInput,
  HandoverChannel,
  HandoverDay,
  HandoverLogView,
  HandoverReminder,
  HandoverSearch,
  IncomingView,
  ItemChange,
  ItemEventKind,
  ItemEventView,
  ItemFields,
  ItemKind,
  ItemPatch,
  ItemRow,
  ItemStatus,
  ItemTimeline,
  LeadBasis,
  LeadView,
  LogKey,
  LogLabel,
  LogStatus,
  NewItem,
  NewItemFields,
  NoticeCategory,
  PersonRef,
  Problem,
  QueryView,
  ReminderKind,
  RollCallCorrection,
  RollCallRow,
  RollCallStatus,
  SearchHit,
  ShiftCard,
  Side,
  SignInput,
  SignMode,
  SignatureView,
  Signer,
  TeamDay,
  AgentInput,
  AgentNow,
  AgentRow,
  AgentState,
  Alert,
  AppError,
  AppStatus,
  Board,
  BoardAgent,
  BoardDelta,
  BreakRequest,
  BreakStatus,
  CellInput,
  ContactChannel,
  DropReason,
  ErrorCode,
  ErrorCodeInfo,
  Holiday,
  HolidayKind,
  ImportAction,
  ImportIssue,
  ImportPreview,
  ImportRow,
  ImportSummary,
  Level,
  Limits,
  LoginUser,
  NoticeInput,
  NoticeKind,
  NoticeMark,
  Operator,
  Permission,
  PolicyArea,
  PolicyDefinition,
  PolicySetting,
  PolicyUnit,
  PublishedMonth,
  Role,
  RolePermissions,
  RosterAgent,
  RosterCell,
  RosterChange,
  RosterMonth,
  MonthRecheck,
  RosterWrite,
  FairShare,
  Spread,
  TeamFairness,
  LeaveFlag,
  LeaveFlagKind,
  LeaveInput,
  LeaveKind,
  LeaveRequest,
  LeaveStatus,
  SwapInput,
  SwapRequest,
  SwapStatus,
  RosterRule,
  RuleCode,
  Seat,
  SeatInput,
  SetStateInput,
  SetupInput,
  ShiftTemplate,
  Site,
  SiteInput,
  StoredAlert,
  Team,
  TeamInput,
  Topic,
  User,
  UserInput,
  Violation,
  CellRef,
  CoverageDay,
  CoverageTotals,
  ErlangInputs,
  GenerationOutcome,
  GenerationReport,
  RequirementDay,
  RequirementSource,
  RosterWish,
  TeamCoverage,
  Unmet,
  UnmetReason,
  AgentAttendance,
  AttendanceDay,
  AttendanceMonth,
  DayAttendance,
  DayStatus,
  MonthAttendance,
} from "../bindings";
export { ERROR_CODES, LIMITS, POLICY_CATALOGUE, ROLE_PERMISSIONS } from "../bindings";
// 工资表、工资条、提成设置与导入 (pages/pay).
export type {
  ChatImportSummary,
  Coefficients,
  CommissionSettings,
  OrderImportSummary,
  PayLine,
  PayRow,
  PaySheet,
  PaySlip,
  SalesImportSummary,
  Target,
  TeamScheme,
  TeamSchemeInput,
} from "../bindings";

/**
 * A failure reported by the backend: stable `code`, English fallback `message`, `params` for the
 * translation. `code` is one of the generated `ErrorCode`s; a string that is not one (a framework
 * failure) arrives as `internal`.
 */
export class BackendError extends Error {
  readonly code: ErrorCode;
  readonly params: Record<string, string>;

  constructor(code: ErrorCode, message: string, params: Record<string, string | undefined> = {}) {
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

type Commands = typeof commands;
type CommandData<R> = R extends { status: "ok"; data: infer D } ? D : never;
type Unwrapped<F> = F extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<CommandData<R>> : never;

/** Every generated command, unwrapped: resolves with the data or throws a `BackendError`. */
export type CommandApi = { [K in keyof Commands]: Unwrapped<Commands[K]> };
export type CommandName = keyof CommandApi;

/** The commands, the pushed events, and the native file dialogs. */
export interface Backend extends CommandApi {
  /** "tauri" in the desktop app; "fake" in the UI's tests. */
  readonly kind: "tauri" | "fake";
  /** The board after every change (merged from the backend's deltas). */
  onFloorUpdated(cb: (board: Board) => void): () => void;
  /** Alerts just raised (for sound and flash). */
  onAlertsRaised(cb: (alerts: Alert[]) => void): () => void;
  /**
   * After every committed write (this window, another window, the CLI): what it changed, and
   * the write's origin when its page gave one (see `ownWriteOrigin`).
   */
  onDataChanged(cb: (topics: Topic[], origin: string | null) => void): () => void;
  /** A running roster generation's progress, in percent. */
  onGenerationProgress(cb: (percent: number) => void): () => void;
  /** Native file dialogs; null when cancelled. */
  pickOpenFile(filters: FileFilter[]): Promise<string | null>;
  pickSaveFile(defaultName: string, filters: FileFilter[]): Promise<string | null>;
}
