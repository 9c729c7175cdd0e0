import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { MockBackend } from "../backend/mock";
import { demoLoggedInAs, renderApp } from "../test/utils";

/** The demo floor, logged in as `name`; the mock pushes the board only after changes (no ticks). */
async function openBoard(name = "沈丽华") {
  const backend = await demoLoggedInAs(name, { floorTickMs: 0 });
  const r = renderApp(backend);
  await screen.findByTestId("board-agent-1036");
  return r;
}

async function seatAt(backend: MockBackend, code: string) {
  const s = (await backend.listSeats()).find((x) => x.code === code);
  if (!s) throw new Error(`no seat ${code}`);
  return { x: s.x, y: s.y };
}

/** Press on `from`, move over `to` and let go there (jsdom has no layout: the cell is the event's target). */
function dragTo(from: HTMLElement, to: HTMLElement) {
  fireEvent.pointerDown(from, { button: 0, pointerId: 1, clientX: 10, clientY: 10 });
  fireEvent.pointerMove(to, { pointerId: 1, clientX: 60, clientY: 20 });
  fireEvent.pointerMove(to, { pointerId: 1, clientX: 140, clientY: 20 });
  fireEvent.pointerUp(to, { pointerId: 1, clientX: 140, clientY: 20 });
}

const card = (no: string) => screen.getByTestId(`board-agent-${no}`);

/** A move is saved and the board re-read (a press while saving is ignored). */
async function settled() {
  await waitFor(() => expect(screen.getByTestId("board-map")).toHaveAttribute("aria-busy", "false"));
}

