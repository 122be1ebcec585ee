import {
  Button,
  Descriptions,
  Empty,
  List,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from "antd";
import { ADDRESS_DECLINED_LABEL, COMPLEXITY_LABELS } from "../../../contracts/appeals.js";
import {
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  type Assignment,
  DIFFICULTY_KIND_SHORT_LABELS,
  EXTENSION_STATUS_LABELS,
  MILESTONE_STATUS_LABELS,
  PLAN_STATUS_LABELS,
  WORK_ORDER_STATUS_LABELS,
  type WorkOrderStatus,
} from "../../../contracts/work-orders.js";
import type { Plan } from "../../api/plans.js";
import type { WorkOrder, WorkOrderSummary } from "../../api/workOrders.js";
import { channelText, typeText } from "../../components/AppealTags.js";
import { deadlineText, formatDateTimeZh, formatDateZh } from "../../lib/time.js";

const ORDER_COLORS: Record<WorkOrderStatus, string> = {
  pending: "orange",
  signed: "processing",
  returned: "red",
  replied: "green",
  closed: "default",
};

export function WorkOrderStatusTag({ status }: { status: WorkOrderStatus }) {
  return (
    <Tag color={ORDER_COLORS[status]} data-testid="work-order-status">
      {WORK_ORDER_STATUS_LABELS[status]}
    </Tag>
  );
}

/** 工作单 fields in the order of the standard's Appendix A. */
export function AppendixA({ wo }: { wo: WorkOrderSummary }) {
  const a = wo.appeal;
  const co = wo.assignments.filter((x) => x.role === "co").map((x) => x.departmentName);
  return (
    <Descriptions column={2} size="small" bordered data-testid="work-order-fields">
      <Descriptions.Item label="工作单编号">{wo.number}</Descriptions.Item>
      <Descriptions.Item label="受理编号">{a.trackingNo}</Descriptions.Item>
      <Descriptions.Item label="姓名或单位名称">{a.orgName ?? a.requesterName}</Descriptions.Item>
      <Descriptions.Item label="单位联系人">
        {a.contactPerson ?? (a.orgName ? a.requesterName : "—")}
      </Descriptions.Item>
      <Descriptions.Item label="联系电话">{a.phone}</Descriptions.Item>
      <Descriptions.Item label="诉求反应时间">{formatDateTimeZh(a.receivedAt)}</Descriptions.Item>
      <Descriptions.Item label="诉求反应类别">
        {typeText(a.type)} · {channelText(a.channel)}
      </Descriptions.Item>
      <Descriptions.Item label="联系地址">
        {a.address ?? (a.addressDeclined ? ADDRESS_DECLINED_LABEL : "—")}
      </Descriptions.Item>
      <Descriptions.Item label="政务服务牵头部门及责任部门" span={2}>
        牵头：{wo.leadDepartment.name}
        {co.length ? `；协办：${co.join("、")}` : ""}
      </Descriptions.Item>
      <Descriptions.Item label="事项复杂程度">
        {COMPLEXITY_LABELS[wo.complexity]}
        {wo.difficultyKind ? `（${DIFFICULTY_KIND_SHORT_LABELS[wo.difficultyKind]}）` : ""}
      </Descriptions.Item>
      <Descriptions.Item label="完成时限">
        <span data-testid="work-order-due">{deadlineText(wo.dueAt)}</span>
        {wo.dueProvisional ? "（临时期限）" : ""}
      </Descriptions.Item>
      <Descriptions.Item label="工作单联系人">
        {wo.contact.name}
        {wo.contact.phone ? ` · ${wo.contact.phone}` : ""}
      </Descriptions.Item>
      <Descriptions.Item label="备注">{wo.note ?? "—"}</Descriptions.Item>
      {wo.dueExplanation && (
        <Descriptions.Item label="时限说明" span={2}>
          {wo.dueExplanation}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** Each department's state on the order, with the co-departments' opinions for the lead. */
export function AssignmentsTable({ rows }: { rows: Assignment[] }) {
  const columns: TableColumnsType<Assignment> = [
    { title: "部门", dataIndex: "departmentName", width: 130 },
    {
      title: "角色",
      dataIndex: "role",
      width: 90,
      render: (r: Assignment["role"]) => ASSIGNMENT_ROLE_LABELS[r],
    },
    {
      title: "状态",
      dataIndex: "status",
      width: 110,
      render: (s: Assignment["status"]) => (
        <Tag color={s === "returned" ? "red" : s === "pending" ? "orange" : "blue"}>
          {ASSIGNMENT_STATUS_LABELS[s]}
        </Tag>
      ),
    },
    {
      title: "签收",
      width: 170,
      render: (_, x) => (x.signedAt ? formatDateTimeZh(x.signedAt) : "—"),
    },
    {
      title: "意见",
      render: (_, x) =>
        x.returnedReason ? (
          <Typography.Text type="danger">退单：{x.returnedReason}</Typography.Text>
        ) : x.opinion ? (
          <span className="appeal-content">{x.opinion}</span>
        ) : (
          "—"
        ),
    },
    {
      title: "联系方式",
      width: 200,
      render: (_, x) => [x.departmentLocation, x.departmentPhone].filter(Boolean).join(" · ") || "—",
    },
  ];
  return (
    <Table<Assignment>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 900 }}
    />
  );
}

export function ExtensionsList({ wo }: { wo: WorkOrder }) {
  if (wo.extensions.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有延期申请" />;
  return (
    <List
      size="small"
      dataSource={wo.extensions}
      renderItem={(x) => (
        <List.Item>
          <Space orientation="vertical" size={0}>
            <span>
              <Tag>{EXTENSION_STATUS_LABELS[x.status]}</Tag>
              {x.departmentName} 申请延至 {formatDateZh(x.until)}（{formatDateTimeZh(x.createdAt)}）
            </span>
            <Typography.Text type="secondary">理由：{x.reason}</Typography.Text>
            {x.decisionNote && <Typography.Text type="secondary">审批意见：{x.decisionNote}</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}

export function PlanView({
  plan,
  onReport,
}: {
  plan: Plan;
  /** Present for the lead department on an approved plan. */
  onReport?: (milestoneId: string, title: string) => void;
}) {
  return (
    <div data-testid="plan-view">
      <Space style={{ marginBottom: 8 }}>
        <Tag color={plan.status === "approved" ? "green" : plan.status === "rejected" ? "red" : "orange"}>
          {PLAN_STATUS_LABELS[plan.status]}
        </Tag>
        {plan.submittedAt && (
          <Typography.Text type="secondary">提交于 {formatDateTimeZh(plan.submittedAt)}</Typography.Text>
        )}
        {plan.completedAt && <Tag color="green">全部节点已完成</Tag>}
      </Space>
      <Typography.Paragraph className="appeal-content">{plan.summary}</Typography.Paragraph>
      {plan.decisionNote && (
        <Typography.Paragraph type="secondary">审批意见：{plan.decisionNote}</Typography.Paragraph>
      )}
      <List
        size="small"
        bordered
        dataSource={plan.milestones}
        renderItem={(m) => (
          <List.Item
            actions={
              onReport && m.status !== "done"
                ? [
                    <Button
                      type="link"
                      size="small"
                      key="r"
                      onClick={() => onReport(m.id, m.title)}
                      data-testid={`milestone-report-${m.seq}`}
                    >
                      上报进展
                    </Button>,
                  ]
                : []
            }
          >
            <Space orientation="vertical" size={0}>
              <span>
                {m.seq}. {m.title} — {formatDateZh(m.dueDate)}{" "}
                <Tag color={m.status === "done" ? "green" : m.overdue ? "red" : undefined}>
                  {m.overdue && m.status !== "done" ? "已逾期" : MILESTONE_STATUS_LABELS[m.status]}
                </Tag>
              </span>
              {m.lastReport && (
                <Typography.Text type="secondary">
                  最新进展（{formatDateTimeZh(m.reportedAt)}）：{m.lastReport}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}
