// 考核结果 for supervisors, managers and leads: what the table and charts show of the backend's
// answer, and what publishing, reopening, exceptions and the export send. The fake answers from
// resultSamples.ts; nothing here computes a composite, a grade or a rank.
import { describe, expect, it } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import { BackendError, type CommandApi, type Role } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { pickOption } from "../../test/utils";
import { renderHandover } from "../handover/renderHandover";
import ResultsTab from "./ResultsTab";
import { SAMPLE_MONTH, agentResults, publishedResults, sampleItems, sampleResults, sampleTrend } from "./resultSamples";

function setup(role: Role = "supervisor", overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn(role, {
    scoreResults: () => Promise.resolve(sampleResults()),
    itemAverages: () => Promise.resolve(sampleItems()),
    scoreTrend: () => Promise.resolve(sampleTrend()),
    ...overrides,
  });
  return renderHandover(<ResultsTab month={SAMPLE_MONTH} />, backend, role);
}

/** A row's cells in column order: 排名 工号 姓名 班组 模板 自评 上级 小组 综合 等级 组内排名 状态 确认 (操作). */
async function cells(employeeNo: string): Promise<string[]> {
  const row = await screen.findByTestId(`results-row-${employeeNo}`);
  return within(row)
    .getAllByRole("cell")
    .map((c) => c.textContent ?? "");
}

/** The 工号 of the rows the table shows, in order. */
function rowNos(): string[] {
  return within(screen.getByTestId("results-table"))
    .queryAllByRole("row")
    .map((r) => r.getAttribute("data-testid")?.replace("results-row-", ""))
    .filter((n): n is string => !!n);
}