describe("arranging seats on the floor map", () => {
  test("a supervisor drags a card to an empty cell: the seat is saved there and the card moves", async () => {
    const { user, backend } = await openBoard();
    expect(await seatAt(backend, "A02")).toEqual({ x: 1, y: 0 });
    // The live map: fixed-width columns, as many as the seats need (A01–A14 are columns 0–6).
    expect(screen.getByTestId("board-map").style.getPropertyValue("--fd-cols")).toBe("7");
    expect(screen.queryByTestId("map-cell-7-0")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("board-arrange-toggle"));
    expect(await screen.findByTestId("arrange-hint")).toHaveTextContent("拖动坐席卡片");
    // A spare column and row beyond the seats; the free seats A13, A14 are drawn too.
    expect(screen.getByTestId("board-map").style.getPropertyValue("--fd-cols")).toBe("8");
    expect(await screen.findByTestId("map-seat-A13")).toHaveTextContent("空闲");
    expect(screen.getByTestId("map-cell-7-0")).toBeInTheDocument();
    expect(screen.getByTestId("map-cell-0-8")).toBeInTheDocument();
    expect(card("1002")).toHaveAttribute("data-cell-x", "1");
    expect(card("1002")).toHaveAttribute("data-cell-y", "0");

    // A click does not open the state menu while arranging.
    await user.click(card("1002"));
    expect(screen.queryByTestId("state-menu")).not.toBeInTheDocument();

    dragTo(card("1002"), screen.getByTestId("map-cell-7-2"));
    await waitFor(async () => expect(await seatAt(backend, "A02")).toEqual({ x: 7, y: 2 }));
    await waitFor(() => expect(card("1002")).toHaveAttribute("data-cell-x", "7"));
    expect(card("1002")).toHaveAttribute("data-cell-y", "2");
    expect(card("1002").style.gridColumn).toBe("8");
    expect(card("1002").style.gridRow).toBe("3");
    expect(await screen.findByText("台席 A02 已移到（列 7，排 2）")).toBeInTheDocument();
    // The board says so too, and the cell it left is now empty.
    const b = await backend.floorBoard();
    expect(b.agents.find((a) => a.employee_no === "1002")).toMatchObject({ seat_code: "A02", seat_x: 7, seat_y: 2 });
    expect(screen.getByTestId("map-cell-1-0")).toBeInTheDocument();
    expect(screen.queryByTestId("map-cell-7-2")).not.toBeInTheDocument();

    // Done: the compact map again, where the card's menu opens on click.
    await user.click(screen.getByTestId("board-arrange-toggle"));
    await waitFor(() => expect(screen.queryByTestId("arrange-hint")).not.toBeInTheDocument());
    expect(screen.queryByTestId("map-cell-1-0")).not.toBeInTheDocument();
    expect(card("1002").style.gridColumn).toBe("8");
    await user.click(card("1002"));
    expect(await screen.findByTestId("state-menu")).toBeInTheDocument();
  });

  test("dropping on another seat swaps the two seats, occupied or free", async () => {
    const { user, backend } = await openBoard();
    await user.click(screen.getByTestId("board-arrange-toggle"));
    await screen.findByTestId("map-seat-A13");

    dragTo(card("1002"), card("1003"));
    await waitFor(async () => expect(await seatAt(backend, "A02")).toEqual({ x: 2, y: 0 }));
    expect(await seatAt(backend, "A03")).toEqual({ x: 1, y: 0 });
    await waitFor(() => expect(card("1002")).toHaveAttribute("data-cell-x", "2"));
    expect(card("1003")).toHaveAttribute("data-cell-x", "1");
    expect(await screen.findByText("台席 A02 与 A03 已互换位置")).toBeInTheDocument();
    await settled();

    // Onto a free seat (A13 at column 5, row 1): 1003 takes it and A13 moves to A03's place.
    dragTo(card("1003"), screen.getByTestId("map-seat-A13"));
    await waitFor(async () => expect(await seatAt(backend, "A03")).toEqual({ x: 5, y: 1 }));
    expect(await seatAt(backend, "A13")).toEqual({ x: 1, y: 0 });
    await waitFor(() => expect(screen.getByTestId("map-seat-A13")).toHaveAttribute("data-cell-x", "1"));
    expect(card("1003")).toHaveAttribute("data-cell-y", "1");
    await settled();

    // A free seat drags too.
    dragTo(screen.getByTestId("map-seat-A13"), screen.getByTestId("map-cell-7-0"));
    await waitFor(async () => expect(await seatAt(backend, "A13")).toEqual({ x: 7, y: 0 }));
  });

  test("arrow keys move a focused card's seat one cell; an agent without a seat cannot move", async () => {
    const { user, backend } = await openBoard();
    // 1036 loses the seat: on the map it goes to the row of agents without one.
    const row = (await backend.listAgents(false)).find((a) => a.employee_no === "1036")!;
    await backend.saveAgent({ id: row.id, employee_no: row.employee_no, name: row.name, team_id: row.team_id, level: row.level, seat_id: null, hired_on: row.hired_on });
    backend.advanceFloorClock(0); // the next tick's push (the backend ticks every second)
    expect(await screen.findByTestId("map-unseated")).toHaveTextContent("未分配台席");

    await user.click(screen.getByTestId("board-arrange-toggle"));
    await screen.findByTestId("arrange-hint");
    const a07 = card("1007");
    a07.focus();
    fireEvent.keyDown(a07, { key: "ArrowRight" });
    await waitFor(async () => expect(await seatAt(backend, "A07")).toEqual({ x: 7, y: 0 }));
    await waitFor(() => expect(card("1007")).toHaveAttribute("data-cell-x", "7"));
    // The same element moved, so the keyboard stays on it.
    expect(document.activeElement).toBe(card("1007"));
    await settled();
    fireEvent.keyDown(card("1007"), { key: "ArrowDown" });
    await waitFor(async () => expect(await seatAt(backend, "A07")).toEqual({ x: 7, y: 1 }));
    await settled();
    // Up from the top row goes nowhere.
    fireEvent.keyDown(card("1001"), { key: "ArrowUp" });
    // Into an occupied cell: a swap (A08 at column 0, row 1 is below A01).
    fireEvent.keyDown(card("1001"), { key: "ArrowDown" });
    await waitFor(async () => expect(await seatAt(backend, "A01")).toEqual({ x: 0, y: 1 }));
    expect(await seatAt(backend, "A08")).toEqual({ x: 0, y: 0 });
    await settled();

    const unseated = card("1036");
    expect(unseated).toHaveAttribute("aria-disabled", "true");
    expect(unseated).not.toHaveAttribute("data-cell-x");
    await user.hover(unseated);
    expect(await screen.findByText(/该坐席还没有分配台席，无法拖动。请到“班组与台席”页面/)).toBeInTheDocument();
    const before = await backend.listSeats();
    dragTo(unseated, screen.getByTestId("map-cell-7-2"));
    fireEvent.keyDown(unseated, { key: "ArrowRight" });
    await new Promise((r) => setTimeout(r, 50));
    expect(await backend.listSeats()).toEqual(before);
  });

  test("only those who manage people arrange seats, on the map, not on the wallboard", async () => {
    const lead = await openBoard("王静");
    expect(screen.getByTestId("board-map")).toBeInTheDocument();
    expect(screen.queryByTestId("board-arrange-toggle")).not.toBeInTheDocument();
    lead.unmount();

    const sup = await openBoard();
    expect(screen.getByTestId("board-arrange-toggle")).toHaveTextContent("调整座位");
    await sup.user.click(screen.getByTestId("board-arrange-toggle"));
    expect(screen.getByTestId("board-arrange-toggle")).toHaveTextContent("完成调整");
    // Another view ends arranging; the toggle is for the map only.
    await sup.user.click(screen.getByText("紧凑"));
    await waitFor(() => expect(screen.queryByTestId("board-arrange-toggle")).not.toBeInTheDocument());
    expect(screen.queryByTestId("arrange-hint")).not.toBeInTheDocument();
    await sup.user.click(screen.getByText("平面图"));
    expect(await screen.findByTestId("board-arrange-toggle")).toHaveTextContent("调整座位");
    expect(screen.queryByTestId("arrange-hint")).not.toBeInTheDocument();

    await sup.user.click(screen.getByTestId("wallboard-toggle"));
    expect(await screen.findByTestId("wallboard")).toBeInTheDocument();
    expect(await screen.findByTestId("board-map")).toBeInTheDocument();
    expect(screen.queryByTestId("board-arrange-toggle")).not.toBeInTheDocument();
  });
});
