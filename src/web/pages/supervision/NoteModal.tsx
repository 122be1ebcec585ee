import { Alert, App, Descriptions, Form, Input, Modal, Typography } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import {
  manualNoticeSchema,
  manualSupervisionSchema,
  type SupervisionKind,
} from "../../../contracts/supervision.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { fieldRules } from "../../lib/validation.js";

export interface NoteAction {
  /** 催办 / 督办 / 通报: the testids are note-modal-{kind}, note-input, note-ok. */
  kind: SupervisionKind;
  title: string;
  okText: string;
  label: string;
  placeholder?: string;
  maxLength: number;
  /** What the action is about (tracking number, department, deadline…). */
  about: { label: string; value: ReactNode }[];
  hint?: ReactNode;
  danger?: boolean;
  run: (note: string) => Promise<unknown>;
  /** Shown after success. */
  done: string;
}

/**
 * One required 说明 and a confirm button for the manual 催办 / 督办 / 通报. The server's field
 * errors sit under the box; anything else (e.g. already resolved) shows above it.
 */
export function NoteModal({ action, onClose }: { action: NoteAction | null; onClose: () => void }) {
  const [form] = Form.useForm<{ note: string }>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (action) {
      form.resetFields();
      setError(null);
    }
  }, [action, form]);

  const submit = async () => {
    if (!action) return;
    let v: { note: string };
    try {
      v = await form.validateFields();
    } catch {
      return; // the message is beside the field
    }
    setBusy(true);
    setError(null);
    try {
      await action.run(v.note.trim());
      message.success(action.done);
      onClose();
    } catch (e) {
      setError(applyApiErrors(form, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={action?.title}
      okText={action?.okText}
      cancelText="取消"
      okButtonProps={{ danger: action?.danger, ...{ "data-testid": "note-ok" } }}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={600}
    >
      <div data-testid={action ? `note-modal-${action.kind}` : undefined}>
        {action && action.about.length > 0 && (
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 16 }}
            items={action.about.map((a, i) => ({ key: i, label: a.label, children: a.value }))}
          />
        )}
        {action?.hint && <Typography.Paragraph type="secondary">{action.hint}</Typography.Paragraph>}
        {error && (
          <Alert type="error" showIcon title={error} data-testid="note-error" style={{ marginBottom: 16 }} />
        )}
        {action && (
          <Form
            form={form}
            layout="vertical"
            preserve={false}
            onKeyDown={(e) => {
              // Ctrl+Enter sends, as on the intake form.
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                void submit();
              }
            }}
          >
            <Form.Item
              name="note"
              label={action.label}
              extra="Ctrl+Enter 提交"
              rules={fieldRules(
                (action.kind === "notice" ? manualNoticeSchema : manualSupervisionSchema).shape.note,
                { label: action.label, required: `请填写${action.label}` },
              )}
            >
              <Input.TextArea
                rows={4}
                maxLength={action.maxLength}
                showCount
                autoFocus
                placeholder={action.placeholder}
                data-testid="note-input"
              />
            </Form.Item>
          </Form>
        )}
      </div>
    </Modal>
  );
}
