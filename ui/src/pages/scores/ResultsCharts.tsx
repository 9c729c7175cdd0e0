// The month's results in charts (ECharts through components/Chart.tsx): 等级分布 and 班组对比
// counted and averaged from the rows the backend sent, 考核项目平均得分率 as the backend
// averaged it, and one person's twelve months (months without a result are gaps; the grade lines
// are marked). Every chart says its numbers in words (`summary`).
import { useMemo } from "react";
import { Card, Col, Empty, Row } from "antd";
import { useTranslation } from "react-i18next";
import Chart, { type ChartOption } from "../../components/Chart";
import { useBackend, type Grade, type ItemAverage, type PolicySetting, type ResultRow, type TrendPoint } from "../../backend";
import { useLoad } from "../../lib/hooks";
import { useSession } from "../../session";
import { GRADES } from "./ResultsTable";

const GRADE_HEX: Record<Grade, string> = { excellent: "#52c41a", good: "#1677ff", pass: "#faad14", fail: "#ff4d4f" };
const UNGRADED_HEX = "#bfbfbf";

/** A grade line as the site's settings hold it: its own label ("优秀分数线") and value. */
export type GradeLine = { label: string; value: number };

/**
 * The grade lines in force: the assessment settings measured in points, labelled as the settings
 * page labels them (the UI names no policy key). None where the operator may not read the policy.
 * They are today's values: a month judged before a change was graded by the lines then in force.
 */
export function gradeLines(policy: PolicySetting[] | undefined, en: boolean): GradeLine[] {
  return (policy ?? [])
    .filter((p) => p.area === "scores" && p.unit === "points")
    .map((p) => ({ label: en ? p.label_en : p.label_zh, value: p.value }))
    .sort((a, b) => b.value - a.value);
}

/** The grade lines for the trend, read when the operator may read the settings (view_people). */
export function useGradeLines(): GradeLine[] {
  const backend = useBackend();
  const { i18n } = useTranslation();
  const { operator } = useSession();
  const readable = operator.permissions.some((p) => p === "view_people");
  const policy = useLoad(readable ? ["policy"] : ["policy", "unreadable"], ["settings"], () =>
    readable ? backend.listPolicy() : Promise.resolve([] as PolicySetting[]),
  );
  const en = i18n.language === "en";
  return useMemo(() => gradeLines(policy.data, en), [policy.data, en]);
}

const two = (n: number) => n.toFixed(2);

export function GradeChart({ rows, month }: { rows: ResultRow[]; month: string }) {
  const { t } = useTranslation();
  const counts = useMemo(() => {
    const c: Record<Grade | "none", number> = { excellent: 0, good: 0, pass: 0, fail: 0, none: 0 };
    for (const r of rows) c[r.grade ?? "none"] += 1;
    return c;
  }, [rows]);
  const labels = useMemo(() => [...GRADES.map((g) => t(`scores.grades.${g}`)), t("scores.results.filters.ungraded")], [t]);
  const values = useMemo(() => [...GRADES.map((g) => counts[g]), counts.none], [counts]);
  const option = useMemo<ChartOption>(() => {
    const colors = [...GRADES.map((g) => GRADE_HEX[g]), UNGRADED_HEX];
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 36, right: 12, top: 16, bottom: 28 },
      xAxis: { type: "category", data: labels, axisLabel: { interval: 0 } },
      yAxis: { type: "value", minInterval: 1, name: t("scores.results.charts.count") },
      series: [{ type: "bar", data: values.map((value, i) => ({ value, itemStyle: { color: colors[i] } })), label: { show: true, position: "top" } }],
    };
  }, [labels, values, t]);
  const parts = labels
    .map((grade, i) => ({ grade, count: values[i] }))
    .filter((p, i) => i < GRADES.length || p.count > 0)
    .map((p) => t("scores.results.charts.gradePart", p))
    .join(t("scores.results.charts.sep"));
  const summary = t("scores.results.charts.gradesSummary", { month, parts });
  return <Chart option={option} summary={summary} testId="grade-chart" />;
}

export function TeamChart({ rows }: { rows: ResultRow[] }) {
  const { t } = useTranslation();
  const teams = useMemo(() => {
    const by = new Map<string, { team: string; sum: number; count: number }>();
    for (const r of rows) {
      if (r.composite == null) continue;
      const key = r.team_id == null ? "" : String(r.team_id);
      const e = by.get(key) ?? { team: r.team_name ?? t("scores.results.filters.noTeam"), sum: 0, count: 0 };
      e.sum += r.composite;
      e.count += 1;
      by.set(key, e);
    }
    return [...by.values()].map((e) => ({ team: e.team, count: e.count, mean: Math.round((e.sum / e.count) * 100) / 100 }));
  }, [rows, t]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "axis" },
      grid: { left: 36, right: 12, top: 16, bottom: 28 },
      xAxis: { type: "category", data: teams.map((x) => x.team), axisLabel: { interval: 0, hideOverlap: false } },
      yAxis: { type: "value", min: 0, max: 100, name: t("scores.results.charts.mean") },
      series: [{ type: "bar", data: teams.map((x) => x.mean), label: { show: true, position: "top", formatter: (p: { value: number }) => two(p.value) } }],
    }),
    [teams, t],
  );
  const summary = teams.length
    ? t("scores.results.charts.teamsSummary", {
        parts: teams.map((x) => t("scores.results.charts.teamPart", { team: x.team, mean: two(x.mean), count: x.count })).join(t("scores.results.charts.sep")),
      })
    : t("scores.results.charts.teamsNone");
  return <Chart option={option} summary={summary} testId="team-chart" />;
}

