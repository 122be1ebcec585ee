import { useQuery } from "@tanstack/react-query";
import { Form, Input, Modal, Radio, Select } from "antd";
import type { Center } from "../../../contracts/accounts.js";
import {
  closeAppealSchema,
  referSchema,
  reopenSchema,
  reworkSchema,
  TRANSFER_KIND_LABELS,
  type TransferInput,
  transferSchema,
} from "../../../contracts/work-orders.js";
import { canTransition } from "../../../core/workflow.js";
import type { Appeal } from "../../api/appeals.js";
import { api } from "../../api/client.js";
import { useHandlingAction } from "../../api/workOrders.js";
import { ConflictAlert } from "../../components/ConflictAlert.js";
import { useFormSubmit } from "../../components/useFormSubmit.js";
import { fieldRules } from "../../lib/validation.js";
import type { TextAction } from "../work-orders/TextActionModal.js";

/** The reviewer's appeal-level actions (审核 · 销号 · 转办), only when the workflow allows them. */
export type HandlingKind = "dispatch" | "close" | "rework" | "reopen" | "transfer" | "refer";

export function handlingActions(a: Pick<Appeal, "status">): HandlingKind[] {
  const out: HandlingKind[] = [];
  if (a.status === "received" && canTransition(a.status, "dispatch")) out.push("dispatch");
  if (canTransition(a.status, "close")) out.push("close");
  if (canTransition(a.status, "rework")) out.push("rework");
  if (canTransition(a.status, "reopen")) out.push("reopen");
  if (canTransition(a.status, "transfer")) out.push("transfer");
  if (canTransition(a.status, "refer")) out.push("refer");
  return out;
}

export const HANDLING_TEXT: Record<HandlingKind, string> = {
  dispatch: "分办",
  close: "销号",
  rework: "退回重办",
  reopen: "重新办理",
  transfer: "转办",
  refer: "移交",
};

/** The text prompt of close / rework / reopen / refer. */
export function useHandlingPrompt(a: Appeal) {
  const mutation = useHandlingAction();
  const expectedVersion = a.version;
  const run = (action: Parameters<typeof mutation.mutateAsync>[0]["action"]) =>
    mutation.mutateAsync({ appealId: a.id, action });
  return (k: "close" | "rework" | "reopen" | "refer"): TextAction =>
    k === "close"
      ? {
          title: `销号 · ${a.trackingNo}`,
          field: "note",
          label: "销号说明（可选）",
          schema: closeAppealSchema.shape.note,
          okText: "确认销号",
          hint: "已核实部门答复，销号后诉求办结并告知诉求人办理结果。",
          run: (note) => run({ kind: "close", body: { note, expectedVersion } }),
          done: "已销号",
        }
      : k === "rework"
        ? {
            title: `退回重办 · ${a.trackingNo}`,
            field: "reason",
            label: "退回理由",
            schema: reworkSchema.shape.reason,
            okText: "退回重办",
            danger: true,
            hint: "答复未通过核实，退回牵头部门重新办理，并告知诉求人。",
            run: (reason) => run({ kind: "rework", body: { reason: reason ?? "", expectedVersion } }),
            done: "已退回重办",
          }
        : k === "reopen"
          ? {
              title: `重新办理 · ${a.trackingNo}`,
              field: "reason",
              label: "重新办理理由",
              schema: reopenSchema.shape.reason,
              okText: "重新办理",
              run: (reason) => run({ kind: "reopen", body: { reason: reason ?? "", expectedVersion } }),
              done: "诉求已重新进入审核分办",
            }
          : {
              title: `移交 · ${a.trackingNo}`,
              field: "note",
              label: "移交说明",
              schema: referSchema.shape.note,
              okText: "确认移交",
              danger: true,
              hint: "服务对象涉嫌违法违纪的，移交有关部门处理。",
              run: (note) => run({ kind: "refer", body: { note: note ?? "", expectedVersion } }),
              done: "已移交",
            };
}

type TransferValues = Partial<Pick<TransferInput, "targetKind" | "targetName" | "targetCenterId" | "note">>;

const transfer = transferSchema.shape;
const TRANSFER_RULES = {
  targetKind: fieldRules(transfer.targetKind),
  targetCenterId: fieldRules(transfer.targetCenterId, { required: "请选择接收中心" }),
  targetName: fieldRules(transfer.targetName, { label: "接收单位", required: "请填写接收单位" }),
  note: fieldRules(transfer.note, { label: "转办说明" }),
};

/** 转办: to the competent external unit (the requester is told) or by letter (函转) to another center. */
export function TransferModal({
  appeal,
  open,
  onClose,
}: {
  appeal: Appeal;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<TransferValues>();
  const mutation = useHandlingAction();
  const kind = Form.useWatch("targetKind", form);
  const centers = useQuery({
    queryKey: ["centers"],
    queryFn: () => api<Center[]>("/centers"),
    enabled: open && kind === "center",
  });
  const { modalProps, conflict } = useFormSubmit(form, {
    run: (v) =>
      mutation.mutateAsync({
        appealId: appeal.id,
        action: {
          kind: "transfer",
          body: {
            targetKind: v.targetKind!,
            targetName: v.targetKind === "external_unit" ? v.targetName?.trim() : undefined,
            targetCenterId: v.targetKind === "center" ? v.targetCenterId : undefined,
            note: v.note?.trim() ?? "",
            expectedVersion: appeal.version,
          },
        },
      }),
    done: "已转办",
    onClose,
    conflicts: true,
    open,
  });
  return (
    <Modal {...modalProps} open={open} title={`转办 · ${appeal.trackingNo}`} okText="确认转办" width={600}>
      <ConflictAlert conflict={conflict} />
      <Form form={form} layout="vertical" preserve={false} initialValues={{ targetKind: "external_unit" }}>
        <Form.Item name="targetKind" label="转办方式" rules={TRANSFER_RULES.targetKind}>
          <Radio.Group>
            <Radio value="external_unit">{TRANSFER_KIND_LABELS.external_unit}</Radio>
            <Radio value="center">{TRANSFER_KIND_LABELS.center}</Radio>
          </Radio.Group>
        </Form.Item>
        {kind === "center" ? (
          <Form.Item name="targetCenterId" label="接收中心" rules={TRANSFER_RULES.targetCenterId}>
            <Select
              loading={centers.isPending}
              showSearch={{ optionFilterProp: "label" }}
              options={(centers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        ) : (
          <Form.Item name="targetName" label="接收单位" rules={TRANSFER_RULES.targetName}>
            <Input maxLength={100} placeholder="如：市供电公司" />
          </Form.Item>
        )}
        <Form.Item name="note" label="转办说明" rules={TRANSFER_RULES.note}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
