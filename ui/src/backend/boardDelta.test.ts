import { describe, expect, test } from "vitest";
import { agent, board, delta } from "../test/boardPushes";
import { applyDelta } from "./boardDelta";

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

  test("a push that adds an agent and changes another, removing none, has both", () => {
    const base = board(1, [agent("1001"), agent("1003")]);
    const merged = applyDelta(base, delta(2, [agent("1003", "busy"), agent("1002")]));
    if (typeof merged === "string") throw new Error(merged);
    expect(merged.agents.map((a) => [a.employee_no, a.now.state])).toEqual([
      ["1001", "ready"],
      ["1002", "ready"],
      ["1003", "busy"],
    ]);
    expect(merged.agents[0]).toBe(base.agents[0]);
  });

  test("a push the board already has is stale; a missing one asks for a fresh read", () => {
    const base = board(7, [agent("1001")]);
    expect(applyDelta(base, delta(7, []))).toBe("stale");
    expect(applyDelta(base, delta(6, []))).toBe("stale");
    expect(applyDelta(base, delta(9, []))).toBe("resync");
    expect(applyDelta(null, delta(1, []))).toBe("resync");
  });
});
