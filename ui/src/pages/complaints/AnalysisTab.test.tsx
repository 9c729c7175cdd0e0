// 投诉分析: the range's figures as the backend counts them, each chart's summary naming its
// figures, the last six months asked for by default, and a team's contacts saved on Enter.
import { screen, waitFor } from "@testing-library/react";
import { describe, expect, test } from "vitest";
import type { CommandApi } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import AnalysisTab from "./AnalysisTab";
import { lastSixMonths } from "./complaintText";
import { analysis, renderComplaints } from "./complaintsTestKit";

async function openAnalysis(overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn("supervisor", {
    complaintAnalysis: () => Promise.resolve(analysis()),
    complaintContacts: (month) => Promise.resolve([{ month, team_id: 2, contacts: 2000 }]),
    setComplaintContacts: () => Promise.resolve(null),
    ...overrides,
  });
  const r = renderComplaints(<AnalysisTab />, backend);
  await screen.findByTestId("complaint-chart-causes");
  return r;
}

const summary = (id: string) => screen.getByTestId(id).getAttribute("aria-label");

describe("complaint analysis", () => {
  test("the last six months by default; totals, valid, open and the rate as a percentage", async () => {
    const { backend } = await openAnalysis();
    const [from, to] = lastSixMonths("Asia/Shanghai");
    expect(backend.complaintAnalysis).toHaveBeenCalledWith(from, to);
    expect(screen.getByTestId("complaint-kpi-total")).toHaveTextContent("6");
    expect(screen.getByTestId("complaint-kpi-valid")).toHaveTextContent("3");
    expect(screen.getByTestId("complaint-kpi-open")).toHaveTextContent("1");
    expect(screen.getByTestId("complaint-kpi-rate")).toHaveTextContent("0.15%");
    expect(screen.getByTestId("complaint-kpi-rate")).toHaveTextContent("每万次接待 15 起");
  });

  test("each chart's summary names its figures", async () => {
    await openAnalysis();
    expect(summary("complaint-chart-causes")).toBe("2026-10 至 2026-11 投诉原因：服务态度 3 起、物流 2 起、未结案 1 起");
    expect(summary("complaint-chart-months")).toBe("按月投诉：2026-10 2 起（有理 1）、2026-11 4 起（有理 2）");
    expect(summary("complaint-chart-agents")).toBe("坐席投诉前 10 名：马超 1019 3 起（有理 2）、韩梅 1025 2 起（有理 1）");
    expect(summary("complaint-chart-teams")).toBe(
      "班组投诉：售前二组 3 起（有理 2，投诉率 0.15%）、售后组 2 起（有理 1，投诉率 0.10%）、未分流 1 起（有理 0）",
    );
  });

  test("no contacts entered: the rate says so", async () => {
    await openAnalysis({ complaintAnalysis: () => Promise.resolve({ ...analysis(), contacts: null, rate_bp: null }) });
    expect(screen.getByTestId("complaint-kpi-rate")).toHaveTextContent("未录入接待量");
  });

  test("a team's contacts for the month are saved on Enter, unchanged ones not", async () => {
    const { user, backend } = await openAnalysis();
    const [, month] = lastSixMonths("Asia/Shanghai");
    await waitFor(() => expect(screen.getByTestId("complaint-contacts-2")).toHaveValue("2000"));
    await user.click(screen.getByTestId("complaint-contacts-2"));
    await user.tab();
    expect(backend.setComplaintContacts).not.toHaveBeenCalled();
    await user.type(screen.getByTestId("complaint-contacts-3"), "1800{Enter}");
    await waitFor(() => expect(backend.setComplaintContacts).toHaveBeenCalledWith({ month, team_id: 3, contacts: 1800 }));
    expect(backend.complaintContacts).toHaveBeenCalledWith(month);
  });
});
