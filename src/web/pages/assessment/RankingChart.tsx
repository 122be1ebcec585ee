import { useMemo } from "react";
import type { Assessment } from "../../api/assessment.js";
import { type ChartOption, EChart } from "../../components/EChart.js";

/** The month's scores as bars, highest first (unscored departments are left out). */
export function RankingChart({ items }: { items: Assessment["items"] }) {
  const scored = items.filter((i) => i.score !== null);
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "axis", valueFormatter: (v) => (v === null || v === undefined ? "—" : `${v} 分`) },
      grid: { left: 40, right: 16, top: 24, bottom: 70 },
      xAxis: {
        type: "category",
        data: scored.map((i) => `${i.rank}. ${i.departmentName}`),
        axisLabel: { interval: 0, rotate: 30 },
      },
      yAxis: { type: "value", min: 0, max: 100 },
      series: [
        {
          name: "考核得分",
          type: "bar",
          data: scored.map((i) => i.score),
          barMaxWidth: 56,
          label: { show: true, position: "top", formatter: (p) => Number(p.value).toFixed(2) },
        },
      ],
    }),
    [scored],
  );
  return <EChart option={option} height={320} label="各部门考核得分" testId="assessment-chart" />;
}
