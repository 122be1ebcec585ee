import { Card, Empty, Table, type TableColumnsType, Tabs, Tag, Typography } from "antd";
import { Link, useSearchParams } from "react-router";
import { COMPLEXITY_LABELS } from "../../../contracts/appeals.js";
import {
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  type WorkOrderStatus,
} from "../../../contracts/work-orders.js";
import { isOpenOrder } from "../../../core/work-order.js";
import { errorMessage } from "../../api/client.js";
import { useMyWorkOrders, type WorkOrderSummary } from "../../api/workOrders.js";
import { useSession } from "../../auth/session.js";
import { typeText } from "../../components/AppealTags.js";
import { DueLight } from "../../components/DueLight.js";
import { PageHeader } from "../../components/PageHeader.js";
import { deadlineText, formatDateTimeZh } from "../../lib/time.js";

const TABS: { key: WorkOrderStatus; label: string; empty: string }[] = [
  { key: "pending", label: "待签收", empty: "没有待签收的工作单" },
  { key: "signed", label: "办理中", empty: "没有办理中的工作单" },
  { key: "returned", label: "已退回", empty: "没有已退回的工作单" },
  { key: "replied", label: "已答复", empty: "没有已答复的工作单" },
];

function OrderTable({ status, empty }: { status: WorkOrderStatus; empty: string }) {
  const list = useMyWorkOrders(status);
  const { user } = useSession();
  const open = isOpenOrder(status);
  const columns: TableColumnsType<WorkOrderSummary> = [
    {
      title: "工作单编号",
      dataIndex: "number",
      width: 170,
      render: (n: string, w) => (
        <Link to={`/work-orders/${w.id}`} data-testid={`wo-open-${w.appeal.trackingNo}`}>
          {n}
        </Link>
      ),
    },
    ...(open
      ? [
          {
            title: "时限",
            width: 200,
            render: (_: unknown, w: WorkOrderSummary) => (
              <DueLight at={w.dueAt} light={w.light ?? undefined} provisional={w.dueProvisional} compact />
            ),
          },
        ]
      : [
          {
            title: "完成时限",
            width: 220,
            render: (_: unknown, w: WorkOrderSummary) => deadlineText(w.dueAt),
          },
        ]),
    {
      title: "本部门",
      width: 150,
      render: (_, w) => {
        const mine = w.assignments.find((a) => a.departmentId === user?.departmentId);
        return mine ? (
          <span>
            {ASSIGNMENT_ROLE_LABELS[mine.role]} <Tag>{ASSIGNMENT_STATUS_LABELS[mine.status]}</Tag>
          </span>
        ) : w.myRole ? (
          ASSIGNMENT_ROLE_LABELS[w.myRole]
        ) : (
          "—"
        );
      },
    },
    { title: "复杂程度", width: 130, render: (_, w) => COMPLEXITY_LABELS[w.complexity] },
    { title: "类别", width: 70, render: (_, w) => typeText(w.appeal.type) },
    {
      title: "诉求内容",
      ellipsis: true,
      render: (_, w) => (
        <Typography.Text ellipsis={{ tooltip: w.appeal.content }}>{w.appeal.content}</Typography.Text>
      ),
    },
    { title: "派单时间", dataIndex: "createdAt", width: 170, render: (t: string) => formatDateTimeZh(t) },
  ];
  return (
    <Table<WorkOrderSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.isPending}
      pagination={false}
      locale={{
        emptyText: <Empty description={list.isError ? `加载失败：${errorMessage(list.error)}` : empty} />,
      }}
    />
  );
}

/** 部门办件: the department's work orders by state, with due lights and working-time countdowns. */
export function DepartmentPage() {
  const [sp, setSp] = useSearchParams();
  const { user } = useSession();
  const tab = TABS.find((t) => t.key === sp.get("tab"))?.key ?? "pending";
  return (
    <>
      <PageHeader title={`部门办件${user?.departmentName ? ` · ${user.departmentName}` : ""}`} />
      {!user?.departmentId ? (
        <Empty description="您的账号未关联部门，请联系系统管理员设置所属部门。" />
      ) : (
        <Card size="small">
          <Tabs
            activeKey={tab}
            onChange={(k) => setSp(k === "pending" ? {} : { tab: k }, { replace: true })}
            items={TABS.map((t) => ({
              key: t.key,
              label: <span data-testid={`dept-tab-${t.key}`}>{t.label}</span>,
              children: <OrderTable status={t.key} empty={t.empty} />,
            }))}
            destroyOnHidden
          />
        </Card>
      )}
    </>
  );
}
