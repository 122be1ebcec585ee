import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from "echarts/charts";
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import { type ComposeOption, type EChartsType, init, use } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useMemo, useRef } from "react";
import type { StatsSummary } from "../../api/results.js";

// Loaded with the statistics page only (its own chunk).
use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption
>;
type Group = StatsSummary["groups"][number];

function EChart({
  option,
  height,
  label,
  testId,
}: {
  option: Option;
  height: number;
  label: string;
  testId: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = init(el.current, undefined, { renderer: "canvas" });
    chart.current = c;
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

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** The three rates per department, in percent (null: nothing to count). */
export function RatesChart({ groups }: { groups: Group[] }) {
  const option = useMemo<Option>(
    () => ({
      tooltip: { trigger: "axis", valueFormatter: (v) => (v === null || v === undefined ? "—" : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 60 },
      xAxis: { type: "category", data: groups.map((g) => g.label), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        { name: "响应率", type: "bar", data: groups.map((g) => pct(g.responseRate)) },
        { name: "解决率", type: "bar", data: groups.map((g) => pct(g.resolutionRate)) },
        { name: "满意率", type: "bar", data: groups.map((g) => pct(g.satisfactionRate)) },
      ],
    }),
    [groups],
  );
  return (
    <EChart option={option} height={320} label="各部门响应率、解决率、满意率" testId="stats-rates-chart" />
  );
}

/** Received and closed per day. */
export function TrendChart({ days }: { days: Group[] }) {
  const option = useMemo<Option>(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 30 },
      xAxis: { type: "category", data: days.map((d) => d.label.slice(5)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: "受理", type: "line", data: days.map((d) => d.received) },
        { name: "办结销号", type: "line", data: days.map((d) => d.closed) },
        { name: "评价", type: "line", data: days.map((d) => d.rated) },
      ],
    }),
    [days],
  );
  return <EChart option={option} height={260} label="诉求量趋势" testId="stats-trend-chart" />;
}
