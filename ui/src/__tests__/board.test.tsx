import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { demoLoggedInAs, renderApp } from "../test/utils";

/** The demo floor, logged in as `name`; the mock pushes the board only after changes (no ticks). */
async function openBoard(name = "沈丽华") {
  const backend = await demoLoggedInAs(name, { floorTickMs: 0 });
  const r = renderApp(backend);
  await screen.findByTestId("board-agent-1036");
  return r;
}

describe("live board", () => {
  test("shows the demo floor's agents with their states, and sets a state from the card's menu and keys", async () => {
    const { user, backend } = await openBoard();
    expect(screen.getAllByTestId(/^board-agent-\d+$/)).toHaveLength(36);
    const card = screen.getByTestId("board-agent-1002");
    expect(card).toHaveTextContent("李娜");
    expect(card).toHaveTextContent("1002");
    expect(screen.getByTestId("nav-board")).toHaveTextContent("现场");

    await user.click(card);
    const menu = await screen.findByTestId("state-menu");
    await user.click(within(menu).getByTestId("set-state-small_break"));
    await waitFor(() => expect(screen.getByTestId("board-agent-1002")).toHaveAttribute("data-state", "small_break"));
    expect(screen.getByTestId("board-agent-1002")).toHaveTextContent("小休");
    expect(screen.getByTestId("board-timer-1002")).toHaveTextContent(/^00:0\d$/);

    // The timer turns amber at 80% of the 10-minute limit and red past it (limits come from the backend).
    backend.advanceFloorClock(8 * 60 + 30);
    await waitFor(() => expect(screen.getByTestId("board-timer-1002")).toHaveAttribute("data-level", "warn"));
    backend.advanceFloorClock(2 * 60);
    await waitFor(() => expect(screen.getByTestId("board-timer-1002")).toHaveAttribute("data-level", "over"));
    expect(screen.getByTestId("board-timer-1002")).toHaveTextContent(/^10:\d\d$/);

    // "Other" needs a reason.
    await user.click(screen.getByTestId("board-agent-1003"));
    const menu2 = await screen.findByTestId("state-menu");
    await user.click(within(menu2).getByTestId("set-state-other"));
    expect(await screen.findByTestId("state-reason-error")).toHaveTextContent("请填写原因");
    await user.type(within(menu2).getByTestId("state-reason"), "设备故障");
    await user.click(within(menu2).getByTestId("set-state-other"));
    await waitFor(() => expect(screen.getByTestId("board-agent-1003")).toHaveAttribute("data-state", "other"));
    expect(screen.getByTestId("board-agent-1003")).toHaveTextContent("设备故障");

    // Keys 1–9 on a focused card: 3 is 通话中.
    fireEvent.keyDown(screen.getByTestId("board-agent-1002"), { key: "3" });
    await waitFor(() => expect(screen.getByTestId("board-agent-1002")).toHaveAttribute("data-state", "busy"));
  });

  test("shows the line-full banner when the board says so, and the switch announces it", async () => {
    const { user, backend } = await openBoard();
    expect(screen.queryByTestId("line-full-banner")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("line-full-switch"));
    const banner = await screen.findByTestId("line-full-banner");
    const ready = (await backend.floorBoard()).ready_count;
    expect(banner).toHaveTextContent(`满线：空闲坐席 ${ready} 人 ≤ 3，暂停小休`);
    await user.click(screen.getByTestId("line-full-switch"));
    await waitFor(() => expect(screen.queryByTestId("line-full-banner")).not.toBeInTheDocument());

    // Idle agents at or below the guard: the backend says line full by itself.
    for (const a of (await backend.floorBoard()).agents) if (a.now.state === "ready") backend.setFloorState(a.employee_no, "busy");
    expect(await screen.findByTestId("line-full-banner")).toHaveTextContent("满线：空闲坐席 0 人 ≤ 3");

    // Wallboard: the board alone (no side menu), Esc goes back.
    await user.click(screen.getByTestId("wallboard-toggle"));
    expect(await screen.findByTestId("wallboard")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-board")).not.toBeInTheDocument();
    expect(await screen.findByTestId("line-full-banner")).toBeInTheDocument();
    fireEvent.keyDown(window, { key: "Escape" });
    expect(await screen.findByTestId("nav-board")).toBeInTheDocument();
  });

  test("lists open alerts newest first and acknowledges one with a note", async () => {
    const { user, backend } = await openBoard();
    const older = backend.injectAlert({ agent: "1005", rule: "meal_overrun", at: "2026-05-01T02:00:00Z", shift_date: "2026-05-01", detail: "meal 31 min > 30 min" });
    const alert = backend.injectAlert({ agent: "1002", rule: "break_overrun", at: "2026-05-01T02:03:04Z", shift_date: "2026-05-01", detail: "small break 10 min > 10 min" });
    const item = await screen.findByTestId(`alert-${alert.id}`);
    expect(item).toHaveTextContent("小休超时");
    expect(item).toHaveTextContent("李娜");
    expect(item).toHaveTextContent("1002");
    expect(item).toHaveTextContent("10:03:04");
    expect(item).toHaveTextContent("small break 10 min > 10 min");
    const panel = screen.getByTestId("alert-panel");
    const ids = within(panel).getAllByTestId(/^alert-\d+$/).map((e) => e.getAttribute("data-testid"));
    expect(ids).toEqual([`alert-${alert.id}`, `alert-${older.id}`]);

    await user.click(screen.getByTestId(`ack-${alert.id}`));
    await user.type(await screen.findByTestId("ack-note"), "已提醒回座");
    await user.click(screen.getByTestId("ack-confirm"));
    await waitFor(() => expect(screen.queryByTestId(`alert-${alert.id}`)).not.toBeInTheDocument());
    expect(screen.getByTestId(`alert-${older.id}`)).toBeInTheDocument();
    const stored = (await backend.listAlerts("2026-05-01")).find((a) => a.id === alert.id);
    expect(stored?.ack_note).toBe("已提醒回座");
    expect(stored?.acknowledged_at).not.toBeNull();
  });

  test("a team lead can operate the board; a manager watches it with the menu disabled", async () => {
    const lead = await openBoard("王静");
    await lead.user.click(screen.getByTestId("board-agent-1004"));
    const menu = await screen.findByTestId("state-menu");
    expect(within(menu).getByTestId("set-state-meeting")).toBeEnabled();
    await lead.user.click(within(menu).getByTestId("set-state-meeting"));
    await waitFor(() => expect(screen.getByTestId("board-agent-1004")).toHaveAttribute("data-state", "meeting"));
    lead.unmount();

    const manager = await openBoard("江涛");
    expect(screen.getByTestId("line-full-switch")).toBeDisabled();
    const a = manager.backend.injectAlert({ agent: "1002", rule: "absent" });
    expect(await screen.findByTestId(`ack-${a.id}`)).toBeDisabled();
    await manager.user.click(screen.getByTestId("board-agent-1004"));
    const menu2 = await screen.findByTestId("state-menu");
    expect(within(menu2).getByTestId("state-menu-readonly")).toHaveTextContent("您只能查看现场，不能修改状态");
    for (const s of ["ready", "busy", "small_break", "other"]) expect(within(menu2).getByTestId(`set-state-${s}`)).toBeDisabled();
    await expect(manager.backend.setAgentState({ employee_no: "1004", state: "busy", reason: null, effective_at: null })).rejects.toMatchObject({
      code: "auth.forbidden",
    });
  });
});
