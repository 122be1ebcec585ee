import { Alert, Card, Skeleton, Space, Statistic, Typography } from "antd";
import { Link } from "react-router";
import { LIGHT_LABELS } from "../../contracts/appeals.js";
import { useInbox } from "../api/appeals.js";
import { errorMessage } from "../api/client.js";
import { LightDot } from "./DueLight.js";

/**
 * The workbench's count of online appeals still owed a first response, by light, straight from
 * the inbox endpoint (no estimate): red overdue, yellow due today.
 */
export function InboxSummaryCard() {
  const inbox = useInbox();
  const items = inbox.data?.items ?? [];
  const red = items.filter((i) => i.light === "red").length;
  const yellow = items.filter((i) => i.light === "yellow").length;
  const more = !!inbox.data?.nextCursor;
  return (
    <Card
      title="网络诉求待回应"
      extra={<Link to="/inbox">去处理</Link>}
      data-testid="workbench-inbox"
      style={{ marginTop: 16 }}
    >
      {inbox.isPending && <Skeleton active paragraph={{ rows: 1 }} />}
      {inbox.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(inbox.error)}`} />}
      {inbox.data && (
        <Space size={40} wrap>
          <Statistic title="待回应" value={items.length} suffix={more ? "+ 件" : "件"} />
          <Statistic
            title={
              <Space size={4}>
                <LightDot light="red" />
                {LIGHT_LABELS.red}
              </Space>
            }
            value={red}
            styles={{ content: { color: red ? "#cf1322" : undefined } }}
          />
          <Statistic
            title={
              <Space size={4}>
                <LightDot light="yellow" />
                {LIGHT_LABELS.yellow}
              </Space>
            }
            value={yellow}
            styles={{ content: { color: yellow ? "#d48806" : undefined } }}
          />
          {items.length === 0 && (
            <Typography.Text type="secondary">网上诉求都已回应，暂无待办。</Typography.Text>
          )}
        </Space>
      )}
    </Card>
  );
}
