import { z } from "zod";
import {
  APPEAL_STATUSES,
  APPEAL_TYPES,
  appealContentSchema,
  CHANNELS,
  PUBLIC_CHANNELS,
  QUERY_CODE_PATTERN,
  REJECT_REASONS,
  requesterInputSchema,
  TRACKING_NO_PATTERN,
} from "./appeals.js";
import { PUBLIC_REPLY_KIND_LABELS, PUBLIC_REPLY_KINDS, type PublicReplyKind } from "./portal.js";

/**
 * The public portal's API (no account): 我要反映, 进度查询 and the 公示 notice. Never carries
 * another person's data. The portal imports only the types (its bundle stays free of zod).
 */

/** `?center=code` — which center; the deployment's default center when absent. */
export const centerQuerySchema = z.object({
  center: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: "中心编码格式不正确" })
    .optional(),
});

/** 我要反映 — the public form. Only what a citizen may set: no receivedAt, externalId or category. */
export const publicSubmitSchema = z.object({
  channel: z.enum(PUBLIC_CHANNELS, { message: "渠道应为 portal（门户网站）或 miniapp（小程序）" }),
  type: z.enum(APPEAL_TYPES, { message: "请选择诉求类别" }),
  requester: requesterInputSchema,
  content: appealContentSchema,
});
export type PublicSubmit = z.infer<typeof publicSubmitSchema>;
/** What the form sends (optional fields may be left out). */
export type PublicSubmitInput = z.input<typeof publicSubmitSchema>;

export const publicSubmitResultSchema = z.object({
  trackingNo: z.string(),
  queryCode: z.string(),
  receivedAt: z.string(),
  /** First-response deadline (1 working day), ISO 8601 with the center's offset. */
  respondBy: z.string().nullable(),
  /** What happens next and by when, in plain Chinese. */
  nextStep: z.string(),
});
export type PublicSubmitResult = z.infer<typeof publicSubmitResultSchema>;

export const trackingParamsSchema = z.object({
  trackingNo: z.string().trim().toUpperCase().regex(TRACKING_NO_PATTERN, { message: "受理编号格式不正确" }),
});

export const trackingQuerySchema = z
  .object({
    queryCode: z.string().trim().regex(QUERY_CODE_PATTERN, { message: "查询码应为 6 位数字" }).optional(),
    phone: z
      .string()
      .trim()
      .max(30)
      .regex(/^[\d\s()+-]+$/, { message: "电话号码格式不正确" })
      .optional(),
  })
  .refine((q) => q.queryCode !== undefined || q.phone !== undefined, {
    message: "请输入查询码或提交诉求时填写的电话号码",
    path: ["queryCode"],
  });

export { PUBLIC_REPLY_KIND_LABELS, PUBLIC_REPLY_KINDS, type PublicReplyKind };
export const publicReplyKindSchema = z.enum(PUBLIC_REPLY_KINDS);

export const publicProgressSchema = z.object({
  trackingNo: z.string(),
  status: z.enum(APPEAL_STATUSES),
  /** Plain Chinese, e.g. "已受理，工作人员将在1个工作日内与您联系". */
  statusText: z.string(),
  nextStep: z.string(),
  type: z.enum(APPEAL_TYPES),
  typeText: z.string(),
  channel: z.enum(CHANNELS),
  receivedAt: z.string(),
  respondBy: z.string().nullable(),
  dueAt: z.string().nullable(),
  steps: z.array(z.object({ at: z.string(), text: z.string() })),
  replies: z.array(z.object({ at: z.string(), kind: publicReplyKindSchema, text: z.string() })),
  rejection: z
    .object({
      reason: z.enum(REJECT_REASONS),
      /** One coherent text: 不予受理, the reason, the explanation given, who was contacted and where to go. */
      text: z.string(),
      /** Where to go instead (the notice's wording for the reason). */
      whereToGo: z.string(),
    })
    .nullable(),
  /**
   * The answer the requester is entitled to once the matter is finished: the department's reply
   * verified at close-out (销号), or the answer given on the spot (即时办结). Null before.
   */
  answer: z
    .object({
      at: z.string(),
      text: z.string(),
      /** The lead department that answered; null for an on-the-spot answer. */
      department: z.string().nullable(),
    })
    .nullable(),
  /** Approved extensions (告知延长时限和理由): the reason and the new limit. Internal notes never appear. */
  extensions: z.array(z.object({ at: z.string(), reason: z.string(), newDueAt: z.string() })),
});
export type PublicProgress = z.infer<typeof publicProgressSchema>;

