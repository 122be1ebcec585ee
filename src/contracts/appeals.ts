import { z } from "zod";
import { APPEAL_TEXT_LIMITS as L, PHONE_PATTERN, QUERY_CODE_PATTERN, TRACKING_NO_PATTERN } from "./portal.js";

/**
 * Appeal (诉求) DTOs and enumerations shared by the server and the web app.
 * Codes are the stable API.md contract; the Chinese labels are what users see.
 */

/** 受理渠道 — the six intake channels of the standard (受理范围 · 受理渠道). */
export const CHANNELS = ["onsite", "phone", "miniapp", "portal", "hotline_12345", "letter"] as const;
export const channelSchema = z.enum(CHANNELS, { message: "未知的受理渠道" });
export type Channel = z.infer<typeof channelSchema>;
export const CHANNEL_LABELS: Record<Channel, string> = {
  onsite: "“有诉即办”窗口",
  phone: "中心咨询电话",
  miniapp: "小程序",
  portal: "门户网站",
  hotline_12345: "12345政务热线",
  letter: "信函",
};
/** Short names for table cells and radio buttons. */
export const CHANNEL_SHORT_LABELS: Record<Channel, string> = {
  onsite: "窗口",
  phone: "咨询电话",
  miniapp: "小程序",
  portal: "门户网站",
  hotline_12345: "12345热线",
  letter: "信函",
};

/**
 * Channels checked every working day whose requester must get a proactive
 * first response within 1 working day (处置流程 · 受理 · 小程序、信函及网络渠道).
 */
export const ONLINE_CHANNELS: readonly Channel[] = ["miniapp", "portal", "hotline_12345", "letter"];
export const isOnlineChannel = (c: Channel): boolean => ONLINE_CHANNELS.includes(c);

/** Channels a signed-in staff member records by hand (window, hotline seat, mail room). */
export const STAFF_CHANNELS: readonly Channel[] = ["onsite", "phone", "letter", "hotline_12345"];
/** Channels another system may push over an integration token. */
export const INTEGRATION_CHANNELS: readonly Channel[] = ["hotline_12345", "miniapp", "portal", "letter"];
/** Channels a citizen uses without an account (the public portal / H5). */
export const PUBLIC_CHANNELS = ["portal", "miniapp"] as const;

/** 诉求类别 (受理内容). */
export const APPEAL_TYPES = ["complaint", "opinion", "suggestion", "inquiry", "difficulty"] as const;
export const appealTypeSchema = z.enum(APPEAL_TYPES, { message: "未知的诉求类别" });
export type AppealType = z.infer<typeof appealTypeSchema>;
export const APPEAL_TYPE_LABELS: Record<AppealType, string> = {
  complaint: "投诉",
  opinion: "意见",
  suggestion: "建议",
  inquiry: "咨询",
  difficulty: "疑难复杂问题",
};

export const APPEAL_STATUSES = [
  "received",
  "rejected",
  "resolved",
  "transferred",
  "dispatched",
  "replied",
  "closed",
] as const;
export const appealStatusSchema = z.enum(APPEAL_STATUSES, { message: "未知的状态" });
export type AppealStatus = z.infer<typeof appealStatusSchema>;
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  received: "已受理",
  rejected: "不予受理",
  resolved: "已办结",
  transferred: "已转办",
  dispatched: "办理中",
  replied: "已答复",
  closed: "已销号",
};

/** 不予受理事项 — the seven reasons of the standard, in its order. */
export const REJECT_REASONS = [
  "legal_procedure",
  "petition",
  "confidential",
  "emergency",
  "invalid",
  "unlawful",
  "other",
] as const;
export const rejectReasonSchema = z.enum(REJECT_REASONS, { message: "请选择不予受理的理由" });
export type RejectReason = z.infer<typeof rejectReasonSchema>;
export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  legal_procedure: "应通过诉讼、仲裁、纪检监察、行政复议、政府信息公开等程序解决",
  petition: "已进入信访渠道",
  confidential: "涉及国家秘密、商业秘密、个人隐私或违背社会公序良俗",
  emergency: "属于110、119、120、122等紧急热线受理范围",
  invalid: "恶意攻击骚扰、诉求表达不清或无实质内容",
  unlawful: "违反法律法规、规章制度及政策规定",
  other: "法律法规、规章制度及政策规定的其他不予受理事项",
};
/** Short labels for selects and tables. */
export const REJECT_REASON_SHORT_LABELS: Record<RejectReason, string> = {
  legal_procedure: "应走法定程序",
  petition: "已进入信访",
  confidential: "涉密/隐私/违背公序良俗",
  emergency: "紧急热线事项",
  invalid: "骚扰/不清/无实质内容",
  unlawful: "违法违规诉求",
  other: "其他不予受理事项",
};

