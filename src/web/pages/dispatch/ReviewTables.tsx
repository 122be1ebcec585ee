import { Button, Empty, Space, Table, type TableColumnsType, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import {
  approveExtensionSchema,
  decidePlanSchema,
  denyExtensionSchema,
  EXTENSION_STATUS_LABELS,
  rejectPlanSchema,
} from "../../../contracts/work-orders.js";
import type { Appeal } from "../../api/appeals.js";
import { errorMessage } from "../../api/client.js";
import { type Extension, useDecideExtension, useExtensions } from "../../api/extensions.js";
import { type Plan, useDecidePlan, usePlans } from "../../api/plans.js";
import { requesterText, typeText } from "../../components/AppealTags.js";
import { DueLight } from "../../components/DueLight.js";
import { deadlineText, formatDateTimeZh, formatDateZh } from "../../lib/time.js";
import { type TextAction, TextActionModal } from "../work-orders/TextActionModal.js";

/** The appeals of one review queue (待分办 / 待销号). */
export function AppealQueue({
  rows,
  loading,
  error,
  empty,
  action,
}: {
  rows: Appeal[];
  loading: boolean;
  error: unknown;
  empty: string;
  action: (a: Appeal) => React.ReactNode;
}) {
  const columns: TableColumnsType<Appeal> = [
    {
      title: "受理编号",
      dataIndex: "trackingNo",
      width: 170,
      render: (t: string, a) => <Link to={`/appeals/${a.id}`}>{t}</Link>,
    },
    { title: "类别", dataIndex: "type", width: 70, render: (t: Appeal["type"]) => typeText(t) },
    { title: "诉求人", width: 120, render: (_, a) => requesterText(a.requester) },
    {
      title: "诉求内容",
      dataIndex: "content",
      ellipsis: true,
      render: (c: string) => <Typography.Text ellipsis={{ tooltip: c }}>{c}</Typography.Text>,
    },
    { title: "收到时间", dataIndex: "receivedAt", width: 170, render: (t: string) => formatDateTimeZh(t) },
    {
      title: "时限",
      width: 190,
      render: (_, a) => {
        const at = a.status === "received" && a.respondBy && !a.respondedAt ? a.respondBy : a.dueAt;
        return at ? <DueLight at={at} compact /> : "—";
      },
    },
    { title: "操作", width: 120, render: (_, a) => action(a) },
  ];
  if (error) return <Empty description={`加载失败：${errorMessage(error)}`} />;
  return (
    <Table<Appeal>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      locale={{ emptyText: <Empty description={empty} /> }}
    />
  );
}

/** 延期审批: approve (the new limit and the reason go to the requester) or deny with a reason. */
export function ExtensionQueue() {
  const list = useExtensions("pending");
  const decide = useDecideExtension();
  const [acting, setActing] = useState<TextAction | null>(null);
  const ask = (x: Extension, decision: "approve" | "deny") =>
    setActing({
      title: `${decision === "approve" ? "批准" : "驳回"}延期 · ${x.workOrderNumber}`,
      field: "note",
      label: decision === "approve" ? "审批意见（可选）" : "驳回理由",
      schema: (decision === "approve" ? approveExtensionSchema : denyExtensionSchema).shape.note,
      okText: decision === "approve" ? "批准延期" : "驳回",
      danger: decision === "deny",
      hint:
        decision === "approve"
          ? `批准后办理时限改为 ${formatDateZh(x.until)}，并告知诉求人延长的时限和理由。`
          : "驳回后原办理时限不变，申请部门将收到通知。",
      run: (note) => decide.mutateAsync({ id: x.id, decision, note }),
      done: decision === "approve" ? "已批准延期" : "已驳回延期申请",
    });
  const columns: TableColumnsType<Extension> = [
    {
      title: "工作单",
      dataIndex: "workOrderNumber",
      width: 170,
      render: (n: string, x) => <Link to={`/work-orders/${x.workOrderId}`}>{n}</Link>,
    },
    { title: "申请部门", dataIndex: "departmentName", width: 140 },
    {
      title: "原时限 → 申请延至",
      width: 280,
      render: (_, x) => `${deadlineText(x.oldDueAt)} → ${formatDateZh(x.until)}`,
    },
    { title: "延期理由", dataIndex: "reason", ellipsis: true },
    { title: "申请时间", dataIndex: "createdAt", width: 170, render: (t: string) => formatDateTimeZh(t) },
    {
      title: "操作",
      width: 150,
      render: (_, x) => (
        <Space>
          <Button
            size="small"
            type="primary"
            onClick={() => ask(x, "approve")}
            data-testid="extension-approve"
          >
            批准
          </Button>
          <Button size="small" danger onClick={() => ask(x, "deny")} data-testid="extension-deny">
            驳回
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table<Extension>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={false}
        locale={{
          emptyText: (
            <Empty
              description={
                list.isError
                  ? `加载失败：${errorMessage(list.error)}`
                  : `没有${EXTENSION_STATUS_LABELS.pending}的延期申请`
              }
            />
          ),
        }}
      />
      <TextActionModal action={acting} onClose={() => setActing(null)} />
    </>
  );
}

/** 方案审批: major-issue plans submitted by lead departments. */
export function PlanQueue() {
  const list = usePlans("submitted");
  const decide = useDecidePlan();
  const [acting, setActing] = useState<TextAction | null>(null);
  const ask = (p: Plan, decision: "approve" | "reject") =>
    setActing({
      title: `${decision === "approve" ? "批准" : "驳回"}解决方案 · ${p.workOrderNumber}`,
      field: "note",
      label: decision === "approve" ? "审批意见（可选）" : "驳回理由",
      schema: (decision === "approve" ? decidePlanSchema : rejectPlanSchema).shape.note,
      okText: decision === "approve" ? "批准方案" : "驳回",
      danger: decision === "reject",
      hint:
        decision === "approve"
          ? "批准后办理时限改为最后一个时间节点，并告知诉求人。"
          : "驳回后牵头部门须重新制定方案。",
      run: (note) => decide.mutateAsync({ id: p.id, decision, note }),
      done: decision === "approve" ? "已批准方案" : "已驳回方案",
    });
  const columns: TableColumnsType<Plan> = [
    {
      title: "工作单",
      dataIndex: "workOrderNumber",
      width: 170,
      render: (n: string, p) => <Link to={`/work-orders/${p.workOrderId}`}>{n}</Link>,
    },
    { title: "方案内容", dataIndex: "summary", ellipsis: true },
    {
      title: "时间节点",
      width: 320,
      render: (_, p) => (
        <Space orientation="vertical" size={0}>
          {p.milestones.map((m) => (
            <span key={m.id}>
              <Tag>{m.seq}</Tag>
              {m.title}：{formatDateZh(m.dueDate)}
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: "操作",
      width: 150,
      render: (_, p) => (
        <Space>
          <Button size="small" type="primary" onClick={() => ask(p, "approve")}>
            批准
          </Button>
          <Button size="small" danger onClick={() => ask(p, "reject")}>
            驳回
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <>
      <Table<Plan>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={false}
        locale={{
          emptyText: (
            <Empty
              description={list.isError ? `加载失败：${errorMessage(list.error)}` : "没有待审批的解决方案"}
            />
          ),
        }}
      />
      <TextActionModal action={acting} onClose={() => setActing(null)} />
    </>
  );
}
