// ECharts as FloorDesk draws it: only the chart kinds and components it uses (bar, line, pie, heat
// map) are registered, so the bundle carries those alone. The SVG renderer keeps text crisp in a
// printed page and works where a canvas does not (the tests' DOM).
//
// Only `Chart` imports this, and dynamically: ECharts is a chunk of its own, fetched the first
// time a chart is drawn, never at start-up.
import { init, use } from "echarts/core";
import { BarChart, HeatmapChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, LineChart, PieChart, HeatmapChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, MarkLineComponent, SVGRenderer]);

export { init };
