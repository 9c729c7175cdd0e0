// One ECharts chart. Only the chart kinds and components FloorDesk draws are registered (bar,
// line, pie, heat map), so the bundle carries those alone; the SVG renderer keeps text crisp in
// a printed page and works where a canvas does not (the tests' DOM). `summary` is what the chart
// says in words: screen readers and tests read it.
import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, HeatmapChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, MarkLineComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

echarts.use([BarChart, LineChart, PieChart, HeatmapChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, MarkLineComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** What ECharts says of a clicked item: a series' item (its series, place and value) or, on an
 * axis with `triggerEvent`, a label (`componentType` "yAxis", `value` the label's category). */
export type ChartClick = { componentType?: string; seriesIndex?: number; dataIndex: number; value: unknown };

type Props = {
  option: ChartOption;
  height?: number;
  summary: string;
  testId: string;
  /** A click on a bar, a point or a heat map cell. */
  onClick?: (item: ChartClick) => void;
};

export default function Chart({ option, height = 260, summary, testId, onClick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    try {
      chart.current = echarts.init(el, null, { renderer: "svg" });
      chart.current.on("click", (p) => click.current?.(p as ChartClick));
    } catch {
      // No layout here (a test DOM): the summary still says what the chart shows.
      chart.current = null;
    }
    const resize = () => chart.current?.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    try {
      chart.current?.setOption(option, { notMerge: true });
    } catch {
      // as above
    }
  }, [option]);
  return (
    <figure style={{ margin: 0 }} data-testid={testId} aria-label={summary}>
      <div ref={box} style={{ width: "100%", height }} />
      <figcaption className="fd-sr-only">{summary}</figcaption>
    </figure>
  );
}
