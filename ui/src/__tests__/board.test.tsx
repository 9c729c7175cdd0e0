import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import { BackendError, type AgentNow, type Board, type CommandApi, type Role, type StoredAlert } from "../backend";
import { fixtures, statusFor } from "../test/fixtures";
import { loggedIn } from "../test/fakeBackend";
import { renderApp } from "../test/utils";

// The board shows what the backend's boards say and sends what the operator picks. The fake
// holds the backend's current board (what `floorBoard` reads) and the test pushes the next one,
// built from a fixture with the fields the case needs changed: the tests judge nothing.

afterEach(() => {
  vi.restoreAllMocks();
});

/** The board with `now`, and `changes` applied to the agents named (a copy: fixtures stay fresh). */
function boardAt(base: Board, now: string, changes: Record<string, Partial<AgentNow>> = {}): Board {
  const b = structuredClone(base);
  b.now = now;
  for (const a of b.agents) if (changes[a.employee_no]) a.now = { ...a.now, ...changes[a.employee_no] };
  return b;
}

/** The demo floor at 10:00 with `role`'s user logged in; `push` replaces the backend's board and pushes it. */
async function openBoard(role: Role = "supervisor", overrides: Partial<CommandApi> = {}, start: Board = fixtures.board()) {
  let current = start;
  const backend = loggedIn(role, { floorBoard: () => Promise.resolve(structuredClone(current)), ...overrides });
  const r = renderApp(backend);
  await screen.findByTestId("board-agent-1036");
  const push = (next: Board) => {
    current = next;
    act(() => backend.emitFloor(structuredClone(next)));
  };
  return { ...r, backend, push };
}

/**
 * Real time that runs with the backend's: each `advance` moves `performance.now()` on as far as the
 * board's clock moves, so the board counts timers at the backend clock's own rate (a jump with
 * no real time passing would look like a fast simulated clock, which the board runs on locally).
 */
function realClock() {
  const real = performance.now.bind(performance);
  let skew = 0;
  vi.spyOn(performance, "now").mockImplementation(() => real() + skew);
  return { advance: (secs: number) => void (skew += secs * 1000) };
}

const card = (no: string) => screen.getByTestId(`board-agent-${no}`);
const timer = (no: string) => screen.getByTestId(`board-timer-${no}`);

async function openMenu(user: ReturnType<typeof renderApp>["user"], no: string) {
  await user.click(card(no));
  return screen.findByTestId("state-menu");
}

async function menuClosed() {
  await waitFor(() => expect(screen.queryByTestId("state-menu")).not.toBeInTheDocument());
}

