import { Alert, App, Badge, Button, Card, Empty, List, Skeleton, Space, Table, Tag, Typography } from "antd";
import { Link } from "react-router";
import { errorMessage } from "../../api/client.js";
import { type TodoItem, type TodoSection, useRecordCall, useTodos } from "../../api/todos.js";
import { DueLight } from "../../components/DueLight.js";

function CallActions({ item }: { item: TodoItem }) {
  const record = useRecordCall();
  const { message } = App.useApp();
  const id = item.key.slice("call:".length);
  const send = (reached: boolean) =>
    record.mutate(
      { id, body: { reached, expectedAttempts: item.version ?? 0 } },
      {
        onSuccess: () => message.success(reached ? "已记录：已电话告知" : "已记录未接通，2 小时后再拨"),
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  return (
    <Space>
      <Button
        size="small"
        type="primary"
        loading={record.isPending}
        onClick={() => send(true)}
        data-testid="call-reached"
      >
        已接通并告知
      </Button>
      <Button size="small" loading={record.isPending} onClick={() => send(false)} data-testid="call-missed">
        未接通
      </Button>
    </Space>
  );
}

function TodoRow({ item }: { item: TodoItem }) {
  return (
    <List.Item
      data-testid="todo-item"
      data-key={item.key}
      data-light={item.light ?? ""}
      actions={item.kind === "call" ? [<CallActions key="call" item={item} />] : undefined}
    >
      <List.Item.Meta
        title={
          <Space size={8} wrap>
            <Tag>{item.kindLabel}</Tag>
            <Link to={item.link}>{item.title}</Link>
            {item.trackingNo && item.trackingNo !== item.title && (
              <Typography.Text type="secondary" style={{ whiteSpace: "nowrap" }}>
                {item.trackingNo}
              </Typography.Text>
            )}
            {item.departmentName && <Typography.Text type="secondary">{item.departmentName}</Typography.Text>}
          </Space>
        }
        description={
          <Space direction="vertical" size={2} style={{ width: "100%" }}>
            <Typography.Text ellipsis={{ tooltip: item.detail }} style={{ maxWidth: "100%" }}>
              {item.detail}
            </Typography.Text>
            {item.dueAt && item.light ? (
              <DueLight at={item.dueAt} light={item.light} compact />
            ) : item.countdown ? (
              <Typography.Text type="warning">{item.countdown}</Typography.Text>
            ) : null}
          </Space>
        }
      />
    </List.Item>
  );
}

function Section({ s }: { s: TodoSection }) {
  const late = s.items.filter((i) => i.light === "red").length;
  return (
    <Card
      size="small"
      data-testid={`todo-section-${s.code}`}
      title={
        <Space>
          <span>{s.title}</span>
          <Badge
            count={s.items.length}
            overflowCount={s.more ? s.items.length - 1 : 99}
            showZero
            color="#1677ff"
          />
          {late > 0 && <Tag color="red">{late} 项已超期</Tag>}
        </Space>
      }
      extra={<Link to={s.link}>{s.more ? "查看全部" : "打开"}</Link>}
      style={{ marginBottom: 12 }}
    >
      {s.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办" />
      ) : (
        <List size="small" dataSource={s.items} renderItem={(i) => <TodoRow item={i} />} />
      )}
    </Card>
  );
}

/**
 * 我的待办: one list per duty of the user's roles, most urgent first (overdue, then soonest due),
 * with the supervisor's and leader's overview of open items per department.
 */
export function TodoCard() {
  const q = useTodos(10);
  if (q.isPending)
    return (
      <Card title="我的待办">
        <Skeleton active />
      </Card>
    );
  if (q.isError) return <Alert type="error" showIcon title={`待办加载失败：${errorMessage(q.error)}`} />;
  const { sections, byDepartment } = q.data;
  if (sections.length === 0 && byDepartment.length === 0) return null;
  return (
    <Card title="我的待办" data-testid="todo-card" style={{ marginTop: 16 }}>
      {sections.map((s) => (
        <Section key={s.code} s={s} />
      ))}
      {byDepartment.length > 0 && (
        <Table
          size="small"
          rowKey={(r) => r.departmentId ?? "center"}
          data-testid="todo-by-department"
          pagination={false}
          dataSource={byDepartment}
          columns={[
            { title: "部门", dataIndex: "departmentName" },
            {
              title: "已超期",
              dataIndex: "red",
              render: (n: number) => <Typography.Text type={n ? "danger" : undefined}>{n}</Typography.Text>,
            },
            { title: "临近到期", dataIndex: "yellow" },
            { title: "正常", dataIndex: "green" },
          ]}
        />
      )}
    </Card>
  );
}
