import {
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { RATING_LEVEL_LABELS } from "../../../contracts/portal.js";
import { api, errorMessage } from "../../api/client.js";
import { type FollowUpInput, useAppealRatings, useRecordFollowUp } from "../../api/results.js";
import { useSession } from "../../auth/session.js";
import { formatDateTimeZh } from "../../lib/time.js";

const LEVELS = [5, 4, 3, 2, 1] as const;

/**
 * 评价与回访 on the appeal page: the requester's ratings (网上评价 or given on a call), 回访 records
 * by window, reviewer and supervisor, and 申诉复核 of a rating by the center.
 */
export function AppealResults({ appealId, finished }: { appealId: string; finished: boolean }) {
  const { hasRole } = useSession();
  const ratings = useAppealRatings(appealId);
  const followUp = useRecordFollowUp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FollowUpInput>();
  const reached = Form.useWatch("reached", form);
  const canFollowUp = hasRole("window", "dispatcher", "supervisor");
  const canDispute = hasRole("dispatcher", "supervisor", "leader");

  const dispute = (id: string) => {
    let reason = "";
    Modal.confirm({
      title: "申诉复核",
      content: <Input.TextArea rows={3} placeholder="复核理由" onChange={(e) => (reason = e.target.value)} />,
      okText: "标记为申诉复核",
      onOk: async () => {
        await api(`/ratings/${id}/dispute`, { method: "POST", body: { reason } });
        await ratings.refetch();
      },
    });
  };

  return (
    <Card
      title="评价与回访"
      size="small"
      style={{ marginTop: 16 }}
      data-testid="appeal-results"
      extra={
        canFollowUp && finished ? (
          <Button size="small" onClick={() => setOpen(true)} data-testid="follow-up-open">
            记录回访
          </Button>
        ) : null
      }
    >
      {(ratings.data?.ratings.length ?? 0) === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={finished ? "服务对象尚未评价" : "办结后可评价"}
        />
      ) : (
        <List
          size="small"
          dataSource={ratings.data?.ratings ?? []}
          renderItem={(r) => (
            <List.Item
              actions={
                canDispute && !r.disputed
                  ? [
                      <Button key="d" size="small" type="link" onClick={() => dispute(r.id)}>
                        申诉复核
                      </Button>,
                    ]
                  : []
              }
            >
              <Space wrap>
                <Tag color={r.level <= 2 ? "red" : r.level >= 4 ? "green" : "blue"}>{r.levelLabel}</Tag>
                {r.resolved !== null && <span>{r.resolved ? "已解决" : "未解决"}</span>}
                <Typography.Text type="secondary">
                  {r.source === "portal" ? "网上评价" : "回访评价"} · 第{r.round}次 ·{" "}
                  {formatDateTimeZh(r.createdAt)}
                </Typography.Text>
                {r.comment && <span>“{r.comment}”</span>}
                {r.disputed && <Tag color="orange">申诉复核：{r.disputeReason}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={open}
        title="记录回访"
        okText="保存"
        confirmLoading={followUp.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          try {
            await followUp.mutateAsync({ appealId, body: v });
            setOpen(false);
            form.resetFields();
          } catch (e) {
            form.setFields([{ name: "comment", errors: [errorMessage(e)] }]);
          }
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ method: "phone", reached: true }}>
          <Form.Item name="method" label="回访方式">
            <Radio.Group
              options={[
                { value: "phone", label: "电话" },
                { value: "sms", label: "短信" },
                { value: "visit", label: "上门" },
              ]}
            />
          </Form.Item>
          <Form.Item name="reached" label="联系上服务对象" valuePropName="checked">
            <Switch />
          </Form.Item>
          {reached && (
            <>
              <Form.Item name="level" label="服务对象的评价（不填：未评价）">
                <Select
                  allowClear
                  options={LEVELS.map((l) => ({ value: l, label: RATING_LEVEL_LABELS[l] }))}
                />
              </Form.Item>
              <Form.Item name="resolved" label="问题是否解决">
                <Radio.Group
                  options={[
                    { value: true, label: "已解决" },
                    { value: false, label: "未解决" },
                  ]}
                />
              </Form.Item>
            </>
          )}
          <Form.Item name="comment" label="回访记录" rules={[{ max: 500, message: "不能超过 500 个字" }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
