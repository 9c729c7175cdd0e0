// The coverage the backend counted, drawn: one day's rostered heads against its requirement per
// half hour (bars: rostered up to the need, the surplus above it, the gap up to the need in red;
// a step line: the need), and the month as a heat map of rostered − needed per half hour (red
// short, grey met, teal over; days without a requirement in a pale grey). Differences and
// counts here are of the backend's two numbers per half hour, for colour and words only.
import { memo, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { CoverageDay } from "../../backend";
import Chart, { type ChartClick, type ChartOption } from "../../components/Chart";
import { SLOT_LABELS, slotSpan } from "./slots";

export const COLOURS = {
  met: "#4096ff",
  over: "#36cfc9",
  short: "#ff4d4f",
  needed: "#1f1f1f",
  none: "#bfbfbf",
};

/** Half hours where fewer are rostered than needed. */
export function shortSlots(day: CoverageDay): number {
  return day.needed.reduce((n, need, i) => n + (day.rostered[i] < need ? 1 : 0), 0);
}

const total = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);
/** A surplus or a gap as a bar segment; none draws nothing (not even its border). */
const gap = (n: number) => (n > 0 ? n : "-");

type Tip = { dataIndex: number; axisValueLabel?: string }[];

export const DayChart = memo(function DayChart({ day, title }: { day: CoverageDay; title: string }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const { needed, rostered, has_requirement: has } = day;
    const L = (k: string) => t(`planning.coverage.legend.${k}`);
    const series: object[] = has
      ? [
          { name: L("met"), type: "bar", stack: "c", data: needed.map((n, i) => Math.min(n, rostered[i])), itemStyle: { color: COLOURS.met }, barCategoryGap: "12%" },
          { name: L("over"), type: "bar", stack: "c", data: rostered.map((r, i) => gap(r - needed[i])), itemStyle: { color: COLOURS.over } },
          {
            name: L("short"),
            type: "bar",
            stack: "c",
            data: needed.map((n, i) => gap(n - rostered[i])),
            itemStyle: { color: "rgba(255,77,79,0.75)", borderColor: "#cf1322", borderWidth: 1, borderType: "dashed" },
          },
          { name: L("needed"), type: "line", step: "middle", data: [...needed], symbol: "none", lineStyle: { color: COLOURS.needed, width: 2 }, itemStyle: { color: COLOURS.needed }, z: 5 },
        ]
      : [{ name: t("planning.coverage.tip.rostered"), type: "bar", data: [...rostered], itemStyle: { color: COLOURS.none }, barCategoryGap: "12%" }];
    const tip = t("planning.coverage.tip", { returnObjects: true }) as Record<string, string>;
    return {
      animation: false,
      legend: { top: 0, right: 8, itemWidth: 14, itemHeight: 10 },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (items: Tip) => {
          const i = items[0]?.dataIndex ?? 0;
          const lines = [`<b>${slotSpan(i)}</b>`];
          if (has) lines.push(`${tip.needed} ${needed[i]}`);
          lines.push(`${tip.rostered} ${rostered[i]}`);
          if (has && rostered[i] < needed[i]) lines.push(`<span style="color:#cf1322">${tip.short} ${needed[i] - rostered[i]}</span>`);
          if (has && rostered[i] > needed[i]) lines.push(`${tip.over} ${rostered[i] - needed[i]}`);
          return lines.join("<br/>");
        },
      },
      grid: { left: 36, right: 16, top: 32, bottom: 24 },
      xAxis: { type: "category", data: SLOT_LABELS, axisLabel: { interval: 3 }, axisTick: { alignWithLabel: true, interval: 1 } },
      yAxis: { type: "value", minInterval: 1 },
      series,
    };
  }, [day, t]);
  const summary = day.has_requirement
    ? t("planning.coverage.daySummary", { date: title, needed: total(day.needed), rostered: total(day.rostered), slots: shortSlots(day) })
    : t("planning.coverage.dayNoneSummary", { date: title, rostered: total(day.rostered) });
  return <Chart option={option} height={240} summary={summary} testId="coverage-day-chart" />;
});

/** A heat map cell: half hour, day row, rostered − needed, needed, rostered. */
type Cell = [number, number, number, number, number];

