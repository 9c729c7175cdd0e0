import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { BackendError, type AgentNow, type Board, type BreakRequest, type CommandApi, type Role } from "../backend";
import { fixtures, statusFor } from "../test/fixtures";
import { loggedIn } from "../test/fakeBackend";
import { renderApp, type User } from "../test/utils";

// The break queue shows the board's `break_queue` and passes on the lead's choices; whether a
// request goes at once or queues, and when the queue moves, is the backend's (tested in Rust).
// The fake holds the backend's current board; each case sets it, or pushes the next one.

/** A copy of `base` at `now`, with `changes` to the agents named and the queue `queue` (when given). */
function boardAt(base: Board, now: string, changes: Record<string, Partial<AgentNow>> = {}, queue?: BreakRequest[]): Board {
  const b = structuredClone(base);
  b.now = now;
  for (const a of b.agents) if (changes[a.employee_no]) a.now = { ...a.now, ...changes[a.employee_no] };
  if (queue) b.break_queue = structuredClone(queue);
  return b;
}

/** A request as the backend returns and lists it. */
function request(id: number, employeeNo: string, name: string, requestedAt: string, more: Partial<BreakRequest> = {}): BreakRequest {
  return {
    id,
    employee_no: employeeNo,
    name,
    requested_at: requestedAt,
    requested_by: "沈丽华",
    status: "waiting",
    queued: true,
    decided_at: null,
    decided_by: null,
    out_of_turn_reason: null,
    drop_reason: null,
    ...more,
  };
}

/** 杨帆 (queued at 10:00:30 in the line-full fixture) and 许晴 behind him from 10:02. */
const yang = () => fixtures.boardLineFull().break_queue[0];
const xu = () => request(2, "1035", "许晴", "2026-11-23T02:02:00Z");

/** The board with `role` logged in; `set` changes the backend's board, `push` also pushes it. */
async function openBoard(role: Role, start: Board, overrides: (floor: { set: (b: Board) => void }) => Partial<CommandApi> = () => ({})) {
  let current = start;
  const set = (b: Board) => void (current = b);
  const backend = loggedIn(role, { floorBoard: () => Promise.resolve(structuredClone(current)), ...overrides({ set }) });
  const r = renderApp(backend);
  await screen.findByTestId("board-agent-1036");
  const push = (next: Board) => {
    set(next);
    act(() => backend.emitFloor(structuredClone(next)));
  };
  return { ...r, backend, push };
}

async function requestFromCard(user: User, employeeNo: string) {
  await user.click(screen.getByTestId(`board-agent-${employeeNo}`));
  const menu = await screen.findByTestId("state-menu");
  await user.click(within(menu).getByTestId("request-break"));
}

const card = (no: string) => screen.getByTestId(`board-agent-${no}`);
const queue = () => screen.getByTestId("break-queue");

