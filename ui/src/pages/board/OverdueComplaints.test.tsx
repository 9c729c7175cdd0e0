// 投诉处理逾期 on the board: the complaints the backend's board lists as overdue, each with its
// step, due time (site clock) and who it is routed to; nothing shown when there are none.
import { screen, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { Board } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { fixtures } from "../../test/fixtures";
import { renderApp } from "../../test/utils";

function boardWith(overdue: Board["overdue_complaints"]): Board {
  const b = fixtures.board();
  b.overdue_complaints = overdue;
  return b;
}

async function openBoard(board: Board) {
  window.location.hash = "#/board";
  const r = renderApp(loggedIn("supervisor", { floorBoard: () => Promise.resolve(board) }));
  await screen.findByTestId("alert-panel");
  return r;
}

describe("overdue complaints on the board", () => {
  test("each overdue complaint: number, customer, step, due time and who has it", async () => {
    await openBoard(
      boardWith([
        { id: 3, customer: "钱女士", step: "rule", due_at: "2026-11-22T10:00:00Z", employee_no: "1019", name: "马超", team_name: "售前二组" },
        { id: 5, customer: "赵先生", step: "route", due_at: "2026-11-23T01:00:00Z", employee_no: null, name: null, team_name: null },
      ]),
    );
    const block = await screen.findByTestId("overdue-complaints");
    expect(block).toHaveTextContent("投诉处理逾期");
    const first = within(block).getByTestId("overdue-complaint-3");
    expect(first).toHaveTextContent("#3 钱女士");
    expect(first).toHaveTextContent("调查判定");
    expect(first).toHaveTextContent("应于 11-22 18:00 前");
    expect(first).toHaveTextContent("1019 马超 · 售前二组");
    const second = within(block).getByTestId("overdue-complaint-5");
    expect(second).toHaveTextContent("分流");
    expect(second).toHaveTextContent("未分流");
  });

  test("none overdue: no block", async () => {
    await openBoard(boardWith([]));
    await screen.findByTestId("alert-list");
    expect(screen.queryByTestId("overdue-complaints")).not.toBeInTheDocument();
  });
});
