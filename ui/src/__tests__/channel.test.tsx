import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { Board } from "../backend";
import { fixtures } from "../test/fixtures";
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
});
