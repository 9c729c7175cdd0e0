// 覆盖: the panel says the backend's totals, draws the chosen day and the month, reads again when
// the roster changes, follows the grid's focused column, and remembers being closed. The fake's
// coverage is made up for each test: nothing here counts heads.
import { act, screen, waitFor } from "@testing-library/react";
import { useQueryClient } from "@tanstack/react-query";
import { describe, expect, test } from "vitest";
import type { CommandApi, CoverageTotals, TeamCoverage } from "../../backend";
import { useTopicInvalidation } from "../../lib/hooks";
import { loggedIn } from "../../test/fakeBackend";
import { renderHandover } from "../handover/renderHandover";
import { monthDays } from "../roster/calendar";
import { createSelectionStore } from "../roster/selection";
import CoveragePanel, { COVERAGE_OPEN_KEY } from "./CoveragePanel";

const TEAMS = [
  { id: 1, name: "售前一组" },
  { id: 2, name: "售前二组" },
];
const MONTH = "2026-12";
const DAYS = monthDays("2026-12-01", "2026-12-31", []);

const totals = (patch: Partial<CoverageTotals> = {}): CoverageTotals => ({
  needed_slot_agents: 120,
  short_slot_agents: 6,
  over_slot_agents: 10,
  short_half_hours: 4,
  ...patch,
});

/** Every day needs 2 from 09:00 to 12:00 (slots 18–23) and has 2 rostered, but the 7th has 1 at
 * 10:00 and 10:30, and Sundays have no requirement. */
function coverage(teamId: number, t: CoverageTotals = totals()): TeamCoverage {
  return {
    team_id: teamId,
    month: MONTH,
    totals: t,
    days: DAYS.map((d) => {
      const has = d.weekday !== 7;
      const needed = Array.from({ length: 48 }, (_, i) => (has && i >= 18 && i < 24 ? 2 : 0));
      const rostered = Array.from({ length: 48 }, (_, i) => (i >= 18 && i < 24 ? (d.day === 7 && (i === 20 || i === 21) ? 1 : 2) : 0));
      return { date: d.date, needed, rostered, day_kind: has ? String(d.weekday) : "7", has_requirement: has };
    }),
  };
}

/** What the app mounts at its root: a write's topics mark the reads that show them stale. */
function Invalidation() {
  useTopicInvalidation(useQueryClient());
  return null;
}

function render(overrides: Partial<CommandApi> = {}, team: number | "all" = 2) {
  const store = createSelectionStore();
  const backend = loggedIn("supervisor", {
    rosterCoverage: (teamId) => Promise.resolve(coverage(teamId)),
    ...overrides,
  });
  const r = renderHandover(
    <>
      <Invalidation />
      <CoveragePanel month={MONTH} teams={TEAMS} team={team} store={store} days={DAYS} />
    </>,
    backend,
    "supervisor",
  );
  return { ...r, store };
}

const summary = (id: string) => screen.getByTestId(id).getAttribute("aria-label");

describe("the coverage panel", () => {
  test("says the backend's totals in one line and draws the day and the month", async () => {
    const { backend } = render();
    expect(await screen.findByTestId("coverage-summary")).toHaveTextContent("需求 120 人·半小时，缺口 6（5.0%），超配 10，缺口时段 4 个");
    expect(backend.rosterCoverage).toHaveBeenCalledWith(2, MONTH);
    expect(summary("coverage-heatmap")).toBe("2026-12 覆盖热力图：31 天，1 天有缺口，4 天无需求");
    // The day shown: today when in the month, else the first day.
    expect(screen.getByTestId("coverage-day-chart")).toBeInTheDocument();
  });

  test("reads again when the roster changes", async () => {
    let answer = totals();
    const { backend } = render({ rosterCoverage: (teamId) => Promise.resolve(coverage(teamId, answer)) });
    await screen.findByText(/缺口 6（5.0%）/);
    answer = totals({ short_slot_agents: 3, short_half_hours: 2, over_slot_agents: 12 });
    // A run of roster changes (keys typed into the grid) makes one read, once they pause.
    for (let i = 0; i < 3; i++) act(() => backend.emitDataChanged(["roster"]));
    expect(backend.rosterCoverage).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId("coverage-summary")).toHaveTextContent("需求 120 人·半小时，缺口 3（2.5%），超配 12，缺口时段 2 个"));
    expect(backend.rosterCoverage).toHaveBeenCalledTimes(2);
    // A board change concerns no roster reader.
    act(() => backend.emitDataChanged(["floor"]));
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.rosterCoverage).toHaveBeenCalledTimes(2);
  });

  test("the day follows the grid's focused column", async () => {
    const { store } = render();
    await screen.findByTestId("coverage-summary");
    act(() => store.set({ anchor: { r: 0, c: 6 }, focus: { r: 0, c: 6 }, editing: null }));
    await waitFor(() => expect(screen.getByTestId("coverage-day")).toHaveTextContent("2026-12-07 星期一按周一需求缺口 2 个时段"));
    expect(summary("coverage-day-chart")).toBe("2026-12-07 星期一：需求 12 人·半小时，已排 10 人·半小时，缺口时段 2 个");
    act(() => store.set({ anchor: { r: 0, c: 5 }, focus: { r: 0, c: 5 }, editing: null }));
    await waitFor(() => expect(screen.getByTestId("coverage-day-none")).toHaveTextContent("无需求（周日未设置）"));
    expect(summary("coverage-day-chart")).toBe("2026-12-06 星期日：无需求，已排 12 人·半小时");
  });

  test("with every team shown it asks which, starting from the first", async () => {
    const { backend, user } = render({}, "all");
    await screen.findByTestId("coverage-summary");
    expect(backend.rosterCoverage).toHaveBeenCalledWith(1, MONTH);
    await user.click(screen.getByTestId("coverage-team").querySelector(".ant-select-content, input") as HTMLElement);
    await user.click(await screen.findByTitle("售前二组"));
    await waitFor(() => expect(backend.rosterCoverage).toHaveBeenCalledWith(2, MONTH));
  });

  test("a team without a requirement is told where to set one", async () => {
    render({ rosterCoverage: (teamId) => Promise.resolve({ ...coverage(teamId, totals({ needed_slot_agents: 0, short_slot_agents: 0, short_half_hours: 0 })), days: [] }) });
    expect(await screen.findByTestId("coverage-summary")).toHaveTextContent("售前二组 还没有设置需求");
  });

  test("closed, it stays closed and reads nothing", async () => {
    const first = render();
    await screen.findByTestId("coverage-summary");
    await first.user.click(screen.getByTestId("coverage-toggle"));
    expect(window.localStorage.getItem(COVERAGE_OPEN_KEY)).toBe("0");
    await waitFor(() => expect(screen.queryByTestId("coverage-summary")).not.toBeInTheDocument());
    first.unmount();
    const again = render();
    expect(screen.getByTestId("coverage-toggle")).toBeInTheDocument();
    expect(screen.queryByTestId("coverage-body")).not.toBeInTheDocument();
    expect(again.backend.rosterCoverage).not.toHaveBeenCalled();
  });
});
