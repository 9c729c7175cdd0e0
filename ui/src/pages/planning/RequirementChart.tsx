// The requirement being typed, as bars of agents per half hour (and, for Erlang C, the contacts
// expected as a line on the right axis): a preview of the day's shape.
import { memo, useMemo } from "react";
import { useTranslation } from "react-i18next";
import Chart, { type ChartOption } from "../../components/Chart";
import { SLOT_LABELS, slotSpan, sumAndPeak } from "./slots";

type Props = {
  kindLabel: string;
  agents: readonly number[];
  /** Erlang C's contacts (null: a typed day). */
  contacts: readonly number[] | null;
  /** The agents are Erlang's answer for other contacts or inputs. */
  stale: boolean;
};

export default memo(function RequirementChart({ kindLabel, agents, contacts, stale }: Props) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const series: object[] = [
      {
        name: t("planning.requirement.chartAgents"),
        type: "bar",
        data: [...agents],
        barCategoryGap: "15%",
        itemStyle: { color: stale ? "#bfbfbf" : "#4096ff" },
      },
    ];
    if (contacts)
      series.push({
        name: t("planning.requirement.chartContacts"),
        type: "line",
        yAxisIndex: 1,
        data: [...contacts],
        symbol: "none",
        smooth: false,
        lineStyle: { color: "#fa8c16", width: 2 },
        itemStyle: { color: "#fa8c16" },
      });
    return {
      animation: false,
      tooltip: {
        trigger: "axis",
        formatter: (items: { dataIndex: number; seriesName: string; value: number; marker: string }[]) =>
          [slotSpan(items[0]?.dataIndex ?? 0), ...items.map((p) => `${p.marker}${p.seriesName} ${p.value}`)].join("<br/>"),
      },
      legend: contacts ? { top: 0, left: "center", itemWidth: 14, itemHeight: 10 } : undefined,
      grid: { left: 40, right: contacts ? 48 : 16, top: contacts ? 28 : 16, bottom: 24 },
      xAxis: { type: "category", data: SLOT_LABELS, axisLabel: { interval: 3 }, axisTick: { alignWithLabel: true } },
      // The legend names the two axes' series; axis names would sit on top of it.
      yAxis: contacts ? [{ type: "value", minInterval: 1 }, { type: "value", minInterval: 1, splitLine: { show: false } }] : { type: "value", minInterval: 1 },
      series,
    };
  }, [agents, contacts, stale, t]);
  const { sum, peak } = sumAndPeak(agents);
  const at = agents.indexOf(peak);
  const summary =
    peak === 0
      ? t("planning.requirement.chartEmpty", { kind: kindLabel })
      : t("planning.requirement.chartSummary", { kind: kindLabel, sum, peak, at: slotSpan(at) });
  return <Chart option={option} height={200} summary={summary} testId="requirement-chart" />;
});
