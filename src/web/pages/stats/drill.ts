import type { DrillMetric, RateTargets } from "../../../contracts/insight.js";

/** Links from a number of 统计分析 to the appeals behind it (the appeal list in drill-down mode). */

export type Dim = { departmentId?: string; channel?: string; type?: string };

/** `label`: the group's name, shown on the list's banner (display only; the ids filter). */
export function drillUrl(
  metric: DrillMetric,
  from: string,
  to: string,
  dim: Dim = {},
  label?: string,
): string {
  const q = new URLSearchParams({ metric, from, to });
  for (const [k, v] of Object.entries(dim)) if (v !== undefined) q.set(k, v);
  if (label) q.set("label", label);
  return `/appeals?${q}`;
}

export const pct = (v: number | null) => (v === null ? "—" : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

export type RateKey = keyof RateTargets;
export const RATE_LABELS: Record<RateKey, string> = {
  responseRate: "响应率",
  resolutionRate: "解决率",
  satisfactionRate: "满意率",
  onTimeRate: "按期办结率",
};

/** Below the target: red; at or above: green; no data: none. */
export function rateColor(v: number | null, target: number | undefined): string | undefined {
  if (v === null || target === undefined) return undefined;
  return v >= target ? "#389e0d" : "#cf1322";
}
