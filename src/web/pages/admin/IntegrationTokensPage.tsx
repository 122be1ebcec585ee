import { PlusOutlined } from "@ant-design/icons";
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
} from "antd";
import { useState } from "react";
import { createIntegrationTokenSchema } from "../../../contracts/accounts.js";
import { CHANNEL_SHORT_LABELS, INTEGRATION_CHANNELS } from "../../../contracts/appeals.js";
import { errorMessage } from "../../api/client.js";
import {
  useCreateIntegrationToken,
  useIntegrationTokens,
  useRevokeIntegrationToken,
} from "../../api/tokens.js";
import type { IntegrationToken } from "../../api/types.js";
import { CopyOnceModal } from "../../components/CopyOnceModal.js";
import { PageHeader } from "../../components/PageHeader.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { formatDateTimeZh } from "../../lib/time.js";
import { fieldRules } from "../../lib/validation.js";

/** The channels another system may push appeals over, and any other system. */
const SOURCES = [
  ...INTEGRATION_CHANNELS.map((c) => ({ value: c as string, label: CHANNEL_SHORT_LABELS[c] })),
  { value: "other", label: "其他系统" },
];
const RULES = {
  name: fieldRules(createIntegrationTokenSchema.shape.name, { label: "名称" }),
  source: fieldRules(createIntegrationTokenSchema.shape.source, { label: "来源", required: "请选择来源" }),
};
const sourceLabel = (s: string) => SOURCES.find((x) => x.value === s)?.label ?? s;

/** 集成令牌: bearer tokens for systems such as the 12345 hotline; hashed at rest, shown once. */
export function IntegrationTokensPage() {
  const list = useIntegrationTokens();
  const create = useCreateIntegrationToken();
  const revoke = useRevokeIntegrationToken();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; source: string }>();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  const submit = async (v: { name: string; source: string }) => {
    try {
      const r = await create.mutateAsync({ name: v.name.trim(), source: v.source });
      setCreating(false);
      form.resetFields();
      setSecret(r.token);
    } catch (e) {
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  const doRevoke = async (t: IntegrationToken) => {
    try {
      await revoke.mutateAsync(t.id);
      message.success(`已吊销“${t.name}”`);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const columns: TableColumnsType<IntegrationToken> = [
    { title: "名称", dataIndex: "name" },
    { title: "来源", dataIndex: "source", render: sourceLabel },
    { title: "创建时间", dataIndex: "createdAt", render: formatDateTimeZh },
    {
      title: "最近使用",
      dataIndex: "lastUsedAt",
      render: (v: string | null) => (v ? formatDateTimeZh(v) : "从未使用"),
    },
    {
      title: "状态",
      key: "state",
      render: (_, t) => (t.revokedAt ? <Tag>已吊销</Tag> : <Tag color="green">有效</Tag>),
    },
    {
      title: "操作",
      key: "ops",
      render: (_, t) =>
        t.revokedAt ? null : (
          <Popconfirm
            title={`吊销“${t.name}”？`}
            description="吊销后使用该令牌的系统将立即无法接入。"
            onConfirm={() => doRevoke(t)}
            okText="吊销"
            okButtonProps={{ danger: true }}
            cancelText="取消"
          >
            <Button type="link" danger size="small">
              吊销
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="集成令牌"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="token-new"
          >
            创建令牌
          </Button>
        }
      >
        供 12345 热线等外部系统调用接口使用（Bearer 令牌）。令牌仅在创建时显示一次。
      </PageHeader>
      <Card>
        <Table<IntegrationToken>
          rowKey="id"
          columns={columns}
          dataSource={list.data}
          loading={list.isFetching}
          pagination={false}
          locale={{
            emptyText: list.isError
              ? `加载失败：${errorMessage(list.error)}`
              : "还没有集成令牌。对接 12345 热线等系统时，点击“创建令牌”。",
          }}
        />
      </Card>
      <Modal
        title="创建集成令牌"
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText="创建"
        confirmLoading={create.isPending}
        destroyOnHidden
        afterOpenChange={(o) => o && form.getFieldInstance("name")?.focus()}
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ source: "hotline_12345" }}>
          <Form.Item name="name" label="名称" rules={RULES.name}>
            <Input autoFocus placeholder="如 市 12345 热线平台" data-testid="token-name" />
          </Form.Item>
          <Form.Item name="source" label="来源" rules={RULES.source}>
            <Select options={SOURCES} />
          </Form.Item>
          <button type="submit" hidden aria-hidden />
        </Form>
      </Modal>
      <CopyOnceModal title="令牌已创建" secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
