// One ECharts chart. ECharts itself (see echartsSetup.ts) is loaded the first time a chart is
// drawn, so no page pays for it until it shows a chart: the figure, its size and its summary are
// there at once, the drawing follows when the library is in. `summary` is what the chart says in
// words: screen readers and tests read it.
import { useEffect, useRef } from "react";
import type { ECharts, EChartsCoreOption } from "echarts/core";

export type ChartOption = EChartsCoreOption;

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

let library: Promise<typeof import("./echartsSetup")> | null = null;

/** ECharts, loaded once (again on the next chart if a load failed). */
function loadECharts(): Promise<typeof import("./echartsSetup")> {
  library ??= import("./echartsSetup").catch((e: unknown) => {
    library = null;
    throw e;
  });
  return library;
}

export default function Chart({ option, height = 260, summary, testId, onClick }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  // The option to draw once ECharts is in (it may change while it loads).
  const latest = useRef(option);
  latest.current = option;
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let gone = false;
    loadECharts().then(
      ({ init }) => {
        if (gone) return;
        try {
          chart.current = init(el, null, { renderer: "svg" });
          chart.current.on("click", (p) => click.current?.(p as ChartClick));
        } catch {
          // No layout here (a test DOM): the summary still says what the chart shows.
          chart.current = null;
          return;
        }
        try {
          chart.current.setOption(latest.current, { notMerge: true });
        } catch {
          // as above
        }
      },
      (e: unknown) => {
        // Bundled with the app, so this should not happen; the summary still says it all.
        if (!gone) console.warn("charts unavailable", e);
      },
    );
    const resize = () => chart.current?.resize();
    window.addEventListener("resize", resize);
    return () => {
      gone = true;
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
