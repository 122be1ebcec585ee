import { Alert, Button, Card, Form, Input, Modal, Segmented, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { errorMessage } from "../../api/client.js";
import { type Rectification, useCompleteRectification, useRectifications } from "../../api/results.js";
import { useSession } from "../../auth/session.js";
import { DueLight } from "../../components/DueLight.js";
import { PageHeader } from "../../components/PageHeader.js";
import { formatDateTimeZh } from "../../lib/time.js";

/**
 * 差评整改: rectifications opened by bad ratings, each with its limit (on the supervision board
 * too). The responsible department records what it did; the requester may then rate again.
 */
export function RectificationsPage() {
  const { hasRole, user } = useSession();
  const [status, setStatus] = useState<"open" | "done">("open");
  const q = useRectifications(status);
  const [editing, setEditing] = useState<Rectification | null>(null);
  const complete = useCompleteRectification();
  const [form] = Form.useForm<{ result: string }>();
  const mayComplete = (r: Rectification) =>
    r.status === "open" &&
    (r.departmentId ? hasRole("department") && user?.departmentId === r.departmentId : hasRole("dispatcher"));

  return (
    <>
      <PageHeader title="差评整改" />
      <Card size="small">
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as "open" | "done")}
          options={[
            { value: "open", label: "整改中" },
            { value: "done", label: "已整改" },
          ]}
          data-testid="rectification-status"
        />
        <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
          不满意、非常不满意的评价自动转责任部门整改；整改完成后服务对象可再次评价。
        </Typography.Text>
      </Card>
      {q.isError && <Alert type="error" showIcon title={`加载失败：${errorMessage(q.error)}`} />}
      <Table<Rectification>
        style={{ marginTop: 16 }}
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: status === "open" ? "没有待整改的差评" : "还没有已完成的整改" }}
        data-testid="rectification-table"
        columns={[
          {
            title: "受理编号",
            dataIndex: "trackingNo",
            render: (v: string, r) => <Link to={`/appeals/${r.appealId}`}>{v}</Link>,
          },
          {
            title: "评价",
            dataIndex: "levelLabel",
            render: (v: string, r) => (
              <>
                <Tag color="red">{v}</Tag>
                {r.comment && <Typography.Text>{r.comment}</Typography.Text>}
              </>
            ),
          },
          { title: "责任部门", dataIndex: "departmentName" },
          {
            title: status === "open" ? "整改时限" : "完成时间",
            render: (_: unknown, r) =>
              r.status === "open" ? <DueLight at={r.dueAt} /> : formatDateTimeZh(r.completedAt),
          },
          ...(status === "done"
            ? [{ title: "整改情况", dataIndex: "result", render: (v: string | null) => v ?? "" }]
            : []),
          {
            title: "操作",
            render: (_: unknown, r: Rectification) =>
              mayComplete(r) ? (
                <Button
                  type="primary"
                  size="small"
                  onClick={() => setEditing(r)}
                  data-testid="rectification-complete"
                >
                  填报整改情况
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={`填报整改情况 · ${editing?.trackingNo ?? ""}`}
        okText="提交"
        confirmLoading={complete.isPending}
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const { result } = await form.validateFields();
          if (!editing) return;
          try {
            await complete.mutateAsync({ id: editing.id, result });
            setEditing(null);
            form.resetFields();
          } catch (e) {
            form.setFields([{ name: "result", errors: [errorMessage(e)] }]);
          }
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="result"
            label="整改措施和结果"
            rules={[{ required: true, min: 2, max: 2000, message: "请填写整改情况（2 到 2000 个字）" }]}
          >
            <Input.TextArea rows={5} data-testid="rectification-result" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