export function ItemsChart({ items }: { items: ItemAverage[] }) {
  const { t } = useTranslation();
  const named = useMemo(() => {
    const manyTemplates = new Set(items.map((i) => i.template_name)).size > 1;
    return items.map((i) => ({ ...i, label: manyTemplates ? `${i.template_name}·${i.item}` : i.item }));
  }, [items]);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 8, right: 40, top: 8, bottom: 24, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      xAxis: { type: "value", min: 0, max: 100, interval: 50, name: "%" },
      // top to bottom in the template's order
      yAxis: { type: "category", inverse: true, data: named.map((i) => i.label) },
      series: [
        {
          type: "bar",
          name: t("scores.results.charts.pct"),
          data: named.map((i) => (i.mean_pct == null ? "-" : Math.round(i.mean_pct * 10) / 10)),
          label: { show: true, position: "right", formatter: "{c}%" },
        },
      ],
    }),
    [named, t],
  );
  const summary = items.length
    ? t("scores.results.charts.itemsSummary", {
        parts: named
          .map((i) =>
            i.mean_pct == null
              ? t("scores.results.charts.itemNoScore", { item: i.label })
              : t("scores.results.charts.itemPart", { item: i.label, pct: i.mean_pct.toFixed(1) }),
          )
          .join(t("scores.results.charts.sep")),
      })
    : t("scores.results.charts.itemsNone");
  return <Chart option={option} height={Math.max(200, 28 * items.length + 50)} summary={summary} testId="items-chart" />;
}

export function TrendChart({ points, employeeNo, name, lines }: { points: TrendPoint[]; employeeNo: string; name: string; lines: GradeLine[] }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const known = points.filter((p) => p.composite != null).map((p) => p.composite as number);
    const shown = [...known, ...lines.map((l) => l.value)];
    const low = shown.length ? Math.min(...shown) : 0;
    return {
      tooltip: { trigger: "axis" },
      grid: { left: 36, right: 64, top: 16, bottom: 28 },
      xAxis: { type: "category", data: points.map((p) => p.month), axisLabel: { formatter: (m: string) => m.slice(2) } },
      yAxis: { type: "value", min: Math.max(0, Math.floor((low - 5) / 10) * 10), max: 100, name: t("scores.results.charts.composite") },
      series: [
        {
          type: "line",
          name: t("scores.results.charts.composite"),
          connectNulls: false,
          data: points.map((p) => (p.composite == null ? "-" : p.composite)),
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dashed", color: "#8c8c8c" },
            data: lines.map((l) => ({
              yAxis: l.value,
              label: { formatter: t("scores.results.charts.line", { label: l.label, value: l.value }) },
            })),
          },
        },
      ],
    };
  }, [points, lines, t]);
  const parts = points
    .map((p) =>
      p.composite == null
        ? t("scores.results.charts.trendGap", { month: p.month })
        : t("scores.results.charts.trendPart", {
            month: p.month,
            score: two(p.composite),
            grade: [p.grade ? t(`scores.grades.${p.grade}`) : null, p.published ? null : t("scores.results.charts.trendUnpublished")]
              .filter(Boolean)
              .join(t("scores.results.separator")),
          }),
    )
    .join(t("scores.results.charts.sep"));
  const summary =
    t("scores.results.charts.trendSummary", { no: employeeNo, name, parts }) +
    (lines.length
      ? t("scores.results.charts.trendLines", {
          lines: lines.map((l) => t("scores.results.charts.line", { label: l.label, value: l.value })).join(t("scores.results.charts.sep")),
        })
      : "");
  return <Chart option={option} summary={summary} testId="trend-chart" />;
}

/** The row of chart cards on the results page. */
export default function ResultsCharts(props: {
  month: string;
  rows: ResultRow[];
  /** Item averages: undefined where the operator may not read them (or they are still loading). */
  items: ItemAverage[] | undefined;
  showItems: boolean;
  selected: ResultRow | null;
  trend: TrendPoint[] | undefined;
  lines: GradeLine[];
}) {
  const { t } = useTranslation();
  const span = props.showItems ? { xs: 24, md: 12, xl: 6 } : { xs: 24, md: 12, xl: 8 };
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      <Col {...span}>
        <Card size="small" title={t("scores.results.charts.grades")}>
          <GradeChart rows={props.rows} month={props.month} />
        </Card>
      </Col>
      <Col {...span}>
        <Card size="small" title={t("scores.results.charts.teams")}>
          <TeamChart rows={props.rows} />
        </Card>
      </Col>
      {props.showItems ? (
        <Col {...span}>
          <Card size="small" title={t("scores.results.charts.items")}>
            {props.items ? <ItemsChart items={props.items} /> : <div style={{ height: 260 }} />}
          </Card>
        </Col>
      ) : null}
      <Col {...span}>
        <Card
          size="small"
          title={props.selected ? t("scores.results.charts.trendOf", { no: props.selected.employee_no, name: props.selected.name }) : t("scores.results.charts.trend")}
        >
          {props.selected && props.trend ? (
            <TrendChart points={props.trend} employeeNo={props.selected.employee_no} name={props.selected.name} lines={props.lines} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("scores.results.selected.none")} style={{ height: 236, paddingTop: 40, margin: 0 }} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
