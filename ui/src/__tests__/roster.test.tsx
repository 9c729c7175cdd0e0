import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { BackendError, type CommandApi, type Role } from "../backend";
import { fixtures } from "../test/fixtures";
import { loggedIn, rosterWrite } from "../test/fakeBackend";
import { pickOption, renderApp } from "../test/utils";

// These tests start on the roster (a deep link): supervisors otherwise land on the live board.
beforeEach(() => {
  window.location.hash = "#/roster";
});

async function openRoster(overrides: Partial<CommandApi> = {}, role: Role = "supervisor") {
  const r = renderApp(
    loggedIn(role, {
      putRosterCells: (cells) => Promise.resolve(rosterWrite(cells.length)),
      ...overrides,
    }),
  );
  await screen.findByTestId("roster-row-1002");
  return r;
}

const cell = (no: string, date: string) => screen.getByTestId(`cell-${no}-${date}`);

describe("roster", () => {
  test("shows the month's cells by team, with weekdays, totals, heads per shift and the backend's violations", async () => {
    const { user } = await openRoster();
    expect(screen.getByTestId("nav-roster")).toHaveTextContent("排班");
    expect(screen.getByTestId("roster-team-1")).toHaveTextContent("售前一组");
    expect(screen.getByTestId("roster-row-1002")).toHaveTextContent("李娜");
    expect(cell("1002", "2026-11-13")).toHaveTextContent("N");
    expect(cell("1002", "2026-11-06")).toHaveTextContent("休");
    // 2026-11-01 is a Sunday.
    expect(screen.getByTestId("day-2026-11-01")).toHaveTextContent("日");
    expect(screen.getByTestId("day-2026-11-02")).toHaveTextContent("一");
    // 1002: 27 days on (13 of them N, 7.5 h each), 3 rest days; the fixture's draft status.
    expect(screen.getByTestId("total-work-1002")).toHaveTextContent("27");
    expect(screen.getByTestId("total-rest-1002")).toHaveTextContent("3");
    expect(screen.getByTestId("total-hours-1002")).toHaveTextContent(String(27 * 7.5));
    expect(screen.getByTestId("total-nights-1002")).toHaveTextContent("13");
    expect(screen.getByTestId("roster-status-1")).toHaveTextContent("草稿");

    // The streak is marked on the cell the backend named, and only there.
    expect(cell("1002", "2026-11-13")).toHaveClass("fd-rc-violation");
    expect(cell("1002", "2026-11-12")).not.toHaveClass("fd-rc-violation");
    await user.hover(within(cell("1002", "2026-11-13")).getByText("N"));
    const tip = await screen.findByTestId("violation-tip");
    expect(tip).toHaveTextContent("连续上班 11-07–11-19 超过上限");

    // The list below holds every violation of the visible teams.
    const list = screen.getByTestId("roster-violations");
    expect(list).toHaveTextContent("违规（25）");
    expect(list).toHaveTextContent("本月休息 3 天，应休 4 天");
  });

  test("clicking a violation in the list selects its cell", async () => {
    const { user } = await openRoster();
    await user.click(screen.getByTestId("violation-1002-2026-11-13"));
    expect(cell("1002", "2026-11-13")).toHaveClass("fd-rc-focus");
    expect(screen.getByTestId("roster-focus")).toHaveTextContent("1002 李娜 · 2026-11-13");
  });

  test("typing a code and Enter sends that one cell and moves down", async () => {
    const { user, backend } = await openRoster();
    await user.click(cell("1001", "2026-11-01"));
    await user.keyboard("N{Enter}");
    await waitFor(() =>
      expect(backend.putRosterCells).toHaveBeenCalledWith([{ employee_no: "1001", date: "2026-11-01", cell: "N" }], null, expect.any(String)),
    );
    expect(backend.putRosterCells).toHaveBeenCalledTimes(1);
    expect(cell("1002", "2026-11-01")).toHaveClass("fd-rc-focus");
  });

  test("Tab commits and moves right; Delete empties the selection", async () => {
    const { user, backend } = await openRoster();
    await user.click(cell("1001", "2026-11-02"));
    await user.keyboard("M{Tab}");
    await waitFor(() =>
      expect(backend.putRosterCells).toHaveBeenCalledWith([{ employee_no: "1001", date: "2026-11-02", cell: "M" }], null, expect.any(String)),
    );
    expect(cell("1001", "2026-11-03")).toHaveClass("fd-rc-focus");
    await user.keyboard("{Delete}");
    await waitFor(() =>
      expect(backend.putRosterCells).toHaveBeenLastCalledWith([{ employee_no: "1001", date: "2026-11-03", cell: "" }], null, expect.any(String)),
    );
  });

  test("a 2×3 block pasted from Excel is sent as six cells in one call", async () => {
    const { user, backend } = await openRoster();
    await user.click(cell("1001", "2026-11-01"));
    await user.paste("M\tM\t休\r\nO\tO\t休\r\n");
    await waitFor(() => expect(backend.putRosterCells).toHaveBeenCalledTimes(1));
    expect(backend.putRosterCells).toHaveBeenCalledWith(
      [
        { employee_no: "1001", date: "2026-11-01", cell: "M" },
        { employee_no: "1001", date: "2026-11-02", cell: "M" },
        { employee_no: "1001", date: "2026-11-03", cell: "休" },
        { employee_no: "1002", date: "2026-11-01", cell: "O" },
        { employee_no: "1002", date: "2026-11-02", cell: "O" },
        { employee_no: "1002", date: "2026-11-03", cell: "休" },
      ],
      null,
      expect.any(String),
    );
  });

  test("Shift+arrows extend the selection and a fill pattern writes it in one call", async () => {
    const { user, backend } = await openRoster();
    await user.click(cell("1001", "2026-11-01"));
    await user.keyboard("{Shift>}{ArrowDown}{ArrowRight}{ArrowRight}{/Shift}");
    expect(cell("1002", "2026-11-03")).toHaveClass("fd-rc-selected");
    await user.click(screen.getByTestId("roster-fill"));
    await user.type(await screen.findByTestId("roster-fill-input"), "N 休");
    await user.click(screen.getByRole("button", { name: "填充" }));
    await waitFor(() => expect(backend.putRosterCells).toHaveBeenCalledTimes(1));
    // Repeated along each row from the first selected day (no cell already held its value).
    expect(backend.putRosterCells).toHaveBeenCalledWith(
      [
        { employee_no: "1001", date: "2026-11-01", cell: "N" },
        { employee_no: "1001", date: "2026-11-02", cell: "休" },
        { employee_no: "1001", date: "2026-11-03", cell: "N" },
        { employee_no: "1002", date: "2026-11-01", cell: "N" },
        { employee_no: "1002", date: "2026-11-02", cell: "休" },
        { employee_no: "1002", date: "2026-11-03", cell: "N" },
      ],
      null,
      expect.any(String),
    );
  });

  test("Ctrl+C copies the selection as TSV", async () => {
    const { user } = await openRoster();
    await user.click(cell("1002", "2026-11-05"));
    await user.keyboard("{Shift>}{ArrowRight}{ArrowRight}{/Shift}");
    // Ctrl+C reaches the page as the browser's copy event on the grid.
    const copied = new Map<string, string>();
    fireEvent.copy(screen.getByTestId("roster-grid"), {
      clipboardData: { setData: (type: string, v: string) => copied.set(type, v), getData: () => "" },
    });
    expect(copied.get("text/plain")).toBe("D\t休\tD");
  });

  test("undo sends the previous value back, redo the new one again", async () => {
    const { user, backend } = await openRoster();
    await user.click(cell("1001", "2026-11-01"));
    await user.keyboard("N{Enter}");
    await waitFor(() => expect(backend.putRosterCells).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.getByTestId("roster-undo")).toBeEnabled());
    await user.keyboard("{Control>}z{/Control}");
    await waitFor(() =>
      expect(backend.putRosterCells).toHaveBeenLastCalledWith([{ employee_no: "1001", date: "2026-11-01", cell: "D" }], null, expect.any(String)),
    );
    await waitFor(() => expect(screen.getByTestId("roster-redo")).toBeEnabled());
    await user.click(screen.getByTestId("roster-redo"));
    await waitFor(() => expect(backend.putRosterCells).toHaveBeenCalledTimes(3));
    expect(backend.putRosterCells).toHaveBeenLastCalledWith([{ employee_no: "1001", date: "2026-11-01", cell: "N" }], null, expect.any(String));
  });

  test("a typed cell shows the backend's re-check at once; only someone else's write reads the month again", async () => {
    const month = fixtures.rosterMonth();
    const mine = month.cells.filter((c) => c.employee_no === "1001").map((c) => (c.date === "2026-11-01" ? { ...c, cell: "N" } : c));
    const rest = { date: "2026-11-01", employee_no: "1001", rule: "min_rest_between_shifts", from: null, to: null, rest_days: null, required: null, gap_minutes: 300 } as const;
    const { user, backend } = await openRoster({
      putRosterCells: (cells) =>
        Promise.resolve(rosterWrite(cells.length, [{ month: "2026-11", agents: ["1001"], cells: mine, violations: [rest], fairness: [] }])),
    });
    expect(backend.rosterMonth).toHaveBeenCalledTimes(1);
    expect(cell("1001", "2026-11-01")).not.toHaveClass("fd-rc-violation");
    await user.click(cell("1001", "2026-11-01"));
    await user.keyboard("N{Enter}");
    await waitFor(() => expect(cell("1001", "2026-11-01")).toHaveClass("fd-rc-violation"));
    expect(cell("1001", "2026-11-01")).toHaveTextContent("N");
    expect(screen.getByTestId("roster-violations")).toHaveTextContent("违规（26）");
    // The write's own change event: the page has applied it already.
    const origin = backend.putRosterCells.mock.calls[0][2];
    expect(origin).toEqual(expect.any(String));
    backend.emitDataChanged(["roster", "floor"], origin);
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.rosterMonth).toHaveBeenCalledTimes(1);
    // Another window's write (or the CLI's) reads the month again.
    backend.emitDataChanged(["roster"], "elsewhere:1");
    await waitFor(() => expect(backend.rosterMonth).toHaveBeenCalledTimes(2));
  });

  test("a refused cell goes back to what it was", async () => {
    const { user } = await openRoster({
      putRosterCells: () => Promise.reject(new BackendError("roster.not_your_team", "no", { employee_no: "1001" })),
    });
    await user.click(cell("1001", "2026-11-01"));
    await user.keyboard("N{Enter}");
    await screen.findByText(/不在您的班组/);
    await waitFor(() => expect(cell("1001", "2026-11-01")).toHaveTextContent("D"));
  });

  test("a published month asks for a reason and sends the edit again with it", async () => {
    const { user, backend } = await openRoster({
      putRosterCells: (_cells, reason) =>
        reason
          ? Promise.resolve(rosterWrite(1))
          : Promise.reject(new BackendError("roster.needs_reason", "published", { month: "2026-11" })),
    });
    await user.click(cell("1001", "2026-11-01"));
    await user.keyboard("N{Enter}");
    expect(await screen.findByTestId("roster-reason-text")).toHaveTextContent("2026-11 的排班表已发布，修改须填写原因");
    // The reason is required.
    await user.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText("请填写原因")).toBeInTheDocument();
    expect(backend.putRosterCells).toHaveBeenCalledTimes(1);
    await user.type(screen.getByTestId("roster-reason-input"), "临时调班");
    await user.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() =>
      expect(backend.putRosterCells).toHaveBeenLastCalledWith([{ employee_no: "1001", date: "2026-11-01", cell: "N" }], "临时调班", expect.any(String)),
    );
  }, 45000);

  test("a cell the backend cannot read is named in the error", async () => {
    const { user } = await openRoster({
      putRosterCells: () =>
        Promise.reject(new BackendError("import.invalid", "bad", { file: "roster", count: "1", row: "1", field: "cell" })),
    });
    await user.click(cell("1001", "2026-11-01"));
    await user.keyboard("X{Enter}");
    expect(await screen.findByText(/1001 王静 11-01 的“X”：班次无法识别/)).toBeInTheDocument();
  });

  test("publishing with violations shows the count and publishes with the override reason", async () => {
    const { user, backend } = await openRoster({
      publishRoster: (_team, _month, reason) =>
        reason ? Promise.resolve(fixtures.rosterMonth().violations) : Promise.reject(new BackendError("roster.has_violations", "v", { count: "12" })),
    });
    await user.click(screen.getByTestId("roster-publish-1"));
    expect(await screen.findByTestId("roster-override-text")).toHaveTextContent("本月有 12 处违规，仍要发布须填写原因");
    expect(backend.publishRoster).toHaveBeenCalledWith(1, "2026-11", null);
    await user.type(screen.getByTestId("roster-override-input"), "人手不足，已报经理");
    await user.click(screen.getByRole("button", { name: "仍要发布" }));
    await waitFor(() => expect(backend.publishRoster).toHaveBeenLastCalledWith(1, "2026-11", "人手不足，已报经理"));
  });

  test("a published team shows who published it; its cell history opens from the context menu", async () => {
    const month = fixtures.rosterMonth();
    month.published = [{ team_id: 1, published_at: "2026-11-20T02:00:00Z", published_by: "沈丽华", override_reason: null }];
    const { user, backend } = await openRoster({
      rosterMonth: () => Promise.resolve(month),
      rosterHistory: () =>
        Promise.resolve([
          {
            employee_no: "1002",
            date: "2026-11-13",
            old_cell: "D",
            new_cell: "N",
            changed_at: "2026-11-21T02:00:00Z",
            changed_by: "沈丽华",
            reason: "临时调班",
          },
        ]),
    });
    expect(screen.getByTestId("roster-status-1")).toHaveTextContent("已发布");
    expect(screen.getByTestId("roster-status-1")).toHaveTextContent("沈丽华");
    expect(screen.queryByTestId("roster-publish-1")).not.toBeInTheDocument();
    expect(screen.getByTestId("roster-publish-2")).toBeInTheDocument();
    await user.pointer({ keys: "[MouseRight]", target: cell("1002", "2026-11-13") });
    expect(await screen.findByTestId("roster-history-list")).toHaveTextContent("临时调班");
    expect(backend.rosterHistory).toHaveBeenCalledWith("1002", "2026-11-13");
  });

  test("an agent sees the roster but cannot edit or publish it", async () => {
    const { user, backend } = await openRoster({}, "agent");
    expect(screen.getAllByRole("menuitem").map((m) => m.getAttribute("data-testid"))).toEqual(["nav-handover", "nav-roster", "nav-attendance", "nav-scores", "nav-pay", "nav-incidents", "nav-complaints", "nav-meetings"]);
    await user.click(cell("1001", "2026-11-01"));
    await user.keyboard("N{Enter}{Delete}");
    await user.paste("M\tM");
    expect(screen.queryByTestId("cell-editor")).not.toBeInTheDocument();
    expect(screen.queryByTestId("roster-fill")).not.toBeInTheDocument();
    expect(screen.queryByTestId("roster-undo")).not.toBeInTheDocument();
    expect(screen.queryByTestId("roster-publish-1")).not.toBeInTheDocument();
    expect(backend.putRosterCells).not.toHaveBeenCalled();
  });

  test("the team filter shows one team; the month buttons read another month", async () => {
    const { user, backend } = await openRoster();
    await pickOption(user, "roster-team", "售后组");
    await waitFor(() => expect(screen.queryByTestId("roster-row-1002")).not.toBeInTheDocument());
    expect(screen.getByTestId("roster-team-3")).toHaveTextContent("售后组");
    expect(screen.getByTestId("roster-violations")).not.toHaveTextContent("1002 李娜");
    const first = backend.rosterMonth.mock.calls[0][0];
    expect(first).toMatch(/^\d{4}-\d{2}$/);
    await user.click(screen.getByTestId("roster-next"));
    await waitFor(() => expect(backend.rosterMonth).toHaveBeenCalledTimes(2));
    expect(backend.rosterMonth.mock.calls[1][0]).not.toBe(first);
  });
});

describe("roster in the navigation", () => {
  test.each<Role>(["supervisor", "manager", "team_lead", "agent"])("%s sees 排班", async (role) => {
    window.location.hash = "";
    renderApp(loggedIn(role));
    expect(await screen.findByTestId("nav-roster")).toHaveTextContent("排班");
  });
});
