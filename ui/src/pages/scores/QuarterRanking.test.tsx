// 考核结果 › 季度排名: what the table shows of the backend's ranking (places, means, rewards in
// yuan, the top three medalled, ties alike), the empty quarter, and which quarter it asks for.
// The fake answers from resultSamples.ts; nothing here ranks anyone or decides a reward.
import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { BackendError, type CommandApi, type Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption } from "../../test/utils";
import { renderHandover } from "../handover/renderHandover";
import QuarterRanking, { quarterOf, quarterParts } from "./QuarterRanking";
import ResultsTab from "./ResultsTab";
import { SAMPLE_MONTH, agentResults, quarterRow, sampleItems, sampleQuarter, sampleResults, sampleTrend } from "./resultSamples";

function setup(overrides: Partial<CommandApi> = {}, role: Role = "supervisor") {
  const backend = loggedIn(role, { quarterRanking: () => Promise.resolve(sampleQuarter()), ...overrides });
  return renderHandover(<QuarterRanking month={SAMPLE_MONTH} />, backend, role);
}

/** A row's cells in column order: 名次 工号 姓名 班组 (考核模板) 季度平均分 奖励. */
async function cells(employeeNo: string): Promise<string[]> {
  const row = await screen.findByTestId(`quarter-row-${employeeNo}`);
  return within(row)
    .getAllByRole("cell")
    .map((c) => c.textContent ?? "");
}

function rowNos(): string[] {
  return within(screen.getByTestId("quarter-table"))
    .queryAllByRole("row")
    .map((r) => r.getAttribute("data-testid")?.replace("quarter-row-", ""))
    .filter((n): n is string => !!n);
}

describe("QuarterRanking", () => {
  it("shows each row's place, mean and reward in yuan as the backend sent them, in its order", async () => {
    const { backend } = setup();
    expect(await cells("1002")).toEqual(["1", "1002", "李娜", "售前一组", "92.35", "¥300.00"]);
    expect(await cells("1001")).toEqual(["2", "1001", "王静", "售前一组", "89.99", "¥200.00"]);
    expect(await cells("1014")).toEqual(["5", "1014", "朱琳", "售后组", "66.10", "—"]);
    expect(rowNos()).toEqual(["1002", "1001", "1015", "1020", "1014"]);
    // The viewed month's quarter, asked once.
    expect(backend.quarterRanking).toHaveBeenCalledWith("2026Q4");
    // One template: no 考核模板 column.
    expect(within(screen.getByTestId("quarter-table")).queryByText("考核模板")).not.toBeInTheDocument();

    expect(screen.getByTestId("quarter-summary")).toHaveTextContent("2026年第4季度（2026-10 至 2026-12）：5 人参与排名；前三名奖励合计 ¥700.00");
    expect(screen.getByTestId("quarter-rule")).toHaveTextContent("三个月均完成考核者参与排名，并列者名次与奖励相同；季末月份发布后自动计入奖惩台账");
  });

  it("medals the top three places, ties both alike, and nobody below them", async () => {
    setup();
    await screen.findByTestId("quarter-row-1002");
    for (const no of ["1002", "1001", "1015", "1020"]) {
      expect(screen.getByTestId(`quarter-row-${no}`)).toHaveAttribute("data-top", "true");
      expect(screen.getByTestId(`quarter-medal-${no}`)).toBeInTheDocument();
    }
    expect(screen.getByTestId("quarter-medal-1002")).toHaveAccessibleName("第一名");
    // 高翔 and 罗丹 share third place and its reward.
    expect(screen.getByTestId("quarter-medal-1015")).toHaveAccessibleName("第三名");
    expect(screen.getByTestId("quarter-medal-1020")).toHaveAccessibleName("第三名");
    expect(screen.getByTestId("quarter-tied-1015")).toHaveTextContent("3并列");
    expect(screen.getByTestId("quarter-tied-1020")).toHaveTextContent("3并列");
    expect(screen.getByTestId("quarter-reward-1015")).toHaveTextContent("¥100.00");
    expect(screen.getByTestId("quarter-reward-1020")).toHaveTextContent("¥100.00");
    expect(screen.queryByTestId("quarter-tied-1002")).not.toBeInTheDocument();

    expect(screen.getByTestId("quarter-row-1014")).not.toHaveAttribute("data-top");
    expect(screen.queryByTestId("quarter-medal-1014")).not.toBeInTheDocument();
  });

  it("says nobody has three complete months yet when the quarter lists nobody", async () => {
    setup({ quarterRanking: () => Promise.resolve([]) });
    const empty = await screen.findByTestId("quarter-empty");
    expect(empty).toHaveTextContent("2026年第4季度还没有人完成全部三个月的考核");
    expect(screen.queryByTestId("quarter-table")).not.toBeInTheDocument();
    expect(screen.getByTestId("quarter-summary")).toHaveTextContent("0 人参与排名");
    expect(screen.getByTestId("quarter-summary")).not.toHaveTextContent("奖励合计");
  });

  it("asks the backend for the quarter picked", async () => {
    const { user, backend } = setup({
      quarterRanking: (q) =>
        Promise.resolve(q === "2026Q3" ? [quarterRow("1001", "王静", { mean_text: "91.20", rank: 1, reward_fen: 30000 })] : sampleQuarter()),
    });
    await screen.findByTestId("quarter-row-1002");
    const picker = screen.getByTestId("quarter-picker");
    await user.click(picker.closest(".ant-picker")?.querySelector("input") ?? picker);
    const cell = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-picker-cell[title="2026-Q3"]')].filter(
        (c) => !c.closest(".ant-picker-dropdown-hidden"),
      );
      expect(found.length).toBeGreaterThan(0);
      return found[0];
    });
    await user.click(cell);
    await waitFor(() => expect(backend.quarterRanking).toHaveBeenLastCalledWith("2026Q3"));
    expect(await cells("1001")).toEqual(["1", "1001", "王静", "售前一组", "91.20", "¥300.00"]);
    expect(screen.queryByTestId("quarter-row-1002")).not.toBeInTheDocument();
    expect(screen.getByTestId("quarter-summary")).toHaveTextContent("2026年第3季度（2026-07 至 2026-09）：1 人参与排名");
  });

  it("shows the template column and a template filter only when the quarter holds more than one", async () => {
    const lead = quarterRow("2001", "陈晨", { template_id: 7, template_name: "班长季度考核", mean_text: "88.00", rank: 1, reward_fen: 30000 });
    const { user } = setup({ quarterRanking: () => Promise.resolve([...sampleQuarter().slice(0, 2), lead]) });
    expect(await cells("2001")).toEqual(["1", "2001", "陈晨", "售前一组", "班长季度考核", "88.00", "¥300.00"]);
    expect((await cells("1002"))[4]).toBe("客服月度考核");
    await pickOption(user, "quarter-filter-template", "班长季度考核");
    await waitFor(() => expect(rowNos()).toEqual(["2001"]));
  });

  it("says why the backend refused", async () => {
    setup({ quarterRanking: () => Promise.reject(new BackendError("internal", "disk on fire", {})) });
    expect(await screen.findByTestId("quarter-error")).toBeInTheDocument();
    expect(screen.queryByTestId("quarter-table")).not.toBeInTheDocument();
  });
});

