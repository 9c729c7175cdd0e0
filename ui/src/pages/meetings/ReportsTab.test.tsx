// 报表提交: each period's report with the backend's judgement as a status, 只看逾期未交, marking one
// sent (now or when it was actually sent) and announcing a delay before it is due.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi, Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { due, duty, renderMeetings } from "./meetingsTestKit";
import ReportsTab from "./ReportsTab";

const WEEKLY = duty({ id: 5, title: "售后周报", kind: "weekly", employee_no: "1025", name: "韩梅", manager_employee_no: null, manager_name: null });
const ROWS = [
  due({ period_start: "2026-11-02", due_at: "2026-11-03T04:00:00Z", submitted_at: "2026-11-03T02:10:00Z", submitted_by_name: "赵磊", timeliness: "on_time" }),
  due({ period_start: "2026-11-03", due_at: "2026-11-04T04:00:00Z", submitted_at: "2026-11-04T07:30:00Z", submitted_by_name: "赵磊", timeliness: "late", incident_id: 61 }),
  due({
    period_start: "2026-11-04",
    due_at: "2026-11-05T04:00:00Z",
    announced_at: "2026-11-05T01:00:00Z",
    announce_reason: "系统故障，数据未出",
    submitted_at: "2026-11-05T09:00:00Z",
    timeliness: "announced",
  }),
  due({ period_start: "2026-11-05", due_at: "2026-11-06T04:00:00Z", overdue: true }),
  due({ duty: WEEKLY, period_start: "2026-11-23", due_at: "2026-12-01T04:00:00Z" }),
];

async function openTab(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, { reportsDue: () => Promise.resolve(ROWS), ...overrides });
  const r = renderMeetings(<ReportsTab month="2026-11" />, backend, role);
  await screen.findByTestId("report-row-2-2026-11-02");
  return r;
}

describe("reports due", () => {
  test("each period with its due time and the backend's judgement as a status", async () => {
    const { backend } = await openTab();
    expect(backend.reportsDue).toHaveBeenCalledWith("2026-11-01", "2026-11-30");
    expect(screen.getByTestId("report-status-2-2026-11-02")).toHaveTextContent("按时");
    const late = screen.getByTestId("report-row-2-2026-11-03");
    expect(within(late).getByTestId("report-status-2-2026-11-03")).toHaveTextContent("迟交");
    expect(late).toHaveTextContent("已提议 #61");
    expect(late).toHaveTextContent("2026-11-04 12:00");
    expect(late).toHaveTextContent("王静");
    const announced = screen.getByTestId("report-row-2-2026-11-04");
    expect(within(announced).getByTestId("report-status-2-2026-11-04")).toHaveTextContent("已报备延迟");
    expect(announced).toHaveTextContent("11-05 09:00 报备：系统故障，数据未出");
    const overdue = screen.getByTestId("report-row-2-2026-11-05");
    expect(within(overdue).getByTestId("report-status-2-2026-11-05")).toHaveTextContent("逾期未交");
    // Too late to announce; still to be marked.
    expect(within(overdue).queryByTestId("report-announce-2-2026-11-05")).not.toBeInTheDocument();
    expect(within(overdue).getByTestId("report-submit-2-2026-11-05")).toBeInTheDocument();
    const weekly = screen.getByTestId("report-row-5-2026-11-23");
    expect(within(weekly).getByTestId("report-status-5-2026-11-23")).toHaveTextContent("待提交");
    expect(weekly).toHaveTextContent("周报");
    expect(weekly).toHaveTextContent("2026-11-23 ~ 2026-11-29");
    expect(screen.queryByTestId("report-submit-2-2026-11-02")).not.toBeInTheDocument();
  });

  test("a period not begun yet is left out", async () => {
    await openTab("supervisor", {
      reportsDue: () => Promise.resolve([...ROWS, due({ period_start: "2099-01-01", due_at: "2099-01-02T04:00:00Z" })]),
    });
    expect(screen.queryByTestId("report-row-2-2099-01-01")).not.toBeInTheDocument();
    expect(screen.getByTestId("report-count")).toHaveTextContent("共 5 份");
  });

  test("只看逾期未交", async () => {
    const { user } = await openTab();
    await user.click(screen.getByTestId("reports-overdue-only"));
    expect(screen.queryByTestId("report-row-2-2026-11-02")).not.toBeInTheDocument();
    expect(screen.getByTestId("report-row-2-2026-11-05")).toBeInTheDocument();
    expect(screen.getByTestId("report-count")).toHaveTextContent("共 1 份");
  });

  test("marking sent now: the backend's late proposal is named", async () => {
    const { user, backend } = await openTab("agent", { submitReport: () => Promise.resolve(77) });
    await user.click(screen.getByTestId("report-submit-2-2026-11-05"));
    await user.click(await screen.findByTestId("report-submit-confirm"));
    await waitFor(() => expect(backend.submitReport).toHaveBeenCalledWith(2, "2026-11-05", null));
    expect(await screen.findByText("已标记发送；迟交，处罚建议 #77 待确认")).toBeInTheDocument();
  });

  test("a delay is announced with a reason, which is required", async () => {
    const { user, backend } = await openTab("agent", { announceReportDelay: () => Promise.resolve(null) });
    await user.click(screen.getByTestId("report-announce-5-2026-11-23"));
    await user.click(await screen.findByTestId("report-announce-confirm"));
    expect(await screen.findByText("请填写原因")).toBeInTheDocument();
    expect(backend.announceReportDelay).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("report-announce-reason"), "盘点，周一补交");
    await user.click(screen.getByTestId("report-announce-confirm"));
    await waitFor(() => expect(backend.announceReportDelay).toHaveBeenCalledWith(5, "2026-11-23", "盘点，周一补交"));
    expect(await screen.findByText("已报备延迟")).toBeInTheDocument();
  });
});
