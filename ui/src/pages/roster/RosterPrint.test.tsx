import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { CommandApi, RosterMonth } from "../../backend";
import { fixtures } from "../../test/fixtures";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption, renderApp } from "../../test/utils";

beforeEach(() => {
  window.location.hash = "#/roster";
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function openRoster(overrides: Partial<CommandApi> = {}) {
  const r = renderApp(loggedIn("supervisor", overrides));
  await screen.findByTestId("roster-row-1002");
  return r;
}

/** The text of each cell of a row of the sheet: 工号, 姓名, the days, then the totals. */
const rowTexts = (row: HTMLElement) => [...row.querySelectorAll("td")].map((td) => td.textContent);

const landscapeRule = () => [...document.head.querySelectorAll("style")].find((s) => s.textContent?.includes("A4 landscape"));

describe("printing a team's month", () => {
  test("the selected team's sheet: its agents, the cells the grid shows, their totals and the heads per day", async () => {
    const { user } = await openRoster();
    await pickOption(user, "roster-team", "售前一组");
    await user.click(screen.getByTestId("roster-print"));
    const sheet = await screen.findByTestId("roster-print-sheet");
    expect(sheet).toHaveClass("fd-print-roster");
    expect(within(sheet).getByTestId("roster-print-title")).toHaveTextContent("演示客服中心 售前一组 2026年11月 排班表");
    expect(within(sheet).getByTestId("roster-print-status")).toHaveTextContent("状态：草稿");
    for (const label of ["工号", "姓名", "出勤天数", "工时", "夜班", "休息"]) expect(within(sheet).getAllByText(label).length).toBeGreaterThan(0);

    // Team 1's twelve agents, no one else's.
    expect(sheet.querySelectorAll("tbody tr")).toHaveLength(12);
    expect(within(sheet).queryByTestId("roster-print-row-1025")).not.toBeInTheDocument();
    // 2026-11-01 is a Sunday: day number over weekday, the weekend shaded.
    const firstDay = sheet.querySelectorAll("thead th")[2];
    expect(firstDay).toHaveTextContent("1日");
    expect(firstDay).toHaveClass("fd-pr-weekend");

    // 1002's row as the grid has it, then 27 days on (13 N), 27 × 7.5 h, 13 nights, 3 rest days.
    const row = within(sheet).getByTestId("roster-print-row-1002");
    expect(rowTexts(row)).toEqual([
      "1002",
      "李娜",
      ..."DDDDD休DNNNNNNNDDDDD休DNNNNN休NDD",
      "27",
      String(27 * 7.5),
      "13",
      "3",
    ]);

    // On duty per day: the team's working cells summed (day 1: eleven, day 3: ten).
    const onDuty = [...within(sheet).getByTestId("roster-print-heads").querySelectorAll("td")].map((td) => td.textContent);
    expect(onDuty.slice(0, 3)).toEqual(["11", "11", "10"]);
    expect(onDuty).toHaveLength(30 + 1);
    // Heads per shift code, for the codes the team works.
    expect(within(sheet).getByTestId("roster-print-heads-N")).toBeInTheDocument();
    expect(within(sheet).queryByTestId("roster-print-heads-M")).not.toBeInTheDocument();

    const legend = within(sheet).getByTestId("roster-print-legend");
    expect(legend).toHaveTextContent("D 白班 08:30–16:00");
    expect(legend).toHaveTextContent("O 夜班 23:30–次日08:30");
    expect(sheet).toHaveTextContent("制表人：");
    expect(sheet).toHaveTextContent("审核人（主管）：");
    expect(sheet).toHaveTextContent("日期：");

    // A4 landscape while the view is open only (the 换班记录表 prints portrait).
    expect(landscapeRule()).toBeDefined();
    const print = vi.spyOn(window, "print").mockImplementation(() => {});
    await user.click(screen.getByTestId("roster-print-go"));
    expect(print).toHaveBeenCalledTimes(1);
    await user.click(screen.getByTestId("roster-print-close"));
    await waitFor(() => expect(landscapeRule()).toBeUndefined());
  });

  test("with all teams shown, the print view asks for a team before it can print", async () => {
    const { user } = await openRoster();
    expect(screen.getByTestId("roster-print")).toBeEnabled();
    await user.click(screen.getByTestId("roster-print"));
    expect(await screen.findByTestId("roster-print-pick")).toHaveTextContent("请选择要打印的班组");
    expect(screen.queryByTestId("roster-print-sheet")).not.toBeInTheDocument();
    expect(screen.getByTestId("roster-print-go")).toBeDisabled();
    await pickOption(user, "roster-print-team", "售后组");
    const sheet = await screen.findByTestId("roster-print-sheet");
    expect(within(sheet).getByTestId("roster-print-title")).toHaveTextContent("售后组");
    expect(within(sheet).getByTestId("roster-print-row-1025")).toHaveTextContent("韩梅");
    expect(within(sheet).queryByTestId("roster-print-row-1002")).not.toBeInTheDocument();
    expect(screen.getByTestId("roster-print-go")).toBeEnabled();
  });

  test("a published month with a holiday and approved leave", async () => {
    const month: RosterMonth = {
      ...fixtures.rosterMonth(),
      published: [{ team_id: 1, published_at: "2026-11-20T02:00:00Z", published_by: "沈丽华", override_reason: null }],
      holidays: [
        { date: "2026-11-16", kind: "holiday", name: "站庆日" },
        { date: "2026-11-14", kind: "workday", name: "调休上班" },
      ],
      leave: [
        {
          id: 3,
          employee_no: "1001",
          from: "2026-11-07",
          to: "2026-11-07",
          kind: "sick",
          half_day: false,
          reason: null,
          cover: null,
          status: "approved",
          requested_at: "2026-11-01T02:00:00Z",
          decided_at: "2026-11-02T02:00:00Z",
          decided_by: "沈丽华",
          decision_note: null,
        },
      ],
    };
    const { user } = await openRoster({ rosterMonth: () => Promise.resolve(month) });
    await pickOption(user, "roster-team", "售前一组");
    await user.click(screen.getByTestId("roster-print"));
    const sheet = await screen.findByTestId("roster-print-sheet");
    expect(within(sheet).getByTestId("roster-print-status")).toHaveTextContent("已发布");
    expect(within(sheet).getByTestId("roster-print-status")).toHaveTextContent("沈丽华");
    const heads = sheet.querySelectorAll("thead th");
    expect(heads[2 + 15]).toHaveTextContent("16一站庆");
    expect(heads[2 + 15]).toHaveClass("fd-pr-holiday");
    // A 调休 Saturday is a working day: marked 班, not shaded.
    expect(heads[2 + 13]).toHaveTextContent("14六班");
    expect(heads[2 + 13]).not.toHaveClass("fd-pr-weekend");
    expect(rowTexts(within(sheet).getByTestId("roster-print-row-1001"))[2 + 6]).toBe("休病");
    expect(within(sheet).getByTestId("roster-print-legend")).toHaveTextContent("病 病假");
  });
});
