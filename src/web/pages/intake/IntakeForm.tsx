import {
  App,
  Button,
  Card,
  Cascader,
  Col,
  DatePicker,
  Form,
  Input,
  Radio,
  type RefSelectProps,
  Row,
  Space,
} from "antd";
import type { TextAreaRef } from "antd/es/input/TextArea.js";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  APPEAL_TYPE_LABELS,
  APPEAL_TYPES,
  CHANNEL_SHORT_LABELS,
  type Channel,
  createAppealSchema,
  REQUESTER_KIND_LABELS,
  REQUESTER_KINDS,
  type RejectReason,
  requesterInputSchema,
  resolveAppealSchema,
  STAFF_CHANNELS,
} from "../../../contracts/appeals.js";
import { newIdempotencyKey, useAppealAction, useCreateAppeal, useIntakeHints } from "../../api/appeals.js";
import { useAssistSuggest } from "../../api/assist.js";
import { errorMessage } from "../../api/client.js";
import { categoryOptions, useCategories } from "../../api/knowledge.js";
import { appendAnswer } from "../../components/AppealActionModal.js";
import { AssistPanel } from "../../components/AssistPanel.js";
import { KnowledgePicker } from "../../components/KnowledgePicker.js";
import { RejectFields } from "../../components/RejectFields.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { dayjs } from "../../lib/time.js";
import { useDebounced } from "../../lib/useDebounced.js";
import { fieldRules } from "../../lib/validation.js";
import { AddressField } from "./AddressField.js";
import { HintsPanel } from "./HintsPanel.js";
import type { Saved } from "./IntakePage.js";
import { type IntakeValues, intakeErrorPath, toCreateBody } from "./intakeBody.js";

type Mode = "accept" | "resolve" | "reject";

const requester = requesterInputSchema.shape;
/** The server's schemas of these fields, checked as the clerk types. */
const RULES = {
  channel: fieldRules(createAppealSchema.shape.channel, { required: "请选择受理渠道" }),
  type: fieldRules(createAppealSchema.shape.type, { required: "请选择诉求类别" }),
  orgName: fieldRules(requester.orgName, { label: "单位名称", required: "请输入单位名称" }),
  contactPerson: fieldRules(requester.contactPerson, { label: "联系人", required: "请输入单位联系人" }),
  name: fieldRules(requester.name, { label: "姓名" }),
  phone: fieldRules(requester.phone, { label: "联系电话" }),
  content: fieldRules(createAppealSchema.shape.content, { label: "诉求内容" }),
  answer: fieldRules(resolveAppealSchema.shape.answer, { label: "答复内容" }),
};

function Key({ children }: { children: string }) {
  return <kbd className="key">{children}</kbd>;
}

/**
 * The intake form (诉求登记). Tab runs down the paper form: channel, (letter: date received), type,
 * person or unit, name / unit + contact, phone, address, content. Ctrl+Enter saves; Alt+J opens
 * 当场办结 and Alt+B 不予受理, each saved together with the appeal; Esc goes back.
 */