describe("break requests", () => {
  test("a request the backend grants says so; the card goes on break with the backend's next board", async () => {
    const granted = request(5, "1001", "王静", "2026-11-23T02:00:00Z", {
      status: "granted",
      queued: false,
      decided_at: "2026-11-23T02:00:00Z",
    });
    const { user, backend, push } = await openBoard("supervisor", fixtures.board(), () => ({
      requestBreak: () => Promise.resolve(granted),
    }));
    expect(queue()).toHaveTextContent("无人排队");
    expect(within(queue()).getByTestId("break-queue-count")).toHaveTextContent("0");

    await requestFromCard(user, "1001");
    await waitFor(() => expect(backend.requestBreak).toHaveBeenCalledWith("1001"));
    expect(await screen.findByText("王静 的小休已批准，现在开始")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId("state-menu")).not.toBeInTheDocument());
    expect(card("1001")).toHaveAttribute("data-state", "ready");

    push(boardAt(fixtures.board(), "2026-11-23T02:00:01Z", { "1001": { state: "small_break", since: "2026-11-23T02:00:00Z", limit_secs: 600 } }));
    await waitFor(() => expect(card("1001")).toHaveAttribute("data-state", "small_break"));
    expect(queue()).toHaveTextContent("无人排队");
  });

  test("on a full line a request queues: its place, the wait by the board's clock, and the queue as the backend moves it", async () => {
    const start = fixtures.boardLineFull();
    const { user, backend, push } = await openBoard("supervisor", start, ({ set }) => ({
      // The backend queues it behind 杨帆: its board now lists both.
      requestBreak: () => {
        set(boardAt(start, start.now, {}, [yang(), xu()]));
        return Promise.resolve(xu());
      },
    }));
    expect(screen.getByTestId("line-full-banner")).toBeInTheDocument();
    expect(within(queue()).getByTestId("break-queue-count")).toHaveTextContent("1");
    const first = within(queue()).getByTestId("break-request-1006");
    expect(first).toHaveTextContent("第 1 位");
    expect(first).toHaveTextContent("杨帆");
    // Requested 10:00:30, the board is at 10:02:00.
    expect(within(queue()).getByTestId("break-wait-1006")).toHaveTextContent("01:30");

    await requestFromCard(user, "1035");
    await waitFor(() => expect(backend.requestBreak).toHaveBeenCalledWith("1035"));
    expect(await screen.findByText("当前满线，许晴 已排队（第 2 位）")).toBeInTheDocument();
    await waitFor(() => expect(within(queue()).getByTestId("break-queue-count")).toHaveTextContent("2"));
    expect(within(queue()).getByTestId("break-request-1006")).toHaveTextContent("第 1 位");
    expect(within(queue()).getByTestId("break-request-1035")).toHaveTextContent("第 2 位");
    expect(card("1035")).toHaveAttribute("data-state", "ready");

    // The waits run with the board's clock.
    push(boardAt(start, "2026-11-23T02:03:05Z", {}, [yang(), xu()]));
    await waitFor(() => expect(within(queue()).getByTestId("break-wait-1006")).toHaveTextContent("02:35"));
    expect(within(queue()).getByTestId("break-wait-1035")).toHaveTextContent("01:05");

    // The backend lets the head go: 杨帆 on break, 许晴 first now.
    push(boardAt(start, "2026-11-23T02:03:06Z", { "1006": { state: "small_break", since: "2026-11-23T02:03:06Z", limit_secs: 600 } }, [xu()]));
    await waitFor(() => expect(card("1006")).toHaveAttribute("data-state", "small_break"));
    expect(within(queue()).queryByTestId("break-request-1006")).not.toBeInTheDocument();
    expect(within(queue()).getByTestId("break-request-1035")).toHaveTextContent("第 1 位");
    expect(within(queue()).getByTestId("break-queue-count")).toHaveTextContent("1");
    expect(card("1035")).toHaveAttribute("data-state", "ready");
  });

  test("a lead grants out of turn only with a reason, or cancels; the day's record shows how each ended", async () => {
    const start = boardAt(fixtures.boardLineFull(), "2026-11-23T02:02:10Z", {}, [yang(), xu()]);
    const record: BreakRequest[] = [
      request(1, "1006", "杨帆", "2026-11-23T02:00:30Z", { status: "cancelled", decided_at: "2026-11-23T02:03:00Z", decided_by: "王静" }),
      request(2, "1035", "许晴", "2026-11-23T02:02:00Z", {
        status: "granted",
        decided_at: "2026-11-23T02:02:40Z",
        decided_by: "王静",
        out_of_turn_reason: "身体不适",
      }),
      request(3, "1020", "罗丹", "2026-11-23T01:20:00Z", { status: "dropped", decided_at: "2026-11-23T01:25:00Z", drop_reason: "signed_out" }),
      request(4, "1011", "徐丽", "2026-11-23T01:00:00Z", { status: "granted", decided_at: "2026-11-23T01:04:10Z" }),
    ];
    const { user, backend, push } = await openBoard("team_lead", start, () => ({
      grantBreak: () => Promise.resolve(null),
      cancelBreakRequest: () => Promise.resolve(null),
      listBreakRequests: () => Promise.resolve(structuredClone(record)),
    }));
    await within(queue()).findByTestId("break-request-1035");

    await user.click(within(queue()).getByTestId("break-grant-1035"));
    await user.click(within(queue()).getByTestId("break-grant-confirm"));
    expect(await within(queue()).findByText("请填写特批原因")).toBeInTheDocument();
    expect(backend.grantBreak).not.toHaveBeenCalled();
    await user.type(within(queue()).getByTestId("break-grant-reason"), "身体不适");
    expect(within(queue()).queryByText("请填写特批原因")).not.toBeInTheDocument();
    await user.click(within(queue()).getByTestId("break-grant-confirm"));
    await waitFor(() => expect(backend.grantBreak).toHaveBeenCalledWith(2, "身体不适"));
    expect(await screen.findByText("许晴 的小休已批准，现在开始")).toBeInTheDocument();
    await waitFor(() => expect(within(queue()).queryByTestId("break-grant-reason")).not.toBeInTheDocument());
    push(boardAt(start, "2026-11-23T02:02:40Z", { "1035": { state: "small_break", since: "2026-11-23T02:02:40Z", limit_secs: 600 } }, [yang()]));
    await waitFor(() => expect(card("1035")).toHaveAttribute("data-state", "small_break"));
    expect(within(queue()).queryByTestId("break-request-1035")).not.toBeInTheDocument();

    await user.click(within(queue()).getByTestId("break-cancel-1006"));
    expect(await screen.findByText("撤销 杨帆 的小休申请？")).toBeInTheDocument();
    expect(backend.cancelBreakRequest).not.toHaveBeenCalled();
    await user.click(await screen.findByRole("button", { name: /确\s*定|OK/ }));
    await waitFor(() => expect(backend.cancelBreakRequest).toHaveBeenCalledWith(1));
    expect(await screen.findByText("已撤销 杨帆 的小休申请")).toBeInTheDocument();
    push(boardAt(start, "2026-11-23T02:03:00Z", { "1035": { state: "small_break", since: "2026-11-23T02:02:40Z", limit_secs: 600 } }, []));
    await waitFor(() => expect(queue()).toHaveTextContent("无人排队"));
    expect(card("1006")).toHaveAttribute("data-state", "ready");

    await user.click(within(queue()).getByTestId("break-history"));
    await waitFor(() => expect(backend.listBreakRequests).toHaveBeenCalledWith("2026-11-23"));
    expect(await screen.findByText("小休申请记录 2026-11-23")).toBeInTheDocument();
    const table = await screen.findByTestId("break-history-table");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toHaveTextContent("10:00:30");
    expect(rows[0]).toHaveTextContent("杨帆 1006");
    expect(rows[0]).toHaveTextContent("已撤销");
    expect(rows[0]).toHaveTextContent("02:30");
    expect(rows[0]).toHaveTextContent("王静");
    expect(rows[1]).toHaveTextContent("许晴 1035");
    expect(rows[1]).toHaveTextContent("已放行");
    expect(rows[1]).toHaveTextContent("00:40");
    expect(rows[1]).toHaveTextContent("特批：身体不适");
    expect(rows[1]).toHaveTextContent("王静");
    expect(rows[2]).toHaveTextContent("罗丹 1020");
    expect(rows[2]).toHaveTextContent("已移出");
    expect(rows[2]).toHaveTextContent("坐席已离线");
    expect(rows[3]).toHaveTextContent("徐丽 1011");
    expect(rows[3]).toHaveTextContent("已放行");
    expect(rows[3]).toHaveTextContent("04:10");
    expect(rows[3]).toHaveTextContent("自动放行");
  });

  test("no request for an agent signed out or on a break; the backend's refusals show translated", async () => {
    // The board still shows 陈晨 ready when the backend finds her signed out.
    const stale = boardAt(fixtures.boardLineFull(), "2026-11-23T02:02:00Z", { "1005": { state: "ready", since: "2026-11-23T02:01:00Z" } });
    const { user, backend } = await openBoard("supervisor", stale, () => ({
      requestBreak: (no) => Promise.reject(new BackendError("break.signed_out", `agent ${no} is signed out`, { employee_no: no })),
      grantBreak: () => Promise.reject(new BackendError("break.not_waiting", "the request is no longer waiting")),
    }));

    // 1008 signed out, 1002 on a small break: the menu does not offer it.
    for (const no of ["1008", "1002"]) {
      await user.click(card(no));
      const menu = await screen.findByTestId("state-menu");
      expect(within(menu).getByTestId("request-break")).toBeDisabled();
      await user.click(within(menu).getByTestId("request-break"));
      await user.click(document.body);
      await waitFor(() => expect(screen.queryByTestId("state-menu")).not.toBeInTheDocument());
    }
    expect(backend.requestBreak).not.toHaveBeenCalled();

    await requestFromCard(user, "1005");
    await waitFor(() => expect(backend.requestBreak).toHaveBeenCalledWith("1005"));
    expect(await screen.findByText("坐席 1005 已离线，不能申请小休")).toBeInTheDocument();
    // Refused: the menu stays open, the queue as it was.
    expect(screen.getByTestId("state-menu")).toBeInTheDocument();
    expect(within(queue()).getByTestId("break-queue-count")).toHaveTextContent("1");

    // Granting a request someone else just dealt with.
    await user.click(within(queue()).getByTestId("break-grant-1006"));
    await user.type(within(queue()).getByTestId("break-grant-reason"), "孕期");
    await user.click(within(queue()).getByTestId("break-grant-confirm"));
    await waitFor(() => expect(backend.grantBreak).toHaveBeenCalledWith(1, "孕期"));
    expect(await screen.findByText("该申请已处理，不在排队中")).toBeInTheDocument();
    expect(within(queue()).getByTestId("break-grant-reason")).toHaveValue("孕期");
  });

  test("a manager requests, grants and cancels; without operate_floor the queue is only seen", async () => {
    // 江涛 (manager) holds operate_floor, as a supervisor does.
    const start = fixtures.boardLineFull();
    const manager = await openBoard("manager", start, ({ set }) => ({
      requestBreak: () => {
        set(boardAt(start, start.now, {}, [yang(), xu()]));
        return Promise.resolve({ ...xu(), requested_by: "江涛" });
      },
      grantBreak: () => Promise.resolve(null),
      cancelBreakRequest: () => Promise.resolve(null),
    }));
    await requestFromCard(manager.user, "1035");
    await waitFor(() => expect(manager.backend.requestBreak).toHaveBeenCalledWith("1035"));
    expect(await screen.findByText("当前满线，许晴 已排队（第 2 位）")).toBeInTheDocument();
    await waitFor(() => expect(within(queue()).getByTestId("break-queue-count")).toHaveTextContent("2"));

    await manager.user.click(within(queue()).getByTestId("break-grant-1006"));
    await manager.user.type(within(queue()).getByTestId("break-grant-reason"), "孕期");
    await manager.user.click(within(queue()).getByTestId("break-grant-confirm"));
    await waitFor(() => expect(manager.backend.grantBreak).toHaveBeenCalledWith(1, "孕期"));

    await manager.user.click(within(queue()).getByTestId("break-cancel-1035"));
    await manager.user.click(await screen.findByRole("button", { name: /确\s*定|OK/ }));
    await waitFor(() => expect(manager.backend.cancelBreakRequest).toHaveBeenCalledWith(2));
    manager.unmount();

    // The UI gates on the operator's permission list, which the backend sends: here without operate_floor.
    const watcher = fixtures.operator("team_lead");
    watcher.permissions = watcher.permissions.filter((p) => p !== "operate_floor");
    const { user } = await openBoard("team_lead", fixtures.boardLineFull(), () => ({
      appStatus: () => Promise.resolve({ ...statusFor("team_lead"), operator: watcher }),
    }));
    expect(within(queue()).getByTestId("break-request-1006")).toHaveTextContent("杨帆");
    expect(within(queue()).queryByTestId("break-grant-1006")).not.toBeInTheDocument();
    expect(within(queue()).queryByTestId("break-cancel-1006")).not.toBeInTheDocument();
    await user.click(card("1035"));
    const menu = await screen.findByTestId("state-menu");
    expect(within(menu).getByTestId("request-break")).toBeDisabled();
  });
});