describe("ResultsTab › 季度排名", () => {
  it("switches from the month's results to the ranking of the viewed month's quarter", async () => {
    const backend = loggedIn("supervisor", {
      scoreResults: () => Promise.resolve(sampleResults()),
      itemAverages: () => Promise.resolve(sampleItems()),
      scoreTrend: () => Promise.resolve(sampleTrend()),
      quarterRanking: () => Promise.resolve(sampleQuarter()),
    });
    const { user } = renderHandover(<ResultsTab month="2026-08" />, backend, "supervisor");
    await screen.findByTestId("results-table");
    expect(backend.quarterRanking).not.toHaveBeenCalled();
    await user.click(screen.getByTestId("results-view-quarter"));
    expect(await screen.findByTestId("quarter-ranking")).toBeInTheDocument();
    await screen.findByTestId("quarter-row-1002");
    expect(backend.quarterRanking).toHaveBeenCalledWith("2026Q3");
    expect(screen.queryByTestId("results-table")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("results-view-month"));
    expect(await screen.findByTestId("results-table")).toBeInTheDocument();
  });

  it("an agent sees the ranking too: the backend sends only their own row", async () => {
    const backend = loggedIn("agent", {
      scoreResults: () => Promise.resolve(agentResults()),
      scoreTrend: () => Promise.resolve(sampleTrend()),
      quarterRanking: () => Promise.resolve(sampleQuarter().filter((r) => r.employee_no === "1014")),
    });
    const { user } = renderHandover(<ResultsTab month={SAMPLE_MONTH} />, backend, "agent");
    await screen.findByTestId("my-result");
    await user.click(screen.getByTestId("results-view-quarter"));
    expect(await cells("1014")).toEqual(["5", "1014", "朱琳", "售后组", "66.10", "—"]);
    expect(backend.quarterRanking).toHaveBeenCalledWith("2026Q4");
  });
});

describe("quarters", () => {
  it("names a month's quarter and a quarter's months", () => {
    expect(quarterOf("2026-01")).toBe("2026Q1");
    expect(quarterOf("2026-03")).toBe("2026Q1");
    expect(quarterOf("2026-04")).toBe("2026Q2");
    expect(quarterOf("2026-12")).toBe("2026Q4");
    expect(quarterParts("2026Q4")).toEqual({ year: 2026, q: 4, first: "2026-10", last: "2026-12" });
    expect(quarterParts("2027Q1")).toEqual({ year: 2027, q: 1, first: "2027-01", last: "2027-03" });
  });
});
