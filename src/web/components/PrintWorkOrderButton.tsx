import { PrinterOutlined } from "@ant-design/icons";
import { Button, type ButtonProps, Form, Input, Modal, Radio, Typography } from "antd";
import { useState } from "react";
import { printQuerySchema } from "../../contracts/work-orders.js";
import { openWorkOrderPrint } from "../api/workOrders.js";
import { useSession } from "../auth/session.js";
import { fieldRules } from "../lib/validation.js";

/** Roles the server lets print the full phone number (PHONE_REVEALERS), with a logged reason. */
const REVEALERS = ["window", "dispatcher", "supervisor", "admin"] as const;

type Values = { mode: "masked" | "full"; reason?: string };

/**
 * 打印工作单. The printed sheet masks the requester's phone; those who may reveal it are asked
 * whether to print the full number, and then why (the reason goes to the appeal's timeline and
 * the audit trail, like 查看 on the appeal page). Others print the masked sheet directly.
 */
export function PrintWorkOrderButton({ id, ...button }: { id: string } & Omit<ButtonProps, "onClick">) {
  const { hasRole } = useSession();
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch("mode", form);
  const canReveal = hasRole(...REVEALERS);

  const submit = (v: Values) => {
    openWorkOrderPrint(id, v.mode === "full" ? v.reason?.trim() : undefined);
    setAsking(false);
  };

  return (
    <>
      <Button
        icon={<PrinterOutlined />}
        {...button}
        onClick={() => (canReveal ? setAsking(true) : openWorkOrderPrint(id))}
      >
        {button.children ?? "打印工作单"}
      </Button>
      <Modal
        open={asking}
        title="打印工作单"
        okText="打印"
        cancelText="取消"
        onOk={() => form.submit()}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ mode: "masked" }}
          onFinish={submit}
          preserve={false}
        >
          <Form.Item name="mode" label="诉求人联系电话">
            <Radio.Group data-testid="print-phone-mode">
              <Radio value="masked">隐藏中间四位（默认）</Radio>
              <Radio value="full" data-testid="print-phone-full">
                打印完整号码
              </Radio>
            </Radio.Group>
          </Form.Item>
          {mode === "full" && (
            <>
              <Typography.Paragraph type="secondary">
                联系电话属于个人信息。打印原因将记入办理记录和审计日志。
              </Typography.Paragraph>
              <Form.Item
                name="reason"
                label="打印完整号码的原因"
                rules={fieldRules(printQuerySchema.shape.revealReason, {
                  label: "原因",
                  required: "请填写原因",
                })}
              >
                <Input autoFocus placeholder="如：部门须电话联系诉求人" data-testid="print-reveal-reason" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
