import { z } from "zod";
import { idSchema, PHONE_PATTERN } from "./accounts.js";
import {
  APPEAL_EVENT_LABELS,
  APPEAL_STATUSES,
  APPEAL_TYPES,
  CHANNELS,
  COMPLEXITIES,
  complexitySchema,
  expectedVersionSchema,
  lightSchema,
} from "./appeals.js";
import { isDbId } from "./common.js";
import { DEADLINE_RULES } from "./enums.js";
import { extensionSchema, extensionStatusSchema, planSchema, planStatusSchema } from "./extension-plan.js";

export * from "./extension-plan.js";

/**
 * Review, dispatch and handling (审核 · 分办转办 · 办理) DTOs shared by the
 * server and the web app: the 工作单, department actions, extensions,
 * major-issue plans, close-out and transfers. Codes are the stable API.
 */

export const WORK_ORDER_STATUSES = ["pending", "signed", "returned", "replied", "closed"] as const;
export const workOrderStatusSchema = z.enum(WORK_ORDER_STATUSES);
export type WorkOrderStatus = z.infer<typeof workOrderStatusSchema>;
export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, string> = {
  pending: "待签收",
  signed: "办理中",
  returned: "已退单",
  replied: "已答复",
  closed: "已销号",
};

export const ASSIGNMENT_STATUSES = ["pending", "signed", "returned", "opinion_submitted", "replied"] as const;
export const assignmentStatusSchema = z.enum(ASSIGNMENT_STATUSES);
export type AssignmentStatus = z.infer<typeof assignmentStatusSchema>;
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  pending: "待签收",
  signed: "已签收",
  returned: "已退单",
  opinion_submitted: "已提交意见",
  replied: "已答复",
};

export const ASSIGNMENT_ROLES = ["lead", "co"] as const;
export const assignmentRoleSchema = z.enum(ASSIGNMENT_ROLES);
export type AssignmentRole = z.infer<typeof assignmentRoleSchema>;
export const ASSIGNMENT_ROLE_LABELS: Record<AssignmentRole, string> = {
  lead: "牵头部门",
  co: "协办部门",
};

/** 审核: why a matter is complex (办不了 / 很难办 / 不给办). */
export const DIFFICULTY_KINDS = ["cannot_do", "hard_to_do", "refused", "other"] as const;
export const difficultyKindSchema = z.enum(DIFFICULTY_KINDS, { message: "未知的疑难类型" });
export type DifficultyKind = z.infer<typeof difficultyKindSchema>;
export const DIFFICULTY_KIND_LABELS: Record<DifficultyKind, string> = {
  cannot_do: "办不了（超出职权范围、与现行法规不一致）",
  hard_to_do: "很难办（历史遗留、溯源难、材料有瑕疵）",
  refused: "不给办（符合政策且材料齐全但被拒办或拖延）",
  other: "其他",
};
export const DIFFICULTY_KIND_SHORT_LABELS: Record<DifficultyKind, string> = {
  cannot_do: "办不了",
  hard_to_do: "很难办",
  refused: "不给办",
  other: "其他",
};

export const TRANSFER_KINDS = ["external_unit", "center", "authority"] as const;
export const transferKindSchema = z.enum(TRANSFER_KINDS);
export type TransferKind = z.infer<typeof transferKindSchema>;
export const TRANSFER_KIND_LABELS: Record<TransferKind, string> = {
  external_unit: "转交相关单位",
  center: "函转其他政务服务中心",
  authority: "移交有关部门（涉嫌违法违纪）",
};

/** @deprecated The appeal timeline's labels cover every work-order event: use APPEAL_EVENT_LABELS. */
export const WORK_ORDER_EVENT_LABELS: Record<string, string> = APPEAL_EVENT_LABELS;

// ---- input ----

const text = (min: number, max: number, what: string) =>
  z
    .string({ message: `请填写${what}` })
    .trim()
    .min(min, { message: min <= 1 ? `请填写${what}` : `${what}至少 ${min} 个字` })
    .max(max, { message: `${what}不能超过 ${max} 个字` });

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `${what}不能超过 ${max} 个字` })
    .transform((s) => (s === "" ? undefined : s))
    .optional();

export const dateSchema = z
  .string({ message: "请选择日期" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "日期格式应为 YYYY-MM-DD" });

