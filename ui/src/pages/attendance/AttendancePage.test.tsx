// 考勤: the page shows what the backend judged — each day's status in Chinese with its minutes,
// each person's month as counted — filters it, and exports the month through the backend. The
// fake answers one month written here; nothing in the fake or the page judges a day.
import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { AgentAttendance, AttendanceDay, AttendanceMonth, DayStatus, MonthAttendance } from "../../backend";
import { setLanguage } from "../../i18n";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption } from "../../test/utils";
import { renderHandover } from "../handover/renderHandover";
import AttendancePage from "./AttendancePage";

// 2026-11-23 12:00 in Shanghai: November is under way, judged to the 23rd.
beforeEach(() => vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-23T04:00:00Z") }));
afterEach(() => vi.useRealTimers());

function day(date: string, employee_no: string, name: string, team_id: number, shift: string, status: DayStatus, late_min = 0, early_min = 0): AttendanceDay {
  return { date, employee_no, name, team_id, shift, status, late_min, early_min };
}

function month(summary: Partial<MonthAttendance>): MonthAttendance {
  return {
    days_worked: 0,
    paid_minutes: 0,
    late_count: 0,
    late_minutes: 0,
    early_count: 0,
    early_minutes: 0,
    absences: 0,
    noticed: 0,
    rest_days: 0,
    leave_days: {},
    ...summary,
  };
}

function agent(employee_no: string, name: string, team_id: number, team_name: string, summary: Partial<MonthAttendance>): AgentAttendance {
  return { employee_no, name, team_id, team_name, summary: month(summary) };
}

/** What the backend answers for November (sent in its order: by date, then 工号). */
const NOVEMBER: AttendanceMonth = {
  month: "2026-11",
  judged_to: "2026-11-23",
  days: [
    day("2026-11-22", "1003", "张伟", 1, "D", { kind: "late" }, 7),
    day("2026-11-22", "1005", "陈晨", 1, "M", { kind: "early_leave" }, 0, 37),
    day("2026-11-22", "1006", "杨帆", 1, "M", { kind: "absent" }),
    day("2026-11-22", "1013", "赵磊", 2, "", { kind: "leave", leave: "sick" }),
    day("2026-11-22", "1019", "马超", 2, "休", { kind: "rest" }),
    day("2026-11-23", "1003", "张伟", 1, "D", { kind: "noticed" }),
    day("2026-11-23", "1005", "陈晨", 1, "M", { kind: "normal" }),
    day("2026-11-23", "1019", "马超", 2, "N", { kind: "late_and_early" }, 20, 63),
  ],
  agents: [
    agent("1003", "张伟", 1, "售前一组", { days_worked: 15, paid_minutes: 6750, late_count: 2, late_minutes: 13, noticed: 1, rest_days: 6 }),
    agent("1005", "陈晨", 1, "售前一组", { days_worked: 16, paid_minutes: 7680, early_count: 1, early_minutes: 37, rest_days: 6 }),
    agent("1006", "杨帆", 1, "售前一组", { days_worked: 14, paid_minutes: 6720, absences: 1, rest_days: 6 }),
    agent("1013", "赵磊", 2, "售前二组", { days_worked: 12, paid_minutes: 5400, rest_days: 5, leave_days: { sick: 2, annual: 1 } }),
    agent("1019", "马超", 2, "售前二组", { days_worked: 15, paid_minutes: 6750, late_count: 1, late_minutes: 20, early_count: 1, early_minutes: 63, rest_days: 7 }),
  ],
};

function open(role: "supervisor" | "agent" = "supervisor", answer: AttendanceMonth = NOVEMBER) {
  const backend = loggedIn(role, { attendanceMonth: () => Promise.resolve(answer) });
  return { ...renderHandover(<AttendancePage />, backend, role), backend };
}

/** The option titled `label` of the open dropdown. */
function openOption(label: string): HTMLElement {
  const shown = [...document.querySelectorAll<HTMLElement>(`.ant-select-item-option[title="${label}"]`)].filter((o) => !o.closest(".ant-select-dropdown-hidden"));
  expect(shown).toHaveLength(1);
  return shown[0];
}

/** The daily table's rows, as 工号 + 日期 keys, in the order shown. */
function dailyKeys(): string[] {
  return within(screen.getByTestId("attendance-daily"))
    .queryAllByRole("row")
    .map((r) => r.getAttribute("data-testid") ?? "")
    .filter((id) => id.startsWith("attendance-row-"))
    .map((id) => id.slice("attendance-row-".length));
}

describe("考勤", () => {
  test("the daily table shows each status in Chinese with its minutes, by date then 工号", async () => {
    const { backend } = open();
    expect(await screen.findByTestId("attendance-row-2026-11-22-1003")).toBeInTheDocument();
    expect(backend.attendanceMonth).toHaveBeenCalledWith("2026-11");
    expect(screen.getByTestId("attendance-judged-to")).toHaveTextContent("已判定至 2026/11/23");
    expect(dailyKeys()).toEqual(NOVEMBER.days.map((d) => `${d.date}-${d.employee_no}`));

    const status = (key: string) => screen.getByTestId(`attendance-status-${key}`);
    expect(status("2026-11-22-1003")).toHaveTextContent("迟到");
    expect(status("2026-11-22-1005")).toHaveTextContent("早退");
    expect(status("2026-11-22-1006")).toHaveTextContent("旷工");
    expect(status("2026-11-22-1013")).toHaveTextContent("请假：病假");
    expect(status("2026-11-22-1019")).toHaveTextContent("休息");
    expect(status("2026-11-23-1003")).toHaveTextContent("已报备");
    expect(status("2026-11-23-1005")).toHaveTextContent("正常");
    expect(status("2026-11-23-1019")).toHaveTextContent("迟到+早退");

    const late = screen.getByTestId("attendance-row-2026-11-22-1003");
    expect(late).toHaveTextContent("张伟");
    expect(late).toHaveTextContent("售前一组");
    // The cell's code, named from the month's templates.
    expect(late).toHaveTextContent("D 白班");
    expect(within(late).getAllByRole("cell").map((c) => c.textContent)).toContain("7");
    const both = within(screen.getByTestId("attendance-row-2026-11-23-1019")).getAllByRole("cell").map((c) => c.textContent);
    expect(both.slice(-2)).toEqual(["20", "63"]);
    expect(screen.getByTestId("attendance-count")).toHaveTextContent("共 8 条");
  });

  test("filters by status, team and a search by 工号 or name", async () => {
    const { user } = open();
    await screen.findByTestId("attendance-row-2026-11-22-1003");

    await pickOption(user, "attendance-status-filter", "旷工");
    await waitFor(() => expect(dailyKeys()).toEqual(["2026-11-22-1006"]));
    // The list stays open: a second status adds to the first, a click on a chosen one drops it.
    await user.click(openOption("迟到"));
    await waitFor(() => expect(dailyKeys()).toEqual(["2026-11-22-1003", "2026-11-22-1006"]));
    await user.click(openOption("旷工"));
    await waitFor(() => expect(dailyKeys()).toEqual(["2026-11-22-1003"]));
    await user.click(openOption("迟到"));
    await waitFor(() => expect(dailyKeys()).toHaveLength(8));
    await user.keyboard("{Escape}");

    await user.type(screen.getByTestId("attendance-search"), "马超");
    await waitFor(() => expect(dailyKeys()).toEqual(["2026-11-22-1019", "2026-11-23-1019"]));
    await user.clear(screen.getByTestId("attendance-search"));
    await user.type(screen.getByTestId("attendance-search"), "1005");
    await waitFor(() => expect(dailyKeys()).toEqual(["2026-11-22-1005", "2026-11-23-1005"]));
    await user.clear(screen.getByTestId("attendance-search"));

    await pickOption(user, "attendance-team", "售前二组");
    await waitFor(() => expect(dailyKeys()).toEqual(["2026-11-22-1013", "2026-11-22-1019", "2026-11-23-1019"]));
    expect(screen.getByTestId("attendance-count")).toHaveTextContent("共 3 条");
  });

  test("the monthly summary shows the backend's figures; a row opens that person's days", async () => {
    const { user } = open();
    await screen.findByTestId("attendance-row-2026-11-22-1003");
    await user.click(screen.getByTestId("attendance-tab-summary"));
    const row = await screen.findByTestId("attendance-summary-row-1003");
    const cells = within(row).getAllByRole("cell").map((c) => c.textContent);
    // 工号 姓名 班组 出勤天数 工时 迟到(次数 分钟) 早退(次数 分钟) 旷工 已报备 请假 休息
    expect(cells).toEqual(["1003", "张伟", "售前一组", "15", "112.5", "2", "13", "0", "0", "0", "1", "—", "6"]);
    expect(screen.getByTestId("attendance-sum-1006-absences")).toHaveTextContent("1");
    expect(screen.getByTestId("attendance-sum-1013-leave")).toHaveTextContent("病假 2");
    expect(screen.getByTestId("attendance-sum-1013-leave")).toHaveTextContent("年假 1");
    expect(screen.getByTestId("attendance-sum-1019-early_minutes")).toHaveTextContent("63");
    expect(screen.getByTestId("attendance-sum-1005-hours")).toHaveTextContent("128");
    expect(screen.getByTestId("attendance-summary-count")).toHaveTextContent("共 5 人");
    expect(screen.getByRole("columnheader", { name: "旷工" })).toBeInTheDocument();

    await user.click(screen.getByTestId("attendance-summary-row-1019"));
    expect(await screen.findByTestId("attendance-person")).toHaveTextContent("只看 1019 马超");
    await waitFor(() => expect(dailyKeys()).toEqual(["2026-11-22-1019", "2026-11-23-1019"]));
    await user.click(within(screen.getByTestId("attendance-person")).getByLabelText("关闭"));
    await waitFor(() => expect(dailyKeys()).toHaveLength(8));
  });

  test("导出 xlsx asks where, then the backend writes the month; the message names the file and the rows", async () => {
    const { user, backend } = open();
    backend.pickSaveFile.mockResolvedValue("/tmp/考勤-2026-11.xlsx");
    backend.exportAttendance.mockResolvedValue(122);
    await screen.findByTestId("attendance-row-2026-11-22-1003");
    await user.click(screen.getByTestId("attendance-export"));
    await waitFor(() => expect(backend.exportAttendance).toHaveBeenCalledWith("2026-11", "/tmp/考勤-2026-11.xlsx"));
    expect(backend.pickSaveFile).toHaveBeenCalledWith("演示客服中心-考勤-2026-11.xlsx", [{ name: "Excel 工作簿", extensions: ["xlsx"] }]);
    expect(await screen.findByText("已导出 122 行：/tmp/考勤-2026-11.xlsx")).toBeInTheDocument();
  });

  test("a cancelled save dialog exports nothing", async () => {
    const { user, backend } = open();
    await screen.findByTestId("attendance-row-2026-11-22-1003");
    await user.click(screen.getByTestId("attendance-export"));
    await waitFor(() => expect(backend.pickSaveFile).toHaveBeenCalled());
    expect(backend.exportAttendance).not.toHaveBeenCalled();
  });

  test("an agent sees the table but no export (the file holds every team)", async () => {
    open("agent");
    expect(await screen.findByTestId("attendance-row-2026-11-22-1003")).toBeInTheDocument();
    expect(screen.queryByTestId("attendance-export")).not.toBeInTheDocument();
  });

  test("a month not begun says so", async () => {
    open("supervisor", { month: "2026-11", judged_to: null, days: [], agents: [] });
    expect(await screen.findByTestId("attendance-not-started")).toHaveTextContent("2026-11 尚未开始");
    expect(screen.queryByTestId("attendance-judged-to")).not.toBeInTheDocument();
    expect(screen.getByTestId("attendance-export")).toBeDisabled();
  });

  test("in English the statuses are English", async () => {
    setLanguage("en", false);
    open();
    expect(await screen.findByTestId("attendance-status-2026-11-22-1006")).toHaveTextContent("Absent");
    expect(screen.getByTestId("attendance-status-2026-11-22-1013")).toHaveTextContent("Leave: Sick");
    expect(screen.getByTestId("attendance-status-2026-11-23-1019")).toHaveTextContent("Late + left early");
    expect(screen.getByTestId("attendance-judged-to")).toHaveTextContent("judged to");
  });
});
