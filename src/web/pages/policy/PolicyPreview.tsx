import { useQueries } from "@tanstack/react-query";
import { Table, Tag } from "antd";
import { fetchDeadline } from "../../api/calendar.js";
import { errorMessage } from "../../api/client.js";
import type { RuleN } from "../../api/types.js";
import { ruleText } from "../../components/DeadlineResult.js";
import { deadlineText } from "../../lib/time.js";

interface Row {
  key: string;
  label: string;
  value: RuleN | undefined;
}

/** "若现在受理，一般事项 … 到期": the policy being edited, applied to an appeal received now. */
export function PolicyPreview({ rows, start }: { rows: Row[]; start: string }) {
  const results = useQueries({
    queries: rows.map((r) => ({
      queryKey: ["calendar", "deadline", { start, rule: r.value?.rule, n: r.value?.n }],
      queryFn: () =>
        fetchDeadline({
          start,
          rule: r.value!.rule,
          n: r.value!.rule === "same_day" ? undefined : r.value!.n,
        }),
      enabled: !!r.value?.rule && (r.value.rule === "same_day" || (r.value.n ?? 0) >= 1),
      retry: false,
    })),
  });
  return (
    <Table<Row>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      data-testid="policy-preview"
      columns={[
        { title: "事项", dataIndex: "label" },
        {
          title: "时限",
          key: "rule",
          render: (_, r) => (r.value?.rule ? ruleText(r.value.rule, r.value.n) : "—"),
        },
        {
          title: "若现在受理，到期时间",
          key: "due",
          render: (_, _r, i) => {
            const q = results[i];
            if (!q || q.isPending) return q?.fetchStatus === "idle" ? "—" : "计算中…";
            if (q.isError) return <span style={{ color: "#cf1322" }}>{errorMessage(q.error)}</span>;
            return (
              <>
                {deadlineText(q.data.dueAt)}
                {q.data.provisional && (
                  <Tag color="warning" style={{ marginLeft: 8 }}>
                    临时期限
                  </Tag>
                )}
              </>
            );
          },
        },
      ]}
    />
  );
}
