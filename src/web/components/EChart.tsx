import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from "echarts/charts";
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import { type ComposeOption, type EChartsType, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only the chart kinds the console draws; imported by lazily loaded pages only (their own chunk).
use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
>;

/**
 * A small ECharts wrapper: one instance per element, resized with its box, disposed on unmount;
 * `onClickCategory` gets the index of a clicked category (drill-down).
 */
export function EChart({
  option,
  height,
  label,
  testId,
  onClickCategory,
}: {
  option: ChartOption;
  height: number;
  label: string;
  testId: string;
  onClickCategory?: (index: number) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickRef = useRef(onClickCategory);
  clickRef.current = onClickCategory;

  useEffect(() => {
    if (!el.current) return;
    const c = init(el.current, undefined, { renderer: "canvas" });
    chart.current = c;
    c.on("click", (p) => {
      if (typeof p.dataIndex === "number") clickRef.current?.(p.dataIndex);
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div ref={el} role="img" aria-label={label} style={{ width: "100%", height }} data-testid={testId} />
  );
}
