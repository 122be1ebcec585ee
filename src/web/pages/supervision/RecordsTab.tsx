import { DownloadOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Flex, Select, Typography } from "antd";
import { useMemo, useState } from "react";
import {
  SUPERVISION_KIND_LABELS,
  type SupervisionKind,
  type SupervisionStatus,
} from "../../../contracts/supervision.js";
import { errorMessage } from "../../api/client.js";
import {
  type RecordFilters,
  type SupervisionRecord,
  supervisionExportUrl,
  useNotice,
  useSupervisionRecords,
} from "../../api/supervision.js";
import { deadlineText } from "../../lib/time.js";
import { DepartmentFilter } from "./DepartmentFilter.js";
import { type NoteAction, NoteModal } from "./NoteModal.js";
import { RecordsTable } from "./RecordsTable.js";
import { statusText } from "./supervisionUi.js";

/** The statuses a kind of record can have (reminders and notices are done when written). */
const STATUSES: Record<SupervisionKind, SupervisionStatus[]> = {
  reminder: [],
  supervision: ["open", "resolved", "escalated"],
  notice: [],
};

const EMPTY: Record<SupervisionKind, string> = {
  reminder: "还没有催办记录。临近时限的事项会自动催办，也可在看板上人工催办。",
  supervision: "还没有督办单。超期未办的事项会自动督办，也可在看板上人工督办。",
  notice: "还没有通报。督办时限届满仍未办理的督办单会被通报，也可在督办单页人工通报。",
};

/** 催办记录 / 督办单 / 通报: the records of one kind, filterable, exportable, printable. */
export function RecordsTab({
  kind,
  departmentId,
  onDepartment,
  departments,
  canAct,
}: {
  kind: SupervisionKind;
  departmentId?: string;
  onDepartment: (id: string | undefined) => void;
  departments: { value: string; label: string }[];
  canAct: boolean;
}) {
  const [status, setStatus] = useState<SupervisionStatus | undefined>();
  const filters: RecordFilters = { kind, departmentId, status };
  const list = useSupervisionRecords(filters);
  const notice = useNotice();
  const [action, setAction] = useState<NoteAction | null>(null);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const filtered = !!(departmentId || status);

  const openNotice = (r: SupervisionRecord) =>
    setAction({
      kind: "notice",
      title: `通报 · ${r.number ?? r.trackingNo}`,
      okText: "发出通报",
      label: "通报说明",
      placeholder: "例如：经督办仍未按期办理，予以通报。",
      maxLength: 2000,
      danger: true,
      about: [
        { label: "督办单", value: r.number ?? "—" },
        { label: "受理编号", value: r.trackingNo },
        { label: "责任部门", value: r.departmentName ?? "中心窗口" },
        { label: "督办时限", value: r.dueAt ? deadlineText(r.dueAt) : "—" },
      ],
      hint: "通报将形成报告，报送同级人民政府，抄送同级纪委监委（收件单位见时限策略），并通知责任部门。",
      run: (note) => notice.mutateAsync({ orderId: r.id, note }),
      done: "已发出通报",
    });

  const statuses = STATUSES[kind];
  return (
    <Card size="small">
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <DepartmentFilter
          departments={departments}
          value={departmentId}
          onChange={onDepartment}
          testId={`records-filter-department-${kind}`}
        />
        {statuses.length > 0 && (
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            options={statuses.map((s) => ({ value: s, label: statusText(s) }))}
            value={status}
            onChange={(v?: SupervisionStatus) => setStatus(v)}
            aria-label="状态"
            data-testid={`records-filter-status-${kind}`}
          />
        )}
        <Button
          icon={<DownloadOutlined />}
          href={supervisionExportUrl(filters)}
          download
          style={{ marginInlineStart: "auto" }}
          data-testid={`records-export-${kind}`}
        >
          导出Excel
        </Button>
      </Flex>
      <RecordsTable
        kind={kind}
        rows={rows}
        loading={list.isFetching && !list.isFetchingNextPage}
        canAct={canAct}
        onNotice={kind === "supervision" ? openNotice : undefined}
        emptyText={
          list.isError ? (
            `加载失败：${errorMessage(list.error)}`
          ) : (
            <Empty
              description={
                filtered
                  ? `没有符合条件的${SUPERVISION_KIND_LABELS[kind]}记录，请调整筛选条件。`
                  : EMPTY[kind]
              }
            />
          )
        }
      />
      {list.hasNextPage && (
        <div style={{ textAlign: "center", marginTop: 16 }}>
          <Button
            onClick={() => list.fetchNextPage()}
            loading={list.isFetchingNextPage}
            data-testid={`records-more-${kind}`}
          >
            加载更多
          </Button>
        </div>
      )}
      {rows.length > 0 && !list.hasNextPage && (
        <Typography.Paragraph
          type="secondary"
          style={{ textAlign: "center", marginTop: 12, marginBottom: 0 }}
        >
          共 {rows.length} 条
        </Typography.Paragraph>
      )}
      <NoteModal action={action} onClose={() => setAction(null)} />
    </Card>
  );
}
