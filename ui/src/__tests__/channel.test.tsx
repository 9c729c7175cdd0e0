import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { Board } from "../backend";
import { fixtures, statusFor } from "../test/fixtures";
import { loggedIn } from "../test/fakeBackend";
import { renderApp } from "../test/utils";

// A team works the phone or chat; the words on its cards follow the channel the backend sends
// with each card, never a rule.

/** The morning board with 1004 (售前一组, phone) and 1026 (售后组, chat) on a contact. */
function boardWithContacts(): Board {
  const board = fixtures.board();
  for (const a of board.agents) {
    if (a.employee_no === "1004" || a.employee_no === "1026") a.now = { ...a.now, state: "busy", since: board.now };
  }
  return board;
}

describe("channels", () => {
  test("a chat team's card says 接待中, a phone team's 通话中; the floor's count names both", async () => {
    const board = boardWithContacts();
    expect(board.agents.find((a) => a.employee_no === "1026")?.channel).toBe("chat");
    const backend = loggedIn("supervisor", { floorBoard: () => Promise.resolve(structuredClone(board)) });
    renderApp(backend);
    const chat = await screen.findByTestId("board-agent-1026");
    await waitFor(() => expect(chat).toHaveAttribute("data-state", "busy"));
    expect(chat).toHaveTextContent("接待中");
    expect(chat).not.toHaveTextContent("通话中");
    expect(screen.getByTestId("board-agent-1004")).toHaveTextContent("通话中");
    expect(screen.getByTestId("board-page")).toHaveTextContent("通话/接待中");
  });

  test("a team's channel is shown and sent when it is edited", async () => {
    window.location.hash = "#/teams";
    const teams = fixtures.teams();
    const after = teams.find((t) => t.name === "售后组")!;
    const backend = loggedIn("supervisor", {
      saveTeam: (input) => Promise.resolve({ ...after, name: input.name, channel: input.channel ?? after.channel }),
    });
    const { user } = renderApp(backend);
    expect(await screen.findByTestId(`team-channel-${after.id}`)).toHaveTextContent("在线");
    const row = screen.getByTestId(`team-channel-${after.id}`).closest("tr")!;
    await user.click(within(row).getByRole("button", { name: "编辑" }));
    await user.click(await screen.findByTitle("电话"));
    await user.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() =>
      expect(backend.saveTeam).toHaveBeenCalledWith({ id: after.id, name: "售后组", channel: "phone" }),
    );
  });

  test("挂起 is offered to a chat team's agents only, sent like any state, counted apart from idle", async () => {
    const board = fixtures.board();
    const backend = loggedIn("team_lead", { floorBoard: () => Promise.resolve(structuredClone(board)), setAgentState: () => Promise.resolve(null) });
    const { user } = renderApp(backend);
    // 1027 冯晓燕 (售后组, chat) is suspended: her card says so, and the header counts her apart.
    const suspended = await screen.findByTestId("board-agent-1027");
    expect(suspended).toHaveAttribute("data-state", "suspended");
    expect(screen.getByTestId("board-state-1027")).toHaveTextContent("挂起");
    expect(screen.getByTestId("count-suspended")).toHaveTextContent("挂起 1");
    expect(screen.getByTestId("count-ready")).toHaveTextContent("空闲 14");
    expect(screen.getByTestId("ready-count")).toHaveTextContent("空闲 14 人");

    await user.click(suspended);
    let menu = await screen.findByTestId("state-menu");
    expect(within(menu).getByTestId("set-state-suspended")).toHaveTextContent("挂起");
    expect(within(menu).getByTestId("set-state-suspended")).toHaveClass("ant-btn-primary");
    await user.click(screen.getByTestId("board-agent-1026"));
    await waitFor(() => expect(within(screen.getByTestId("state-menu")).getByTestId("set-state-ready")).toHaveClass("ant-btn-primary"));
    menu = screen.getByTestId("state-menu");
    await user.click(within(menu).getByTestId("set-state-suspended"));
    await waitFor(() =>
      expect(backend.setAgentState).toHaveBeenCalledWith({ employee_no: "1026", state: "suspended", reason: null, effective_at: null }),
    );
    await waitFor(() => expect(screen.queryByTestId("state-menu")).not.toBeInTheDocument());

    // 1004 刘洋 works the phone: no 挂起 in his menu.
    await user.click(screen.getByTestId("board-agent-1004"));
    menu = await screen.findByTestId("state-menu");
    expect(within(menu).getByTestId("set-state-busy")).toHaveTextContent("通话中");
    expect(within(menu).queryByTestId("set-state-suspended")).not.toBeInTheDocument();
    expect(within(menu).queryByText("挂起")).not.toBeInTheDocument();
  });

  test("a floor of phone teams only counts no 挂起", async () => {
    const board = fixtures.board();
    board.agents = board.agents.filter((a) => a.channel === "phone");
    const backend = loggedIn("supervisor", { floorBoard: () => Promise.resolve(structuredClone(board)) });
    renderApp(backend);
    await screen.findByTestId("board-agent-1001");
    expect(screen.getByTestId("count-busy")).toBeInTheDocument();
    expect(screen.queryByTestId("count-suspended")).not.toBeInTheDocument();
  });

  test("a new team starts with the site's usual channel", async () => {
    window.location.hash = "#/teams";
    const site = { ...fixtures.site(), channel: "chat" as const };
    const created = { ...fixtures.teams()[0], id: 99, name: "抖店组", channel: "chat" as const, agent_count: 0 };
    const backend = loggedIn("supervisor", {
      appStatus: () => Promise.resolve({ ...statusFor("supervisor"), site }),
      getSite: () => Promise.resolve(site),
      saveTeam: () => Promise.resolve(created),
    });
    const { user } = renderApp(backend);
    await screen.findByTestId(`team-channel-${fixtures.teams()[0].id}`);
    await user.click(screen.getByTestId("team-add"));
    await user.type(await screen.findByTestId("team-form-name"), "抖店组");
    await user.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() => expect(backend.saveTeam).toHaveBeenCalledWith({ id: null, name: "抖店组", channel: "chat" }));
  });
});
