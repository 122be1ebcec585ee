import { EyeOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Form, Input, Modal, Space, Typography } from "antd";
import { useState } from "react";
import {
  ADDRESS_DECLINED_LABEL,
  REQUESTER_KIND_LABELS,
  revealPhoneSchema,
} from "../../../contracts/appeals.js";
import { type Appeal, useRevealPhone } from "../../api/appeals.js";
import { useFormSubmit } from "../../components/useFormSubmit.js";
import { fieldRules } from "../../lib/validation.js";

/**
 * The requester, with the phone masked. 查看 asks why (the reason is logged in the appeal's
 * timeline and the audit trail) and only then shows the full number, for this page view only.
 */
export function RequesterCard({ appeal, canReveal }: { appeal: Appeal; canReveal: boolean }) {
  const r = appeal.requester;
  const [asking, setAsking] = useState(false);
  const [phone, setPhone] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useRevealPhone();
  const { submit, modalProps } = useFormSubmit(form, {
    run: async ({ reason }) => setPhone((await reveal.mutateAsync({ id: appeal.id, reason })).phone),
    onClose: () => setAsking(false),
  });

  return (
    <Card title="诉求人" size="small" data-testid="requester-card">
      <Descriptions column={1} size="small">
        <Descriptions.Item label="类型">{REQUESTER_KIND_LABELS[r.kind]}</Descriptions.Item>
        {r.orgName && <Descriptions.Item label="单位名称">{r.orgName}</Descriptions.Item>}
        <Descriptions.Item label={r.orgName ? "联系人" : "姓名"}>
          {r.contactPerson ?? r.name}
        </Descriptions.Item>
        <Descriptions.Item label="联系电话">
          <Space>
            <Typography.Text data-testid="requester-phone" copyable={phone ? { text: phone } : false}>
              {phone ?? r.phone}
            </Typography.Text>
            {canReveal && !phone && (
              <Button
                size="small"
                type="link"
                icon={<EyeOutlined />}
                onClick={() => setAsking(true)}
                data-testid="reveal-phone"
              >
                查看
              </Button>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label="联系地址">
          <span data-testid="requester-address">
            {r.address || (r.addressDeclined ? ADDRESS_DECLINED_LABEL : "—")}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Modal {...modalProps} open={asking} title="查看完整联系电话" okText="查看">
        <Typography.Paragraph type="secondary">
          联系电话属于个人信息。查看原因将记入办理记录和审计日志。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label="查看原因"
            rules={fieldRules(revealPhoneSchema.shape.reason, { label: "查看原因" })}
          >
            <Input
              autoFocus
              placeholder="如：电话回访诉求人"
              data-testid="reveal-reason"
              onPressEnter={submit}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
