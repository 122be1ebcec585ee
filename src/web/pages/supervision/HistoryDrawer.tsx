import { Descriptions, Drawer, Empty, Space, Tag } from "antd";
import { Link } from "react-router";
import { errorMessage } from "../../api/client.js";
import { type BoardItem, useTargetHistory } from "../../api/supervision.js";
import { deadlineText } from "../../lib/time.js";
import { RecordsTable } from "./RecordsTable.js";
import { LIGHT_TAGS, targetText } from "./supervisionUi.js";

/** 历史: every 催办 / 督办 / 通报 about one board item, newest first. */
export function HistoryDrawer({ item, onClose }: { item: BoardItem | null; onClose: () => void }) {
  const history = useTargetHistory(item ? { targetKind: item.targetKind, targetId: item.targetId } : null);
  const rows = history.data?.items ?? [];
  return (
    <Drawer
      open={item !== null}
      onClose={onClose}
      size={960}
      destroyOnHidden
      title={item ? `督办历史 · ${item.label}` : "督办历史"}
    >
      {item && (
        <div data-testid="history-drawer">
          <Descriptions
            size="small"
            column={2}
            bordered
            style={{ marginBottom: 16 }}
            items={[
              {
                key: "appeal",
                label: "受理编号",
                children: <Link to={`/appeals/${item.appealId}`}>{item.trackingNo}</Link>,
              },
              { key: "kind", label: "事项", children: targetText(item.targetKind, true) },
              { key: "dept", label: "责任部门", children: item.departmentName ?? "中心窗口" },
              {
                key: "due",
                label: "时限",
                children: (
                  <Space size={6}>
                    {deadlineText(item.dueAt)}
                    <Tag color={LIGHT_TAGS[item.light].color}>{item.countdown}</Tag>
                  </Space>
                ),
              },
              { key: "content", label: "诉求内容", span: 2, children: item.excerpt },
            ]}
          />
          <RecordsTable
            rows={rows}
            loading={history.isPending}
            canAct={false}
            compact
            emptyText={
              history.isError ? (
                `加载失败：${errorMessage(history.error)}`
              ) : (
                <Empty description="还没有催办或督办记录。可在看板上对该事项催办或督办。" />
              )
            }
          />
        </div>
      )}
    </Drawer>
  );
}
