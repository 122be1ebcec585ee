import { z } from "zod";
import {
  APPEAL_STATUSES,
  APPEAL_TYPES,
  actorKindSchema,
  appealStatusSchema,
  appealTypeSchema,
  CHANNELS,
  COMPLEXITIES,
  channelSchema,
  lightSchema,
  REJECT_REASONS,
  REQUESTER_KINDS,
  rejectReasonSchema,
  requesterKindSchema,
} from "./appeal-codes.js";
import {
  ADDRESS_DECLINED_LABEL,
  ADDRESS_REQUIRED_MESSAGE,
  APPEAL_TEXT_LIMITS as L,
  PHONE_PATTERN,
  QUERY_CODE_PATTERN,
  TRACKING_NO_PATTERN,
} from "./portal.js";

/** The appeal's code lists and labels live in appeal-codes.ts; the request and response schemas here. */
export * from "./appeal-codes.js";

// ---- input ----

export const appealPhoneSchema = z
  .string({ message: "请输入联系电话" })
  .trim()
  .regex(PHONE_PATTERN, { message: "电话号码格式不正确（手机号或带区号的固定电话，如 010-12345678）" });

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `${what}不能超过 ${max} 个字` })
    .transform((s) => (s === "" ? undefined : s))
    .optional();

export const requesterInputSchema = z
  .object({
    /** Omitted: an organization when orgName is given, else a person. */
    kind: requesterKindSchema.optional(),
    name: z
      .string({ message: "请输入姓名" })
      .trim()
      .min(1, { message: "请输入姓名" })
      .max(L.nameMax, { message: `姓名不能超过 ${L.nameMax} 个字` }),
    orgName: optionalText(L.orgNameMax, "单位名称"),
    contactPerson: optionalText(L.contactPersonMax, "单位联系人"),
    phone: appealPhoneSchema,
    address: optionalText(L.addressMax, "联系地址"),
    /**
     * 诉求人不愿提供: the requester declined to give an address. Staff and portal intake need an
     * address or this choice; integrations (12345 etc.) may push neither (API.md stays compatible).
     */
    addressDeclined: z.boolean({ message: "addressDeclined 应为 true 或 false" }).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.kind === "organization" && !r.orgName) {
      ctx.addIssue({ code: "custom", path: ["orgName"], message: "企业/单位诉求请填写单位名称" });
    }
  });
export type RequesterInput = z.infer<typeof requesterInputSchema>;

export { ADDRESS_DECLINED_LABEL, ADDRESS_REQUIRED_MESSAGE, QUERY_CODE_PATTERN, TRACKING_NO_PATTERN };

/** The address rule of staff and portal intake: an address, or the recorded choice not to give one. */
export function missingAddress(r: { address?: string | undefined; addressDeclined?: boolean | undefined }) {
  return !r.address && r.addressDeclined !== true;
}

export const categoryCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: "分类编码格式不正确" });

export const appealContentSchema = z
  .string({ message: "请输入诉求内容" })
  .trim()
  .min(L.contentMin, { message: `诉求内容至少 ${L.contentMin} 个字` })
  .max(L.contentMax, { message: `诉求内容不能超过 ${L.contentMax} 个字` });

export const createAppealSchema = z.object({
  channel: channelSchema,
  type: appealTypeSchema,
  categoryCode: categoryCodeSchema.optional(),
  requester: requesterInputSchema,
  content: appealContentSchema,
  /** When the appeal reached the center; integration and letter only (else it is now). */
  receivedAt: z.iso.datetime({ offset: true, message: "时间格式应为带时区的 ISO 8601" }).optional(),
  /** The pushing system's own id; integration only. */
  externalId: z.string().trim().min(1).max(100, { message: "外部编号不能超过 100 个字符" }).optional(),
});
export type CreateAppeal = z.infer<typeof createAppealSchema>;

export const expectedVersionSchema = z.number().int().min(1).optional();

export const rejectAppealSchema = z.object({
  reason: rejectReasonSchema,
  explanation: z
    .string({ message: "请填写告知诉求人的说明" })
    .trim()
    .min(5, { message: "说明至少 5 个字" })
    .max(500, { message: "说明不能超过 500 个字" }),
  /** Unit contacted to help when the matter is outside this center's jurisdiction. */
  referredTo: optionalText(100, "协助受理单位"),
  expectedVersion: expectedVersionSchema,
});
export type RejectAppeal = z.infer<typeof rejectAppealSchema>;

export const resolveAppealSchema = z.object({
  answer: z
    .string({ message: "请填写答复内容" })
    .trim()
    .min(2, { message: "答复内容至少 2 个字" })
    .max(2000, { message: "答复内容不能超过 2000 个字" }),
  expectedVersion: expectedVersionSchema,
});
export type ResolveAppeal = z.infer<typeof resolveAppealSchema>;

export const acknowledgeAppealSchema = z.object({
  message: z
    .string({ message: "请填写回应内容" })
    .trim()
    .min(2, { message: "回应内容至少 2 个字" })
    .max(500, { message: "回应内容不能超过 500 个字" }),
  expectedVersion: expectedVersionSchema,
});
export type AcknowledgeAppeal = z.infer<typeof acknowledgeAppealSchema>;

export const revealPhoneSchema = z.object({
  reason: z
    .string({ message: "请填写查看原因" })
    .trim()
    .min(2, { message: "请填写查看原因" })
    .max(200, { message: "查看原因不能超过 200 个字" }),
});