export const dispatchSchema = z.object({
  complexity: complexitySchema,
  difficultyKind: difficultyKindSchema.optional(),
  leadDepartmentId: z
    .string({ message: "请选择牵头部门" })
    .regex(/^\d{1,19}$/, { message: "请选择牵头部门", abort: true })
    .refine(isDbId, { message: "请选择牵头部门" }),
  coDepartmentIds: z.array(idSchema).max(20, { message: "协办部门不能超过 20 个" }).optional(),
  note: optionalText(500, "备注"),
  /** 工作单联系人; defaults to the signed-in dispatcher's name. */
  contactName: z
    .string()
    .trim()
    .min(1, { message: "请填写工作单联系人" })
    .max(50, { message: "工作单联系人不能超过 50 个字" })
    .optional(),
  /** 工作单联系人电话; defaults to the dispatcher's office phone (个人中心), else the center's phone. */
  contactPhone: z.string().trim().regex(PHONE_PATTERN, { message: "联系电话格式不正确" }).optional(),
  expectedVersion: expectedVersionSchema,
});
export type DispatchInput = z.infer<typeof dispatchSchema>;

export const dispatchPreviewQuerySchema = z.object({ complexity: complexitySchema });
export const dispatchPreviewSchema = z.object({
  complexity: z.enum(COMPLEXITIES),
  rule: z.enum(DEADLINE_RULES),
  n: z.number().int(),
  start: z.string(),
  dueAt: z.string(),
  dueDate: z.string(),
  provisional: z.boolean(),
  explanation: z.string(),
});
export type DispatchPreview = z.infer<typeof dispatchPreviewSchema>;

const versioned = { expectedVersion: expectedVersionSchema };
/**
 * 研究部署 of a simple matter (办理: 对于简单事项，当天研究部署): who in the department handles it
 * and how — recorded by the lead department on the day the 工作单 arrives.
 */
export const deploymentInputSchema = z.object({
  handler: text(1, 50, "承办人"),
  measures: text(2, 1000, "研究部署意见"),
});
export type DeploymentInput = z.infer<typeof deploymentInputSchema>;
export const signSchema = z.object({ deployment: deploymentInputSchema.optional(), ...versioned });
export const deploySchema = deploymentInputSchema.extend(versioned);
export const returnSchema = z.object({ reason: text(2, 500, "退单理由"), ...versioned });
export const opinionSchema = z.object({ opinion: text(2, 2000, "办理意见"), ...versioned });
export const replySchema = z.object({ result: text(2, 4000, "答复内容"), ...versioned });

export const createExtensionSchema = z.object({
  until: dateSchema,
  reason: text(2, 500, "延期理由"),
  ...versioned,
});
export const approveExtensionSchema = z.object({ note: optionalText(500, "审批意见") });
export const denyExtensionSchema = z.object({ note: text(2, 500, "驳回理由") });

export const closeAppealSchema = z.object({ note: optionalText(500, "销号说明"), ...versioned });
export const reworkSchema = z.object({ reason: text(2, 500, "退回理由"), ...versioned });
export const reopenSchema = z.object({ reason: text(2, 500, "重新办理理由"), ...versioned });

export const transferSchema = z.object({
  /** 移交 (authority) has its own action, refer. */
  targetKind: transferKindSchema.exclude(["authority"], { message: "请选择转办方式" }),
  targetName: optionalText(100, "接收单位"),
  targetCenterId: idSchema.optional(),
  note: text(2, 500, "转办说明"),
  ...versioned,
});
export type TransferInput = z.infer<typeof transferSchema>;
export const referSchema = z.object({
  targetName: optionalText(100, "移交单位"),
  note: text(2, 500, "移交说明"),
  ...versioned,
});

export const createPlanSchema = z.object({
  summary: text(5, 4000, "方案内容"),
  milestones: z
    .array(z.object({ title: text(2, 200, "节点名称"), dueDate: dateSchema }), { message: "请填写时间节点" })
    .min(1, { message: "请至少设置一个时间节点" })
    .max(20, { message: "时间节点不能超过 20 个" }),
});
export type CreatePlanInput = z.infer<typeof createPlanSchema>;
export const decidePlanSchema = z.object({ note: optionalText(500, "审批意见") });
export const rejectPlanSchema = z.object({ note: text(2, 500, "驳回理由") });
export const progressSchema = z.object({ report: text(2, 2000, "进展情况"), done: z.boolean().optional() });

