// The board arrives as one whole read (`floorBoard`) followed by numbered pushes of what changed
// (`BoardDelta`). Merging keeps every unchanged agent the same object, so a card that shows the
// same thing is not drawn again.
import type { Board, BoardDelta } from "../bindings";

/** The merged board; "stale" for a push the board already includes; "resync" when a push is missing. */
export function applyDelta(base: Board | null, delta: BoardDelta): Board | "stale" | "resync" {
  if (!base) return "resync";
  if (delta.seq <= base.seq) return "stale";
  if (delta.seq !== base.seq + 1) return "resync";
  const changed = new Map(delta.agents.map((a) => [a.employee_no, a]));
  // The usual push changes agents the board has: merged in one pass, nothing else allocated
  // (ten pushes a second on a floor of 1,000).
  let found = 0;
  let agents =
    changed.size === 0
      ? base.agents
      : base.agents.map((a) => {
          const now = changed.get(a.employee_no);
          if (now === undefined) return a;
          found += 1;
          return now;
        });
  if (delta.removed.length > 0 || found < changed.size) {
    const known = new Set(base.agents.map((a) => a.employee_no));
    const added = delta.agents.filter((a) => !known.has(a.employee_no));
    const removed = new Set(delta.removed);
    // The backend lists agents by 工号 (SQLite's byte order).
    agents = [...agents.filter((a) => !removed.has(a.employee_no)), ...added].sort((a, b) => (a.employee_no < b.employee_no ? -1 : a.employee_no > b.employee_no ? 1 : 0));
  }
  return {
    seq: delta.seq,
    now: delta.now,
    agents,
    ready_count: delta.ready_count,
    line_full: delta.line_full,
    line_full_announced: delta.line_full_announced,
    line_full_announcement: delta.line_full_announcement,
    line_full_by_count: delta.line_full_by_count,
    line_full_max_idle: delta.line_full_max_idle,
    open_alerts: delta.open_alerts ?? base.open_alerts,
    break_queue: delta.break_queue ?? base.break_queue,
    handover_reminders: delta.handover_reminders ?? base.handover_reminders,
    overdue_complaints: delta.overdue_complaints ?? base.overdue_complaints,
  };
}
