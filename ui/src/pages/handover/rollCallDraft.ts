// A roll-call row being corrected: what the 交接班长 typed, and which writes it makes. The row's
// reading and whether a write is allowed are the backend's; this only says what changed.
import type { RollCallCorrection, RollCallRow, RollCallStatus } from "../../backend";

export type RollCallDraft = {
  employee_no: string;
  status: RollCallStatus;
  late_min: number | null;
  notified: boolean;
  note: string;
  /** The seat code typed ("": back to the home seat). */
  seat: string;
};

/** The order `S` steps through (Shift+S backwards). */
export const ROLL_CALL_STATUSES: readonly RollCallStatus[] = ["present", "late", "absent", "on_leave", "excused"];

export function draftOf(row: RollCallRow): RollCallDraft {
  return {
    employee_no: row.employee_no,
    status: row.status,
    late_min: row.late_min,
    notified: row.notified,
    note: row.note ?? "",
    seat: row.seat_code ?? "",
  };
}

export function stepStatus(status: RollCallStatus, back = false): RollCallStatus {
  const n = ROLL_CALL_STATUSES.length;
  const i = ROLL_CALL_STATUSES.indexOf(status);
  return ROLL_CALL_STATUSES[(i + (back ? n - 1 : 1)) % n];
}

export type RollCallWrites = {
  /** `correct_roll_call`'s input, when status, late minutes, 报备 or the note changed. */
  correction: RollCallCorrection | null;
  /** `assign_shift_seat`'s code when the seat changed (null: the home seat); undefined: unchanged. */
  seat: string | null | undefined;
};

/**
 * The writes a draft makes. A row the floor cannot read yet (未到) is corrected only when
 * something was changed: a seat typed alone must not pin the reading (corrections stick).
 */
export function writesOf(row: RollCallRow, draft: RollCallDraft): RollCallWrites {
  const note = draft.note.trim() || null;
  const corrected =
    draft.status !== row.status || draft.late_min !== row.late_min || draft.notified !== row.notified || note !== (row.note ?? null);
  const seat = draft.seat.trim() || null;
  return {
    correction: corrected
      ? { employee_no: row.employee_no, status: draft.status, late_min: draft.late_min, notified: draft.notified, note }
      : null,
    seat: seat !== (row.seat_code ?? null) ? seat : undefined,
  };
}
