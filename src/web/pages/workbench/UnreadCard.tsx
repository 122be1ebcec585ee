import { BellOutlined } from "@ant-design/icons";
import { Alert, Card, Skeleton, Space, Statistic, Typography } from "antd";
import { Link } from "react-router";
import { errorMessage } from "../../api/client.js";
import { useUnreadCount } from "../../api/notifications.js";

/** 工作台's count of unread messages (催办, 督办, 通报 …), the same poll as the header bell. */
export function UnreadCard() {
  const count = useUnreadCount();
  const unread = count.data ?? 0;
  return (
    <Card
      title="消息"
      extra={<Link to={unread > 0 ? "/notifications?filter=unread" : "/notifications"}>查看消息</Link>}
      data-testid="workbench-unread"
      style={{ marginTop: 16 }}
    >
      {count.isPending && <Skeleton active paragraph={{ rows: 1 }} />}
      {count.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(count.error)}`} />}
      {count.isSuccess && (
        <Space size={40} wrap align="center">
          <Link to="/notifications?filter=unread" data-testid="workbench-unread-count">
            <Statistic
              title={
                <Space size={4}>
                  <BellOutlined />
                  未读消息
                </Space>
              }
              value={unread}
              suffix="条"
              styles={{ content: { color: unread ? "#cf1322" : undefined } }}
            />
          </Link>
          {unread === 0 && (
            <Typography.Text type="secondary">没有未读消息，催办、督办和通报会在这里提醒您。</Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}
