import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { AgentNow, Board, CommandApi, SeatInput } from "../../backend";
import { fixtures } from "../../test/fixtures";
import { loggedIn } from "../../test/fakeBackend";
import { bigFloor, type BigFloor } from "../../test/bigFloor";
import { renderApp } from "../../test/utils";
import { VIRTUALIZE_FROM } from "./boardUtil";

// A floor of a thousand agents: each view scrolls in a pane of its own and has in the DOM only
// what is in view and a little around it. jsdom lays nothing out, so the pane's size is given
// (clientWidth/clientHeight of .fd-board-scroll, what the virtualiser reads) and scrolling is
// setting scrollTop/scrollLeft and firing `scroll`. What is drawn where is the map's and the
// views' own arithmetic; the tests check which cards are in the DOM and what they show.

/** The pane: 1,000 × 600 px. */
const PANE = { width: 1000, height: 600 };

beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
    return this.classList.contains("fd-board-scroll") ? PANE.height : 0;
  });
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockImplementation(function (this: HTMLElement) {
    return this.classList.contains("fd-board-scroll") ? PANE.width : 0;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * The big floor with the supervisor logged in: `push` sends the next board; saved seats are read
 * back where they were saved (on the seat list and for the agent sitting there).
 */
async function openBig(floor: BigFloor = bigFloor(1000), overrides: Partial<CommandApi> = {}) {
  let current = floor.board;
  const backend = loggedIn("supervisor", {
    floorBoard: () => Promise.resolve(structuredClone(current)),
    listSeats: () => Promise.resolve(structuredClone(floor.seats)),
    saveSeat: (input: SeatInput) => {
      const seat = floor.seats.find((s) => s.id === input.id)!;
      Object.assign(seat, { x: input.x, y: input.y, zone: input.zone });
      for (const a of current.agents) if (a.seat_code === seat.code) Object.assign(a, { seat_x: input.x, seat_y: input.y, zone: input.zone });
      return Promise.resolve(structuredClone(seat));
    },
    ...overrides,
  });
  const r = renderApp(backend);
  await screen.findByTestId("board-agent-10001");
  const push = (next: Board) => {
    current = next;
    act(() => backend.emitFloor(structuredClone(next)));
  };
  return { ...r, backend, push, board: () => current };
}

/** `board` with `changes` to the agents named (a copy). */
function withAgents(board: Board, changes: Record<string, Partial<AgentNow>>): Board {
  const b = structuredClone(board);
  for (const a of b.agents) if (changes[a.employee_no]) a.now = { ...a.now, ...changes[a.employee_no] };
  return b;
}

const card = (no: string) => screen.getByTestId(`board-agent-${no}`);
const cards = () => screen.queryAllByTestId(/^board-agent-\d+$/);
const pane = (testId: string) => screen.getByTestId(testId).closest<HTMLElement>(".fd-board-scroll")!;

function scrollTo(el: HTMLElement, top: number, left = 0) {
  act(() => {
    el.scrollTop = top;
    el.scrollLeft = left;
    fireEvent.scroll(el);
  });
}

/** Press on `from`, move over `to` and let go there (jsdom has no layout: the cell is the event's target). */
function dragTo(from: HTMLElement, to: HTMLElement) {
  fireEvent.pointerDown(from, { button: 0, pointerId: 1, clientX: 10, clientY: 10 });
  fireEvent.pointerMove(to, { pointerId: 1, clientX: 60, clientY: 20 });
  fireEvent.pointerUp(to, { pointerId: 1, clientX: 60, clientY: 20 });
}

const saves = (backend: { saveSeat: { mock: { calls: [SeatInput][] } } }) => backend.saveSeat.mock.calls.map(([input]) => input);

describe("a card", () => {
  test("is six plain elements (seven with a reason), no antd component in it until its menu opens", async () => {
    const backend = loggedIn("supervisor", { floorBoard: () => Promise.resolve(fixtures.board()) });
    const { user } = renderApp(backend);
    await screen.findByTestId("board-agent-1036");
    // The demo floor is small: every card is drawn, in the page's flow.
    expect(cards()).toHaveLength(36);
    expect(screen.getByTestId("board-map").closest(".fd-board-scroll")).toBeNull();

    const plain = card("1001");
    expect(plain.querySelectorAll("*").length + 1).toBe(6);
    expect(plain.querySelector('[class*="ant-"]')).toBeNull();
    expect(screen.getByTestId("board-state-1001")).toHaveTextContent("空闲");
    expect(screen.getByTestId("board-state-1001")).toHaveClass("fd-tag", "fd-tag-green", "fd-si-ready");
    expect(card("1007").querySelectorAll("*").length + 1).toBe(7);
    expect(card("1007")).toHaveTextContent("设备故障");

    await user.click(plain);
    expect(await screen.findByTestId("state-menu")).toBeInTheDocument();
  });
});

describe(`a floor of 1,000 agents (virtualised from ${VIRTUALIZE_FROM})`, () => {
  test("the map draws the cards in view; scrolling brings the others in; the grid keeps every row", async () => {
    const { push, board } = await openBig();
    const map = screen.getByTestId("board-map");
    // 40 seats a row in zones of five rows: 25 rows of cards and a zone's spacer above each five.
    expect(map.style.gridTemplateRows.split(" ")).toHaveLength(30);
    expect(map.style.getPropertyValue("--fd-cols")).toBe("40");
    const first = cards().length;
    expect(first).toBeGreaterThan(20);
    expect(first).toBeLessThan(150);
    // Before: all 1,000 cards, 11,535 elements in the map.
    expect(map.querySelectorAll("*").length).toBeLessThan(1000);
    expect(card("10001")).toBeInTheDocument();
    expect(screen.queryByTestId("board-agent-11000")).toBeNull();
    expect(within(map).getByTestId("map-zone-A")).toBeInTheDocument();
    expect(within(map).queryByTestId("map-zone-E")).toBeNull();

    // A change to an agent in view shows; one out of view is not drawn.
    push(withAgents(board(), { "10002": { state: "busy", since: board().now }, "11000": { state: "meal", since: board().now } }));
    await waitFor(() => expect(card("10002")).toHaveAttribute("data-state", "busy"));
    expect(screen.getByTestId("board-state-10002")).toHaveTextContent("通话中");
    expect(screen.queryByTestId("board-agent-11000")).toBeNull();

    // The far corner: the last card is drawn (with the change), the first is gone.
    scrollTo(pane("board-map"), 5000, 6000);
    await waitFor(() => expect(card("11000")).toHaveAttribute("data-state", "meal"));
    expect(screen.queryByTestId("board-agent-10001")).toBeNull();
    expect(cards().length).toBeLessThan(150);
    expect(within(map).getByTestId("map-zone-E")).toBeInTheDocument();
    // Cards are where their seats are: 11000 sits at column 39 of seat row 28 (the 30th track).
    expect(card("11000").style.gridColumn).toBe("40");
    expect(card("11000").style.gridRow).toBe("30");
  });

  test("the focused card and the card whose menu is open stay drawn when the map scrolls away", async () => {
    const { user } = await openBig();
    const map = pane("board-map");
    await user.click(card("10003"));
    expect(await screen.findByTestId("state-menu")).toBeInTheDocument();
    act(() => card("10002").focus());
    scrollTo(map, 5000, 6000);
    await waitFor(() => expect(card("11000")).toBeInTheDocument());
    expect(card("10003")).toBeInTheDocument();
    expect(screen.getByText("坐席3（10003）")).toBeInTheDocument();
    expect(card("10002")).toBeInTheDocument();
    expect(document.activeElement).toBe(card("10002"));
    expect(screen.queryByTestId("board-agent-10040")).toBeNull();
    // Keys still reach the focused card out of view: 9 (其他) opens its menu; 10003's is drawn no more.
    fireEvent.keyDown(card("10002"), { key: "9" });
    expect(await screen.findByText("坐席2（10002）")).toBeInTheDocument();
    expect(card("10002")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId("board-agent-10003")).toBeNull());
  });

  test("the compact grid: rows of as many cards as the pane fits, the rows in view drawn", async () => {
    const { user, push, board } = await openBig();
    await user.click(screen.getByText("紧凑"));
    const grid = await screen.findByTestId("board-grid");
    // 1,000 px fits 7 cards of 132 px with 6 px between them.
    const rows = grid.querySelectorAll(".fd-floor-grid-row");
    expect(rows[0].querySelectorAll(":scope > [data-agent]")).toHaveLength(7);
    expect(cards().length).toBeGreaterThan(20);
    expect(cards().length).toBeLessThan(120);
    expect(screen.queryByTestId("board-agent-11000")).toBeNull();

    push(withAgents(board(), { "10003": { state: "meeting", since: board().now } }));
    await waitFor(() => expect(card("10003")).toHaveAttribute("data-state", "meeting"));

    // A menu open on a card keeps it drawn when the grid scrolls to the end.
    await user.click(card("10001"));
    expect(await screen.findByTestId("state-menu")).toBeInTheDocument();
    scrollTo(grid, 100_000);
    await waitFor(() => expect(card("11000")).toBeInTheDocument());
    expect(screen.queryByTestId("board-agent-10500")).toBeNull();
    expect(card("10001")).toBeInTheDocument();
    expect(screen.getByTestId("state-menu")).toBeInTheDocument();
    expect(cards().length).toBeLessThan(120);
  });

  test("the list: the rows in view drawn; a click on a row's state opens the menu", async () => {
    const { user, push, board } = await openBig();
    await user.click(screen.getByText("列表"));
    const list = await screen.findByTestId("board-list");
    const rows = () => within(list).queryAllByTestId(/^board-row-/);
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThan(60);
    expect(screen.getByTestId("board-row-10001")).toHaveTextContent("S0001");
    expect(screen.getByTestId("board-row-10001")).toHaveTextContent("坐席1");
    expect(screen.queryByTestId("board-row-11000")).toBeNull();

    push(withAgents(board(), { "10004": { state: "training", since: board().now } }));
    await waitFor(() => expect(card("10004")).toHaveTextContent("培训"));

    scrollTo(list, 1000 * 38);
    await waitFor(() => expect(screen.getByTestId("board-row-11000")).toBeInTheDocument());
    expect(screen.queryByTestId("board-row-10001")).toBeNull();
    expect(rows().length).toBeLessThan(60);
    await user.click(card("11000"));
    const menu = await screen.findByTestId("state-menu");
    expect(within(menu).getByTestId("set-state-ready")).toBeInTheDocument();
  });

  test("arranging: only the cells in view are drawn, a drag swaps two seats, and a dragged card stays drawn", async () => {
    const { user, backend } = await openBig();
    await user.click(screen.getByTestId("board-arrange-toggle"));
    await screen.findByTestId("arrange-hint");
    await waitFor(() => expect(card("10001")).toHaveAttribute("data-cell-x", "0"));
    const map = screen.getByTestId("board-map");
    // The exact grid: 30 seat rows and a spare, 41 columns; the empty cells are drawn in view only.
    expect(map.style.getPropertyValue("--fd-cols")).toBe("41");
    expect(map.style.gridTemplateRows.split(" ")).toHaveLength(30);
    const empty = within(map).queryAllByTestId(/^map-cell-/);
    expect(empty.length).toBeGreaterThan(0);
    expect(empty.length).toBeLessThan(60);
    expect(cards().length).toBeLessThan(150);

    dragTo(card("10001"), card("10002"));
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledTimes(2));
    expect(saves(backend)).toEqual([
      { id: 1, code: "S0001", x: 1, y: 0, zone: "A" },
      { id: 2, code: "S0002", x: 0, y: 0, zone: "A" },
    ]);
    await waitFor(() => expect(card("10001")).toHaveAttribute("data-cell-x", "1"));
    expect(card("10002")).toHaveAttribute("data-cell-x", "0");
    await waitFor(() => expect(map).toHaveAttribute("aria-busy", "false"));

    // A drag that scrolls far away: the card being dragged stays in the DOM, and drops where it is let go.
    fireEvent.pointerDown(card("10003"), { button: 0, pointerId: 2, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(card("10003"), { pointerId: 2, clientX: 40, clientY: 40 });
    await waitFor(() => expect(card("10003")).toHaveClass("is-dragging"));
    scrollTo(pane("board-map"), 5000, 6000);
    await waitFor(() => expect(screen.getByTestId("map-cell-40-29")).toBeInTheDocument());
    expect(card("10003")).toHaveClass("is-dragging");
    fireEvent.pointerMove(screen.getByTestId("map-cell-40-29"), { pointerId: 2, clientX: 900, clientY: 500 });
    fireEvent.pointerUp(screen.getByTestId("map-cell-40-29"), { pointerId: 2, clientX: 900, clientY: 500 });
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledTimes(3));
    expect(saves(backend)[2]).toEqual({ id: 3, code: "S0003", x: 40, y: 29, zone: "A" });
    await waitFor(() => expect(card("10003")).toHaveAttribute("data-cell-y", "29"));
  });

  test("arranging: an arrow key moves a card to a cell out of view, which is scrolled to", async () => {
    const { user, backend } = await openBig();
    await user.click(screen.getByTestId("board-arrange-toggle"));
    await screen.findByTestId("arrange-hint");
    await waitFor(() => expect(card("10008")).toHaveAttribute("data-cell-x", "7"));
    const scrolled: Element[] = [];
    vi.spyOn(Element.prototype, "scrollIntoView").mockImplementation(function (this: Element) {
      scrolled.push(this);
    });
    // Row 0's last seat (column 39) is far right, out of view: focus it there by the keyboard's way in.
    scrollTo(pane("board-map"), 0, 6000);
    await waitFor(() => expect(card("10040")).toBeInTheDocument());
    act(() => card("10040").focus());
    scrollTo(pane("board-map"), 0, 0);
    expect(card("10040")).toBeInTheDocument();
    fireEvent.keyDown(card("10040"), { key: "ArrowRight" });
    await waitFor(() => expect(backend.saveSeat).toHaveBeenCalledTimes(1));
    expect(saves(backend)).toEqual([{ id: 40, code: "S0040", x: 40, y: 0, zone: "A" }]);
    await waitFor(() => expect(card("10040")).toHaveAttribute("data-cell-x", "40"));
    expect(scrolled).toContain(card("10040"));
    expect(document.activeElement).toBe(card("10040"));
  });
});
