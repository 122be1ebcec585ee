import { PrinterOutlined } from "@ant-design/icons";
import { Button, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { SUPERVISION_KIND_LABELS, type SupervisionKind } from "../../../contracts/supervision.js";
import { type SupervisionRecord, supervisionPrintUrl } from "../../api/supervision.js";
import { deadlineText, formatDateTimeZh } from "../../lib/time.js";
import { canNotice, STATUS_COLORS, statusText, targetText } from "./supervisionUi.js";

export function RecordStatusTag({ status }: { status: SupervisionRecord["status"] }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="record-status" data-status={status}>
      {statusText(status)}
    </Tag>
  );
}

export function PrintLink({ record }: { record: SupervisionRecord }) {
  return (
    <a
      href={supervisionPrintUrl(record.id)}
      target="_blank"
      rel="noopener noreferrer"
      data-testid={`record-print-${record.id}`}
    >
      <PrinterOutlined /> 打印
    </a>
  );
}

function due(iso: string | null): string {
  return iso ? deadlineText(iso) : "—";
}

function recipientsText(r: SupervisionRecord): string | null {
  if (!r.recipients) return null;
  const copy = [r.recipients.disciplineCommission, ...r.recipients.copyTo].join("、");
  return `报送：${r.recipients.government}；抄送：${copy}`;
}

/**
 * The 催办 / 督办单 / 通报 records: what happened (facts), about which appeal and deadline, who
 * sent it and how it stands. `kind` undefined = mixed (the history drawer).
 */
export function RecordsTable({
  kind,
  rows,
  loading,
  emptyText,
  canAct,
  onNotice,
  compact,
  footer,
}: {
  kind?: SupervisionKind;
  rows: SupervisionRecord[];
  loading: boolean;
  emptyText: ReactNode;
  canAct: boolean;
  onNotice?: (r: SupervisionRecord) => void;
  compact?: boolean;
  footer?: ReactNode;
}) {
  const columns: TableColumnsType<SupervisionRecord> = [
    ...(kind === undefined
      ? [
          {
            title: "类别",
            key: "kind",
            width: 70,
            render: (_: unknown, r: SupervisionRecord) => SUPERVISION_KIND_LABELS[r.kind],
          },
        ]
      : []),
    ...(kind !== "reminder"
      ? [
          {
            title: "编号",
            key: "number",
            width: 150,
            render: (_: unknown, r: SupervisionRecord) => r.number ?? "—",
          },
        ]
      : []),
    ...(compact
      ? []
      : [
          {
            title: "受理编号",
            key: "trackingNo",
            width: 140,
            render: (_: unknown, r: SupervisionRecord) => (
              <Link to={`/appeals/${r.appealId}`} data-testid={`record-appeal-${r.id}`}>
                {r.trackingNo}
              </Link>
            ),
          },
          {
            title: "责任部门",
            key: "department",
            width: 130,
            render: (_: unknown, r: SupervisionRecord) => r.departmentName ?? "中心窗口",
          },
        ]),
    {
      title: "状态",
      key: "status",
      width: 90,
      render: (_, r) => <RecordStatusTag status={r.status} />,
    },
    {
      title: "事实",
      key: "facts",
      width: 340,
      render: (_, r) => (
        <Space orientation="vertical" size={2} style={{ width: "100%" }}>
          <Typography.Paragraph ellipsis={{ rows: 3, tooltip: r.facts }} style={{ margin: 0 }}>
            {r.facts}
          </Typography.Paragraph>
          {r.note && (
            <Typography.Text type="secondary" data-testid="record-note">
              说明：{r.note}
            </Typography.Text>
          )}
          {kind !== "reminder" && recipientsText(r) && (
            <Typography.Text type="secondary">{recipientsText(r)}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: "时限",
      key: "due",
      width: 230,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>
            <Typography.Text type="secondary">{targetText(r.targetKind)}：</Typography.Text>
            {due(r.targetDueAt)}
          </span>
          {r.dueAt && (
            <span data-testid="record-due">
              <Typography.Text type="secondary">督办时限：</Typography.Text>
              {due(r.dueAt)}
            </span>
          )}
          {r.resolvedAt && (
            <Typography.Text type="success">办结于 {formatDateTimeZh(r.resolvedAt)}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: "发起",
      key: "created",
      width: 170,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTimeZh(r.createdAt)}</span>
          <Typography.Text type="secondary">
            {r.manual ? r.createdByName : "系统自动"}
            {r.manual && <Tag style={{ marginInlineStart: 6 }}>人工</Tag>}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: "操作",
      key: "actions",
      width: 120,
      fixed: "right",
      render: (_, r) => (
        <Space size={4} wrap>
          <PrintLink record={r} />
          {onNotice && canNotice(r, canAct) && (
            <Tooltip title="督办后仍未办理：向同级人民政府报告，抄送同级纪委监委">
              <Button size="small" danger onClick={() => onNotice(r)} data-testid={`record-notice-${r.id}`}>
                通报
              </Button>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Table<SupervisionRecord>
      rowKey="id"
      size={compact ? "small" : "middle"}
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: compact ? 900 : 1380 }}
      onRow={(r) => ({ "data-testid": `record-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText }}
      footer={footer ? () => footer : undefined}
    />
  );
}
