// The causes of the range's complaints (a pie; 未结案 for those not closed yet), and each month's
// complaints stacked by cause (closed ones by their cause, the rest 未结案) with the valid ones.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import Chart, { type ChartOption } from "../../components/Chart";
import type { ComplaintAnalysis } from "../../backend";
import { causeName, causesSummary, monthsSummary } from "./analysisText";
import { K } from "./complaintText";

const A = `${K}.analysis`;

export function CausesChart({ a }: { a: ComplaintAnalysis }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { type: "scroll", bottom: 0 },
      series: [
        {
          type: "pie",
          radius: ["35%", "65%"],
          center: ["50%", "45%"],
          label: { formatter: "{b} {c}" },
          data: a.by_cause.filter((c) => c.total > 0).map((c) => ({ name: causeName(t, c, en), value: c.total })),
        },
      ],
    }),
    [a, t, en],
  );
  return <Chart option={option} height={280} summary={causesSummary(t, a, en)} testId="complaint-chart-causes" />;
}

export function MonthsChart({ a }: { a: ComplaintAnalysis }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const option = useMemo<ChartOption>(() => {
    const months = a.by_month.map((m) => m.month);
    const used = a.by_cause.filter((c) => c.key !== "" && a.by_month.some((m) => m.by_cause.some((x) => x.cause_code === c.key && x.total > 0)));
    const closedIn = (m: ComplaintAnalysis["by_month"][number]) => m.by_cause.reduce((s, x) => s + x.total, 0);
    const stack = (name: string, data: number[]) => ({ name, type: "bar", stack: "causes", data, emphasis: { focus: "series" } });
    return {
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: "category", data: months },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        ...used.map((c) => stack(causeName(t, c, en), a.by_month.map((m) => m.by_cause.find((x) => x.cause_code === c.key)?.total ?? 0))),
        stack(t(`${A}.notClosed`), a.by_month.map((m) => Math.max(0, m.total - closedIn(m)))),
        { name: t(`${A}.seriesValid`), type: "line", data: a.by_month.map((m) => m.valid), itemStyle: { color: "#cf1322" } },
      ],
    };
  }, [a, t, en]);
  return <Chart option={option} height={280} summary={monthsSummary(t, a)} testId="complaint-chart-months" />;
}
