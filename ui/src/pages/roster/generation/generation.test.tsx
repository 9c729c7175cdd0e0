// 自动排班, 固定 and 想休 on the roster page, over a per-test fake: what the page shows of the
// backend's progress and report, and what it sends for the grid's selection.
import { act, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { BackendError, type CellRef, type CommandApi, type GenerationOutcome, type GenerationReport, type RosterWish } from "../../../backend";
import { loggedIn, rosterWrite } from "../../../test/fakeBackend";
import { pickOption, renderApp } from "../../../test/utils";

beforeEach(() => {
  window.location.hash = "#/roster";
});

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function openRoster(overrides: Partial<CommandApi> = {}) {
  const r = renderApp(
    loggedIn("supervisor", {
      putRosterCells: (cells) => Promise.resolve(rosterWrite(cells.length)),
      rosterPins: () => Promise.resolve([]),
      rosterWishes: () => Promise.resolve([]),
      ...overrides,
    }),
  );
  await screen.findByTestId("roster-row-1002");
  return r;
}

const cell = (no: string, date: string) => screen.getByTestId(`cell-${no}-${date}`);

/** The report of a generation of 售前一组's November from the 24th on. */
function report(): GenerationReport {
  const half = (date: string, from: string, to: string, needed: number, rostered: number) => ({ team: "售前一组", date, from, to, needed, rostered });
  return {
    team_id: 1,
    team: "售前一组",
    month: "2026-11",
    first_free: "2026-11-24",
    written: 84,
    uncovered: [
      half("2026-11-25", "09:00", "09:30", 8, 6),
      half("2026-11-25", "09:30", "10:00", 8, 6),
      half("2026-11-25", "10:00", "10:30", 8, 7),
      half("2026-11-25", "14:00", "14:30", 7, 6),
      half("2026-11-28", "20:00", "20:30", 3, 2),
    ],
    needed_slot_agents: 2000,
    uncovered_slot_agents: 7,
    wishes_asked: 4,
    wishes_granted: 3,
    unmet: [
      { employee_no: "1002", date: "2026-11-26", reason: { kind: "wish_needed_for_coverage" } },
      { employee_no: null, date: "2026-11-25", reason: { kind: "too_few_agents" } },
      { employee_no: "1003", date: "2026-11-24", reason: { kind: "fixed_breaks_rule", rule: "min_rest_days" } },
    ],
    nights: { min: 2, max: 4 },
    weekend_shifts: { min: 3, max: 5 },
    holiday_shifts: { min: 0, max: 0 },
  };
}

describe("自动排班", () => {
  test("asks for the team on 全部, shows the backend's progress, then its report; 换一种排法 runs the next seed", async () => {
    const runs: ReturnType<typeof deferred<GenerationOutcome>>[] = [];
    const { user, backend } = await openRoster({
      generateRoster: () => {
        const d = deferred<GenerationOutcome>();
        runs.push(d);
        return d.promise;
      },
    });
    await user.click(screen.getByTestId("roster-generate"));
    const dialog = await screen.findByTestId("generation-dialog");
    expect(dialog).toHaveTextContent("已固定的单元格、已批准的请假、已经过去的日子");
    expect(screen.getByTestId("generation-month")).toHaveTextContent("2026-11");
    // 全部 is the filter: the team must be chosen first.
    await user.click(screen.getByTestId("generation-start"));
    expect(await within(dialog).findByText("请选择一个班组")).toBeInTheDocument();
    expect(backend.generateRoster).not.toHaveBeenCalled();
    await pickOption(user, "generation-team", "售前一组");
    await user.click(screen.getByTestId("generation-start"));
    await waitFor(() => expect(backend.generateRoster).toHaveBeenCalledWith(1, "2026-11", 1));

    // Progress as the backend reports it.
    expect(await screen.findByTestId("generation-running")).toHaveTextContent("正在排班：售前一组 · 2026-11");
    act(() => backend.emitGenerationProgress(40));
    await waitFor(() => expect(screen.getByTestId("generation-progress")).toHaveTextContent("40%"));
    act(() => backend.emitGenerationProgress(85));
    await waitFor(() => expect(screen.getByTestId("generation-progress")).toHaveTextContent("85%"));

    await act(async () => runs[0].resolve({ report: report(), cancelled: false }));
    const result = await screen.findByTestId("generation-result");
    expect(screen.getByTestId("generation-written")).toHaveTextContent("84");
    expect(screen.getByTestId("generation-written")).toHaveTextContent("从 11-24 周二 起");
    // 1 − 7/2000 = 99.65%: shown as 99.6%, never rounded up.
    expect(screen.getByTestId("generation-coverage")).toHaveTextContent("99.6%");
    expect(screen.getByTestId("generation-coverage")).toHaveTextContent("缺口 7 / 需求 2000 人·半小时");
    expect(screen.getByTestId("generation-wishes")).toHaveTextContent("75%");
    expect(screen.getByTestId("generation-wishes")).toHaveTextContent("3 / 4 天");
    // The uncovered half hours joined into runs per day.
    expect(screen.getByTestId("generation-gaps")).toHaveTextContent("缺口（3 段）");
    const day25 = screen.getByTestId("generation-gap-2026-11-25");
    expect(day25).toHaveTextContent("11-25 周三");
    expect(day25).toHaveTextContent("09:00–10:30 需 8 人，排 6–7 人");
    expect(day25).toHaveTextContent("14:00–14:30 需 7 人，排 6 人");
    expect(screen.getByTestId("generation-gap-2026-11-28")).toHaveTextContent("20:00–20:30 需 3 人，排 2 人");
    // What could not be met, in words, naming the agent and the day.
    const unmet = screen.getAllByTestId("generation-unmet-item").map((li) => li.textContent);
    expect(unmet[0]).toContain("1002 李娜 11-26 周四");
    expect(unmet[0]).toContain("想休未安排：当天人手不够，需要本人上班");
    expect(unmet[1]).toContain("11-25 周三 缺口");
    expect(unmet[1]).toContain("当天能上班的人（除去请假、固定和不在职的）少于需求");
    expect(unmet[2]).toContain("1003 张伟 11-24 周二");
    expect(unmet[2]).toContain("已违反“每月休息天数”");
    // The spreads per agent.
    expect(screen.getByTestId("generation-spread-nights")).toHaveTextContent("夜班 2–4 个");
    expect(screen.getByTestId("generation-spread-weekend")).toHaveTextContent("周末班 3–5 个");
    expect(screen.getByTestId("generation-spread-holiday")).toHaveTextContent("节假日班 0–0 个");
    expect(result).toHaveTextContent("随机种子 1");

    // The grid reads the month again on the backend's roster event.
    const reads = backend.rosterMonth.mock.calls.length;
    act(() => backend.emitDataChanged(["roster"]));
    await waitFor(() => expect(backend.rosterMonth.mock.calls.length).toBeGreaterThan(reads));

    // Another arrangement: the next seed.
    await user.click(screen.getByTestId("generation-again"));
    await waitFor(() => expect(backend.generateRoster).toHaveBeenLastCalledWith(1, "2026-11", 2));
    await act(async () => runs[1].resolve({ report: { ...report(), unmet: [] }, cancelled: false }));
    expect(await screen.findByTestId("generation-result")).toHaveTextContent("随机种子 2");
    expect(screen.getByTestId("generation-unmet")).toHaveTextContent("所有想休都已安排");
  }, 60000);

  test("在表中查看 closes the report and selects the agent's cell", async () => {
    const { user } = await openRoster({ generateRoster: () => Promise.resolve({ report: report(), cancelled: false }) });
    await pickOption(user, "roster-team", "售前一组");
    await user.click(screen.getByTestId("roster-generate"));
    // One team chosen: the dialog starts with it.
    await user.click(await screen.findByTestId("generation-start"));
    await screen.findByTestId("generation-result");
    await user.click(within(screen.getAllByTestId("generation-unmet-item")[0]).getByText("在表中查看"));
    await waitFor(() => expect(screen.queryByTestId("generation-dialog")).not.toBeInTheDocument());
    expect(cell("1002", "2026-11-26")).toHaveClass("fd-rc-focus");
  });

  test("取消 asks the backend to stop; a cancelled run says nothing was written", async () => {
    const run = deferred<GenerationOutcome>();
    const { user, backend } = await openRoster({
      generateRoster: () => run.promise,
      cancelGeneration: () => Promise.resolve(null),
    });
    await pickOption(user, "roster-team", "售前一组");
    await user.click(screen.getByTestId("roster-generate"));
    await user.click(await screen.findByTestId("generation-start"));
    await waitFor(() => expect(backend.generateRoster).toHaveBeenCalledWith(1, "2026-11", 1));
    await user.click(await screen.findByTestId("generation-cancel"));
    expect(backend.cancelGeneration).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId("generation-cancel")).toHaveTextContent("正在取消");
    await act(async () => run.resolve({ report: null, cancelled: true }));
    expect(await screen.findByTestId("generation-cancelled")).toHaveTextContent("已取消，未写入任何班次");
  });

  test("a published month is refused: the error and that generation writes drafts only", async () => {
    const { user } = await openRoster({
      generateRoster: () => Promise.reject(new BackendError("roster.needs_reason", "published", { month: "2026-11" })),
    });
    await pickOption(user, "roster-team", "售前二组");
    await user.click(screen.getByTestId("roster-generate"));
    await user.click(await screen.findByTestId("generation-start"));
    const error = await screen.findByTestId("generation-error");
    expect(error).toHaveTextContent("2026-11 的排班表已发布，修改须填写原因");
    expect(error).toHaveTextContent("自动排班只写草稿");
  });
});

