import { Alert, Button, Card, Segmented, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { type FollowUpDuty, useFollowUpDuties } from "../../api/assessment.js";
import { errorMessage } from "../../api/client.js";
import { DueLight } from "../../components/DueLight.js";
import { PageHeader } from "../../components/PageHeader.js";
import { formatDateTimeZh } from "../../lib/time.js";

type Filter = "open" | "bad_rating" | "done" | "waived";

/**
 * 回访任务: closed appeals the requester has not rated, and bad ratings given on the portal (due
 * within 1 working day, on the supervision board too). Recording the call on the appeal's page
 * (记录回访) discharges the duty.
 */
export function FollowUpsPage() {
  const [filter, setFilter] = useState<Filter>("open");
  const status = filter === "bad_rating" ? "open" : filter;
  const q = useFollowUpDuties(status, filter === "bad_rating" ? "bad_rating" : undefined);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title="回访任务" />
      <Card size="small">
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          options={[
            { value: "open", label: "待回访" },
            { value: "bad_rating", label: "差评待回访" },
            { value: "done", label: "已回访" },
            { value: "waived", label: "已评价免回访" },
          ]}
          data-testid="follow-up-filter"
        />
        <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
          办结后服务对象未评价的诉求须回访；网上差评须在 1
          个工作日内回访（逾期列入督办）。打开诉求“记录回访”即完成任务。
        </Typography.Text>
      </Card>
      {q.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(q.error)}`} />}
      <Table<FollowUpDuty>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: status === "open" ? "没有待回访的诉求" : "没有记录" }}
        data-testid="follow-up-table"
        columns={[
          {
            title: "受理编号",
            dataIndex: "trackingNo",
            render: (v: string, d) => <Link to={`/appeals/${d.appealId}`}>{v}</Link>,
          },
          {
            title: "类型",
            dataIndex: "reasonLabel",
            render: (v: string, d) => <Tag color={d.reason === "bad_rating" ? "red" : "blue"}>{v}</Tag>,
          },
          {
            title: "评价",
            render: (_: unknown, d) =>
              d.ratingLevelLabel
                ? `${d.ratingLevelLabel}${d.ratingComment ? `：“${d.ratingComment}”` : ""}`
                : "—",
          },
          {
            title: status === "open" ? "回访时限" : "完成时间",
            render: (_: unknown, d) =>
              d.status === "open" ? <DueLight at={d.dueAt} /> : formatDateTimeZh(d.closedAt),
          },
          { title: "状态", dataIndex: "statusLabel" },
        ]}
      />
      {q.hasNextPage && (
        <Button style={{ marginTop: 12 }} onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
          加载更多
        </Button>
      )}
    </>
  );
}
