import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Table, type TableColumnsType, Typography } from "antd";
import { useMemo } from "react";
import { useAuditLog, useVerifyAudit } from "../../api/audit.js";
import { errorMessage } from "../../api/client.js";
import type { AuditEntry } from "../../api/types.js";
import { PageHeader } from "../../components/PageHeader.js";
import { formatDateTimeZh } from "../../lib/time.js";
import { actionLabel, entityLabel } from "./auditLabels.js";

function detailsText(d: unknown): string {
  if (d === null || d === undefined) return "";
  return typeof d === "string" ? d : JSON.stringify(d);
}

/** 审计日志: the hash-chained trail of every state change, with a chain check (等保 2.0). */
export function AuditPage() {
  const log = useAuditLog();
  const verify = useVerifyAudit();
  const rows = useMemo(() => log.data?.pages.flatMap((p) => p.items) ?? [], [log.data]);

  const columns: TableColumnsType<AuditEntry> = [
    { title: "编号", dataIndex: "id", width: 90 },
    { title: "时间", dataIndex: "at", width: 180, render: formatDateTimeZh },
    { title: "操作人", dataIndex: "actorName", width: 120, render: (v: string | null) => v || "系统" },
    {
      title: "动作",
      dataIndex: "action",
      width: 180,
      render: (a: string) => <span title={a}>{actionLabel(a)}</span>,
    },
    {
      title: "对象",
      key: "entity",
      width: 160,
      render: (_, r) => (r.entity ? `${entityLabel(r.entity)}${r.entityId ? ` #${r.entityId}` : ""}` : "—"),
    },
    {
      title: "详情",
      dataIndex: "details",
      render: (d: unknown) => (
        <Typography.Text ellipsis={{ tooltip: detailsText(d) }} style={{ maxWidth: 360 }} code>
          {detailsText(d) || "—"}
        </Typography.Text>
      ),
    },
    { title: "IP", dataIndex: "ip", width: 130, render: (v: string | null) => v || "—" },
  ];

  const v = verify.data;
  return (
    <>
      <PageHeader
        title="审计日志"
        extra={
          <Button
            icon={<SafetyCertificateOutlined />}
            onClick={() => verify.mutate()}
            loading={verify.isPending}
            data-testid="audit-verify"
          >
            校验完整性
          </Button>
        }
      />
      {verify.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`校验失败：${errorMessage(verify.error)}`}
        />
      )}
      {v && (
        <Alert
          type={v.ok ? "success" : "error"}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="audit-verify-result"
          title={
            v.ok
              ? `链完整：已校验 ${v.checked} 条记录，未发现篡改`
              : `链已断裂：第一条异常记录编号 ${v.firstBrokenId ?? "未知"}（已校验 ${v.checked} 条）`
          }
          description={v.ok ? undefined : "该记录或其之前的记录可能被修改或删除，请立即上报并保全数据库。"}
        />
      )}
      <Card>
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={log.isFetching && !log.isFetchingNextPage}
          pagination={false}
          scroll={{ x: 1000 }}
          locale={{ emptyText: log.isError ? `加载失败：${errorMessage(log.error)}` : "暂无审计记录" }}
        />
        {log.hasNextPage && (
          <div style={{ textAlign: "center", marginTop: 16 }}>
            <Button
              onClick={() => log.fetchNextPage()}
              loading={log.isFetchingNextPage}
              data-testid="audit-more"
            >
              加载更多
            </Button>
          </div>
        )}
      </Card>
    </>
  );
}
