import { DatePicker, Form, Input, Modal, Typography } from "antd";
import { createExtensionSchema } from "../../../contracts/work-orders.js";
import { useRequestExtension } from "../../api/extensions.js";
import type { WorkOrder } from "../../api/workOrders.js";
import { ConflictAlert } from "../../components/ConflictAlert.js";
import { useFormSubmit } from "../../components/useFormSubmit.js";
import { type Dayjs, dayjs, deadlineText } from "../../lib/time.js";
import { fieldRules } from "../../lib/validation.js";

/** What a department's request on its order opens with (延期, 方案). */
export interface OrderModalProps {
  order: WorkOrder;
  open: boolean;
  onClose: () => void;
}

/** 申请延期: a date after the current limit and the reason (both told to the requester once approved). */
export function ExtensionModal({ order, open, onClose }: OrderModalProps) {
  const [form] = Form.useForm<{ until?: Dayjs; reason?: string }>();
  const mutation = useRequestExtension();
  const { modalProps, conflict } = useFormSubmit(form, {
    run: (v) =>
      mutation.mutateAsync({
        workOrderId: order.id,
        body: {
          until: v.until!.format("YYYY-MM-DD"),
          reason: v.reason!.trim(),
          expectedVersion: order.version,
        },
      }),
    done: "延期申请已提交，等待审核人员审批",
    onClose,
    conflicts: true,
    open,
  });

  return (
    <Modal {...modalProps} open={open} title={`申请延期 · ${order.number}`} okText="提交申请">
      <ConflictAlert conflict={conflict} />
      <Typography.Paragraph type="secondary">
        当前办理时限：{deadlineText(order.dueAt)}
        。延期日期须晚于当前时限；批准后将告知诉求人延长的时限和理由。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="until" label="延期至" rules={[{ required: true, message: "请选择延期日期" }]}>
          <DatePicker
            style={{ width: "100%" }}
            disabledDate={(d) => d.format("YYYY-MM-DD") <= order.dueDate}
            defaultPickerValue={dayjs(order.dueDate).add(1, "day")}
            data-testid="extension-until"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="延期理由"
          rules={fieldRules(createExtensionSchema.shape.reason, { label: "延期理由" })}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="extension-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