const PIECES = [
  { lte: -3, key: "short3", color: "#cf1322" },
  { value: -2, key: "short2", color: "#ff7875" },
  { value: -1, key: "short1", color: "#ffc9c9" },
  { value: 0, key: "met", color: "#dfe3ea" },
  { value: 1, key: "over1", color: "#a8ece3" },
  { gte: 2, key: "over2", color: "#13a8a8" },
];
/** A day without a requirement: who is rostered, uncoloured by need. */
export const NONE_COLOUR = "#ebe6f5";

export const HeatMap = memo(function HeatMap({
  days,
  labels,
  month,
  onPick,
}: {
  days: readonly CoverageDay[];
  /** Each day's row label (`12-01 一`). */
  labels: readonly string[];
  month: string;
  onPick: (date: string) => void;
}) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const withNeed: Cell[] = [];
    const without: Cell[] = [];
    // A half hour nobody is needed in and nobody rostered stays blank: the working day stands out.
    days.forEach((d, y) => {
      for (let x = 0; x < d.needed.length; x++) {
        if (d.needed[x] === 0 && d.rostered[x] === 0) continue;
        (d.has_requirement ? withNeed : without).push([x, y, d.rostered[x] - d.needed[x], d.needed[x], d.rostered[x]]);
      }
    });
    const noNeed = new Set(days.flatMap((d, y) => (d.has_requirement ? [] : [y])));
    const tip = t("planning.coverage.tip", { returnObjects: true }) as Record<string, string>;
    return {
      animation: false,
      tooltip: {
        formatter: (p: { value: Cell; seriesIndex: number }) => {
          const [x, y, diff, need, got] = p.value;
          const head = `<b>${labels[y]} ${slotSpan(x)}</b>`;
          if (p.seriesIndex === 1) return `${head}<br/>${t("planning.coverage.pieces.none")} · ${tip.rostered} ${got}`;
          const tail = diff < 0 ? `<br/><span style="color:#cf1322">${tip.short} ${-diff}</span>` : diff > 0 ? `<br/>${tip.over} ${diff}` : "";
          return `${head}<br/>${tip.needed} ${need} · ${tip.rostered} ${got}${tail}`;
        },
      },
      grid: { left: 64, right: 12, top: 36, bottom: 24 },
      xAxis: { type: "category", data: SLOT_LABELS, axisLabel: { interval: 3 }, splitArea: { show: false }, axisTick: { alignWithLabel: true } },
      yAxis: {
        type: "category",
        data: [...labels],
        inverse: true,
        triggerEvent: true,
        axisTick: { show: false },
        axisLine: { show: false },
        splitArea: { show: true, areaStyle: { color: ["#ffffff", "#fafbfc"] } },
        // A day without a requirement: its label greyed and marked.
        axisLabel: {
          fontSize: 11,
          interval: 0,
          formatter: (label: string, y: number) => (noNeed.has(y) ? `{none|${label} ·}` : label),
          rich: { none: { color: "#a0a7b4", fontSize: 11 } },
        },
      },
      visualMap: {
        type: "piecewise",
        seriesIndex: 0,
        dimension: 2,
        orient: "horizontal",
        top: 0,
        right: 12,
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { fontSize: 11 },
        pieces: PIECES.map(({ key, ...p }) => ({ ...p, label: t(`planning.coverage.pieces.${key}`) })),
      },
      legend: { show: false },
      series: [
        { name: "coverage", type: "heatmap", data: withNeed, itemStyle: { borderColor: "#fff", borderWidth: 1 }, emphasis: { itemStyle: { borderColor: "#1f1f1f", borderWidth: 1 } } },
        { name: "none", type: "heatmap", data: without, itemStyle: { color: NONE_COLOUR, borderColor: "#fff", borderWidth: 1 } },
      ],
    };
  }, [days, labels, t]);
  const click = (p: ChartClick) => {
    const y = p.componentType === "yAxis" ? labels.indexOf(String(p.value)) : Array.isArray(p.value) ? Number(p.value[1]) : -1;
    const day = days[y];
    if (day) onPick(day.date);
  };
  const shortDays = days.filter((d) => d.has_requirement && shortSlots(d) > 0).length;
  const none = days.filter((d) => !d.has_requirement).length;
  const summary = t("planning.coverage.heatSummary", { month, days: days.length, shortDays, none });
  return <Chart option={option} height={days.length * 15 + 70} summary={summary} testId="coverage-heatmap" onClick={click} />;
});
