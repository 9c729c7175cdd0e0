// Who the complaints concern: the ten agents with the most (all and valid), and each team's
// complaints with its complaint rate (per 10,000 contacts, shown in %) where contacts were entered.
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import Chart, { type ChartOption } from "../../components/Chart";
import type { ComplaintAnalysis } from "../../backend";
import { agentsSummary, teamName, teamsSummary, topAgents } from "./analysisText";
import { K, nameIn } from "./complaintText";

const A = `${K}.analysis`;

export function AgentsChart({ a }: { a: ComplaintAnalysis }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  const option = useMemo<ChartOption>(() => {
    const top = [...topAgents(a)].reverse();
    return {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { bottom: 0 },
      grid: { left: 110, right: 24, top: 8, bottom: 40 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: top.map((c) => `${nameIn(c, en)} ${c.key}`) },
      series: [
        { name: t(`${A}.seriesTotal`), type: "bar", data: top.map((c) => c.total), itemStyle: { color: "#1677ff" } },
        { name: t(`${A}.seriesValid`), type: "bar", data: top.map((c) => c.valid), itemStyle: { color: "#ff4d4f" } },
      ],
    };
  }, [a, t, en]);
  return <Chart option={option} height={280} summary={agentsSummary(t, a, en)} testId="complaint-chart-agents" />;
}

export function TeamsChart({ a }: { a: ComplaintAnalysis }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 40, right: 48, top: 24, bottom: 40 },
      xAxis: { type: "category", data: a.by_team.map((c) => teamName(t, c)), axisLabel: { interval: 0 } },
      yAxis: [
        { type: "value", minInterval: 1 },
        { type: "value", name: "%", axisLabel: { formatter: (v: number) => v.toFixed(2) } },
      ],
      series: [
        { name: t(`${A}.seriesTotal`), type: "bar", data: a.by_team.map((c) => c.total), itemStyle: { color: "#1677ff" } },
        { name: t(`${A}.seriesValid`), type: "bar", data: a.by_team.map((c) => c.valid), itemStyle: { color: "#ff4d4f" } },
        {
          name: t(`${A}.seriesRate`),
          type: "line",
          yAxisIndex: 1,
          data: a.by_team.map((c) => (c.rate_bp === null ? null : c.rate_bp / 100)),
          itemStyle: { color: "#faad14" },
        },
      ],
    }),
    [a, t],
  );
  return <Chart option={option} height={280} summary={teamsSummary(t, a)} testId="complaint-chart-teams" />;
}
