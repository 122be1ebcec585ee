import { useMemo } from "react";
import type { RateTargets } from "../../../contracts/insight.js";
import type { StatsSummary } from "../../api/results.js";
import { type ChartOption, EChart } from "../../components/EChart.js";

type Option = ChartOption;
type Group = StatsSummary["groups"][number];

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** A dashed mark line at the target of a rate (percent). */
/** Each rate's label sits at its own place along the line, so equal targets (解决率 and 满意率 both
 * 90 %) do not print their labels over each other. */
const LABEL_AT = { 响应率: "insideEndTop", 解决率: "insideMiddleTop", 满意率: "insideStartTop" } as const;

const targetLine = (target: number | undefined, name: keyof typeof LABEL_AT) =>
  target === undefined
    ? undefined
    : {
        symbol: "none",
        silent: true,
        lineStyle: { type: "dashed" as const },
        label: {
          formatter: `${name}目标 ${Math.round(target * 1000) / 10}%`,
          position: LABEL_AT[name],
        },
        data: [{ yAxis: Math.round(target * 1000) / 10 }],
      };

/** The three rates per department, in percent (null: nothing to count), with their targets. */
export function RatesChart({ groups, targets }: { groups: Group[]; targets?: RateTargets }) {
  const option = useMemo<Option>(
    () => ({
      tooltip: { trigger: "axis", valueFormatter: (v) => (v === null || v === undefined ? "—" : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 36, bottom: 60 },
      xAxis: { type: "category", data: groups.map((g) => g.label), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        {
          name: "响应率",
          type: "bar",
          data: groups.map((g) => pct(g.responseRate)),
          markLine: targetLine(targets?.responseRate, "响应率"),
        },
        {
          name: "解决率",
          type: "bar",
          data: groups.map((g) => pct(g.resolutionRate)),
          markLine: targetLine(targets?.resolutionRate, "解决率"),
        },
        {
          name: "满意率",
          type: "bar",
          data: groups.map((g) => pct(g.satisfactionRate)),
          markLine: targetLine(targets?.satisfactionRate, "满意率"),
        },
      ],
    }),
    [groups, targets],
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