describe("live board", () => {
  test("shows the floor the backend sends; a state picked in the menu is sent, and the card follows the next board", async () => {
    const clock = realClock();
    const { user, backend, push } = await openBoard("supervisor", { setAgentState: () => Promise.resolve(null) });
    expect(screen.getAllByTestId(/^board-agent-\d+$/)).toHaveLength(36);
    expect(screen.getByTestId("nav-board")).toHaveTextContent("现场");
    expect(screen.getByTestId("ready-count")).toHaveTextContent("空闲 14 人");
    expect(card("1002")).toHaveTextContent("李娜");
    expect(card("1002")).toHaveTextContent("1002");
    expect(card("1002")).toHaveAttribute("data-state", "small_break");
    expect(screen.getByTestId("board-state-1002")).toHaveTextContent("小休");
    // 09:57 to the board's 10:00, against the 10-minute limit the board carries.
    expect(timer("1002")).toHaveTextContent("03:00");
    expect(timer("1002")).toHaveAttribute("data-level", "ok");
    expect(card("1007")).toHaveAttribute("data-state", "other");
    expect(card("1007")).toHaveTextContent("设备故障");
    expect(card("1005")).toHaveAttribute("data-state", "signed_out");
    // One word per state: signed_out is the state 离线, ready is 空闲 as in the header count.
    expect(screen.getByTestId("board-state-1005")).toHaveTextContent("离线");
    expect(timer("1005")).toHaveTextContent("--:--");
    expect(card("1006")).toHaveAttribute("data-state", "ready");
    expect(screen.getByTestId("board-state-1006")).toHaveTextContent("空闲");

    const menu = await openMenu(user, "1006");
    expect(within(menu).getByTestId("set-state-ready")).toHaveClass("ant-btn-primary");
    expect(within(menu).getByTestId("set-state-ready")).toHaveTextContent("空闲");
    expect(within(menu).getByTestId("set-state-signed_out")).toHaveTextContent("离线");
    await user.click(within(menu).getByTestId("set-state-small_break"));
    await waitFor(() =>
      expect(backend.setAgentState).toHaveBeenCalledWith({ employee_no: "1006", state: "small_break", reason: null, effective_at: null }),
    );
    await menuClosed();
    // The page read the board again; the backend's board has not changed yet, nor has the card.
    await waitFor(() => expect(backend.floorBoard).toHaveBeenCalledTimes(2));
    expect(card("1006")).toHaveAttribute("data-state", "ready");

    const limits = { limit_secs: 600, reason: null };
    push(boardAt(fixtures.board(), "2026-11-23T02:00:00Z", { "1006": { state: "small_break", since: "2026-11-23T02:00:00Z", ...limits } }));
    await waitFor(() => expect(card("1006")).toHaveAttribute("data-state", "small_break"));
    expect(screen.getByTestId("board-state-1006")).toHaveTextContent("小休");
    expect(timer("1006")).toHaveTextContent("00:00");
    expect(timer("1006")).toHaveAttribute("data-level", "ok");

    // The timer counts to each board's time: amber from 80% of the limit, red past it.
    const onBreak = { "1006": { state: "small_break" as const, since: "2026-11-23T02:00:00Z", ...limits } };
    clock.advance(8 * 60 + 30);
    push(boardAt(fixtures.board(), "2026-11-23T02:08:30Z", onBreak));
    await waitFor(() => expect(timer("1006")).toHaveTextContent("08:30"));
    expect(timer("1006")).toHaveAttribute("data-level", "warn");
    clock.advance(60 + 31);
    push(boardAt(fixtures.board(), "2026-11-23T02:10:01Z", onBreak));
    await waitFor(() => expect(timer("1006")).toHaveTextContent("10:01"));
    expect(timer("1006")).toHaveAttribute("data-level", "over");
    // The limit is the board's: a longer one (policy changed) and the same 10:01 is fine again.
    push(boardAt(fixtures.board(), "2026-11-23T02:10:01Z", { "1006": { ...onBreak["1006"], limit_secs: 1800 } }));
    await waitFor(() => expect(timer("1006")).toHaveAttribute("data-level", "ok"));
    expect(timer("1006")).toHaveTextContent("10:01");
  });

  test("'other' needs a reason, a late correction sends its time, and keys 1–9 send a state", async () => {
    const { user, backend, push } = await openBoard("supervisor", { setAgentState: () => Promise.resolve(null) });

    const menu = await openMenu(user, "1003");
    await user.click(within(menu).getByTestId("set-state-other"));
    expect(await screen.findByTestId("state-reason-error")).toHaveTextContent("请填写原因");
    expect(backend.setAgentState).not.toHaveBeenCalled();
    await user.type(within(menu).getByTestId("state-reason"), "耳机损坏");
    await user.click(within(menu).getByTestId("set-state-other"));
    await waitFor(() =>
      expect(backend.setAgentState).toHaveBeenCalledWith({ employee_no: "1003", state: "other", reason: "耳机损坏", effective_at: null }),
    );
    await menuClosed();
    push(boardAt(fixtures.board(), "2026-11-23T02:00:01Z", { "1003": { state: "other", since: "2026-11-23T02:00:00Z", reason: "耳机损坏", limit_secs: null } }));
    await waitFor(() => expect(card("1003")).toHaveAttribute("data-state", "other"));
    expect(card("1003")).toHaveTextContent("耳机损坏");
    expect(screen.getByTestId("board-state-1003")).toHaveTextContent("其他");

    // A late correction: 09:55 on the site's clock (Asia/Shanghai) is 01:55 UTC that day.
    const menu2 = await openMenu(user, "1004");
    fireEvent.change(within(menu2).getByTestId("state-effective-at"), { target: { value: "09:55" } });
    await user.click(within(menu2).getByTestId("set-state-ready"));
    await waitFor(() =>
      expect(backend.setAgentState).toHaveBeenLastCalledWith({
        employee_no: "1004",
        state: "ready",
        reason: null,
        effective_at: "2026-11-23T01:55:00Z",
      }),
    );
    await menuClosed();

    // Keys 1–9 on a focused card: 3 is 通话中, sent at once; 9 (其他) opens the menu for the reason.
    fireEvent.keyDown(card("1002"), { key: "3" });
    await waitFor(() =>
      expect(backend.setAgentState).toHaveBeenLastCalledWith({ employee_no: "1002", state: "busy", reason: null, effective_at: null }),
    );
    push(boardAt(fixtures.board(), "2026-11-23T02:00:02Z", { "1002": { state: "busy", since: "2026-11-23T02:00:02Z", limit_secs: null } }));
    await waitFor(() => expect(card("1002")).toHaveAttribute("data-state", "busy"));
    expect(backend.setAgentState).toHaveBeenCalledTimes(3);
    fireEvent.keyDown(card("1002"), { key: "9" });
    expect(await screen.findByTestId("state-menu")).toBeInTheDocument();
    expect(backend.setAgentState).toHaveBeenCalledTimes(3);
  });

  test("the backend's refusal of a state change shows translated, and the menu stays open", async () => {
    const { user, backend } = await openBoard("supervisor", {
      setAgentState: () =>
        Promise.reject(
          new BackendError("floor.out_of_order", "a state change at … comes after one at …; changes must arrive in time order", {
            agent: "1004",
            at: "2026-11-23T01:50:00+00:00",
            now: "2026-11-23T02:00:00+00:00",
          }),
        ),
    });
    const menu = await openMenu(user, "1004");
    fireEvent.change(within(menu).getByTestId("state-effective-at"), { target: { value: "09:50" } });
    await user.click(within(menu).getByTestId("set-state-ready"));
    expect(
      await screen.findByText("坐席 1004 的状态变更时间 2026-11-23T01:50:00+00:00 早于现场已记录到的 2026-11-23T02:00:00+00:00，请按时间先后录入"),
    ).toBeInTheDocument();
    expect(backend.setAgentState).toHaveBeenCalledWith({ employee_no: "1004", state: "ready", reason: null, effective_at: "2026-11-23T01:50:00Z" });
    expect(screen.getByTestId("state-menu")).toBeInTheDocument();
    expect(card("1004")).toHaveAttribute("data-state", "busy");
  });

  test("shows the line-full banner when the board says so; the switch announces it and takes it back", async () => {
    const { user, backend, push } = await openBoard("supervisor", { setLineFull: () => Promise.resolve(null) });
    expect(screen.queryByTestId("line-full-banner")).not.toBeInTheDocument();
    expect(screen.getByTestId("line-full-switch")).not.toBeChecked();

    await user.click(screen.getByTestId("line-full-switch"));
    await waitFor(() => expect(backend.setLineFull).toHaveBeenCalledWith(true));
    // Nothing shows until the backend's board says so.
    await waitFor(() => expect(backend.floorBoard).toHaveBeenCalledTimes(2));
    expect(screen.queryByTestId("line-full-banner")).not.toBeInTheDocument();
    // Announced with 14 idle: the banner names who announced it and when, not a count.
    const announced = {
      ...fixtures.board(),
      line_full: true,
      line_full_announced: true,
      line_full_announcement: { at: "2026-11-23T02:01:00Z", by_employee_no: "S001", by_name: "沈丽华" },
    };
    push(announced);
    const banner = await screen.findByTestId("line-full-banner");
    expect(banner).toHaveTextContent("满线：沈丽华（S001）于 10:01 宣布，暂停小休");
    expect(banner).not.toHaveTextContent("空闲坐席");
    expect(screen.getByTestId("line-full-switch")).toBeChecked();

    await user.click(screen.getByTestId("line-full-switch"));
    await waitFor(() => expect(backend.setLineFull).toHaveBeenLastCalledWith(false));
    push(fixtures.board());
    await waitFor(() => expect(screen.queryByTestId("line-full-banner")).not.toBeInTheDocument());
    expect(screen.getByTestId("line-full-switch")).not.toBeChecked();

    // Three idle at 10:02, at the guard: the backend says line full by itself, not announced.
    push(fixtures.boardLineFull());
    expect(await screen.findByTestId("line-full-banner")).toHaveTextContent("满线：空闲坐席 3 人 ≤ 3，暂停小休");
    expect(screen.getByTestId("line-full-banner")).not.toHaveTextContent("已宣布满线");
    expect(screen.getByTestId("line-full-switch")).not.toBeChecked();
    expect(screen.getByTestId("ready-count")).toHaveTextContent("空闲 3 人");

    // Wallboard: full screen (no side menu), its own 满线 band; Esc goes back.
    await user.click(screen.getByTestId("wallboard-toggle"));
    expect(await screen.findByTestId("wallboard")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-board")).not.toBeInTheDocument();
    expect(screen.getByTestId("wallboard-line-full")).toHaveTextContent("满线");
    fireEvent.keyDown(window, { key: "Escape" });
    expect(await screen.findByTestId("nav-board")).toBeInTheDocument();
    expect(screen.queryByTestId("wallboard")).not.toBeInTheDocument();
  });

  test("lists the board's open alerts in its order, flashes a new one, and acknowledges one with a note", async () => {
    const overrun: StoredAlert = {
      id: 4,
      alert: {
        at: "2026-11-23T02:03:04Z",
        agent: "1002",
        rule: "break_overrun",
        shift_date: "2026-11-23",
        detail: "small break of 10m 4s exceeds 10 min",
      },
      acknowledged_at: null,
      ack_note: null,
      notice: null,
      without_leave: false,
    };
    const { user, backend, push } = await openBoard("supervisor", {
      acknowledgeAlert: () => Promise.resolve(null),
      listAlerts: () => Promise.resolve([...fixtures.alerts(), { ...overrun, acknowledged_at: "2026-11-23T02:04:00Z", ack_note: "已提醒回座" }]),
    });
    const panel = screen.getByTestId("alert-panel");
    const shown = () => within(panel).getAllByTestId(/^alert-\d+$/).map((e) => e.getAttribute("data-testid"));
    expect(shown()).toEqual(["alert-3", "alert-2", "alert-1"]);
    expect(screen.getByTestId("alert-count")).toHaveTextContent("3");
    expect(panel).toHaveTextContent(/^提醒/);
    const absent = screen.getByTestId("alert-3");
    expect(absent).toHaveTextContent("缺勤");
    expect(absent).toHaveTextContent("陈晨");
    expect(absent).toHaveTextContent("1005");
    expect(absent).toHaveTextContent("09:30:00");
    expect(absent).toHaveTextContent("上班后 30 分钟仍未签入");
    expect(screen.getByTestId("alert-1")).toHaveTextContent("迟到签入");
    expect(screen.getByTestId("alert-1")).toHaveTextContent("班前 3 分钟仍为“离线”，未签入并置为空闲");

    // A new alert: the board lists it first, and the raise event makes it flash.
    const next = { ...fixtures.board(), now: "2026-11-23T02:03:05Z", open_alerts: [overrun, ...fixtures.board().open_alerts] };
    push(next);
    act(() => backend.emitAlerts([overrun.alert]));
    const item = await screen.findByTestId("alert-4");
    expect(shown()).toEqual(["alert-4", "alert-3", "alert-2", "alert-1"]);
    expect(screen.getByTestId("alert-count")).toHaveTextContent("4");
    expect(item).toHaveTextContent("小休超时");
    expect(item).toHaveTextContent("李娜");
    expect(item).toHaveTextContent("1002");
    expect(item).toHaveTextContent("10:03:04");
    expect(item).toHaveTextContent("小休 10 分 4 秒，超过 10 分钟");
    await waitFor(() => expect(screen.getByTestId("alert-4")).toHaveClass("fd-alert-flash"));
    expect(screen.getByTestId("alert-3")).not.toHaveClass("fd-alert-flash");

    await user.click(screen.getByTestId("ack-4"));
    await user.type(await screen.findByTestId("ack-note"), "已提醒回座");
    expect(backend.acknowledgeAlert).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("ack-confirm"));
    await waitFor(() => expect(backend.acknowledgeAlert).toHaveBeenCalledWith(4, "已提醒回座"));
    await waitFor(() => expect(screen.queryByTestId("alert-4")).not.toBeInTheDocument());
    expect(shown()).toEqual(["alert-3", "alert-2", "alert-1"]);
    expect(screen.getByTestId("alert-count")).toHaveTextContent("3");

    // The day's history, as the backend lists it, shows the note.
    await user.click(screen.getByTestId("alerts-tab-history"));
    await waitFor(() => expect(backend.listAlerts).toHaveBeenCalledWith("2026-11-23"));
    expect(await screen.findByTestId("alert-history-4")).toHaveTextContent("已于 10:04:00 确认：已提醒回座");
    expect(screen.getByTestId("alert-history-1")).not.toHaveTextContent("已于");
  });

  test("a team lead and a manager operate the board; without operate_floor it is only watched, every control disabled", async () => {
    const lead = await openBoard("team_lead", { setAgentState: () => Promise.resolve(null) });
    const menu = await openMenu(lead.user, "1004");
    expect(within(menu).queryByTestId("state-menu-readonly")).not.toBeInTheDocument();
    expect(within(menu).getByTestId("set-state-meeting")).toBeEnabled();
    await lead.user.click(within(menu).getByTestId("set-state-meeting"));
    await waitFor(() =>
      expect(lead.backend.setAgentState).toHaveBeenCalledWith({ employee_no: "1004", state: "meeting", reason: null, effective_at: null }),
    );
    lead.unmount();

    // 江涛 (manager) holds operate_floor, as a supervisor does.
    const manager = await openBoard("manager", { setAgentState: () => Promise.resolve(null) });
    expect(screen.getByTestId("line-full-switch")).toBeEnabled();
    expect(screen.getByTestId("ack-2")).toBeEnabled();
    const menu2 = await openMenu(manager.user, "1004");
    expect(within(menu2).queryByTestId("state-menu-readonly")).not.toBeInTheDocument();
    expect(within(menu2).getByTestId("set-state-meeting")).toBeEnabled();
    await manager.user.click(within(menu2).getByTestId("set-state-meeting"));
    await waitFor(() =>
      expect(manager.backend.setAgentState).toHaveBeenCalledWith({ employee_no: "1004", state: "meeting", reason: null, effective_at: null }),
    );
    manager.unmount();

    // The UI gates on the operator's permission list, which the backend sends: here without operate_floor.
    const watcher = fixtures.operator("team_lead");
    watcher.permissions = watcher.permissions.filter((p) => p !== "operate_floor");
    const viewer = await openBoard("team_lead", { appStatus: () => Promise.resolve({ ...statusFor("team_lead"), operator: watcher }) });
    expect(screen.getByTestId("line-full-switch")).toBeDisabled();
    expect(screen.getByTestId("ack-2")).toBeDisabled();
    const menu3 = await openMenu(viewer.user, "1004");
    expect(within(menu3).getByTestId("state-menu-readonly")).toHaveTextContent("您只能查看现场，不能修改状态");
    for (const s of ["ready", "busy", "small_break", "other"]) expect(within(menu3).getByTestId(`set-state-${s}`)).toBeDisabled();
    expect(within(menu3).getByTestId("request-break")).toBeDisabled();
    expect(within(menu3).getByTestId("state-reason")).toBeDisabled();
    // Keys send nothing either.
    fireEvent.keyDown(card("1006"), { key: "3" });
    await new Promise((r) => setTimeout(r, 50));
    expect(viewer.backend.setAgentState).not.toHaveBeenCalled();
    expect(viewer.backend.setLineFull).not.toHaveBeenCalled();
  });
});

