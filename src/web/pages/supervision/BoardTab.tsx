import { HistoryOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  Flex,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import { type HTMLAttributes, type ReactNode, useMemo, useState } from "react";
import { Link } from "react-router";
import { LIGHTS, type Light } from "../../../contracts/appeals.js";
import { BOARD_TARGETS } from "../../../contracts/supervision.js";
import { errorMessage } from "../../api/client.js";
import { type BoardFilters, type BoardItem, useBoard, useManualSupervision } from "../../api/supervision.js";
import { deadlineText, formatDateTimeZh } from "../../lib/time.js";
import { LightTag, Summary } from "./BoardSummary.js";
import { DepartmentFilter } from "./DepartmentFilter.js";
import { HistoryDrawer } from "./HistoryDrawer.js";
import type { NoteAction } from "./NoteModal.js";
import { NoteModal } from "./NoteModal.js";
import { RecordStatusTag } from "./RecordsTable.js";
import { boardRowActions, LIGHT_TAGS, targetText } from "./supervisionUi.js";

function about(item: BoardItem): NoteAction["about"] {
  return [
    { label: "受理编号", value: item.trackingNo },
    { label: "事项", value: `${targetText(item.targetKind, true)} · ${item.label}` },
    { label: "责任部门", value: item.departmentName ?? "中心窗口" },
    {
      label: "时限",
      value: `${deadlineText(item.dueAt)}（${item.countdown}）`,
    },
  ];
}

/**
 * 看板: lights per department, then the open items (most urgent first) with 催办 / 督办 / 历史.
 * Leaders see the same board without the action buttons.
 */
export function BoardTab({
  filters,
  onFilters,
  departments,
  canAct,
}: {
  filters: BoardFilters;
  onFilters: (f: BoardFilters) => void;
  departments: { value: string; label: string }[];
  canAct: boolean;
}) {
  const board = useBoard(filters);
  const manual = useManualSupervision();
  const [action, setAction] = useState<NoteAction | null>(null);
  const [history, setHistory] = useState<BoardItem | null>(null);
  const rows = useMemo(() => board.data?.pages.flatMap((p) => p.items) ?? [], [board.data]);
  const first = board.data?.pages[0];
  const filtered = !!(filters.departmentId || filters.light || filters.targetKind);

  const remind = (item: BoardItem) =>
    setAction({
      kind: "reminder",
      title: `催办 · ${item.label}`,
      okText: "发送催办",
      label: "催办说明",
      placeholder: "例如：请于今日下班前答复办理进展。",
      maxLength: 1000,
      about: about(item),
      hint: "催办通知将发送给责任部门的办理人员，并记入诉求的办理记录。",
      run: (note) =>
        manual.mutateAsync({
          kind: "reminder",
          body: { targetKind: item.targetKind, targetId: item.targetId, note },
        }),
      done: "已催办",
    });

  const supervise = (item: BoardItem) =>
    setAction({
      kind: "supervision",
      title: `督办 · ${item.label}`,
      okText: "发出督办单",
      label: "督办说明",
      placeholder: "例如：该事项已超期，请立即办理并书面说明超期原因。",
      maxLength: 1000,
      about: about(item),
      hint: "将生成督办单（按时限策略给出督办时限），通知责任部门；督办时限内仍未办理的，可予以通报。",
      danger: item.light === "red",
      run: (note) =>
        manual.mutateAsync({
          kind: "supervision",
          body: { targetKind: item.targetKind, targetId: item.targetId, note },
        }),
      done: "已发出督办单",
    });

  const columns: TableColumnsType<BoardItem> = [
    {
      title: "灯",
      key: "light",
      width: 80,
      fixed: "left",
      render: (_, i) => <LightTag light={i.light} />,
    },
    {
      title: "事项",
      key: "label",
      width: 200,
      render: (_, i) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{i.label}</Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: i.excerpt }} style={{ maxWidth: 180 }}>
            {i.excerpt}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: "受理编号",
      key: "trackingNo",
      width: 130,
      render: (_, i) => (
        <Link to={`/appeals/${i.appealId}`} data-testid={`board-appeal-${i.targetKind}-${i.targetId}`}>
          {i.trackingNo}
        </Link>
      ),
    },
    {
      title: "责任部门",
      key: "department",
      width: 110,
      render: (_, i) => i.departmentName ?? <Typography.Text type="secondary">中心窗口</Typography.Text>,
    },
    {
      title: "时限",
      key: "due",
      width: 200,
      render: (_, i) => (
        <Space orientation="vertical" size={0}>
          <span>{deadlineText(i.dueAt)}</span>
          <Typography.Text type={i.light === "red" ? "danger" : undefined} data-testid="board-countdown">
            {i.countdown}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: "催办",
      key: "reminders",
      width: 70,
      align: "center",
      render: (_, i) =>
        i.reminders > 0 ? (
          <span data-testid="board-reminders">{i.reminders} 次</span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: "督办",
      key: "supervision",
      width: 210,
      render: (_, i) =>
        i.supervisionNumber ? (
          <Space size={4} wrap data-testid="board-supervision">
            <span>{i.supervisionNumber}</span>
            {i.supervisionStatus && <RecordStatusTag status={i.supervisionStatus} />}
            {i.noticed && <Tag color="error">已通报</Tag>}
            {i.supervisionStatus === "open" && i.supervisionDueAt && (
              <Typography.Text type="secondary">限 {deadlineText(i.supervisionDueAt)}</Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">未督办</Typography.Text>
        ),
    },
    {
      title: "操作",
      key: "actions",
      width: canAct ? 170 : 80,
      fixed: "right",
      render: (_, i) => {
        const a = boardRowActions(i, canAct);
        const id = `${i.targetKind}-${i.targetId}`;
        return (
          <Space size={4}>
            {a.remind && (
              <Button size="small" onClick={() => remind(i)} data-testid={`board-remind-${id}`}>
                催办
              </Button>
            )}
            {canAct && (
              <Tooltip title={a.superviseBlocked}>
                <Button
                  size="small"
                  danger={i.light === "red"}
                  disabled={!a.supervise}
                  onClick={() => supervise(i)}
                  data-testid={`board-supervise-${id}`}
                >
                  督办
                </Button>
              </Tooltip>
            )}
            <Button
              size="small"
              type="link"
              icon={<HistoryOutlined />}
              onClick={() => setHistory(i)}
              data-testid={`board-history-${id}`}
            >
              历史
            </Button>
          </Space>
        );
      },
    },
  ];

  let emptyText: ReactNode;
  if (board.isError) emptyText = `加载失败：${errorMessage(board.error)}`;
  else if (filtered) emptyText = "没有符合条件的事项，请调整或清空筛选条件。";
  else emptyText = "没有临期或超期的事项。工作单、方案节点和首次回应临近时限时会出现在这里。";

  return (
    <>
      <Summary
        rows={first?.summary ?? []}
        loading={board.isPending}
        light={filters.light}
        onLight={(light) => onFilters({ ...filters, light })}
        onDepartment={(r) =>
          onFilters({
            ...filters,
            departmentId:
              r.departmentId && r.departmentId !== filters.departmentId ? r.departmentId : undefined,
          })
        }
      />
      <Card size="small">
        <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }} data-testid="board-filters">
          <DepartmentFilter
            departments={departments}
            value={filters.departmentId}
            onChange={(departmentId) => onFilters({ ...filters, departmentId })}
            testId="board-filter-department"
          />
          <Select
            allowClear
            placeholder="全部灯色"
            style={{ width: 140 }}
            options={LIGHTS.map((l) => ({ value: l, label: LIGHT_TAGS[l].text }))}
            value={filters.light}
            onChange={(light?: Light) => onFilters({ ...filters, light })}
            aria-label="灯色"
            data-testid="board-filter-light"
          />
          <Select
            allowClear
            placeholder="全部事项"
            style={{ width: 160 }}
            options={BOARD_TARGETS.map((t) => ({ value: t, label: targetText(t, true) }))}
            value={filters.targetKind}
            onChange={(targetKind?: BoardFilters["targetKind"]) => onFilters({ ...filters, targetKind })}
            aria-label="事项类别"
            data-testid="board-filter-target"
          />
          {filtered && <Button onClick={() => onFilters({})}>清空筛选</Button>}
          {first && (
            <Typography.Text type="secondary" style={{ marginInlineStart: "auto" }}>
              计算时间：{formatDateTimeZh(first.now)}
            </Typography.Text>
          )}
        </Flex>
        <Table<BoardItem>
          rowKey={(i) => `${i.targetKind}-${i.targetId}`}
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={board.isFetching && !board.isFetchingNextPage}
          pagination={false}
          scroll={{ x: 1170 }}
          onRow={(i) =>
            ({ "data-testid": `board-row-${i.targetKind}-${i.targetId}` }) as HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText }}
          data-testid="board-table"
        />
        {board.hasNextPage && (
          <div style={{ textAlign: "center", marginTop: 16 }}>
            <Button
              onClick={() => board.fetchNextPage()}
              loading={board.isFetchingNextPage}
              data-testid="board-more"
            >
              加载更多
            </Button>
          </div>
        )}
      </Card>
      <NoteModal action={action} onClose={() => setAction(null)} />
      <HistoryDrawer item={history} onClose={() => setHistory(null)} />
    </>
  );
}
