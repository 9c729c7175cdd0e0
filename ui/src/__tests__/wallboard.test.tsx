import { act, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, test, vi } from "vitest";
import type { AgentState, Board, StoredAlert } from "../backend";
import { fixtures } from "../test/fixtures";
import { loggedIn } from "../test/fakeBackend";
import { renderApp } from "../test/utils";

// The wallboard (大屏模式) counts and shows what the backend's board says, team by team. The fake
// holds the backend's board; a test pushes the next one, built from a fixture (data set-up only).

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** The board page over `start`, switched to the wallboard; `push` replaces the backend's board and pushes it. */
async function openWallboard(start: Board) {
  let current = start;
  const backend = loggedIn("supervisor", { floorBoard: () => Promise.resolve(structuredClone(current)) });
  const r = renderApp(backend);
  await r.user.click(await screen.findByTestId("wallboard-toggle"));
  const wall = await screen.findByTestId("wallboard");
  const push = (next: Board) => {
    current = next;
    act(() => backend.emitFloor(structuredClone(next)));
  };
  return { ...r, backend, push, wall };
}

/** Agents per state of each team, counted from the board the test hands over. */
function countByTeam(board: Board) {
  const teams = new Map<number, { name: string; states: AgentState[] }>();
  for (const a of board.agents) {
    const t = teams.get(a.team_id) ?? { name: a.team_name, states: [] };
    t.states.push(a.now.state);
    teams.set(a.team_id, t);
  }
  const n = (states: AgentState[], ...of: AgentState[]) => states.filter((s) => of.includes(s)).length;
  return [...teams.entries()].map(([id, { name, states }]) => ({
    id,
    name,
    total: states.length,
    signedIn: states.length - n(states, "signed_out"),
    idle: n(states, "ready"),
    contact: n(states, "busy", "wrap_up"),
    onBreak: n(states, "small_break", "meal"),
  }));
}

const tile = (team: number) => screen.getByTestId(`wallboard-team-${team}`);
const metric = (team: number, key: string) => screen.getByTestId(`wallboard-team-${team}-${key}`);