export const appealListQuerySchema = z.object({
  status: appealStatusSchema.optional(),
  channel: channelSchema.optional(),
  type: appealTypeSchema.optional(),
  /** received_at ≥ from (ISO instant or YYYY-MM-DD, a local date of the center). */
  from: z.string().max(40).optional(),
  /** received_at < to (a date means: up to the end of that local day). */
  to: z.string().max(40).optional(),
  overdue: z.enum(["true", "false"], { message: "overdue 只能为 true 或 false" }).optional(),
  q: z.string().trim().max(100, { message: "搜索词不能超过 100 个字" }).optional(),
  /** received: newest first; oldest: longest waiting first (review and close-out queues); respond_by: first-response due. */
  sort: z
    .enum(["received", "oldest", "respond_by"], { message: "排序只能为 received、oldest 或 respond_by" })
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type AppealListQuery = z.infer<typeof appealListQuerySchema>;

export const inboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  cursor: z.string().max(200).optional(),
});

// ---- output ----

export const deadlineSchema = z.object({
  at: z.string(),
  provisional: z.boolean(),
  explanation: z.string().nullable(),
});
/** A deadline as the receipt and the timeline carry it. */
export type Deadline = z.infer<typeof deadlineSchema>;

export const appealSchema = z.object({
  id: z.string(),
  trackingNo: z.string(),
  channel: z.enum(CHANNELS),
  type: z.enum(APPEAL_TYPES),
  categoryCode: z.string().nullable(),
  status: z.enum(APPEAL_STATUSES),
  complexity: z.enum(COMPLEXITIES).nullable(),
  requester: z.object({
    kind: z.enum(REQUESTER_KINDS),
    name: z.string(),
    orgName: z.string().nullable(),
    contactPerson: z.string().nullable(),
    /** Masked (138****5678) — reveal-phone returns the full number. */
    phone: z.string(),
    address: z.string().nullable(),
    /** 诉求人不愿提供 — no address, by the requester's choice. */
    addressDeclined: z.boolean(),
  }),
  content: z.string(),
  receivedAt: z.string(),
  recordedAt: z.string(),
  receivedBy: z
    .object({ id: z.string().nullable(), name: z.string(), post: z.string().nullable() })
    .nullable(),
  source: z.string().nullable(),
  externalId: z.string().nullable(),
  respondBy: z.string().nullable(),
  respondByProvisional: z.boolean(),
  respondedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  dueProvisional: z.boolean(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  rejection: z
    .object({ reason: z.enum(REJECT_REASONS), explanation: z.string(), referredTo: z.string().nullable() })
    .nullable(),
  answer: z.string().nullable(),
  /** 并单: the original this repeat was merged into (status `merged`). */
  mergedIntoId: z.string().nullable().optional(),
  overdue: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Appeal = z.infer<typeof appealSchema>;

/** 受理回执 — what the requester is given on intake. */
export const receiptSchema = z.object({
  trackingNo: z.string(),
  queryCode: z.string(),
  receivedAt: z.string(),
  channel: z.enum(CHANNELS),
  receivedBy: z.object({ name: z.string(), post: z.string().nullable() }).nullable(),
  nextStep: z.string(),
  respondBy: deadlineSchema.nullable(),
  dueAt: deadlineSchema.nullable(),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const createdAppealSchema = appealSchema.extend({ queryCode: z.string(), receipt: receiptSchema });
export type CreatedAppeal = z.infer<typeof createdAppealSchema>;

export const appealPageSchema = z.object({ items: z.array(appealSchema), nextCursor: z.string().nullable() });

export const inboxItemSchema = appealSchema.extend({ light: lightSchema });
export const inboxPageSchema = z.object({
  items: z.array(inboxItemSchema),
  nextCursor: z.string().nullable(),
});
export type InboxItem = z.infer<typeof inboxItemSchema>;

export const appealEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  type: z.string(),
  actor: z.object({ id: z.string().nullable(), name: z.string(), kind: actorKindSchema }),
  details: z.record(z.string(), z.unknown()),
});
export type AppealEvent = z.infer<typeof appealEventSchema>;

/** Timeline event types with Chinese labels. */
export const APPEAL_EVENT_LABELS: Record<string, string> = {
  received: "受理登记",
  acknowledged: "首次回应",
  rejected: "不予受理",
  resolved: "即时办结",
  phone_revealed: "查看完整电话",
  deadline_reconciled: "时限按新日历重算",
  transferred: "转办",
  dispatched: "分办",
  replied: "答复",
  closed: "销号",
  reopened: "重新办理",
  merged: "并单（并入原诉求）",
  repeat_merged: "重复诉求并入本件",
  // Review, dispatch and handling (工作单).
  assignment_notified: "工作单送达部门",
  signed: "部门签收",
  returned: "退单",
  co_returned: "协办部门退出",
  opinion_submitted: "协办意见",
  reworked: "退回重办",
  transfer_received: "函转收件",
  transfer_completed: "函转办结",
  referred: "移交",
  deployed: "研究部署",
  requester_called: "电话告知",
  extension_requested: "申请延期",
  extension_approved: "批准延期",
  extension_denied: "驳回延期",
  plan_submitted: "提交解决方案",
  plan_approved: "批准解决方案",
  plan_rejected: "驳回解决方案",
  plan_progress: "进展报告",
  plan_completed: "方案节点全部完成",
  work_order_withdrawn: "撤回工作单",
  // Supervision (督办).
  "supervision.reminder": "催办",
  "supervision.order": "督办",
  "supervision.notice": "通报",
  "supervision.resolved": "督办办结",
  // Results (处置结果应用).
  rated: "服务对象评价",
  followed_up: "回访",
  rectification_opened: "差评转整改",
  rectification_completed: "整改完成",
};

export const revealPhoneResultSchema = z.object({ phone: z.string() });
export type RevealPhoneResult = z.infer<typeof revealPhoneResultSchema>;
