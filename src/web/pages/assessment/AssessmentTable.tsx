import { Table, Tag } from "antd";
import type { Assessment } from "../../api/assessment.js";

type Item = Assessment["items"][number];
export const pct = (v: number | null) => (v === null ? "—" : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
export const score = (v: number | null) => (v === null ? "—" : v.toFixed(2));

/** The ranking: rank, department, score, the rates behind it and the deductions. */
export function AssessmentTable({ items, loading }: { items: Item[]; loading?: boolean }) {
  return (
    <Table<Item>
      rowKey="departmentId"
      size="small"
      pagination={false}
      loading={loading}
      dataSource={items}
      locale={{ emptyText: "本月没有可考核的部门" }}
      data-testid="assessment-table"
      onRow={(i) =>
        ({ "data-testid": `assessment-row-${i.departmentId}` }) as React.HTMLAttributes<HTMLElement>
      }
      scroll={{ x: 900 }}
      columns={[
        {
          title: "排名",
          dataIndex: "rank",
          width: 70,
          render: (v: number | null) => (v === null ? <Tag>未参与</Tag> : v),
        },
        { title: "部门", dataIndex: "departmentName" },
        {
          title: "得分",
          dataIndex: "score",
          render: (v: number | null) => <span data-testid="assessment-score">{score(v)}</span>,
        },
        { title: "指标得分", dataIndex: "base", render: score },
        { title: "扣分", dataIndex: "deductions" },
        {
          title: "响应率",
          render: (_: unknown, i) =>
            `${pct(i.figures.responseRate)}（${i.figures.respondedOnTime}/${i.figures.responded}）`,
        },
        {
          title: "解决率",
          render: (_: unknown, i) =>
            `${pct(i.figures.resolutionRate)}（${i.figures.resolvedByRequester}/${i.figures.rated}）`,
        },
        {
          title: "满意率",
          render: (_: unknown, i) => (
            <span data-testid="assessment-satisfaction">
              {`${pct(i.figures.satisfactionRate)}（${i.figures.satisfied}/${i.figures.rated}）`}
            </span>
          ),
        },
        { title: "按期办结率", render: (_: unknown, i) => pct(i.figures.onTimeRate) },
        { title: "督办", render: (_: unknown, i) => i.figures.supervised },
        { title: "通报", render: (_: unknown, i) => i.figures.noticed },
      ]}
    />
  );
}
