// How the page follows the board: one whole read, then `floorUpdates` calls held open by the
// backend (a long poll). The generated commands are replaced by scripted answers; the merging
// itself is boardDelta's, tested there.
import { afterEach, describe, expect, test, vi } from "vitest";
import type { Board } from "../bindings";
import { agent, board, delta } from "../test/boardPushes";

type Answer = { status: "ok"; data: unknown };
const ok = (data: unknown): Answer => ({ status: "ok", data });

/** A `floorUpdates` call the test answers when it likes. */
type OpenCall = { after: number; answer: (data: unknown) => void };

const calls = vi.hoisted(() => ({
  boards: [] as unknown[],
  boardReads: 0,
  open: [] as OpenCall[],
}));

vi.mock("../bindings", () => ({
  commands: {
    floorBoard: () => {
      calls.boardReads++;
      return Promise.resolve(ok(calls.boards.shift()));
    },
    floorUpdates: (after: number) =>
      new Promise<Answer>((resolve) => calls.open.push({ after, answer: (data) => resolve(ok(data)) })),
  },
  events: {},
}));
vi.mock("@tauri-apps/plugin-dialog", () => ({ open: vi.fn(), save: vi.fn() }));

const { createTauriBackend } = await import("./tauri");

/** The next open `floorUpdates` call (the loop calls again as soon as it has applied an answer). */
async function nextCall(): Promise<OpenCall> {
  await vi.waitFor(() => expect(calls.open.length).toBeGreaterThan(0));
  return calls.open.shift()!;
}

/** A backend whose board reads answer `boards` in turn, followed by a page: what it is shown. */
function follow(...boards: Board[]) {
  calls.boards.push(...boards);
  const shown: Board[] = [];
  const stop = createTauriBackend().onFloorUpdated((b) => shown.push(b));
  return { shown, stop };
}

afterEach(() => {
  calls.boards = [];
  calls.boardReads = 0;
  calls.open = [];
});

describe("following the board", () => {
  test("the pushes after the board read are applied in order and shown once per answer", async () => {
    const { shown, stop } = follow(board(7, [agent("1001"), agent("1002")]));

    const first = await nextCall();
    expect(first.after).toBe(7);
    first.answer([delta(8, [agent("1001", "busy")]), delta(9, [agent("1002", "wrap_up")])]);

    const second = await nextCall();
    expect(second.after).toBe(9);
    expect(shown).toHaveLength(1);
    expect(shown[0].seq).toBe(9);
    expect(shown[0].agents.map((a) => a.now.state)).toEqual(["busy", "wrap_up"]);
    stop();
  });

  test("a wait that ran out shows nothing and asks again from the same board", async () => {
    const { shown, stop } = follow(board(3, [agent("1001")]));
    (await nextCall()).answer([]);
    expect((await nextCall()).after).toBe(3);
    expect(shown).toEqual([]);
    stop();
  });

  test("a missed push reads the whole board again and follows on from it", async () => {
    const { shown, stop } = follow(board(3, [agent("1001")]), board(20, [agent("1001", "signed_out")]));
    // Pushes 4 and 5 fell out of what the backend keeps.
    (await nextCall()).answer([delta(6, [agent("1001", "busy")])]);
    expect((await nextCall()).after).toBe(20);
    expect(calls.boardReads).toBe(2);
    expect(shown.map((b) => b.seq)).toEqual([20]);
    expect(shown[0].agents[0].now.state).toBe("signed_out");
    stop();
  });

  test("after unsubscribing, an answer still on its way is dropped and nothing more is asked", async () => {
    const { shown, stop } = follow(board(1, [agent("1001")]));
    const open = await nextCall();
    stop();
    open.answer([delta(2, [agent("1001", "busy")])]);
    await new Promise((r) => setTimeout(r, 20));
    expect(shown).toEqual([]);
    expect(calls.open).toEqual([]);
  });
});
