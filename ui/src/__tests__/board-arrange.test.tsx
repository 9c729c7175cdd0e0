import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import { BackendError, type Board, type CommandApi, type Role, type Seat, type SeatInput } from "../backend";
import { fixtures } from "../test/fixtures";
import { loggedIn } from "../test/fakeBackend";
import { renderApp } from "../test/utils";

// Arranging seats: the map sends `saveSeat` with the cell a seat was dragged (or arrowed) to, two
// saves for a swap, and shows the seats where the backend's next reads put them.

/**
 * The backend's seats and board, as a store: a saved seat is read back where it was saved, on the
 * seat list and for the agent sitting at it. (Keeping what is written is all it does; the rules
 * about seats are the backend's, tested in Rust.)
 */
function seatStore(board: Board = fixtures.board(), seats: Seat[] = fixtures.seats()) {
  return {
    board: () => board,
    seats: () => seats,
    setBoard: (b: Board) => void (board = b),
    api: {
      floorBoard: () => Promise.resolve(structuredClone(board)),
      listSeats: () => Promise.resolve(structuredClone(seats)),
      saveSeat: (input: SeatInput) => {
        const seat = seats.find((s) => s.id === input.id)!;
        Object.assign(seat, { x: input.x, y: input.y, zone: input.zone });
        for (const a of board.agents) if (a.seat_code === seat.code) Object.assign(a, { seat_x: input.x, seat_y: input.y, zone: input.zone });
        return Promise.resolve(structuredClone(seat));
      },
    } satisfies Partial<CommandApi>,
  };
}

async function openBoard(role: Role = "supervisor", store = seatStore(), overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, { ...store.api, ...overrides });
  const r = renderApp(backend);
  await screen.findByTestId("board-agent-1036");
  return { ...r, backend, store };
}

