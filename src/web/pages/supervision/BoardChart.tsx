import { useMemo } from "react";
import { type ChartOption, EChart } from "../../components/EChart.js";
import { LIGHT_COLORS, type SummaryRow, summaryChart } from "./supervisionUi.js";

type Option = ChartOption;

/**
 * 看板: green / yellow / red open items per department as stacked horizontal bars, most urgent
 * department on top. Clicking a bar filters the table below to that department.
 */
export default function BoardChart({
  rows,
  onPickDepartment,
}: {
  rows: SummaryRow[];
  onPickDepartment?: (row: SummaryRow) => void;
}) {
  const { categories, series, description } = useMemo(() => {
    const c = summaryChart(rows);
    const text = c.categories
      .map((name, i) => {
        const [r, y, g] = c.series.map((s) => s.data[i] ?? 0);
        return `${name}：红 ${r}，黄 ${y}，绿 ${g}`;
      })
      .join("；");
    // Horizontal bars draw the first category at the bottom: reverse so the most urgent is on top.
    return {
      categories: [...c.categories].reverse(),
      series: c.series.map((s) => ({ ...s, data: [...s.data].reverse() })),
      description: text,
    };
  }, [rows]);

  const option = useMemo<Option>(
    () => ({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0, data: series.map((s) => s.name) },
      grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: categories, axisLabel: { width: 120, overflow: "truncate" } },
      series: series.map((s) => ({
        name: s.name,
        type: "bar",
        stack: "total",
        barMaxWidth: 22,
        itemStyle: { color: LIGHT_COLORS[s.light] },
        label: {
          show: true,
          formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ""),
        },
        data: s.data,
      })),
    }),
    [categories, series],
  );

  const height = Math.max(160, 48 + categories.length * 34);

  return (
    <EChart
      option={option}
      height={height}
      label={`各部门待办事项：${description}`}
      testId="board-chart"
      onClickCategory={(i) => {
        const name = categories[i];
        const row = rows.find((r) => r.departmentName === name);
        if (row) onPickDepartment?.(row);
      }}
    />
  );
}
