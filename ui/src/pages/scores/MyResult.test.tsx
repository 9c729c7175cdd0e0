// 我的考核结果 (an agent, 朱琳 1014): their own numbers as the backend sent them (no 小组 score),
// their trend, and confirming or appealing before publication; nothing to answer after it.
import { describe, expect, it } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import type { CommandApi, MonthResults } from "../../backend";
import { loggedIn } from "../../test/fakeBackend";
import { renderHandover } from "../handover/renderHandover";
import MyResult from "./MyResult";
import { SAMPLE_MONTH, agentResults, sampleTrend } from "./resultSamples";

function setup(results: MonthResults = agentResults(), overrides: Partial<CommandApi> = {}) {
  const backend = loggedIn("agent", {
    scoreResults: () => Promise.resolve(results),
    scoreTrend: () => Promise.resolve(sampleTrend()),
    respondToScore: () => Promise.resolve(null),
    ...overrides,
  });
  return renderHandover(<MyResult month={SAMPLE_MONTH} />, backend, "agent");
}

describe("MyResult", () => {
  it("shows the agent's own composite, grade, ranks and role scores, the 小组 score only as part of the composite", async () => {
    const { backend } = setup();
    expect(await screen.findByTestId("my-composite")).toHaveTextContent("64.75");
    expect(screen.getByTestId("my-grade")).toHaveTextContent("不合格");
    expect(screen.getByTestId("my-rank")).toHaveTextContent("5");
    expect(screen.getByTestId("my-team-rank")).toHaveTextContent("3");
    expect(screen.getByTestId("my-score-self")).toHaveTextContent("70.00");
    expect(screen.getByTestId("my-score-superior")).toHaveTextContent("65.00");
    expect(screen.getByTestId("my-score-peer")).toHaveTextContent("小组考核不单独公布，已计入综合得分");
    expect(screen.getByTestId("my-answer")).toHaveTextContent("你还没有确认或申诉");
    expect(backend.scoreTrend).toHaveBeenCalledWith("1014", SAMPLE_MONTH);
    const trend = await screen.findByTestId("trend-chart");
    expect(trend).toHaveAccessibleName(expect.stringContaining("2026-08 无结果"));
    // An agent may not read the settings: no grade lines rather than guessed ones.
    expect(trend).not.toHaveAccessibleName(expect.stringContaining("虚线"));
    expect(backend.listPolicy).not.toHaveBeenCalled();
  });

  it("shows the agent's computed items with the inputs each came from", async () => {
    const { backend } = setup(agentResults(), {
      myComputedItems: () =>
        Promise.resolve([
          {
            item_id: 42,
            group: "纪律类",
            name: "出勤纪律",
            max_points: 5,
            formula: "max(0, 5 - late_count - 2 * absences)",
            score: { item_id: 42, points: 200, inputs: [{ name: "late_count", value: 1 }, { name: "absences", value: 1 }], error: null },
          },
        ]),
      scoreFormulaInputs: () =>
        Promise.resolve([
          { name: "late_count", source: "attendance", label_zh: "迟到次数", label_en: "times late" },
          { name: "absences", source: "attendance", label_zh: "旷工天数", label_en: "days absent without notice" },
        ]),
    });
    const row = await screen.findByTestId("my-computed-42");
    expect(row).toHaveTextContent("2 / 5");
    await waitFor(() => expect(screen.getByTestId("my-computed-input-late_count")).toHaveTextContent("迟到次数 1"));
    expect(screen.getByTestId("my-computed-input-absences")).toHaveTextContent("旷工天数 1");
    expect(backend.myComputedItems).toHaveBeenCalledWith(SAMPLE_MONTH);
  });

  it("confirms the result", async () => {
    const { user, backend } = setup();
    await user.click(await screen.findByTestId("confirm-score"));
    await waitFor(() => expect(backend.respondToScore).toHaveBeenCalledWith(SAMPLE_MONTH, "confirm", null));
    expect(await screen.findByText("已确认考核结果")).toBeInTheDocument();
  });

  it("refuses an appeal without words, then sends the note", async () => {
    const { user, backend } = setup();
    await user.click(await screen.findByTestId("appeal-score"));
    await user.click(await screen.findByTestId("appeal-ok"));
    expect(await screen.findByText("请填写申诉理由")).toBeInTheDocument();
    await user.type(screen.getByTestId("appeal-note"), "   ");
    await user.click(screen.getByTestId("appeal-ok"));
    expect(backend.respondToScore).not.toHaveBeenCalled();

    await user.type(screen.getByTestId("appeal-note"), "上级评分未计入 11 月 20 日的表扬");
    await user.click(screen.getByTestId("appeal-ok"));
    await waitFor(() => expect(backend.respondToScore).toHaveBeenCalledWith(SAMPLE_MONTH, "appeal", "上级评分未计入 11 月 20 日的表扬"));
    expect(await screen.findByText("申诉已提交")).toBeInTheDocument();
  });

  it("shows the current answer", async () => {
    setup(agentResults({}, { response: "appeal", response_note: "漏算加班" }));
    expect(await screen.findByTestId("my-answer")).toHaveTextContent("你已申诉：漏算加班");
  });

  it("has no buttons once the month is published", async () => {
    setup(agentResults({ published: true, published_at: "2026-12-08T02:30:00Z", phase: "closed" }, { response: "confirm" }));
    expect(await screen.findByTestId("my-published-hint")).toBeInTheDocument();
    expect(screen.getByTestId("my-published")).toHaveTextContent("已发布（2026-12-08 10:30）");
    expect(screen.getByTestId("my-answer")).toHaveTextContent("你已确认本月结果");
    expect(screen.queryByTestId("confirm-score")).not.toBeInTheDocument();
    expect(screen.queryByTestId("appeal-score")).not.toBeInTheDocument();
  });

  it("says so when the agent has no result", async () => {
    setup(agentResults({ rows: [] }));
    expect(await screen.findByText("2026-11 没有你的考核结果。")).toBeInTheDocument();
    expect(screen.queryByTestId("confirm-score")).not.toBeInTheDocument();
  });
});
