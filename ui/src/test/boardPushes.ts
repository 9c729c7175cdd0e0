// Small boards and pushes for the tests of how the page follows the board.
import type { Board, BoardAgent, BoardDelta } from "../bindings";

export const agent = (no: string, state: BoardAgent["now"]["state"] = "ready"): BoardAgent => ({
  employee_no: no,
  name: `坐席${no}`,
  team_id: 1,
  team_name: "一组",
  channel: "phone",
  seat_code: null,
  seat_assigned: false,
  seat_x: null,
  seat_y: null,
  zone: null,
  now: { agent: no, state, since: "2026-11-23T02:00:00Z", reason: null, elapsed_secs: 0, limit_secs: null, shift_date: null, shift_break_secs: 0, shift_break_limit_secs: null },
  notice: null,
});

export const board = (seq: number, agents: BoardAgent[]): Board => ({
  seq,
  now: "2026-11-23T02:00:00Z",
  agents,
  ready_count: agents.filter((a) => a.now.state === "ready").length,
  line_full: false,
  line_full_announced: false,
  line_full_announcement: null,
  line_full_by_count: false,
  line_full_max_idle: 3,
  open_alerts: [],
  break_queue: [],
  handover_reminders: [],
  overdue_complaints: [],
});

export const delta = (seq: number, agents: BoardAgent[], removed: string[] = []): BoardDelta => ({
  seq,
  now: "2026-11-23T02:00:01Z",
  agents,
  removed,
  ready_count: 0,
  line_full: true,
  line_full_announced: false,
  line_full_announcement: null,
  line_full_by_count: false,
  line_full_max_idle: 3,
  open_alerts: null,
  break_queue: null,
  handover_reminders: null,
  overdue_complaints: null,
});