export function IntakeForm({
  initialChannel,
  onSaved,
}: {
  initialChannel: Channel;
  onSaved: (saved: Saved, channel: Channel) => void;
}) {
  const [form] = Form.useForm<IntakeValues>();
  const { message } = App.useApp();
  const create = useCreateAppeal();
  const action = useAppealAction();
  const categories = useCategories();
  const [mode, setMode] = useState<Mode>("accept");
  const [busy, setBusy] = useState(false);
  // One key per requester: a double click or a retry after a lost response never makes two appeals.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const root = useRef<HTMLDivElement>(null);
  const answerRef = useRef<TextAreaRef>(null);
  const reasonRef = useRef<RefSelectProps>(null);

  const channel = Form.useWatch("channel", form) ?? initialChannel;
  const kind = Form.useWatch("kind", form) ?? "person";
  const phone = Form.useWatch("phone", form) ?? "";
  const content = Form.useWatch("content", form) ?? "";
  const hintInput = useDebounced(
    useMemo(() => ({ phone: phone.trim(), content }), [phone, content]),
    600,
  );
  const hints = useIntakeHints(hintInput);
  const assist = useAssistSuggest(hintInput);

  useEffect(() => {
    root.current?.querySelector<HTMLInputElement>('input[name="channel"]:checked')?.focus();
  }, []);

  useEffect(() => {
    if (mode === "resolve") answerRef.current?.focus();
    if (mode === "reject") reasonRef.current?.focus();
  }, [mode]);

  const openReject = useCallback(
    (reason?: RejectReason) => {
      if (reason) {
        form.setFieldValue("reason", reason);
        const number = hints.data?.hints.find((h) => h.kind === "emergency")?.number;
        if (reason === "emergency" && number && !form.getFieldValue("explanation")) {
          form.setFieldValue(
            "explanation",
            `您反映的情况属于紧急热线受理范围，请立即拨打 ${number}，以便及时得到处置。`,
          );
        }
      }
      setMode("reject");
    },
    [form, hints.data],
  );

  const submit = async (m: Mode) => {
    if (busy) return;
    let v: IntakeValues;
    try {
      v = await form.validateFields();
    } catch (e) {
      const first = (e as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) form.focusField(first.name);
      return;
    }
    setBusy(true);
    try {
      const created = await create.mutateAsync({ body: toCreateBody(v), idempotencyKey });
      let final = null;
      let followUpError: string | null = null;
      if (m !== "accept") {
        try {
          final = await action.mutateAsync({
            id: created.id,
            action:
              m === "resolve"
                ? { kind: "resolve", body: { answer: v.answer ?? "", expectedVersion: created.version } }
                : {
                    kind: "reject",
                    body: {
                      reason: v.reason!,
                      explanation: v.explanation ?? "",
                      referredTo: v.referredTo?.trim() || undefined,
                      expectedVersion: created.version,
                    },
                  },
          });
        } catch (e) {
          followUpError = errorMessage(e);
        }
      }
      onSaved({ created, final, followUpError }, v.channel);
    } catch (e) {
      const rest = applyApiErrors(form, e, intakeErrorPath(v.kind));
      if (rest) message.error(rest);
    } finally {
      setBusy(false);
    }
  };

  // Keyboard shortcuts for the whole page, read through a ref so the listener is installed once.
  const keys = useRef({ submit, mode, openReject });
  keys.current = { submit, mode, openReject };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = keys.current;
      if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
        e.preventDefault();
        void k.submit(k.mode);
      } else if (e.altKey && !e.ctrlKey && e.code === "KeyJ") {
        e.preventDefault();
        setMode("resolve");
      } else if (e.altKey && !e.ctrlKey && e.code === "KeyB") {
        e.preventDefault();
        k.openReject();
      } else if (
        e.key === "Escape" &&
        k.mode !== "accept" &&
        // Esc in an open drop-down closes the drop-down, not the step.
        (e.target as HTMLElement | null)?.getAttribute("aria-expanded") !== "true"
      ) {
        setMode("accept");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const saveLabel = mode === "resolve" ? "保存并办结" : mode === "reject" ? "保存并不予受理" : "受理登记";

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card>
          <div ref={root}>
            <Form<IntakeValues>
              form={form}
              name="intake"
              layout="horizontal"
              labelCol={{ flex: "112px" }}
              wrapperCol={{ flex: "auto" }}
              labelWrap
              initialValues={{
                channel: initialChannel,
                type: "complaint",
                kind: "person",
                receivedAt: dayjs(),
              }}
              data-testid="intake-form"
            >
              <Form.Item name="channel" label="受理渠道" rules={RULES.channel}>
                <Radio.Group
                  name="channel"
                  optionType="button"
                  buttonStyle="solid"
                  options={STAFF_CHANNELS.map((c) => ({ value: c, label: CHANNEL_SHORT_LABELS[c] }))}
                  data-testid="intake-channel"
                />
              </Form.Item>
              {channel === "letter" && (
                <Form.Item
                  name="receivedAt"
                  label="收信时间"
                  extra="信函到达中心的时间，首次回应时限从此时起算。"
                  rules={[{ required: true, message: "请选择收信时间" }]}
                >
                  <DatePicker
                    showTime={{ format: "HH:mm" }}
                    format="YYYY年M月D日 HH:mm"
                    disabledDate={(d) => d.isAfter(dayjs(), "day")}
                    data-testid="intake-received-at"
                  />
                </Form.Item>
              )}
              <Form.Item name="type" label="诉求类别" rules={RULES.type}>
                <Radio.Group
                  name="type"
                  optionType="button"
                  buttonStyle="solid"
                  options={APPEAL_TYPES.map((t) => ({ value: t, label: APPEAL_TYPE_LABELS[t] }))}
                  data-testid="intake-type"
                />
              </Form.Item>
              <Form.Item name="kind" label="诉求人">
                <Radio.Group
                  name="kind"
                  options={REQUESTER_KINDS.map((k) => ({ value: k, label: REQUESTER_KIND_LABELS[k] }))}
                  data-testid="intake-kind"
                />
              </Form.Item>
              {kind === "organization" ? (
                <>
                  <Form.Item name="orgName" label="单位名称" rules={RULES.orgName}>
                    <Input data-testid="intake-org-name" autoComplete="off" />
                  </Form.Item>
                  <Form.Item name="contactPerson" label="联系人" rules={RULES.contactPerson}>
                    <Input data-testid="intake-contact-person" autoComplete="off" />
                  </Form.Item>
                </>
              ) : (
                <Form.Item name="name" label="姓名" rules={RULES.name}>
                  <Input data-testid="intake-name" autoComplete="off" />
                </Form.Item>
              )}
              <Form.Item name="phone" label="联系电话" rules={RULES.phone}>
                <Input
                  data-testid="intake-phone"
                  inputMode="tel"
                  autoComplete="off"
                  placeholder="手机号或带区号的固定电话，如 010-12345678"
                />
              </Form.Item>
              <AddressField form={form} />
              <Form.Item name="content" label="诉求内容" rules={RULES.content}>
                <Input.TextArea
                  autoSize={{ minRows: 5, maxRows: 14 }}
                  showCount
                  maxLength={4000}
                  data-testid="intake-content"
                  placeholder="按诉求人的原意记录：什么事、在哪里、什么时候、希望怎样解决"
                />
              </Form.Item>
              <Form.Item
                name="category"
                label="初步分类"
                extra="窗口对诉求作初步分类，审核分办时可调整"
                rules={mode === "reject" ? [] : [{ required: true, message: "请选择初步分类" }]}
              >
                <Cascader
                  options={categoryOptions(categories.data?.items ?? [])}
                  changeOnSelect
                  showSearch
                  placeholder="选择分类（可只选一级）"
                  data-testid="intake-category"
                />
              </Form.Item>
              {mode === "resolve" && (
                <div className="intake-step resolve" data-testid="intake-resolve-step">
                  <Form.Item label="知识库">
                    <KnowledgePicker
                      initialQuery={form.getFieldValue("content") ?? ""}
                      onInsert={(text) =>
                        form.setFieldValue("answer", appendAnswer(form.getFieldValue("answer"), text))
                      }
                    />
                  </Form.Item>
                  <Form.Item
                    name="answer"
                    label="答复内容"
                    extra="当场答复诉求人的内容，保存后诉求即办结，并短信告知诉求人。"
                    rules={RULES.answer}
                  >
                    <Input.TextArea
                      ref={answerRef}
                      autoSize={{ minRows: 3, maxRows: 10 }}
                      data-testid="intake-answer"
                    />
                  </Form.Item>
                </div>
              )}
              {mode === "reject" && (
                <div className="intake-step reject" data-testid="intake-reject-step">
                  <RejectFields reasonRef={reasonRef} />
                </div>
              )}
              <Form.Item label=" " colon={false} style={{ marginTop: 16, marginBottom: 0 }}>
                <Space wrap>
                  <Button
                    type="primary"
                    danger={mode === "reject"}
                    loading={busy}
                    onClick={() => submit(mode)}
                    aria-keyshortcuts="Control+Enter"
                    data-testid="intake-save"
                  >
                    {saveLabel}
                    <Key>Ctrl+Enter</Key>
                  </Button>
                  {mode === "accept" ? (
                    <>
                      <Button
                        onClick={() => setMode("resolve")}
                        aria-keyshortcuts="Alt+J"
                        data-testid="intake-resolve"
                      >
                        当场办结
                        <Key>Alt+J</Key>
                      </Button>
                      <Button
                        danger
                        onClick={() => openReject()}
                        aria-keyshortcuts="Alt+B"
                        data-testid="intake-reject"
                      >
                        不予受理
                        <Key>Alt+B</Key>
                      </Button>
                    </>
                  ) : (
                    <Button
                      onClick={() => setMode("accept")}
                      aria-keyshortcuts="Escape"
                      data-testid="intake-back"
                    >
                      返回
                      <Key>Esc</Key>
                    </Button>
                  )}
                </Space>
              </Form.Item>
            </Form>
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <div style={{ position: "sticky", top: 16 }}>
          <HintsPanel
            data={hints.data}
            loading={hints.isFetching}
            error={hints.error}
            onReject={openReject}
          />
          <div style={{ height: 16 }} />
          <AssistPanel
            data={assist.data}
            loading={assist.isFetching}
            error={assist.error}
            onAdoptType={(type) => form.setFieldValue("type", type)}
          />
        </div>
      </Col>
    </Row>
  );
}
