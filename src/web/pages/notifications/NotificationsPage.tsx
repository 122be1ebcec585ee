import { CheckOutlined, ReloadOutlined, RightOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Flex, Segmented, Skeleton, Space, Tag, Typography } from "antd";
import { useMemo } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { errorMessage } from "../../api/client.js";
import {
  type StaffNotification,
  useMarkRead,
  useNotifications,
  useReadAll,
  useUnreadCount,
} from "../../api/notifications.js";
import { PageHeader } from "../../components/PageHeader.js";
import { formatDateTimeZh } from "../../lib/time.js";
import { consoleLink, KIND_COLORS, kindTag } from "./notificationView.js";
import "./notifications.css";

type Filter = "all" | "unread";

function InboxItem({ n, onOpen }: { n: StaffNotification; onOpen: (n: StaffNotification) => void }) {
  const kind = kindTag(n.kind, n.title);
  const unread = !n.readAt;
  const link = consoleLink(n.link);
  return (
    <button
      type="button"
      className={unread ? "inbox-item unread" : "inbox-item"}
      onClick={() => onOpen(n)}
      data-testid={`inbox-item-${n.id}`}
      data-unread={unread}
      aria-label={`${unread ? "未读：" : ""}${n.title}`}
    >
      <span className="inbox-item-dot" aria-hidden />
      <span className="inbox-item-main">
        <Flex justify="space-between" gap={12} wrap>
          <Space size={8} wrap>
            {kind && <Tag color={KIND_COLORS[kind]}>{kind}</Tag>}
            <span className="inbox-item-title">{n.title}</span>
          </Space>
          <Typography.Text type="secondary">{formatDateTimeZh(n.createdAt)}</Typography.Text>
        </Flex>
        {n.body && <p className="inbox-item-body">{n.body}</p>}
      </span>
      {link && <RightOutlined style={{ alignSelf: "center", color: "rgba(0,0,0,0.35)" }} aria-hidden />}
    </button>
  );
}

/**
 * 消息: the signed-in user's inbox (催办, 督办, 通报 …), newest first. A click marks a message
 * read and opens what it is about; 全部标为已读 clears the bell.
 */
export function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const filter: Filter = params.get("filter") === "unread" ? "unread" : "all";
  const list = useNotifications(filter === "unread");
  const count = useUnreadCount();
  const markRead = useMarkRead();
  const readAll = useReadAll();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const unread = count.data ?? list.data?.pages[0]?.unread ?? 0;

  const open = async (n: StaffNotification) => {
    const link = consoleLink(n.link);
    try {
      if (!n.readAt) await markRead.mutateAsync(n.id);
    } catch (e) {
      message.error(`标记已读失败：${errorMessage(e)}`);
      if (!link) return;
    }
    if (link) navigate(link);
  };

  const setFilter = (f: Filter) =>
    setParams(
      (p) => {
        if (f === "unread") p.set("filter", "unread");
        else p.delete("filter");
        return p;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title="消息"
        extra={
          <Space wrap>
            <Button
              icon={<CheckOutlined />}
              disabled={unread === 0}
              loading={readAll.isPending}
              onClick={() =>
                readAll.mutate(undefined, {
                  onSuccess: () => message.success("已全部标为已读"),
                  onError: (e) => message.error(`操作失败：${errorMessage(e)}`),
                })
              }
              data-testid="inbox-read-all"
            >
              全部标为已读
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                void list.refetch();
                void count.refetch();
              }}
              loading={list.isFetching && !list.isFetchingNextPage}
            >
              刷新
            </Button>
          </Space>
        }
      >
        <Typography.Text type="secondary">
          催办、督办、通报等与您有关的提醒。点击消息即标为已读，并打开相关诉求或页面。
        </Typography.Text>
      </PageHeader>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 8 }}>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { label: "全部", value: "all" },
              { label: unread > 0 ? `未读（${unread}）` : "未读", value: "unread" },
            ]}
            data-testid="inbox-filter"
          />
          <Typography.Text type="secondary" data-testid="inbox-page-unread">
            {unread > 0 ? `共 ${unread} 条未读` : "没有未读消息"}
          </Typography.Text>
        </Flex>
        {list.isPending && <Skeleton active paragraph={{ rows: 4 }} />}
        {list.isError && <Alert type="error" showIcon title={`消息加载失败：${errorMessage(list.error)}`} />}
        {list.data && items.length === 0 && (
          <Empty
            style={{ margin: "32px 0" }}
            description={
              filter === "unread" ? (
                <>
                  没有未读消息。可以切换到
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setFilter("all")}>
                    全部
                  </Button>
                  查看已读的消息。
                </>
              ) : (
                <>
                  暂无消息。诉求临近办理时限、被催办、督办或通报时，提醒会出现在这里；
                  <br />
                  也可以回到<Link to="/">工作台</Link>查看待办事项。
                </>
              )
            }
            data-testid="inbox-empty"
          />
        )}
        <div data-testid="inbox-list">
          {items.map((n) => (
            <InboxItem key={n.id} n={n} onOpen={open} />
          ))}
        </div>
        {list.hasNextPage && (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button
              onClick={() => list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              data-testid="inbox-more"
            >
              加载更多
            </Button>
          </Flex>
        )}
      </Card>
    </>
  );
}