/**
 * 并单: a merged repeat's page shows the original's progress (its own tracking number and query
 * code keep working). The original's tracking number and requester never appear.
 */
export const publicFollowingSchema = publicProgressSchema.pick({
  status: true,
  statusText: true,
  nextStep: true,
  dueAt: true,
  steps: true,
  answer: true,
  extensions: true,
});
export const publicProgressWithFollowingSchema = publicProgressSchema.extend({
  following: publicFollowingSchema.nullable().optional(),
});

// ---- 公示受理方式 (the public notice) ----

export const noticeChannelSchema = z.object({
  code: z.enum(CHANNELS),
  name: z.string(),
  /** How to use it, in plain Chinese. */
  howTo: z.string(),
  /** Phone number, address or link to use, when there is one. */
  contact: z.string().nullable(),
});
export type NoticeChannel = z.infer<typeof noticeChannelSchema>;

export const noticeNonAcceptanceSchema = z.object({
  reason: z.enum(REJECT_REASONS),
  /** The standard's wording of the item (不予受理事项). */
  text: z.string(),
  /** Where to go instead. */
  whereToGo: z.string(),
  /** Emergency numbers etc. */
  contacts: z.array(z.object({ name: z.string(), phone: z.string() })),
});
export type NoticeNonAcceptance = z.infer<typeof noticeNonAcceptanceSchema>;

/** The rows of the notice's 办理时限 table: on-site matters, the first response, then by complexity. */
export const PUBLIC_TIME_LIMIT_CODES = [
  "onSite",
  "firstResponse",
  "simpleOffsite",
  "simple",
  "general",
  "multiDepartment",
  "major",
] as const;

export const noticeTimeLimitSchema = z.object({
  code: z.enum(PUBLIC_TIME_LIMIT_CODES),
  matter: z.string(),
  limit: z.string(),
  description: z.string(),
});
export type NoticeTimeLimit = z.infer<typeof noticeTimeLimitSchema>;

export const noticeCenterSchema = z.object({
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  /** Service hours (服务时间), as the center publishes them. */
  hours: z.string().nullable(),
});

export const noticeDepartmentSchema = z.object({
  name: z.string(),
  location: z.string().nullable(),
  phone: z.string().nullable(),
  /** 办公时间 at its window, when the center filled it in. */
  hours: z.string().nullable(),
  services: z.array(z.string()),
});

export const publicNoticeSchema = z.object({
  title: z.string(),
  center: noticeCenterSchema,
  intro: z.string(),
  channels: z.array(noticeChannelSchema),
  scope: z.object({ text: z.string(), types: z.array(z.object({ code: z.string(), label: z.string() })) }),
  nonAcceptance: z.array(noticeNonAcceptanceSchema),
  outsideJurisdiction: z.string(),
  timeLimits: z.array(noticeTimeLimitSchema),
  departments: z.array(noticeDepartmentSchema),
  privacy: z.string(),
});
export type PublicNotice = z.infer<typeof publicNoticeSchema>;
export type PublicFollowing = z.infer<typeof publicFollowingSchema>;
/** What the tracking endpoint returns: the progress, and for a merged repeat the original's. */
export type PublicProgressView = z.infer<typeof publicProgressWithFollowingSchema>;
