import { describe, expect, test } from "vitest";
import type { Board, BoardAgent, BoardDelta } from "../bindings";
import { applyDelta } from "./boardDelta";

const agent = (no: string, state: BoardAgent["now"]["state"] = "ready"): BoardAgent => ({
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

const board = (seq: number, agents: BoardAgent[]): Board => ({
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

const delta = (seq: number, agents: BoardAgent[], removed: string[] = []): BoardDelta => ({
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

describe("merging board pushes", () => {
  test("a changed card replaces its agent; the others stay the same objects; lists stay unless sent", () => {
    const base = board(4, [agent("1001"), agent("1002"), agent("1003")]);
    const merged = applyDelta(base, delta(5, [agent("1002", "busy")]));
    if (typeof merged === "string") throw new Error(merged);
    expect(merged.seq).toBe(5);
    expect(merged.now).toBe("2026-11-23T02:00:01Z");
    expect(merged.agents.map((a) => a.now.state)).toEqual(["ready", "busy", "ready"]);
    expect(merged.agents[0]).toBe(base.agents[0]);
    expect(merged.agents[2]).toBe(base.agents[2]);
    expect(merged.open_alerts).toBe(base.open_alerts);
    expect(merged.line_full).toBe(true);
  });

  test("new agents are placed by 工号 and removed ones leave", () => {
    const base = board(1, [agent("1001"), agent("1003")]);
    const merged = applyDelta(base, delta(2, [agent("1002")], ["1001"]));
    if (typeof merged === "string") throw new Error(merged);
    expect(merged.agents.map((a) => a.employee_no)).toEqual(["1002", "1003"]);
  });

  test("a push the board already has is stale; a missing one asks for a fresh read", () => {
    const base = board(7, [agent("1001")]);
    expect(applyDelta(base, delta(7, []))).toBe("stale");
    expect(applyDelta(base, delta(6, []))).toBe("stale");
    expect(applyDelta(base, delta(9, []))).toBe("resync");
    expect(applyDelta(null, delta(1, []))).toBe("resync");
  });
});
