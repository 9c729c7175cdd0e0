// The roster's fairness spread and leave flags (both the backend's, shown as they come), and who
// may request, edit and change a published month (the operator's permissions).
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, test } from "vitest";
import { BackendError, type CommandApi, type LeaveFlag, type LeaveRequest, type Role, type RosterMonth, type TeamFairness } from "../backend";
import { fixtures } from "../test/fixtures";
import { loggedIn, rosterWrite } from "../test/fakeBackend";
import { pickOption, renderApp } from "../test/utils";

beforeEach(() => {
  window.location.hash = "#/roster";
});

async function openRoster(month: RosterMonth, role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const r = renderApp(
    loggedIn(role, {
      rosterMonth: () => Promise.resolve(month),
      putRosterCells: (cells) => Promise.resolve(rosterWrite(cells.length)),
      ...overrides,
    }),
  );
  await screen.findByTestId("roster-row-1002");
  return r;
}

const cell = (no: string, date: string) => screen.getByTestId(`cell-${no}-${date}`);

/** Numbers no cell of the fixture gives: the page can only have them from `fairness`. */
const teamOneFairness: TeamFairness = {
  team_id: 1,
  agents: 3,
  nights: { min: 1, max: 7 },
  weekend_shifts: { min: 2, max: 4 },
  holiday_shifts: { min: 0, max: 1 },
  shares: [
    { employee_no: "1001", nights: 1, weekend_shifts: 4, holiday_shifts: 0 },
    { employee_no: "1002", nights: 7, weekend_shifts: 2, holiday_shifts: 1 },
    { employee_no: "1003", nights: 3, weekend_shifts: 3, holiday_shifts: 0 },
  ],
};

function leave(over: Partial<LeaveRequest> = {}): LeaveRequest {
  return {
    id: 3,
    employee_no: "1003",
    from: "2026-11-09",
    to: "2026-11-10",
    kind: "personal",
    half_day: false,
    reason: "家里有事",
    cover: null,
    status: "approved",
    requested_at: "2026-11-08T01:00:00Z",
    decided_at: "2026-11-08T02:00:00Z",
    decided_by: "江涛",
    decision_note: null,
    ...over,
  };
}

describe("fairness", () => {
  test("each team shows the backend's spread; opening it lists the shares, most first, the most marked softly", async () => {
    const month: RosterMonth = { ...fixtures.rosterMonth(), fairness: [teamOneFairness] };
    const { user } = await openRoster(month);
    const summary = screen.getByTestId("fairness-1");
    expect(summary).toHaveTextContent("公平性");
    expect(summary).toHaveTextContent("夜班 1–7（差 6）");
    expect(summary).toHaveTextContent("周末班 2–4（差 2）");
    expect(summary).toHaveTextContent("节假日班 0–1（差 1）");
    // Only teams the backend gave a spread for.
    expect(screen.queryByTestId("fairness-2")).not.toBeInTheDocument();
    await user.click(summary);
    const table = await screen.findByTestId("fairness-table-1");
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => r.getAttribute("data-testid"));
    expect(rows).toEqual(["fairness-row-1002", "fairness-row-1003", "fairness-row-1001"]);
    const row1002 = within(table).getByTestId("fairness-row-1002");
    expect(row1002).toHaveTextContent("1002 李娜");
    const [nights, weekends, holidays] = [...row1002.querySelectorAll("td")].slice(1);
    expect(nights).toHaveTextContent("7");
    expect(nights).toHaveClass("fd-fair-max");
    expect(weekends).not.toHaveClass("fd-fair-max");
    expect(holidays).toHaveClass("fd-fair-max");
    expect(within(table).getByTestId("fairness-row-1001").querySelectorAll("td")[2]).toHaveClass("fd-fair-max");
    expect(screen.getByText(/本月有排班的 3 人；仅供参考，不算违规/)).toBeInTheDocument();
    // Never a violation: nothing joins the violations list.
    expect(screen.getByTestId("roster-violations")).not.toHaveTextContent("公平");
  });
});

