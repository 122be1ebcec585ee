import { Alert, Button, Form, Input, Modal, Typography } from "antd";
import { acknowledgeAppealSchema, type RejectReason, resolveAppealSchema } from "../../contracts/appeals.js";
import { type Appeal, useAppealAction } from "../api/appeals.js";
import { fieldRules } from "../lib/validation.js";
import { KnowledgePicker } from "./KnowledgePicker.js";
import { RejectFields } from "./RejectFields.js";
import { useFormSubmit } from "./useFormSubmit.js";

const CONFLICT_TITLE = "已被他人处理，请刷新";

export type ActionKind = "acknowledge" | "resolve" | "reject";

const TITLES: Record<ActionKind, string> = {
  acknowledge: "回应诉求人",
  resolve: "当场办结",
  reject: "不予受理",
};
const OK_TEXT: Record<ActionKind, string> = {
  acknowledge: "发送回应",
  resolve: "办结",
  reject: "确认不予受理",
};

interface Values {
  message?: string;
  answer?: string;
  reason?: RejectReason;
  explanation?: string;
  referredTo?: string;
}

/** An inserted knowledge answer goes after what the clerk already wrote. */
export function appendAnswer(current: string | undefined, text: string): string {
  return current?.trim() ? `${current.trimEnd()}\n${text}` : text;
}

/**
 * The front-desk actions on one appeal, each sent with the version the clerk was looking at: if
 * someone else acted first the server answers 409 and the clerk is told to refresh, never overwrites.
 */
export function AppealActionModal({
  appeal,
  kind,
  onClose,
  onDone,
  onRefresh,
}: {
  appeal: Pick<Appeal, "id" | "trackingNo" | "version">;
  kind: ActionKind | null;
  onClose: () => void;
  onDone?: (a: Appeal) => void;
  /** Reload the appeal after a conflict. */
  onRefresh: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const mutation = useAppealAction();
  const { modalProps, conflict } = useFormSubmit(form, {
    run: async (v) => {
      if (!kind) return;
      const expectedVersion = appeal.version;
      const a = await mutation.mutateAsync({
        id: appeal.id,
        action:
          kind === "acknowledge"
            ? { kind, body: { message: v.message ?? "", expectedVersion } }
            : kind === "resolve"
              ? { kind, body: { answer: v.answer ?? "", expectedVersion } }
              : {
                  kind,
                  body: {
                    reason: v.reason!,
                    explanation: v.explanation ?? "",
                    referredTo: v.referredTo?.trim() || undefined,
                    expectedVersion,
                  },
                },
      });
      onDone?.(a);
    },
    done: kind ? `${TITLES[kind]}：已完成` : undefined,
    onClose,
    conflicts: true,
    open: kind,
    onOpen: () => {
      if (kind === "acknowledge") {
        form.setFieldValue(
          "message",
          `您的诉求（受理编号 ${appeal.trackingNo}）已收到，我们正在审核处理，办理时限确定后将及时告知您。`,
        );
      }
    },
  });

  return (
    <Modal
      {...modalProps}
      open={kind !== null}
      title={kind ? `${TITLES[kind]} · ${appeal.trackingNo}` : ""}
      okText={kind ? OK_TEXT[kind] : "确定"}
      okButtonProps={{ ...modalProps.okButtonProps, danger: kind === "reject" }}
      width={640}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          data-testid="action-conflict"
          title={CONFLICT_TITLE}
          description={conflict === CONFLICT_TITLE ? undefined : conflict}
          style={{ marginBottom: 16 }}
          action={
            <Button
              size="small"
              type="primary"
              onClick={() => {
                onRefresh();
                onClose();
              }}
            >
              刷新
            </Button>
          }
        />
      )}
      <Form form={form} layout="vertical" preserve={false}>
        {kind === "acknowledge" && (
          <>
            <Typography.Paragraph type="secondary">
              非现场渠道的诉求须在 1 个工作日内主动回应；回应内容将通过短信发送给诉求人。
            </Typography.Paragraph>
            <Form.Item
              name="message"
              label="回应内容"
              rules={fieldRules(acknowledgeAppealSchema.shape.message, { label: "回应内容" })}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} autoFocus data-testid="action-message" />
            </Form.Item>
          </>
        )}
        {kind === "resolve" && (
          <KnowledgePicker
            onInsert={(text) =>
              form.setFieldValue("answer", appendAnswer(form.getFieldValue("answer"), text))
            }
          />
        )}
        {kind === "resolve" && (
          <Form.Item
            name="answer"
            label="答复内容"
            extra="答复后诉求即办结，并短信告知诉求人。"
            rules={fieldRules(resolveAppealSchema.shape.answer, { label: "答复内容" })}
          >
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} autoFocus data-testid="action-answer" />
          </Form.Item>
        )}
        {kind === "reject" && <RejectFields />}
      </Form>
    </Modal>
  );
}
