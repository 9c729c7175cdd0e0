// The grid at scale: a new read of the month re-renders only the rows whose data changed, and a
// big month puts only the rows near the view in the DOM (jsdom has no layout: the grid's height
// and the rows' heights are given here).
import { createRef } from "react";
import { act, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { RosterAgent, ShiftTemplate, Violation } from "../../backend";
import { monthDays } from "./calendar";
import RosterGrid, { sameData, VIRTUALIZE_FROM, type GridActions, type TeamGroup } from "./RosterGrid";
import { createSelectionStore } from "./selection";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Templates that count their look-ups: a row rendering looks up the template of each cell. */
class CountingMap<K, V> extends Map<K, V> {
  gets = 0;
  get(key: K) {
    this.gets += 1;
    return super.get(key);
  }
}

const days = monthDays("2027-01-01", "2027-01-31", []);
const templates: ShiftTemplate[] = [
  { code: "D", name: "白班", start: "08:30", end: "16:00", night: false, paid_minutes: 450, colour: "#e6f4ff" },
  { code: "N", name: "晚班", start: "16:00", end: "23:30", night: true, paid_minutes: 450, colour: "#f9f0ff" },
];

/** `n` agents in teams of 50, every cell D but a 休 a week; fresh arrays on every call (a new read). */
function month(n: number, change?: { no: string; c: number; value: string }) {
  const agents: RosterAgent[] = Array.from({ length: n }, (_, i) => ({
    employee_no: String(20001 + i),
    name: `坐席${i + 1}`,
    team_id: Math.floor(i / 50) + 1,
    team_name: `压测${Math.floor(i / 50) + 1}组`,
  }));
  const groups: TeamGroup[] = [];
  agents.forEach((a, r) => {
    const last = groups[groups.length - 1];
    if (last && last.teamId === a.team_id) last.agents.push(a);
    else groups.push({ teamId: a.team_id, teamName: a.team_name, first: r, agents: [a] });
  });
  const cells = new Map(agents.map((a) => [a.employee_no, days.map((_, c): string => (c % 7 === 6 ? "休" : "D"))]));
  if (change) cells.get(change.no)![change.c] = change.value;
  const streak: Violation = { date: "2027-01-07", employee_no: "20001", rule: "max_consecutive_work_days", from: "2027-01-01", to: "2027-01-07", rest_days: null, required: null, gap_minutes: null };
  const violations = new Map<string, (Violation[] | undefined)[]>();
  if (change?.value === "D" && change.no === "20001" && change.c === 6) {
    const row = new Array<Violation[] | undefined>(days.length).fill(undefined);
    row[6] = [streak];
    violations.set("20001", row);
  }
  return {
    groups,
    days: monthDays("2027-01-01", "2027-01-31", []),
    templates: new Map(templates.map((t) => [t.code, { ...t }])),
    cells,
    violations,
    heads: new Map<string, number[]>(),
    marks: new Map(),
  };
}

const actions: GridActions = {
  keyDown: vi.fn(),
  copy: vi.fn(),
  paste: vi.fn(),
  select: vi.fn(),
  startEdit: vi.fn(),
  contextMenu: vi.fn(),
  draft: vi.fn(),
  commit: vi.fn(),
  cancel: vi.fn(),
};

function renderGrid(n: number) {
  const store = createSelectionStore();
  const gridRef = createRef<HTMLDivElement>();
  const first = month(n);
  const counted = new CountingMap(first.templates);
  const view = render(<RosterGrid {...first} templates={counted} store={store} actions={actions} gridRef={gridRef} />);
  const rerender = (change?: Parameters<typeof month>[1]) =>
    view.rerender(<RosterGrid {...month(n, change)} store={store} actions={actions} gridRef={gridRef} />);
  return { store, gridRef, rerender, counted };
}

describe("the roster grid at scale", () => {
  test("a new read of the month re-renders only the row that changed, marks included", () => {
    const { rerender, counted } = renderGrid(40);
    expect(screen.getAllByTestId(/^roster-row-/)).toHaveLength(40);
    // Every row looked its cells' templates up (the grid keeps these templates while equal ones come).
    expect(counted.gets).toBeGreaterThan(40 * 31);

    // The same data read again (new arrays, new days, new templates): no row renders.
    counted.gets = 0;
    rerender();
    expect(counted.gets).toBe(0);

    // One cell changed, and with it a violation on that row: that row alone renders.
    rerender({ no: "20001", c: 6, value: "D" });
    expect(counted.gets).toBeGreaterThan(0);
    expect(counted.gets).toBeLessThan(5 * 31);
    const cell = screen.getByTestId("cell-20001-2027-01-07");
    expect(cell).toHaveTextContent("D");
    expect(cell).toHaveClass("fd-rc-violation");
    expect(screen.getByTestId("cell-20002-2027-01-07")).toHaveTextContent("休");
  });

  test(`from ${VIRTUALIZE_FROM} agents on, only the rows near the view are in the DOM and the rest keep their height`, async () => {
    // A 270 px high grid (ten rows) over rows 27 px high, 300 agents and 6 team rows in all.
    vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockImplementation(function (this: HTMLElement) {
      return this.dataset.testid === "roster-grid" ? 270 : 0;
    });
    vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockImplementation(function (this: HTMLElement) {
      return this.tagName === "TR" ? 27 : 0;
    });
    vi.spyOn(HTMLElement.prototype, "scrollHeight", "get").mockImplementation(function (this: HTMLElement) {
      return this.dataset.testid === "roster-grid" ? (300 + 6) * 27 : 0;
    });
    const scrolls: number[] = [];
    vi.spyOn(Element.prototype, "scrollTo").mockImplementation(function (this: Element, opts?: ScrollToOptions | number) {
      if (typeof opts === "object" && (this as HTMLElement).dataset.testid === "roster-grid") scrolls.push(opts.top ?? 0);
    });
    const n = 300;
    const { store } = renderGrid(n);
    await waitFor(() => expect(screen.getByTestId("roster-row-20001")).toBeInTheDocument());
    const rendered = screen.getAllByTestId(/^roster-row-/).length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(screen.queryByTestId("roster-row-20300")).toBeNull();
    // Rows, team rows and gaps add up to the whole month: 300 agents and 6 team rows.
    const body = document.querySelector("tbody")!;
    const gaps = [...body.querySelectorAll<HTMLTableCellElement>(".fd-roster-gap td")].reduce((h, td) => h + parseFloat(td.style.height), 0);
    const real = body.querySelectorAll("tr:not(.fd-roster-gap)").length;
    expect(gaps + real * 27).toBe((n + 6) * 27);

    // A cell far below selected (a violation clicked in the list): the grid scrolls to its row.
    act(() => store.set({ anchor: { r: 280, c: 3 }, focus: { r: 280, c: 3 }, editing: null }));
    // Row 280 is item 280 + 6 team rows; aligned to the bottom of the 270 px view.
    await waitFor(() => expect(scrolls).toContain((280 + 6 + 1) * 27 - 270));
  });

  test("sameData compares what the backend sends", () => {
    expect(sameData(["D", "休"], ["D", "休"])).toBe(true);
    expect(sameData(["D", "休"], ["D", "N"])).toBe(false);
    expect(sameData([undefined, [{ rule: "x", from: null }]], [undefined, [{ rule: "x", from: null }]])).toBe(true);
    expect(sameData([undefined], [[]])).toBe(false);
    expect(sameData(new Map([["D", { colour: "#fff" }]]), new Map([["D", { colour: "#fff" }]]))).toBe(true);
    expect(sameData(new Map([["D", { colour: "#fff" }]]), new Map([["D", { colour: "#000" }]]))).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
