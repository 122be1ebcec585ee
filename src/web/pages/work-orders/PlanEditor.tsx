import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, Modal, Space, Typography } from "antd";
import { createPlanSchema } from "../../../contracts/work-orders.js";
import { useSubmitPlan } from "../../api/plans.js";
import { useFormSubmit } from "../../components/useFormSubmit.js";
import { centerToday, type Dayjs } from "../../lib/time.js";
import { fieldRules } from "../../lib/validation.js";
import type { OrderModalProps } from "./ExtensionModal.js";

interface Values {
  summary?: string;
  milestones?: { title?: string; dueDate?: Dayjs }[];
}

/**
 * 制定方案 (major issues the department cannot settle within a month): the plan and its time
 * nodes; once approved each node has its own deadline and progress report.
 */
export function PlanEditor({ order, open, onClose }: OrderModalProps) {
  const [form] = Form.useForm<Values>();
  const mutation = useSubmitPlan();
  const { modalProps } = useFormSubmit(form, {
    run: (v) =>
      mutation.mutateAsync({
        workOrderId: order.id,
        body: {
          summary: v.summary!.trim(),
          milestones: (v.milestones ?? []).map((m) => ({
            title: m.title!.trim(),
            dueDate: m.dueDate!.format("YYYY-MM-DD"),
          })),
        },
      }),
    done: "解决方案已提交，等待审核人员审批",
    onClose,
    open,
    onOpen: () => form.setFieldValue("milestones", [{}]),
  });

  const today = centerToday();
  return (
    <Modal {...modalProps} open={open} title={`制定解决方案 · ${order.number}`} okText="提交方案" width={720}>
      <Typography.Paragraph type="secondary">
        重大复杂问题一个月内解决不了的，须制定解决方案和时间节点，批准后按节点推进并上报进展。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="summary"
          label="方案内容"
          rules={fieldRules(createPlanSchema.shape.summary, { label: "方案内容" })}
        >
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Typography.Text strong>时间节点</Typography.Text>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: "flex" }}>
                  <Typography.Text style={{ lineHeight: "32px" }}>{i + 1}.</Typography.Text>
                  <Form.Item
                    name={[f.name, "title"]}
                    rules={fieldRules(createPlanSchema.shape.milestones.element.shape.title, {
                      label: "节点名称",
                    })}
                  >
                    <Input placeholder="节点名称，如：完成现场勘查" style={{ width: 340 }} maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, "dueDate"]}
                    rules={[{ required: true, message: "请选择完成日期" }]}
                  >
                    <DatePicker placeholder="完成日期" disabledDate={(d) => d.format("YYYY-MM-DD") < today} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined />}
                    aria-label="删除节点"
                    disabled={fields.length <= 1}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({})} disabled={fields.length >= 20}>
                添加时间节点
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