describe("固定 and 想休", () => {
  test("固定 sends the selected cells; the pin shows once the backend lists them; again unpins", async () => {
    let pinned: CellRef[] = [];
    const { user, backend } = await openRoster({
      rosterPins: () => Promise.resolve(pinned),
      pinRosterCells: (cells, pin) => {
        pinned = pin ? cells : [];
        return Promise.resolve(null);
      },
    });
    await user.click(cell("1001", "2026-11-24"));
    await user.keyboard("{Shift>}{ArrowRight}{/Shift}");
    await user.click(screen.getByTestId("roster-pin"));
    const cells = [
      { employee_no: "1001", date: "2026-11-24" },
      { employee_no: "1001", date: "2026-11-25" },
    ];
    await waitFor(() => expect(backend.pinRosterCells).toHaveBeenCalledWith(cells, true));
    await waitFor(() => expect(within(cell("1001", "2026-11-24")).getByTestId("pin-mark")).toBeInTheDocument());
    expect(within(cell("1001", "2026-11-25")).getByTestId("pin-mark")).toBeInTheDocument();
    expect(cell("1001", "2026-11-25")).toHaveClass("fd-rc-pinned");
    expect(within(cell("1001", "2026-11-26")).queryByTestId("pin-mark")).toBeNull();

    // All pinned: Alt+P on the grid unpins them.
    screen.getByTestId("roster-grid").focus();
    await user.keyboard("{Alt>}p{/Alt}");
    await waitFor(() => expect(backend.pinRosterCells).toHaveBeenLastCalledWith(cells, false));
    await waitFor(() => expect(within(cell("1001", "2026-11-24")).queryByTestId("pin-mark")).toBeNull());
  });

  test("想休 records the selected day with its note; the mark shows what the backend lists", async () => {
    // 1002 already asked for the 28th, where a 晚班 is written: the corner says it was not given.
    const worked: RosterWish = { employee_no: "1002", date: "2026-11-28", note: null };
    let wishes: RosterWish[] = [worked];
    const { user, backend } = await openRoster({
      rosterWishes: () => Promise.resolve(wishes),
      putRosterWish: (wish, wished) => {
        wishes = wished ? [worked, wish] : [worked];
        return Promise.resolve(null);
      },
    });
    await waitFor(() => expect(cell("1002", "2026-11-28")).toHaveClass("fd-rc-wished", "fd-rc-wish-worked"));
    await user.click(cell("1002", "2026-11-27"));
    await user.click(screen.getByTestId("roster-wish"));
    expect(await screen.findByTestId("generation-wish-cells")).toHaveTextContent("1002 李娜：11-27");
    await user.type(screen.getByTestId("generation-wish-note"), "孩子开家长会");
    await user.click(screen.getByTestId("generation-wish-ok"));
    await waitFor(() =>
      expect(backend.putRosterWish).toHaveBeenCalledWith({ employee_no: "1002", date: "2026-11-27", note: "孩子开家长会" }, true),
    );
    await waitFor(() => expect(within(cell("1002", "2026-11-27")).getByTestId("wish-mark")).toBeInTheDocument());
    expect(cell("1002", "2026-11-27")).toHaveClass("fd-rc-wished");
    expect(cell("1002", "2026-11-27")).not.toHaveClass("fd-rc-wish-worked");
    await user.hover(within(cell("1002", "2026-11-27")).getByTestId("wish-mark"));
    expect(await screen.findByTestId("wish-tip")).toHaveTextContent("本人申请休息 · 孩子开家长会");

    // Pressed again on a wished day: withdrawn at once.
    await user.click(cell("1002", "2026-11-27"));
    await user.click(screen.getByTestId("roster-wish"));
    await waitFor(() =>
      expect(backend.putRosterWish).toHaveBeenLastCalledWith({ employee_no: "1002", date: "2026-11-27", note: null }, false),
    );
    await waitFor(() => expect(within(cell("1002", "2026-11-27")).queryByTestId("wish-mark")).toBeNull());
  });

  test("an agent has none of the planning buttons", async () => {
    renderApp(loggedIn("agent", { rosterPins: () => Promise.resolve([]), rosterWishes: () => Promise.resolve([]) }));
    await screen.findByTestId("roster-row-1002");
    expect(screen.queryByTestId("roster-generate")).toBeNull();
    expect(screen.queryByTestId("roster-pin")).toBeNull();
    expect(screen.queryByTestId("roster-wish")).toBeNull();
  });
});