/** The emergency hotlines the standard names (不予受理 · 紧急热线受理范围). */
export const EMERGENCY_HOTLINES = ["110", "119", "120", "122"] as const;
export type EmergencyHotline = (typeof EMERGENCY_HOTLINES)[number];

export const COMPLEXITIES = ["simple", "general", "multi_department", "major"] as const;
export const complexitySchema = z.enum(COMPLEXITIES, { message: "请选择事项复杂程度" });
export type Complexity = z.infer<typeof complexitySchema>;
export const COMPLEXITY_LABELS: Record<Complexity, string> = {
  simple: "简单事项",
  general: "一般事项",
  multi_department: "多部门/多层级事项",
  major: "重大复杂问题",
};

export const REQUESTER_KINDS = ["person", "organization"] as const;
export const requesterKindSchema = z.enum(REQUESTER_KINDS, { message: "未知的诉求人类型" });
export type RequesterKind = z.infer<typeof requesterKindSchema>;
export const REQUESTER_KIND_LABELS: Record<RequesterKind, string> = {
  person: "个人",
  organization: "企业/单位",
};

/**
 * Due light of an open item (督办 · 红黄绿灯): red overdue, yellow close to its deadline, green
 * otherwise. The one rule that decides it is src/core/due-light.ts.
 */
export const LIGHTS = ["red", "yellow", "green"] as const;
export const lightSchema = z.enum(LIGHTS);
export type Light = z.infer<typeof lightSchema>;
export const LIGHT_LABELS: Record<Light, string> = { red: "已超期", yellow: "临期", green: "正常" };
/** The colour's own name, for screen readers ("红灯：已超期"). */
export const LIGHT_COLOR_NAMES: Record<Light, string> = { red: "红灯", yellow: "黄灯", green: "绿灯" };

/** Who wrote a timeline event. */
export const ACTOR_KINDS = ["user", "integration", "public", "system"] as const;
export const actorKindSchema = z.enum(ACTOR_KINDS);
export type ActorKind = z.infer<typeof actorKindSchema>;
/** How the timeline names a non-user actor (a user is named by name). */
export const ACTOR_KIND_LABELS: Record<ActorKind, string | null> = {
  user: null,
  integration: "对接系统",
  public: "网上提交",
  system: "系统",
};

/** 重复诉求 links: a repeat of an open appeal, or merged into it (并单). */
export const APPEAL_LINK_KINDS = ["repeat", "merged"] as const;
export const appealLinkKindSchema = z.enum(APPEAL_LINK_KINDS);
export type AppealLinkKind = z.infer<typeof appealLinkKindSchema>;

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
  })
  .superRefine((r, ctx) => {
    if (r.kind === "organization" && !r.orgName) {
      ctx.addIssue({ code: "custom", path: ["orgName"], message: "企业/单位诉求请填写单位名称" });
    }
  });
export type RequesterInput = z.infer<typeof requesterInputSchema>;

export { QUERY_CODE_PATTERN, TRACKING_NO_PATTERN };

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
  sort: z.enum(["received", "respond_by"], { message: "排序只能为 received 或 respond_by" }).optional(),
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
  // Review, dispatch and handling (工作单).
  assignment_notified: "工作单送达部门",
  signed: "部门签收",
  returned: "退单",
  co_returned: "协办部门退出",
  opinion_submitted: "协办意见",
  reworked: "退回重办",
  transfer_received: "函转收件",
  referred: "移交",
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
};

export const revealPhoneResultSchema = z.object({ phone: z.string() });
export type RevealPhoneResult = z.infer<typeof revealPhoneResultSchema>;
