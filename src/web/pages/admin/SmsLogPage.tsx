import { Alert, Button, Card, Input, Popconfirm, Space, Switch, Table, type TableColumnsType } from "antd";
import { useMemo, useState } from "react";
import { type SmsMessage, useSmsMessages } from "../../api/appeals.js";
import { errorMessage } from "../../api/client.js";
import { PageHeader } from "../../components/PageHeader.js";
import { formatDateTimeZh } from "../../lib/time.js";

/** The built-in provider records messages without sending them (until a real gateway is configured). */
const PROVIDER_LABELS: Record<string, string> = { recording: "仅记录（未接入短信网关）" };

/**
 * 短信记录: what the SMS provider was asked to send (receipts, replies, refusals). Numbers are
 * masked; showing them in full is an audited act, so the switch asks first.
 */
export function SmsLogPage() {
  const [phone, setPhone] = useState<string | undefined>();
  const [reveal, setReveal] = useState(false);
  const sms = useSmsMessages({ phone, reveal });
  const rows = useMemo(() => sms.data?.pages.flatMap((p) => p.items) ?? [], [sms.data]);

  const columns: TableColumnsType<SmsMessage> = [
    { title: "发送时间", dataIndex: "sentAt", width: 180, render: formatDateTimeZh },
    { title: "接收号码", dataIndex: "phone", width: 150 },
    {
      title: "短信内容",
      dataIndex: "text",
      render: (t: string) => <span style={{ whiteSpace: "pre-wrap" }}>{t}</span>,
    },
    {
      title: "发送通道",
      dataIndex: "provider",
      width: 150,
      render: (p: string) => PROVIDER_LABELS[p] ?? p,
    },
  ];

  return (
    <>
      <PageHeader
        title="短信记录"
        extra={
          <Space wrap>
            <Input.Search
              placeholder="按号码查找"
              allowClear
              onSearch={(v) => setPhone(v.trim() || undefined)}
              style={{ width: 220 }}
              inputMode="tel"
            />
            {reveal ? (
              <Switch checked checkedChildren="完整号码" onChange={() => setReveal(false)} />
            ) : (
              <Popconfirm
                title="显示完整号码？"
                description="查看完整号码将记入审计日志。"
                okText="显示"
                cancelText="取消"
                onConfirm={() => setReveal(true)}
              >
                <Switch checked={false} unCheckedChildren="号码已脱敏" />
              </Popconfirm>
            )}
          </Space>
        }
      />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="这里是系统交给短信通道发送的全部短信（受理回执、回应、答复、不予受理告知等），最新的在前。"
      />
      <Card>
        <Table<SmsMessage>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={sms.isFetching && !sms.isFetchingNextPage}
          pagination={false}
          data-testid="sms-table"
          locale={{
            emptyText: sms.isError
              ? `加载失败：${errorMessage(sms.error)}`
              : phone
                ? "没有发给这个号码的短信"
                : "还没有发送过短信。登记诉求后，受理回执短信会出现在这里。",
          }}
        />
        {sms.hasNextPage && (
          <div style={{ textAlign: "center", marginTop: 16 }}>
            <Button onClick={() => sms.fetchNextPage()} loading={sms.isFetchingNextPage}>
              加载更多
            </Button>
          </div>
        )}
      </Card>
    </>
  );
}