describe("ResultsTab (supervisor)", () => {
  it("shows each row's numbers, grade and ranks as the backend sent them, and the month's counts", async () => {
    setup();
    const li = await cells("1002");
    // One template among the rows: no 模板 column (ranks are per template).
    expect(li.slice(0, 12)).toEqual(["1", "1002", "李娜", "售前一组", "95.00", "93.00", "94.50", "93.60", "优秀", "1", "完成", "申诉"]);
    expect(await cells("1014")).toEqual(expect.arrayContaining(["5", "64.75", "不合格", "3"]));
    expect((await cells("1001"))[11]).toBe("已确认");
    // A ranking: first place on top, the ungraded (1007) at the bottom.
    expect(rowNos()[0]).toBe("1002");
    expect(rowNos().at(-1)).toBe("1007");

    // Not fully rated: no composite, grade or ranks, and what is missing.
    const zhao = await cells("1007");
    expect([zhao[0], zhao[6], zhao[7], zhao[8], zhao[9], zhao[10]]).toEqual(["—", "—", "—", "—", "—", "缺：小组考核"]);
    // Graded on an exception.
    const gao = await cells("1015");
    expect([gao[7], gao[8], gao[10]]).toEqual(["84.60", "良好", "特批"]);

    expect(screen.getByTestId("results-published")).toHaveTextContent("未发布");
    expect(screen.getByTestId("results-window")).toHaveTextContent("评分期 2026-12-01 至 2026-12-07");
    expect(screen.getByTestId("results-phase")).toHaveTextContent("评分期内");
    expect(screen.getByTestId("results-count-complete")).toHaveTextContent("评分完成 4 人");
    expect(screen.getByTestId("results-count-incomplete")).toHaveTextContent("评分不全 1 人");
    expect(screen.getByTestId("results-count-exception")).toHaveTextContent("特批 1 人");
    expect(screen.getByTestId("results-count-appeals")).toHaveTextContent("申诉待处理 1 条");
  });

  it("filters by grade and searches by name or 工号", async () => {
    const { user } = setup();
    await screen.findByTestId("results-row-1001");
    await user.type(screen.getByTestId("results-search"), "赵");
    await waitFor(() => expect(screen.queryByTestId("results-row-1001")).not.toBeInTheDocument());
    expect(screen.getByTestId("results-row-1007")).toBeInTheDocument();
    await user.clear(screen.getByTestId("results-search"));
    await user.type(screen.getByTestId("results-search"), "101");
    await waitFor(() => expect(screen.queryByTestId("results-row-1007")).not.toBeInTheDocument());
    expect(screen.getByTestId("results-row-1014")).toBeInTheDocument();
    expect(screen.getByTestId("results-row-1015")).toBeInTheDocument();
    await user.clear(screen.getByTestId("results-search"));

    await pickOption(user, "results-filter-grade", "良好");
    await waitFor(() => expect(rowNos()).toEqual(["1001", "1015"]));
    await pickOption(user, "results-filter-team", "售后组");
    await waitFor(() => expect(rowNos()).toEqual(["1015"]));
  });

  it("publishes after the confirmation and then offers to reopen", async () => {
    const { user, backend } = setup("supervisor", { publishScores: () => Promise.resolve(publishedResults()) });
    await user.click(await screen.findByTestId("publish-scores"));
    expect(backend.publishScores).not.toHaveBeenCalled();
    await user.click(await screen.findByTestId("publish-confirm-ok"));
    await waitFor(() => expect(backend.publishScores).toHaveBeenCalledWith(SAMPLE_MONTH));
    expect(await screen.findByTestId("reopen-scores")).toBeInTheDocument();
    expect(screen.queryByTestId("publish-scores")).not.toBeInTheDocument();
    expect(screen.getByTestId("results-published")).toHaveTextContent("已发布（2026-12-08 10:30）");
    // Published: no exceptions any more.
    expect(screen.queryByTestId("results-exception-1007")).not.toBeInTheDocument();
  });

  it("lists the 工号 a scores.incomplete refusal names", async () => {
    const { user, backend } = setup("manager", {
      publishScores: () =>
        Promise.reject(new BackendError("scores.incomplete", "2 people are not fully rated: 1007, 1012", { count: "2", names: "1007, 1012" })),
    });
    await user.click(await screen.findByTestId("publish-scores"));
    await user.click(await screen.findByTestId("publish-confirm-ok"));
    const alert = await screen.findByTestId("publish-incomplete");
    expect(backend.publishScores).toHaveBeenCalledWith(SAMPLE_MONTH);
    expect(alert).toHaveTextContent("还有 2 人评分不全，不能发布");
    expect(within(alert).getByTestId("publish-incomplete-1007")).toHaveTextContent("1007 赵敏");
    expect(within(alert).getByTestId("publish-incomplete-1012")).toHaveTextContent("1012");
    expect(screen.getByTestId("publish-scores")).toBeInTheDocument();
  });

  it("reopens a published month with a reason and the operator's PIN (a wrong PIN keeps the dialog)", async () => {
    let attempts = 0;
    const { user, backend } = setup("supervisor", {
      scoreResults: () => Promise.resolve(publishedResults()),
      reopenScores: () => (++attempts === 1 ? Promise.reject(new BackendError("auth.wrong_pin", "wrong PIN", { remaining: "2" })) : Promise.resolve(null)),
    });
    await user.click(await screen.findByTestId("reopen-scores"));
    // A reason is required before anything is sent.
    await user.type(await screen.findByTestId("reopen-modal-pin"), "2468");
    await user.click(screen.getByTestId("reopen-modal-ok"));
    expect(await screen.findByText("请填写原因")).toBeInTheDocument();
    expect(backend.reopenScores).not.toHaveBeenCalled();

    await user.type(screen.getByTestId("reopen-modal-reason"), "上级评分录错，须更正");
    await user.click(screen.getByTestId("reopen-modal-ok"));
    expect(await screen.findByTestId("reopen-modal-error")).toHaveTextContent("PIN 错误，还可尝试 2 次");
    expect(backend.reopenScores).toHaveBeenLastCalledWith(SAMPLE_MONTH, "上级评分录错，须更正", "2468");

    await user.clear(screen.getByTestId("reopen-modal-pin"));
    await user.type(screen.getByTestId("reopen-modal-pin"), "1357");
    await user.click(screen.getByTestId("reopen-modal-ok"));
    await waitFor(() => expect(backend.reopenScores).toHaveBeenLastCalledWith(SAMPLE_MONTH, "上级评分录错，须更正", "1357"));
    expect(await screen.findByText("2026-11 的考核已重新开放")).toBeInTheDocument();
  });

  it("signs an exception for a row not fully rated: person, reason and PIN", async () => {
    const { user, backend } = setup("supervisor", { signScoreException: () => Promise.resolve(null) });
    await screen.findByTestId("results-row-1001");
    // Only the incomplete row offers it.
    expect(screen.queryByTestId("results-exception-1001")).not.toBeInTheDocument();
    expect(screen.queryByTestId("results-exception-1015")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("results-exception-1007"));
    const modal = await screen.findByTestId("exception-modal");
    expect(modal).toHaveTextContent("1007 赵敏 缺少 小组考核 的评分");
    await user.type(screen.getByTestId("exception-modal-reason"), "小组评分人离职，经理同意按自评和上级评分");
    await user.type(screen.getByTestId("exception-modal-pin"), "2468");
    await user.click(screen.getByTestId("exception-modal-ok"));
    await waitFor(() =>
      expect(backend.signScoreException).toHaveBeenCalledWith(SAMPLE_MONTH, "a7", "小组评分人离职，经理同意按自评和上级评分", "2468"),
    );
    expect(await screen.findByText("已为 1007 赵敏 签批特批")).toBeInTheDocument();
  });

  it("exports to the file picked and says where", async () => {
    const { user, backend } = setup("supervisor", { exportScores: () => Promise.resolve(6) });
    backend.pickSaveFile.mockResolvedValue("/home/floor/考核结果.xlsx");
    await user.click(await screen.findByTestId("export-scores"));
    await waitFor(() => expect(backend.exportScores).toHaveBeenCalledWith(SAMPLE_MONTH, "/home/floor/考核结果.xlsx"));
    expect(backend.pickSaveFile).toHaveBeenCalledWith("演示客服中心-考核结果-2026-11.xlsx", [{ name: "Excel", extensions: ["xlsx"] }]);
    expect(await screen.findByText("已导出 6 行：/home/floor/考核结果.xlsx")).toBeInTheDocument();
  });

  it("imports a file of scores picked, says what it wrote and reads the month again; a bad file's row is named", async () => {
    const summary = { rows: 40, sheets: 4, replaced: 1, months: ["2026-11"] };
    const { user, backend } = setup("supervisor", { importScores: () => Promise.resolve(summary) });
    backend.pickOpenFile.mockResolvedValue("/home/floor/评分.csv");
    const reads = backend.scoreResults.mock.calls.length;
    await user.click(await screen.findByTestId("import-scores"));
    await waitFor(() => expect(backend.importScores).toHaveBeenCalledWith("/home/floor/评分.csv"));
    expect(await screen.findByText("已导入 40 项得分（4 份评分表，替换 1 份），月份：2026-11")).toBeInTheDocument();
    await waitFor(() => expect(backend.scoreResults.mock.calls.length).toBeGreaterThan(reads));

    backend.importScores.mockRejectedValue(
      new BackendError("import.invalid", "评分.csv: 1 problem(s)", { file: "评分.csv", count: "1", row: "7", field: "得分" }),
    );
    await user.click(screen.getByTestId("import-scores"));
    expect(await screen.findByText(/第 7 行/)).toBeInTheDocument();
  });

  it("states the charts' numbers in words", async () => {
    setup();
    const grades = await screen.findByTestId("grade-chart");
    expect(grades).toHaveAccessibleName("2026-11 等级分布：优秀 1 人，良好 2 人，合格 1 人，不合格 1 人，未评等级 1 人。");
    expect(screen.getByTestId("team-chart")).toHaveAccessibleName("各班组平均综合得分：售前一组 91.70 分（2 人），售后组 75.22 分（3 人）。");
    const items = await screen.findByTestId("items-chart");
    expect(items).toHaveAccessibleName("各考核项目平均得分率：接待量 85.0%，服务质量 75.0%，团队协作 无评分。");
  });

  it("a row click shows that person's trend, with gaps, and their printable card", async () => {
    const { user, backend } = setup();
    await user.click(await screen.findByTestId("results-row-1001"));
    await waitFor(() => expect(backend.scoreTrend).toHaveBeenCalledWith("1001", SAMPLE_MONTH));
    const trend = await screen.findByTestId("trend-chart");
    expect(trend.getAttribute("aria-label")).toContain("1001 王静 近 12 个月综合得分");
    expect(trend.getAttribute("aria-label")).toContain("2026-07 91.00（优秀），2026-08 无结果，2026-09 69.50（不合格）");
    expect(trend.getAttribute("aria-label")).toContain("2026-11 89.80（良好、未发布）。");
    // The grade lines as the site's settings hold them (the demo's).
    expect(trend.getAttribute("aria-label")).toContain("虚线：优秀分数线 90，良好分数线 80，合格分数线 70。");

    await user.click(screen.getByTestId("print-score-card"));
    const card = await screen.findByTestId("score-card");
    expect(within(card).getByTestId("score-card-employee-no")).toHaveTextContent("1001");
    expect(within(card).getByTestId("score-card-composite")).toHaveTextContent("89.80");
    expect(within(card).getByTestId("score-card-role-superior")).toHaveTextContent("上级评分90.00");
    expect(within(card).getByTestId("score-card-role-peer")).toHaveTextContent("小组考核88.50");
  });

  it("a team lead sees the table and charts but cannot publish, export or sign exceptions", async () => {
    const { backend } = setup("team_lead");
    await screen.findByTestId("results-row-1001");
    expect(screen.getByTestId("results-table")).toBeInTheDocument();
    expect(await screen.findByTestId("items-chart")).toBeInTheDocument();
    expect(backend.itemAverages).toHaveBeenCalledWith(SAMPLE_MONTH);
    expect(screen.queryByTestId("publish-scores")).not.toBeInTheDocument();
    expect(screen.queryByTestId("export-scores")).not.toBeInTheDocument();
    expect(screen.queryByTestId("results-exception-1007")).not.toBeInTheDocument();
  });

  it("an agent never gets the table, the item averages or the manager's buttons", async () => {
    const { backend } = setup("agent", { scoreResults: () => Promise.resolve(agentResults()) });
    expect(await screen.findByTestId("my-result")).toBeInTheDocument();
    await screen.findByTestId("my-composite");
    expect(screen.queryByTestId("results-table")).not.toBeInTheDocument();
    expect(screen.queryByTestId("grade-chart")).not.toBeInTheDocument();
    expect(screen.queryByTestId("publish-scores")).not.toBeInTheDocument();
    expect(backend.itemAverages).not.toHaveBeenCalled();
    expect(backend.listPolicy).not.toHaveBeenCalled();
  });
});