describe("leave flags", () => {
  const flags: LeaveFlag[] = [
    { date: "2026-11-09", employee_no: "1003", flag: "no_cover_assigned", leave_id: 3, manager: "江涛" },
    { date: "2026-11-10", employee_no: "1003", flag: "no_cover_assigned", leave_id: 3, manager: "江涛" },
    { date: "2026-11-12", employee_no: "1005", flag: "rest_not_arranged", leave_id: null, manager: null },
  ];

  test("listed beside the violations and tagged on their leave request", async () => {
    const month: RosterMonth = {
      ...fixtures.rosterMonth(),
      leave: [leave(), leave({ id: 4, employee_no: "1004", from: "2026-11-20", to: "2026-11-20" })],
      leave_flags: flags,
    };
    const { user } = await openRoster(month);
    const list = screen.getByTestId("leave-flags");
    expect(list).toHaveTextContent("休息未安排（3）");
    expect(list).toHaveTextContent("违规与奖惩");
    expect(list).not.toHaveTextContent(/\d+\s*元/);
    const cover = within(list).getByTestId("leave-flag-1003-2026-11-09");
    expect(cover).toHaveTextContent("1003 张伟 · 11-09");
    expect(cover).toHaveTextContent("未安排顶班");
    expect(cover).toHaveTextContent("客服经理：江涛");
    expect(cover).not.toHaveTextContent("旷工");
    const absent = within(list).getByTestId("leave-flag-1005-2026-11-12");
    expect(absent).toHaveTextContent("1005 陈晨 · 11-12");
    expect(absent).toHaveTextContent("未提前请假");
    expect(absent).toHaveTextContent("未报备缺勤（旷工）");
    // A flag selects its cell.
    await user.click(within(absent).getByRole("button"));
    expect(await screen.findByTestId("roster-focus")).toHaveTextContent("1005 陈晨 · 2026-11-12");

    await user.click(screen.getByTestId("roster-leave"));
    const request = await screen.findByTestId("leave-3");
    // One tag per kind, although the flag is given for each day.
    expect(within(request).getAllByTestId("leave-flag-3-no_cover_assigned")).toHaveLength(1);
    expect(within(request).getByTestId("leave-flag-3-no_cover_assigned")).toHaveTextContent("未安排顶班");
    expect(within(screen.getByTestId("leave-4")).queryByText("未安排顶班")).not.toBeInTheDocument();
    await user.hover(within(request).getByTestId("leave-flag-3-no_cover_assigned"));
    expect(await screen.findByText(/已跟客服经理 江涛 沟通，但未安排其他人员值班/)).toBeInTheDocument();
  });

  test("the team filter shows only its agents' flags", async () => {
    const { user } = await openRoster({ ...fixtures.rosterMonth(), leave: [leave()], leave_flags: flags });
    await pickOption(user, "roster-team", "售后组");
    await waitFor(() => expect(screen.getByTestId("leave-flags")).toHaveTextContent("休息未安排（0）"));
    expect(screen.getByTestId("leave-flags")).toHaveTextContent("本月没有");
  });
});