/** What `saveSeat` was sent, in order. */
const saves = (backend: { saveSeat: { mock: { calls: [SeatInput][] } } }) => backend.saveSeat.mock.calls.map(([input]) => input);

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
  test("a supervisor drags a card to an empty cell: the seat is sent there and the card moves", async () => {
    const { user, backend } = await openBoard();
    // The live map: fixed-width columns, as many as the seats need (A01–A14 are columns 0–6).
    expect(screen.getByTestId("board-map").style.getPropertyValue("--fd-cols")).toBe("7");
    expect(screen.queryByTestId("map-cell-7-0")).not.toBeInTheDocument();
    expect(screen.queryByTestId("map-seat-A13")).not.toBeInTheDocument();

    await user.click(screen.getByTestId("board-arrange-toggle"));
    expect(await screen.findByTestId("arrange-hint")).toHaveTextContent("拖动坐席卡片");
    // A spare column and row beyond the seats; the free seats (A13, A14 from the seat list) are drawn too.
    expect(screen.getByTestId("board-map").style.getPropertyValue("--fd-cols")).toBe("8");
    expect(await screen.findByTestId("map-seat-A13")).toHaveTextContent("空台席");
    expect(screen.getByTestId("map-seat-A13")).toHaveAttribute("data-cell-x", "5");
    expect(screen.getByTestId("map-cell-7-0")).toBeInTheDocument();
    expect(screen.getByTestId("map-cell-0-8")).toBeInTheDocument();
    expect(card("1002")).toHaveAttribute("data-cell-x", "1");
    expect(card("1002")).toHaveAttribute("data-cell-y", "0");
    expect(card("1002")).toHaveTextContent("A02");

    // A click does not open the state menu while arranging.
    await user.click(card("1002"));
    expect(screen.queryByTestId("state-menu")).not.toBeInTheDocument();

    dragTo(card("1002"), screen.getByTestId("map-cell-7-2"));
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledTimes(1));
    expect(saves(backend)).toEqual([{ id: 2, code: "A02", x: 7, y: 2, zone: "A" }]);
    await waitFor(() => expect(card("1002")).toHaveAttribute("data-cell-x", "7"));
    expect(card("1002")).toHaveAttribute("data-cell-y", "2");
    expect(card("1002").style.gridColumn).toBe("8");
    expect(card("1002").style.gridRow).toBe("3");
    expect(await screen.findByText("台席 A02 已移到（列 7，排 2）")).toBeInTheDocument();
    await settled();
    // Where the backend's board puts it, and the cell it left is empty now.
    expect(card("1002")).toHaveAttribute("data-cell-x", "7");
    expect(screen.getByTestId("map-cell-1-0")).toBeInTheDocument();
    expect(screen.queryByTestId("map-cell-7-2")).not.toBeInTheDocument();

    // Done: the compact map again, where the card's menu opens on click.
    await user.click(screen.getByTestId("board-arrange-toggle"));
    await waitFor(() => expect(screen.queryByTestId("arrange-hint")).not.toBeInTheDocument());
    expect(screen.queryByTestId("map-cell-1-0")).not.toBeInTheDocument();
    expect(screen.queryByTestId("map-seat-A13")).not.toBeInTheDocument();
    expect(card("1002").style.gridColumn).toBe("8");
    await user.click(card("1002"));
    expect(await screen.findByTestId("state-menu")).toBeInTheDocument();
  });

  test("dropping on another seat sends both seats' new places (a swap), occupied or free", async () => {
    const { user, backend } = await openBoard();
    await user.click(screen.getByTestId("board-arrange-toggle"));
    await screen.findByTestId("map-seat-A13");

    dragTo(card("1002"), card("1003"));
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledTimes(2));
    expect(saves(backend)).toEqual([
      { id: 2, code: "A02", x: 2, y: 0, zone: "A" },
      { id: 3, code: "A03", x: 1, y: 0, zone: "A" },
    ]);
    await waitFor(() => expect(card("1002")).toHaveAttribute("data-cell-x", "2"));
    expect(card("1003")).toHaveAttribute("data-cell-x", "1");
    expect(await screen.findByText("台席 A02 与 A03 已互换位置")).toBeInTheDocument();
    await settled();

    // Onto a free seat (A13 at column 5, row 1): 1003 takes its place and A13 moves to A03's.
    dragTo(card("1003"), screen.getByTestId("map-seat-A13"));
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledTimes(4));
    expect(saves(backend).slice(2)).toEqual([
      { id: 3, code: "A03", x: 5, y: 1, zone: "A" },
      { id: 13, code: "A13", x: 1, y: 0, zone: "A" },
    ]);
    await waitFor(() => expect(screen.getByTestId("map-seat-A13")).toHaveAttribute("data-cell-x", "1"));
    expect(card("1003")).toHaveAttribute("data-cell-x", "5");
    expect(card("1003")).toHaveAttribute("data-cell-y", "1");
    await settled();

    // A free seat drags too.
    dragTo(screen.getByTestId("map-seat-A13"), screen.getByTestId("map-cell-7-0"));
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledTimes(5));
    expect(saves(backend)[4]).toEqual({ id: 13, code: "A13", x: 7, y: 0, zone: "A" });
    await waitFor(() => expect(screen.getByTestId("map-seat-A13")).toHaveAttribute("data-cell-x", "7"));
  });

  test("the backend's refusal of a move shows translated, and the card stays where the board has it", async () => {
    const { user, backend } = await openBoard("supervisor", seatStore(), {
      saveSeat: () => Promise.reject(new BackendError("db.busy", "database is locked")),
    });
    await user.click(screen.getByTestId("board-arrange-toggle"));
    await screen.findByTestId("map-seat-A13");
    dragTo(card("1002"), screen.getByTestId("map-cell-7-2"));
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledWith({ id: 2, code: "A02", x: 7, y: 2, zone: "A" }));
    expect(await screen.findByText("数据库正忙（另一个程序正在写入），请稍后重试")).toBeInTheDocument();
    await settled();
    expect(card("1002")).toHaveAttribute("data-cell-x", "1");
    expect(card("1002")).toHaveAttribute("data-cell-y", "0");
    expect(screen.getByTestId("map-cell-7-2")).toBeInTheDocument();
  });

  test("arrow keys move a focused card's seat one cell; an agent without a seat cannot move", async () => {
    const store = seatStore();
    const { user, backend } = await openBoard("supervisor", store);
    // Elsewhere 1036 loses the seat C12: the next board shows 1036 in the row of agents without one.
    const unseated = structuredClone(store.board());
    Object.assign(unseated.agents.find((a) => a.employee_no === "1036")!, { seat_code: null, seat_x: null, seat_y: null, zone: null });
    Object.assign(store.seats().find((s) => s.code === "C12")!, { agent_id: null, agent_name: null });
    store.setBoard(unseated);
    act(() => backend.emitFloor(structuredClone(unseated)));
    expect(await screen.findByTestId("map-unseated")).toHaveTextContent("未分配台席");

    await user.click(screen.getByTestId("board-arrange-toggle"));
    await screen.findByTestId("arrange-hint");
    // The seat it left is a free seat on the backend's list.
    expect(await screen.findByTestId("map-seat-C12")).toHaveTextContent("空台席");
    const a07 = card("1007");
    a07.focus();
    fireEvent.keyDown(a07, { key: "ArrowRight" });
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledTimes(1));
    expect(saves(backend)).toEqual([{ id: 7, code: "A07", x: 7, y: 0, zone: "A" }]);
    await waitFor(() => expect(card("1007")).toHaveAttribute("data-cell-x", "7"));
    // The same element moved, so the keyboard stays on it.
    expect(document.activeElement).toBe(card("1007"));
    await settled();
    fireEvent.keyDown(card("1007"), { key: "ArrowDown" });
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledTimes(2));
    expect(saves(backend)[1]).toEqual({ id: 7, code: "A07", x: 7, y: 1, zone: "A" });
    await waitFor(() => expect(card("1007")).toHaveAttribute("data-cell-y", "1"));
    await settled();
    // Up from the top row goes nowhere; into an occupied cell is a swap (A08 is below A01).
    fireEvent.keyDown(card("1001"), { key: "ArrowUp" });
    fireEvent.keyDown(card("1001"), { key: "ArrowDown" });
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledTimes(4));
    expect(saves(backend).slice(2)).toEqual([
      { id: 1, code: "A01", x: 0, y: 1, zone: "A" },
      { id: 8, code: "A08", x: 0, y: 0, zone: "A" },
    ]);
    await waitFor(() => expect(card("1001")).toHaveAttribute("data-cell-y", "1"));
    expect(card("1008")).toHaveAttribute("data-cell-y", "0");
    await settled();

    const without = card("1036");
    expect(without).toHaveAttribute("aria-disabled", "true");
    expect(without).not.toHaveAttribute("data-cell-x");
    await user.hover(without);
    expect(await screen.findByText(/该坐席还没有分配台席，无法拖动。请到“班组与台席”页面/)).toBeInTheDocument();
    dragTo(without, screen.getByTestId("map-cell-7-2"));
    fireEvent.keyDown(without, { key: "ArrowRight" });
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.saveSeat).toHaveBeenCalledTimes(4);
  });

  test("only those who manage people arrange seats, on the map, not on the wallboard", async () => {
    const lead = await openBoard("team_lead");
    expect(screen.getByTestId("board-map")).toBeInTheDocument();
    expect(screen.queryByTestId("board-arrange-toggle")).not.toBeInTheDocument();
    lead.unmount();

    const sup = await openBoard();
    expect(screen.getByTestId("board-arrange-toggle")).toHaveTextContent("调整台席布局");
    await sup.user.click(screen.getByTestId("board-arrange-toggle"));
    expect(screen.getByTestId("board-arrange-toggle")).toHaveTextContent("完成调整");
    // Another view ends arranging; the toggle is for the map only.
    await sup.user.click(screen.getByText("紧凑"));
    await waitFor(() => expect(screen.queryByTestId("board-arrange-toggle")).not.toBeInTheDocument());
    expect(screen.queryByTestId("arrange-hint")).not.toBeInTheDocument();
    expect(screen.getByTestId("board-grid")).toBeInTheDocument();
    await sup.user.click(screen.getByText("平面图"));
    expect(await screen.findByTestId("board-arrange-toggle")).toHaveTextContent("调整台席布局");
    expect(screen.queryByTestId("arrange-hint")).not.toBeInTheDocument();

    await sup.user.click(screen.getByTestId("wallboard-toggle"));
    expect(await screen.findByTestId("wallboard")).toBeInTheDocument();
    // The wallboard shows team tiles, not the map: nothing to arrange there.
    expect(screen.queryByTestId("board-map")).not.toBeInTheDocument();
    expect(screen.queryByTestId("board-arrange-toggle")).not.toBeInTheDocument();
    expect(sup.backend.saveSeat).not.toHaveBeenCalled();
  });
});
