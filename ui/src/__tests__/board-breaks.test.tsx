import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { demoLoggedInAs, renderApp } from "../test/utils";

/** The demo floor with exactly `ready` of 1001… ready and everyone else busy. */
async function floorWith(ready: string[], name = "沈丽华") {
  const backend = await demoLoggedInAs(name, { floorTickMs: 0 });
  for (const a of (await backend.floorBoard()).agents) backend.setFloorState(a.employee_no, ready.includes(a.employee_no) ? "ready" : "busy");
  const r = renderApp(backend);
  await screen.findByTestId("board-agent-1036");
  return r;
}

async function requestFromCard(user: ReturnType<typeof renderApp>["user"], employeeNo: string) {
  await user.click(screen.getByTestId(`board-agent-${employeeNo}`));
  const menu = await screen.findByTestId("state-menu");
  await user.click(within(menu).getByTestId("request-break"));
}

describe("break requests", () => {
  test("above the guard a request starts the break at once; at the guard it queues, and goes when an agent comes free", async () => {
    const { user, backend } = await floorWith(["1001", "1002", "1003", "1004", "1005"]);
    expect(screen.getByTestId("break-queue")).toHaveTextContent("无人排队");

    // Five ready: 1001 goes at once (four left).
    await requestFromCard(user, "1001");
    await waitFor(() => expect(screen.getByTestId("board-agent-1001")).toHaveAttribute("data-state", "small_break"));
    expect(await screen.findByText(/^王静 的小休已批准，现在开始$|^王静的小休已批准，现在开始$/)).toBeInTheDocument();

    // Four ready: 1002 goes (three left); then three ready is the guard: 1003 and 1004 queue.
    await requestFromCard(user, "1002");
    await waitFor(() => expect(screen.getByTestId("board-agent-1002")).toHaveAttribute("data-state", "small_break"));
    await requestFromCard(user, "1003");
    await requestFromCard(user, "1004");
    const queue = screen.getByTestId("break-queue");
    await waitFor(() => expect(within(queue).getByTestId("break-queue-count")).toHaveTextContent("2"));
    expect(within(queue).getByTestId("break-request-1003")).toHaveTextContent("第 1 位");
    expect(within(queue).getByTestId("break-request-1004")).toHaveTextContent("第 2 位");
    expect(screen.getByTestId("board-agent-1003")).toHaveAttribute("data-state", "ready");

    // The wait runs with the floor clock.
    backend.advanceFloorClock(95);
    await waitFor(() => expect(within(queue).getByTestId("break-wait-1003")).toHaveTextContent(/^01:[34]\d$/));

    // A busy agent comes free: four ready, so the head of the queue (1003) goes, not 1004.
    backend.setFloorState("1010", "ready");
    await waitFor(() => expect(screen.getByTestId("board-agent-1003")).toHaveAttribute("data-state", "small_break"));
    expect(screen.getByTestId("board-agent-1004")).toHaveAttribute("data-state", "ready");
    expect(within(queue).queryByTestId("break-request-1003")).not.toBeInTheDocument();
    expect(within(queue).getByTestId("break-request-1004")).toHaveTextContent("第 1 位");
  });

  test("a lead grants out of turn only with a reason, or cancels; the day's record shows how each ended", async () => {
    const { user } = await floorWith(["1001", "1002"], "王静");
    await requestFromCard(user, "1001");
    await requestFromCard(user, "1002");
    const queue = screen.getByTestId("break-queue");
    await within(queue).findByTestId("break-request-1002");

    await user.click(within(queue).getByTestId("break-grant-1001"));
    await user.click(within(queue).getByTestId("break-grant-confirm"));
    expect(await within(queue).findByText("请填写插队原因")).toBeInTheDocument();
    expect(screen.getByTestId("board-agent-1001")).toHaveAttribute("data-state", "ready");
    await user.type(within(queue).getByTestId("break-grant-reason"), "身体不适");
    await user.click(within(queue).getByTestId("break-grant-confirm"));
    await waitFor(() => expect(screen.getByTestId("board-agent-1001")).toHaveAttribute("data-state", "small_break"));

    await user.click(within(queue).getByTestId("break-cancel-1002"));
    await user.click(await screen.findByRole("button", { name: /确\s*定|OK/ }));
    await waitFor(() => expect(within(queue).queryByTestId("break-request-1002")).not.toBeInTheDocument());
    expect(screen.getByTestId("board-agent-1002")).toHaveAttribute("data-state", "ready");

    await user.click(within(queue).getByTestId("break-history"));
    const table = await screen.findByTestId("break-history-table");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("1002");
    expect(rows[0]).toHaveTextContent("已撤销");
    expect(rows[1]).toHaveTextContent("1001");
    expect(rows[1]).toHaveTextContent("已放行");
    expect(rows[1]).toHaveTextContent("插队：身体不适");
    expect(rows[1]).toHaveTextContent("王静");
  });

  test("a signed-out agent is not offered a break request", async () => {
    const { user, backend } = await floorWith(["1001"]);
    backend.setFloorState("1005", "signed_out");
    await user.click(screen.getByTestId("board-agent-1005"));
    const menu = await screen.findByTestId("state-menu");
    expect(within(menu).getByTestId("request-break")).toBeDisabled();
  });
});