describe("roles", () => {
  test("an agent sees the request buttons and edits nothing", async () => {
    const { user, backend } = await openRoster(fixtures.rosterMonth(), "agent");
    expect(screen.getByTestId("roster-swap-request")).toBeInTheDocument();
    expect(screen.getByTestId("roster-leave-request")).toBeInTheDocument();
    expect(screen.queryByTestId("roster-fill")).not.toBeInTheDocument();
    expect(screen.queryByTestId("roster-publish-2")).not.toBeInTheDocument();
    await user.click(cell("1013", "2026-11-01"));
    await user.keyboard("N{Enter}{Delete}");
    expect(screen.queryByTestId("cell-editor")).not.toBeInTheDocument();
    expect(backend.putRosterCells).not.toHaveBeenCalled();
    // Leave is for themselves only.
    await user.click(screen.getByTestId("roster-leave-request"));
    const agent = (await screen.findByTestId("leave-agent")).closest(".ant-select") as HTMLElement;
    await waitFor(() => expect(agent).toHaveTextContent("1014 朱琳"));
    expect(agent).toHaveClass("ant-select-disabled");
  });

  test("an agent's swap: A locked to their own 工号, a colleague's selected cell as B", async () => {
    const { user, backend } = await openRoster(fixtures.rosterMonth(), "agent", {
      requestSwap: () => Promise.reject(new BackendError("roster.not_yourself", "not yourself", { employee_no: "1013" })),
    });
    await user.click(cell("1013", "2026-11-01"));
    await user.click(screen.getByTestId("roster-swap-request"));
    const aSelect = (await screen.findByTestId("swap-a")).closest(".ant-select") as HTMLElement;
    const dialog = aSelect.closest(".ant-modal") as HTMLElement;
    await waitFor(() => expect(aSelect).toHaveTextContent("1014 朱琳"));
    expect(aSelect).toHaveClass("ant-select-disabled");
    const bSelect = within(dialog).getByTestId("swap-b").closest(".ant-select") as HTMLElement;
    expect(bSelect).toHaveTextContent("1013 胡雪");
    expect(bSelect).not.toHaveClass("ant-select-disabled");
    expect(within(dialog).getByTestId("swap-date-a")).toHaveValue("2026-11-01");
    const dateB = within(dialog).getByTestId("swap-date-b");
    const dateInput = (dateB.tagName === "INPUT" ? dateB : dateB.querySelector("input")) as HTMLInputElement;
    await user.type(dateInput, "2026-11-02{Enter}");
    await user.type(within(dialog).getByTestId("swap-reason"), "换休");
    await user.click(screen.getByTestId("swap-request-ok"));
    await waitFor(() =>
      expect(backend.requestSwap).toHaveBeenCalledWith({
        employee_no_a: "1014",
        date_a: "2026-11-01",
        employee_no_b: "1013",
        date_b: "2026-11-02",
        reason: "换休",
      }),
    );
    // The backend's refusal is shown as its text.
    expect(await screen.findByText("坐席只能为自己申请（1013 不是您本人）")).toBeInTheDocument();
  });

  test("a team lead cannot edit a published team's cells; a draft team's they can", async () => {
    const month = fixtures.rosterMonth();
    month.published = [{ team_id: 1, published_at: "2026-11-20T02:00:00Z", published_by: "沈丽华", override_reason: null }];
    const { user, backend } = await openRoster(month, "team_lead");
    expect(screen.getByTestId("roster-locked-1")).toHaveTextContent("已发布，如需修改请联系主管");
    expect(screen.queryByTestId("roster-locked-2")).not.toBeInTheDocument();
    expect(screen.queryByTestId("roster-publish-2")).not.toBeInTheDocument();

    await user.click(cell("1002", "2026-11-01"));
    await user.keyboard("N");
    expect(screen.queryByTestId("cell-editor")).not.toBeInTheDocument();
    await user.dblClick(cell("1002", "2026-11-01"));
    expect(screen.queryByTestId("cell-editor")).not.toBeInTheDocument();
    await user.keyboard("{Delete}");
    expect(screen.getByTestId("roster-focus")).toHaveTextContent("已发布，如需修改请联系主管");
    expect((await screen.findAllByText("已发布，如需修改请联系主管")).length).toBeGreaterThan(1);
    expect(backend.putRosterCells).not.toHaveBeenCalled();

    // 售前二组 is a draft: editable.
    await user.click(cell("1013", "2026-11-01"));
    await user.keyboard("N{Enter}");
    await waitFor(() => expect(backend.putRosterCells).toHaveBeenCalledWith([{ employee_no: "1013", date: "2026-11-01", cell: "N" }], null, expect.any(String)));
    expect(backend.putRosterCells).toHaveBeenCalledTimes(1);
  });
});
