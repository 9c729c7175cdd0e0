// Hand-built backend answers for the 考核结果 tests: November 2026 on the demo floor, typed by the
// generated bindings. They hold what the backend would say (composites, grades, ranks, who is
// complete or excepted): nothing here computes a rule, and each call returns a fresh object so a
// test may change its copy.
import type { ItemAverage, MonthResults, QuarterRow, ResultRow, TrendPoint } from "../../backend";

export const SAMPLE_MONTH = "2026-11";

const TEMPLATE = { template_id: 3, template_name: "客服月度考核" };
const TEAM1 = { team_id: 1, team_name: "售前一组" };
const TEAM2 = { team_id: 2, team_name: "售后组" };

/** A graded row: complete, answered nothing, unless `rest` says. */
export function resultRow(employee_no: string, name: string, rest: Partial<ResultRow> = {}): ResultRow {
  return {
    person: `a${Number(employee_no) - 1000}`,
    employee_no,
    name,
    ...TEAM1,
    ...TEMPLATE,
    scores: { self: null, superior: null, peer: null },
    composite: null,
    composite_text: null,
    grade: null,
    rank: null,
    team_rank: null,
    complete: true,
    exception: false,
    missing: [],
    counted: [1, 1, 2],
    partial: [0, 0, 0],
    response: null,
    response_note: null,
    ...rest,
  };
}

/**
 * Six people on one template: 李娜 优秀 (1st, appealed), 王静 良好 (2nd, confirmed), 高翔 良好 on
 * an exception (no 小组 score), 罗丹 合格, 朱琳 不合格, and 赵敏 not fully rated (no 小组 score).
 * Grades: 优秀 1, 良好 2, 合格 1, 不合格 1, not graded 1.
 */
export function sampleRows(): ResultRow[] {
  return [
    resultRow("1001", "王静", {
      scores: { self: 92, superior: 90, peer: 88.5 },
      composite: 89.8,
      composite_text: "89.80",
      grade: "good",
      rank: 2,
      team_rank: 2,
      response: "confirm",
    }),
    resultRow("1002", "李娜", {
      scores: { self: 95, superior: 93, peer: 94.5 },
      composite: 93.6,
      composite_text: "93.60",
      grade: "excellent",
      rank: 1,
      team_rank: 1,
      response: "appeal",
      response_note: "上级评分漏算了 11 月的加班",
    }),
    resultRow("1007", "赵敏", {
      scores: { self: 80, superior: 75, peer: null },
      complete: false,
      missing: ["peer"],
      counted: [1, 1, 0],
      partial: [0, 0, 1],
    }),
    resultRow("1014", "朱琳", {
      ...TEAM2,
      scores: { self: 70, superior: 65, peer: 60 },
      composite: 64.75,
      composite_text: "64.75",
      grade: "fail",
      rank: 5,
      team_rank: 3,
    }),
    resultRow("1015", "高翔", {
      ...TEAM2,
      scores: { self: 88, superior: 84, peer: null },
      composite: 84.6,
      composite_text: "84.60",
      grade: "good",
      rank: 3,
      team_rank: 1,
      exception: true,
      missing: ["peer"],
      counted: [1, 1, 0],
    }),
    resultRow("1020", "罗丹", {
      ...TEAM2,
      scores: { self: 78, superior: 76, peer: 75.5 },
      composite: 76.3,
      composite_text: "76.30",
      grade: "pass",
      rank: 4,
      team_rank: 2,
    }),
  ];
}

/** The month unpublished, in its scoring window, with `rows` (the sample's by default). */
export function sampleResults(rest: Partial<MonthResults> = {}): MonthResults {
  return {
    month: SAMPLE_MONTH,
    published: false,
    published_at: null,
    window: { opens_on: "2026-12-01", closes_on: "2026-12-07" },
    phase: "open",
    rows: sampleRows(),
    ...rest,
  };
}

/** The month published on 2026-12-08 10:30 Shanghai time. */
export function publishedResults(rest: Partial<MonthResults> = {}): MonthResults {
  return sampleResults({ published: true, published_at: "2026-12-08T02:30:00Z", phase: "closed", ...rest });
}

/** What an agent (朱琳, 1014) receives: their own row, the 小组 score withheld by the backend. */
export function agentResults(rest: Partial<MonthResults> = {}, row: Partial<ResultRow> = {}): MonthResults {
  const own = sampleRows().find((r) => r.employee_no === "1014")!;
  return sampleResults({
    rows: [{ ...own, scores: { ...own.scores, peer: null }, counted: [1, 1, 0], partial: [0, 0, 0], ...row }],
    ...rest,
  });
}

/** Twelve months ending with November 2026: results from May on, none in August (a gap). */
export function sampleTrend(): TrendPoint[] {
  const months = ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"];
  const known: Record<string, [number, TrendPoint["grade"]]> = {
    "2026-05": [81.5, "good"],
    "2026-06": [78.25, "pass"],
    "2026-07": [91, "excellent"],
    "2026-09": [69.5, "fail"],
    "2026-10": [86, "good"],
    "2026-11": [89.8, "good"],
  };
  return months.map((month) => ({
    month,
    composite: known[month]?.[0] ?? null,
    grade: known[month]?.[1] ?? null,
    published: month !== "2026-11",
  }));
}

export function sampleItems(): ItemAverage[] {
  return [
    { template_name: "客服月度考核", group: "工作任务", item: "接待量", max_points: 30, mean_points: 25.5, mean_pct: 85, scores: 12 },
    { template_name: "客服月度考核", group: "工作绩效", item: "服务质量", max_points: 40, mean_points: 30, mean_pct: 75, scores: 12 },
    { template_name: "客服月度考核", group: "协作", item: "团队协作", max_points: 30, mean_points: null, mean_pct: null, scores: 0 },
  ];
}

/** A row of the quarter's ranking (2026Q4, 客服月度考核, 售前一组) unless `rest` says. */
export function quarterRow(employee_no: string, name: string, rest: Partial<QuarterRow> = {}): QuarterRow {
  return {
    person: `a${Number(employee_no) - 1000}`,
    employee_no,
    name,
    ...TEAM1,
    ...TEMPLATE,
    mean_composite: null,
    mean_text: "",
    rank: 1,
    reward_fen: 0,
    ...rest,
  };
}

/**
 * 2026Q4 as the backend ranks it: 李娜 first (¥300), 王静 second (¥200), 高翔 and 罗丹 tied
 * third (¥100 each), 朱琳 fifth (no reward). 赵敏 is missing a month and so is not listed.
 */
export function sampleQuarter(): QuarterRow[] {
  return [
    quarterRow("1002", "李娜", { mean_composite: 92.35, mean_text: "92.35", rank: 1, reward_fen: 30000 }),
    quarterRow("1001", "王静", { mean_composite: 89.99, mean_text: "89.99", rank: 2, reward_fen: 20000 }),
    quarterRow("1015", "高翔", { ...TEAM2, mean_composite: 84.6, mean_text: "84.60", rank: 3, reward_fen: 10000 }),
    quarterRow("1020", "罗丹", { ...TEAM2, mean_composite: 84.6, mean_text: "84.60", rank: 3, reward_fen: 10000 }),
    quarterRow("1014", "朱琳", { ...TEAM2, mean_composite: 66.1, mean_text: "66.10", rank: 5, reward_fen: 0 }),
  ];
}