describe("handover on the board", () => {
  test("a reminder shows with its words and is acknowledged; a seat the lead assigned is marked 排", async () => {
    const base = fixtures.board();
    const withHandover = structuredClone(base);
    withHandover.handover_reminders = [
      {
        id: 7,
        kind: "unsigned",
        log: { log_id: 3, date: "2026-11-23", team_name: "售前一组", shift_key: "D", shift_name: "白班" },
        item_id: null,
        item_title: null,
        due_at: "2026-11-23T08:15:00Z",
        raised_at: "2026-11-23T08:15:05Z",
      },
    ];
    const assigned = withHandover.agents[0];
    assigned.seat_assigned = true;
    const acknowledgeHandoverReminder = vi.fn(() => Promise.resolve(null));
    const { user } = await openBoard("supervisor", { acknowledgeHandoverReminder }, withHandover);
    const panel = await screen.findByTestId("handover-reminders");
    expect(panel).toHaveTextContent("交接记录未签字");
    expect(panel).toHaveTextContent("售前一组 白班");
    expect(screen.getByTestId(`board-seat-assigned-${assigned.employee_no}`)).toHaveTextContent("排");
    await user.click(screen.getByTestId("handover-reminder-ack-7"));
    expect(acknowledgeHandoverReminder).toHaveBeenCalledWith(7, null);
    await waitFor(() => expect(screen.queryByTestId("handover-reminders")).not.toBeInTheDocument());
  });
});
