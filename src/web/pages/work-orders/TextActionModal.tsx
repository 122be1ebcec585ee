import { Form, Input, Modal, Typography } from "antd";
import type { ReactNode } from "react";
import type { z } from "../../../contracts/zod-setup.js";
import { ConflictAlert } from "../../components/ConflictAlert.js";
import { useFormSubmit } from "../../components/useFormSubmit.js";
import { fieldRules } from "../../lib/validation.js";

export interface TextAction {
  title: string;
  /** The body field the server validates (reason, opinion, result, note…): its errors land here. */
  field: string;
  label: string;
  /** The contract's schema of that field (e.g. returnSchema.shape.reason): the form checks with it. */
  schema: z.ZodType;
  okText: string;
  /** The text box's counter (the schema decides what is accepted). */
  maxLength?: number;
  rows?: number;
  initial?: string;
  hint?: ReactNode;
  danger?: boolean;
  run: (text: string | undefined) => Promise<unknown>;
  /** Shown after success. */
  done: string;
}

/**
 * One text box and a confirm button: 退单理由, 办理意见, 答复, 审批意见, 退回理由… A conflicting
 * edit (409) says "已被他人处理，请刷新" instead of overwriting; field errors sit beside the box.
 */
export function TextActionModal({ action, onClose }: { action: TextAction | null; onClose: () => void }) {
  const [form] = Form.useForm<Record<string, string>>();
  const { modalProps, conflict } = useFormSubmit(form, {
    run: async (v) => action?.run(v[action.field]?.trim() || undefined),
    done: action?.done,
    onClose,
    conflicts: true,
    open: action,
    onOpen: () => {
      if (action?.initial) form.setFieldValue(action.field, action.initial);
    },
  });

  return (
    <Modal
      {...modalProps}
      open={action !== null}
      title={action?.title}
      okText={action?.okText}
      okButtonProps={{
        ...modalProps.okButtonProps,
        danger: action?.danger,
        ...{ "data-testid": "text-action-ok" },
      }}
      width={600}
    >
      <ConflictAlert conflict={conflict} style={{ marginBottom: 16 }} />
      {action?.hint && <Typography.Paragraph type="secondary">{action.hint}</Typography.Paragraph>}
      {action && (
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name={action.field}
            label={action.label}
            rules={fieldRules(action.schema, { label: action.label.replace(/（可选）$/, "") })}
          >
            <Input.TextArea
              rows={action.rows ?? 4}
              maxLength={action.maxLength ?? 500}
              showCount
              data-testid="text-action-input"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
