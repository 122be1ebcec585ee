import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Space, Table, type TableColumnsType, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { LIGHT_LABELS, LIGHTS } from "../../../contracts/appeals.js";
import { type InboxItem, useInbox } from "../../api/appeals.js";
import { errorMessage } from "../../api/client.js";
import { AppealActionModal } from "../../components/AppealActionModal.js";
import { channelText, requesterText, typeText } from "../../components/AppealTags.js";
import { DueLight, LightDot } from "../../components/DueLight.js";
import { PageHeader } from "../../components/PageHeader.js";
import { deadlineText, formatDateTimeZh } from "../../lib/time.js";

export function inboxCounts(items: InboxItem[]) {
  return {
    total: items.length,
    red: items.filter((i) => i.light === "red").length,
    yellow: items.filter((i) => i.light === "yellow").length,
    green: items.filter((i) => i.light === "green").length,
  };
}

/**
 * 网络诉求: appeals from the portal, mini-program, letters and 12345 still owed their first
 * response (1 working day), most urgent first, with the server's red/yellow/green light.
 */
export function InboxPage() {
  const inbox = useInbox();
  const [acting, setActing] = useState<InboxItem | null>(null);
  const items = inbox.data?.items ?? [];
  const counts = useMemo(() => inboxCounts(items), [items]);

  const columns: TableColumnsType<InboxItem> = [
    {
      title: "首次回应时限",
      key: "due",
      width: 300,
      render: (_, a) =>
        a.respondBy ? (
          <Space orientation="vertical" size={0}>
            <DueLight at={a.respondBy} light={a.light} provisional={a.respondByProvisional} />
            <Typography.Text type="secondary">{deadlineText(a.respondBy)}</Typography.Text>
          </Space>
        ) : (
          "—"
        ),
    },
    { title: "受理编号", dataIndex: "trackingNo", width: 150 },
    {
      title: "渠道",
      dataIndex: "channel",
      width: 90,
      render: (c: InboxItem["channel"]) => channelText(c, true),
    },
    { title: "类别", dataIndex: "type", width: 100, render: typeText },
    {
      title: "诉求人",
      key: "requester",
      width: 140,
      ellipsis: true,
      render: (_, a) => requesterText(a.requester),
    },
    {
      title: "诉求内容",
      dataIndex: "content",
      width: 320,
      render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    { title: "收到时间", dataIndex: "receivedAt", width: 180, render: formatDateTimeZh },
    {
      title: "操作",
      key: "ops",
      width: 130,
      fixed: "right",
      render: (_, a) => (
        <Space size={0}>
          <Link to={`/appeals/${a.id}`}>
            <Button type="link" size="small">
              查看
            </Button>
          </Link>
          <Button type="link" size="small" onClick={() => setActing(a)} data-testid={`inbox-respond-${a.id}`}>
            回应
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="网络诉求"
        extra={
          <Space wrap>
            <span data-testid="inbox-counts">
              <Space size={12}>
                <span>待回应 {counts.total} 件</span>
                {LIGHTS.map((l) => (
                  <span key={l}>
                    <LightDot light={l} /> {LIGHT_LABELS[l]} {counts[l]}
                  </span>
                ))}
              </Space>
            </span>
            <Button icon={<ReloadOutlined />} onClick={() => inbox.refetch()} loading={inbox.isFetching}>
              刷新
            </Button>
          </Space>
        }
      >
        <Typography.Text type="secondary">
          门户网站、小程序、信函和 12345 转来的诉求，须在 1
          个工作日内主动回应诉求人；作出回应、当场办结或不予受理后即移出此列表。
        </Typography.Text>
      </PageHeader>
      <Card>
        <Table<InboxItem>
          rowKey="id"
          columns={columns}
          dataSource={items}
          loading={inbox.isPending}
          pagination={false}
          scroll={{ x: 1480 }}
          data-testid="inbox-table"
          locale={{
            emptyText: inbox.isError ? (
              `加载失败：${errorMessage(inbox.error)}`
            ) : (
              <Empty
                description={
                  <>
                    暂无待回应的网络诉求。
                    <br />
                    新的网上诉求到达后会按回应时限排在这里；也可以到
                    <Link to="/intake">诉求登记</Link>
                    录入收到的信函，或在<Link to="/appeals">诉求查询</Link>中查看已回应的诉求。
                  </>
                }
              />
            ),
          }}
        />
        {inbox.data?.nextCursor && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            仅显示最紧急的 {items.length} 件，请先处理这些诉求。
          </Typography.Paragraph>
        )}
      </Card>
      {acting && (
        <AppealActionModal
          appeal={acting}
          kind="acknowledge"
          onClose={() => setActing(null)}
          onRefresh={() => inbox.refetch()}
        />
      )}
    </>
  );
}
