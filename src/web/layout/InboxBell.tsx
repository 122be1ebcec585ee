import { BellOutlined } from "@ant-design/icons";
import { Alert, App, Badge, Button, Empty, Flex, Popover, Skeleton, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { errorMessage } from "../api/client.js";
import {
  type StaffNotification,
  useLatestUnread,
  useMarkRead,
  useReadAll,
  useUnreadCount,
} from "../api/notifications.js";
import { formatDateTimeZh } from "../lib/time.js";
import { consoleLink, KIND_COLORS, kindTag, unreadText } from "../pages/notifications/notificationView.js";
import "../pages/notifications/notifications.css";

const LATEST = 5;

/** One unread message in the popover: title, kind and time; a click marks it read and opens its link. */
function LatestItem({ n, onOpen }: { n: StaffNotification; onOpen: (n: StaffNotification) => void }) {
  const kind = kindTag(n.kind, n.title);
  return (
    <button
      type="button"
      className="yousu-bell-item"
      onClick={() => onOpen(n)}
      data-testid={`bell-item-${n.id}`}
    >
      <Flex justify="space-between" gap={8} align="baseline">
        <Typography.Text strong ellipsis style={{ maxWidth: 250 }}>
          {n.title}
        </Typography.Text>
        {kind && (
          <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>
            {kind}
          </Tag>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatDateTimeZh(n.createdAt)}
      </Typography.Text>
    </button>
  );
}

/**
 * The header bell: the unread count as a badge (polled every 30 s and on window focus, hidden at 0)
 * and, on click, the latest unread messages with a link to 消息.
 */
export function InboxBell() {
  const [open, setOpen] = useState(false);
  const count = useUnreadCount();
  const latest = useLatestUnread(LATEST, open);
  const markRead = useMarkRead();
  const readAll = useReadAll();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const unread = count.data ?? 0;

  const openItem = async (n: StaffNotification) => {
    setOpen(false);
    const link = consoleLink(n.link);
    if (link) navigate(link);
    try {
      await markRead.mutateAsync(n.id);
    } catch (e) {
      message.error(`标记已读失败：${errorMessage(e)}`);
    }
  };

  const items = latest.data?.items ?? [];
  const content = (
    <div className="yousu-bell-panel" data-testid="inbox-bell-panel">
      {latest.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {latest.isError && (
        <Alert type="error" showIcon title={`消息加载失败：${errorMessage(latest.error)}`} />
      )}
      {latest.data &&
        (items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有未读消息" />
        ) : (
          items.map((n) => <LatestItem key={n.id} n={n} onOpen={openItem} />)
        ))}
      <Flex justify="space-between" align="center" className="yousu-bell-footer">
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={readAll.isPending}
          onClick={() =>
            readAll.mutate(undefined, {
              onError: (e) => message.error(`操作失败：${errorMessage(e)}`),
            })
          }
        >
          全部标为已读
        </Button>
        <Link to="/notifications" onClick={() => setOpen(false)} data-testid="inbox-bell-all">
          查看全部
        </Link>
      </Flex>
    </div>
  );

  return (
    <Popover
      content={content}
      title={
        latest.data && latest.data.unread > LATEST ? `未读消息（共 ${latest.data.unread} 条）` : "未读消息"
      }
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
    >
      <button
        type="button"
        className="yousu-bell-button"
        data-testid="inbox-bell"
        aria-label={`消息：${unreadText(unread)}`}
        title={unreadText(unread)}
      >
        <Badge
          size="small"
          count={
            unread > 0 ? (
              <span className="yousu-bell-count" data-testid="inbox-unread">
                {unread > 99 ? "99+" : unread}
              </span>
            ) : null
          }
        >
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </button>
    </Popover>
  );
}