describe("wallboard", () => {
  test("one tile per team with the board's counts, the longest breaks, late or absent now, and the board's time", async () => {
    const board = fixtures.board();
    const { push } = await openWallboard(board);
    // The board alone: no map, no side menu.
    expect(screen.queryByTestId("board-map")).not.toBeInTheDocument();
    expect(screen.queryByTestId("nav-board")).not.toBeInTheDocument();
    expect(screen.getByTestId("wallboard-clock")).toHaveTextContent("10:00:00");
    expect(screen.getByTestId("wallboard")).toHaveTextContent("演示客服中心");

    const teams = countByTeam(board);
    expect(teams.map((t) => t.name)).toEqual(["售前一组", "售前二组", "售后组"]);
    expect(screen.getAllByTestId(/^wallboard-team-\d+$/)).toHaveLength(teams.length);
    for (const t of teams) {
      expect(tile(t.id)).toHaveTextContent(t.name);
      expect(metric(t.id, "idle")).toHaveTextContent(new RegExp(`^${t.idle}$`));
      expect(metric(t.id, "contact")).toHaveTextContent(new RegExp(`^${t.contact}$`));
      expect(metric(t.id, "break")).toHaveTextContent(new RegExp(`^${t.onBreak}$`));
      expect(metric(t.id, "signed-in")).toHaveTextContent(`签入 ${t.signedIn}/${t.total}`);
    }
    expect(within(tile(1)).getByText("空闲")).toBeInTheDocument();
    expect(within(tile(1)).getByText("通话/接待")).toBeInTheDocument();
    expect(within(tile(1)).getByText("小休/用餐")).toBeInTheDocument();

    // The longest small break running: 1002 李娜 since 09:57, at the board's 10:00, within her limit.
    const longest = metric(1, "longest-small_break");
    expect(longest).toHaveAttribute("data-agent", "1002");
    expect(longest).toHaveTextContent("最长小休李娜03:00");
    expect(metric(1, "longest-small_break-timer")).toHaveAttribute("data-level", "ok");
    // The meal is shown apart: 1003 张伟 since 09:40.
    expect(metric(1, "longest-meal")).toHaveAttribute("data-agent", "1003");
    expect(metric(1, "longest-meal")).toHaveTextContent("张伟20:00");
    expect(metric(2, "longest-small_break")).toHaveTextContent("最长小休—");
    expect(metric(2, "longest-small_break")).not.toHaveAttribute("data-agent");

    // 1005 陈晨 has the open late and absent alerts of today's shift and is still signed out: one person.
    expect(metric(1, "late")).toHaveTextContent(/^1$/);
    expect(within(tile(1)).getByText("陈晨")).toBeInTheDocument();
    expect(metric(2, "late")).toHaveTextContent(/^0$/);
    expect(metric(3, "late")).toHaveTextContent(/^0$/);

    // The next board: 1005 signed in, 1002's break now past its limit (an earlier start, same time).
    const next = fixtures.board();
    for (const a of next.agents) {
      if (a.employee_no === "1005") a.now = { ...a.now, state: "ready", since: "2026-11-23T02:00:00Z" };
      if (a.employee_no === "1002") a.now = { ...a.now, since: "2026-11-23T01:49:30Z" };
    }
    push(next);
    await waitFor(() => expect(metric(1, "longest-small_break-timer")).toHaveTextContent("10:30"));
    expect(metric(1, "longest-small_break-timer")).toHaveAttribute("data-level", "over");
    expect(metric(1, "late")).toHaveTextContent(/^0$/);
    const after = countByTeam(next).find((t) => t.id === 1)!;
    expect(metric(1, "idle")).toHaveTextContent(new RegExp(`^${after.idle}$`));
  });

  test("满线 fills the top band for a line-full board, and not otherwise", async () => {
    const { push } = await openWallboard(fixtures.board());
    expect(screen.queryByTestId("wallboard-line-full")).not.toBeInTheDocument();
    expect(screen.getByTestId("wallboard")).not.toHaveClass("is-line-full");
    expect(screen.getByTestId("wallboard-idle")).toHaveTextContent("空闲 14 人 · 满线标准 ≤ 3 人");

    push(fixtures.boardLineFull());
    const banner = await screen.findByTestId("wallboard-line-full");
    expect(banner).toHaveTextContent("满线");
    expect(banner).toHaveTextContent("空闲 3 人 ≤ 3，暂停小休");
    expect(banner).not.toHaveTextContent("已宣布");
    expect(screen.getByTestId("wallboard")).toHaveClass("is-line-full");
    expect(screen.queryByTestId("wallboard-idle")).not.toBeInTheDocument();

    // Announced by the monitor, with more idle than the guard.
    push({ ...fixtures.board(), line_full: true, line_full_announced: true });
    expect(await screen.findByTestId("wallboard-line-full")).toHaveTextContent("已宣布满线 · 空闲 14 人，暂停小休");

    push(fixtures.board());
    await waitFor(() => expect(screen.queryByTestId("wallboard-line-full")).not.toBeInTheDocument());
  });

  test("the break queue shows who waits and how long; the newest five open alerts, translated", async () => {
    const { push } = await openWallboard(fixtures.board());
    expect(screen.getByTestId("wallboard-queue")).toHaveTextContent("无人排队");
    const alerts = screen.getByTestId("wallboard-alerts");
    expect(within(alerts).getAllByTestId(/^wallboard-alert-\d+$/).map((e) => e.dataset.testid)).toEqual([
      "wallboard-alert-3",
      "wallboard-alert-2",
      "wallboard-alert-1",
    ]);
    expect(screen.getByTestId("wallboard-alert-3")).toHaveTextContent("缺勤");
    expect(screen.getByTestId("wallboard-alert-3")).toHaveTextContent("陈晨");
    expect(screen.getByTestId("wallboard-alert-3")).toHaveTextContent("09:30:00");
    expect(screen.getByTestId("wallboard-alert-3")).toHaveTextContent("上班后 30 分钟仍未签入");
    expect(screen.getByTestId("wallboard-alert-1")).toHaveTextContent("迟到签入");
    // 1022 宋佳琪 phoned after her shift started: the late alert stands, marked notified.
    expect(screen.getByTestId("wallboard-alert-2")).toHaveTextContent("迟到签入已报备");
    expect(screen.getByTestId("wallboard-alert-2")).toHaveTextContent("宋佳琪");
    expect(screen.getByTestId("wallboard-alert-1")).not.toHaveTextContent("已报备");

    // 10:02, line full: 1006 杨帆 asked at 10:00:30.
    push(fixtures.boardLineFull());
    const queue = await screen.findByTestId("wallboard-queue-1006");
    expect(within(screen.getByTestId("wallboard-queue")).getAllByRole("listitem")).toHaveLength(1);
    expect(queue).toHaveTextContent("杨帆");
    expect(screen.getByTestId("wallboard-wait-1006")).toHaveTextContent("01:30");
    expect(screen.getByTestId("wallboard-queue-count")).toHaveTextContent("1");

    // Eight open alerts (newest first, as the board lists them): the five newest show.
    const base = fixtures.board();
    const more: StoredAlert[] = [8, 7, 6, 5, 4].map((id) => ({
      ...structuredClone(base.open_alerts[0]),
      id,
      alert: { ...base.open_alerts[0].alert, rule: "break_overrun", agent: "1002", at: `2026-11-23T01:5${id}:00Z`, detail: "small break of 10m 4s exceeds 10 min" },
    }));
    push({ ...base, open_alerts: [...more, ...base.open_alerts] });
    await waitFor(() => expect(screen.getByTestId("wallboard-alert-count")).toHaveTextContent("8"));
    expect(within(screen.getByTestId("wallboard-alerts")).getAllByTestId(/^wallboard-alert-\d+$/).map((e) => e.dataset.testid)).toEqual(
      [8, 7, 6, 5, 4].map((id) => `wallboard-alert-${id}`),
    );
    expect(screen.getByTestId("wallboard-alert-7")).toHaveTextContent("小休超时");
    expect(screen.getByTestId("wallboard-alert-7")).toHaveTextContent("李娜");
    expect(screen.getByTestId("wallboard-alert-7")).toHaveTextContent("小休 10 分 4 秒，超过 10 分钟");
  });

  test("more teams than fit: a page of six, the next page after 10 s, and round again", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    // Nine teams: the fixture's three, and its agents copied into six more teams.
    const board = fixtures.board();
    const copies = [4, 5, 6, 7, 8, 9].flatMap((team) =>
      fixtures.board().agents.map((a) => ({ ...a, employee_no: `${team}${a.employee_no}`, team_id: team, team_name: `班组${team}`, seat_code: null, seat_x: null, seat_y: null })),
    );
    board.agents.push(...copies);
    await openWallboard(board);

    const shownTeams = () => screen.getAllByTestId(/^wallboard-team-\d+$/).map((e) => Number(e.dataset.testid!.split("-").pop()));
    expect(shownTeams()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(screen.getByTestId("wallboard-page")).toHaveTextContent("班组 1/2");

    act(() => vi.advanceTimersByTime(9_000));
    expect(shownTeams()).toEqual([1, 2, 3, 4, 5, 6]);
    act(() => vi.advanceTimersByTime(1_000));
    expect(shownTeams()).toEqual([7, 8, 9]);
    expect(screen.getByTestId("wallboard-page")).toHaveTextContent("班组 2/2");
    expect(screen.getByTestId("wallboard-page")).toHaveAttribute("data-page", "2");
    expect(metric(7, "idle")).toHaveTextContent(new RegExp(`^${countByTeam(board).find((t) => t.id === 7)!.idle}$`));

    act(() => vi.advanceTimersByTime(10_000));
    expect(shownTeams()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test("three teams fit: no pages", async () => {
    await openWallboard(fixtures.board());
    expect(screen.queryByTestId("wallboard-page")).not.toBeInTheDocument();
  });
});