export const workOrderListQuerySchema = z.object({
  /** `mine`: the department's own inbox (the default for department users). */
  department: z.enum(["mine"], { message: "department 只能为 mine" }).optional(),
  /** Work order status, or `open` (pending and signed). */
  status: z.enum([...WORK_ORDER_STATUSES, "open"], { message: "未知的工作单状态" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type WorkOrderListQuery = z.infer<typeof workOrderListQuerySchema>;

export const extensionListQuerySchema = z.object({
  status: extensionStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const planListQuerySchema = z.object({
  status: planStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const exportQuerySchema = z.object({ format: z.enum(["json"], { message: "目前只支持 json" }) });
export const milestoneParamsSchema = z.object({ id: idSchema, mid: idSchema });
/** The printed 工作单 masks the phone; a reason (logged) asks for the full number, for roles that may reveal it. */
export const printQuerySchema = z.object({
  revealReason: z
    .string()
    .trim()
    .min(2, { message: "请填写查看完整号码的原因" })
    .max(200, { message: "查看原因不能超过 200 个字" })
    .optional(),
});

/** Request bodies as a client sends them (zod input types: optional fields may be left out). */
export type DispatchBody = z.input<typeof dispatchSchema>;
export type SignBody = z.input<typeof signSchema>;
export type ReturnBody = z.input<typeof returnSchema>;
export type OpinionBody = z.input<typeof opinionSchema>;
export type ReplyBody = z.input<typeof replySchema>;
export type CreateExtensionBody = z.input<typeof createExtensionSchema>;
export type DecisionNoteBody = z.input<typeof approveExtensionSchema>;
export type CloseAppealBody = z.input<typeof closeAppealSchema>;
export type ReworkBody = z.input<typeof reworkSchema>;
export type ReopenBody = z.input<typeof reopenSchema>;
export type TransferBody = z.input<typeof transferSchema>;
export type ReferBody = z.input<typeof referSchema>;
export type CreatePlanBody = z.input<typeof createPlanSchema>;
export type ProgressBody = z.input<typeof progressSchema>;

// ---- output ----

const nameRef = z.object({ id: z.string().nullable(), name: z.string() });

export const assignmentSchema = z.object({
  id: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  departmentPhone: z.string().nullable(),
  departmentLocation: z.string().nullable(),
  role: z.enum(ASSIGNMENT_ROLES),
  status: z.enum(ASSIGNMENT_STATUSES),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  returnedReason: z.string().nullable(),
  returnedAt: z.string().nullable(),
  opinion: z.string().nullable(),
  opinionAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const workOrderAppealSchema = z.object({
  id: z.string(),
  trackingNo: z.string(),
  status: z.enum(APPEAL_STATUSES),
  channel: z.enum(CHANNELS),
  type: z.enum(APPEAL_TYPES),
  requesterName: z.string(),
  orgName: z.string().nullable(),
  contactPerson: z.string().nullable(),
  /** Masked; the printed 工作单 carries the full number. */
  phone: z.string(),
  address: z.string().nullable(),
  /** 诉求人不愿提供 */
  addressDeclined: z.boolean(),
  content: z.string(),
  receivedAt: z.string(),
});

export const workOrderSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  appeal: workOrderAppealSchema,
  status: z.enum(WORK_ORDER_STATUSES),
  complexity: z.enum(COMPLEXITIES),
  difficultyKind: z.enum(DIFFICULTY_KINDS).nullable(),
  leadDepartment: nameRef,
  assignments: z.array(assignmentSchema),
  /** The caller's department's role on this order (department users). */
  myRole: z.enum(ASSIGNMENT_ROLES).nullable(),
  dueAt: z.string(),
  dueDate: z.string(),
  dueProvisional: z.boolean(),
  dueExplanation: z.string().nullable(),
  dueRule: z.enum(DEADLINE_RULES),
  dueN: z.number().int(),
  /** Urgency on open orders: red overdue, yellow due today or within 4 hours; null once answered. */
  light: lightSchema.nullable(),
  overdue: z.boolean(),
  contact: z.object({ userId: z.string().nullable(), name: z.string(), phone: z.string().nullable() }),
  note: z.string().nullable(),
  result: z.string().nullable(),
  returnedReason: z.string().nullable(),
  reworkReason: z.string().nullable(),
  closeNote: z.string().nullable(),
  /** 研究部署 of a simple matter (null until recorded, and for other complexities). */
  deployment: z.object({ handler: z.string(), measures: z.string(), at: z.string() }).nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  signedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type WorkOrderSummary = z.infer<typeof workOrderSummarySchema>;

export const workOrderSchema = workOrderSummarySchema.extend({
  extensions: z.array(extensionSchema),
  plans: z.array(planSchema),
});
export type WorkOrder = z.infer<typeof workOrderSchema>;

export const workOrderPageSchema = z.object({
  items: z.array(workOrderSummarySchema),
  nextCursor: z.string().nullable(),
});

export const transferRecordSchema = z.object({
  id: z.string(),
  direction: z.enum(["outgoing", "incoming"]),
  targetKind: z.enum(TRANSFER_KINDS),
  targetName: z.string().nullable(),
  fromCenter: nameRef,
  targetCenter: nameRef.nullable(),
  appealId: z.string(),
  trackingNo: z.string(),
  receivedAppealId: z.string().nullable(),
  receivedTrackingNo: z.string().nullable(),
  note: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type TransferRecord = z.infer<typeof transferRecordSchema>;
