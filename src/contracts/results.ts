import { z } from "zod";
import { dateString } from "./calendar.js";
import { idCursorSchema } from "./common.js";
import { RATING_LEVEL_LABELS } from "./portal.js";
import { trackingQuerySchema } from "./public.js";

/**
 * 处置结果应用 (issue 11): the requester's rating (好差评), follow-up calls (回访),
 * rectification of bad ratings (整改) and the figures of docs/metrics.md.
 */

export { RATING_LEVEL_LABELS };
export type RatingLevel = 1 | 2 | 3 | 4 | 5;
/** 差评: the bottom two levels open a rectification. */
export const isBadRating = (level: number): boolean => level <= 2;

const levelSchema = z
  .number({ error: "请选择评价等级（1 到 5）" })
  .int("评价等级应为 1 到 5 的整数")
  .min(1, "评价等级应为 1 到 5 的整数")
  .max(5, "评价等级应为 1 到 5 的整数");
const commentSchema = z.string().trim().max(500, "评价内容不能超过 500 个字").optional();

/** POST /api/v1/public/appeals/{trackingNo}/rating — authenticated like the tracking page. */
export const publicRatingSchema = z
  .object({
    queryCode: trackingQuerySchema.shape.queryCode,
    phone: trackingQuerySchema.shape.phone,
    level: levelSchema,
    resolved: z.boolean({ error: "问题是否解决应为是或否" }).optional(),
    comment: commentSchema,
  })
  .refine((q) => q.queryCode !== undefined || q.phone !== undefined, {
    message: "请输入查询码或提交诉求时填写的电话号码",
    path: ["queryCode"],
  });
export type PublicRatingInput = z.infer<typeof publicRatingSchema>;

export const RATING_SOURCES = ["portal", "follow_up"] as const;
export const RATING_SOURCE_LABELS = { portal: "网上评价", follow_up: "回访评价" } as const;

export const ratingSchema = z.object({
  id: z.string(),
  appealId: z.string(),
  round: z.number().int(),
  level: z.number().int(),
  levelLabel: z.string(),
  resolved: z.boolean().nullable(),
  comment: z.string().nullable(),
  source: z.enum(RATING_SOURCES),
  createdAt: z.string(),
  disputed: z.boolean(),
  disputeReason: z.string().nullable(),
});
export type Rating = z.infer<typeof ratingSchema>;

/** What the portal shows under the progress: may the requester rate now, and the ratings given. */
export const publicRatingStateSchema = z.object({
  canRate: z.boolean(),
  /** Why not, in plain words (null when canRate). */
  reason: z.string().nullable(),
  ratings: z.array(
    z.object({
      level: z.number().int(),
      levelLabel: z.string(),
      resolved: z.boolean().nullable(),
      createdAt: z.string(),
    }),
  ),
  /** A rectification is under way (the requester may rate again once it is completed). */
  rectification: z
    .object({ status: z.enum(["open", "done"]), dueAt: z.string(), result: z.string().nullable() })
    .nullable(),
});
export type PublicRatingState = z.infer<typeof publicRatingStateSchema>;

export const FOLLOW_UP_METHODS = ["phone", "sms", "visit"] as const;
export const FOLLOW_UP_METHOD_LABELS = { phone: "电话回访", sms: "短信回访", visit: "上门回访" } as const;

/** POST /api/v1/appeals/{id}/follow-ups (回访; a level given is the requester's rating). */
export const followUpSchema = z
  .object({
    method: z.enum(FOLLOW_UP_METHODS, { message: "回访方式应为 phone、sms 或 visit" }),
    reached: z.boolean({ error: "请说明是否联系上服务对象" }),
    level: levelSchema.optional(),
    resolved: z.boolean({ error: "问题是否解决应为是或否" }).optional(),
    comment: commentSchema,
  })
  .refine((f) => f.reached || (f.level === undefined && f.resolved === undefined), {
    message: "未联系上服务对象时不能记录评价",
    path: ["level"],
  });
export type FollowUpInput = z.infer<typeof followUpSchema>;

export const followUpResultSchema = z.object({
  id: z.string(),
  appealId: z.string(),
  method: z.enum(FOLLOW_UP_METHODS),
  reached: z.boolean(),
  level: z.number().int().nullable(),
  resolved: z.boolean().nullable(),
  comment: z.string().nullable(),
  ratingId: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string(),
});

export const ratingDisputeSchema = z.object({
  reason: z.string().trim().min(2, "请填写申诉复核理由").max(500, "理由不能超过 500 个字"),
});

export const RECTIFICATION_STATUSES = ["open", "done"] as const;
export const RECTIFICATION_STATUS_LABELS = { open: "整改中", done: "已整改" } as const;

export const rectificationListQuerySchema = z.object({
  status: z.enum(RECTIFICATION_STATUSES, { message: "状态应为 open 或 done" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: idCursorSchema.optional(),
});

export const rectificationSchema = z.object({
  id: z.string(),
  appealId: z.string(),
  trackingNo: z.string(),
  ratingId: z.string(),
  level: z.number().int(),
  levelLabel: z.string(),
  comment: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  dueAt: z.string(),
  startedAt: z.string(),
  result: z.string().nullable(),
  completedAt: z.string().nullable(),
  completedByName: z.string().nullable(),
});
export type Rectification = z.infer<typeof rectificationSchema>;

export const rectificationCompleteSchema = z.object({
  result: z.string().trim().min(2, "请填写整改情况").max(2000, "整改情况不能超过 2000 个字"),
});

/** GET /api/v1/stats/summary */
/** `day`: one group per local day of the period (the dashboard's trend), an extension of API.md. */
export const STATS_GROUPS = ["department", "channel", "type", "category", "day"] as const;
export const statsSummaryQuerySchema = z
  .object({
    from: dateString,
    to: dateString,
    groupBy: z
      .enum(STATS_GROUPS, { message: "groupBy 应为 department、channel、type、category 或 day" })
      .optional(),
  })
  .refine((q) => q.from <= q.to, { message: "开始日期不能晚于结束日期", path: ["to"] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, {
    message: "统计区间不能超过 400 天",
    path: ["to"],
  });

const rate = z.number().min(0).max(1).nullable();
/** API.md Figures, plus the counts of issue 11 (docs/metrics.md defines each). */
export const figuresSchema = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  resolvedOnSpot: z.number().int(),
  dispatched: z.number().int(),
  closed: z.number().int(),
  responded: z.number().int(),
  respondedOnTime: z.number().int(),
  onTime: z.number().int(),
  overdue: z.number().int(),
  extended: z.number().int(),
  returned: z.number().int(),
  /** Repeat appeals merged into an earlier one (并单); distinct matters = received − merged. */
  merged: z.number().int(),
  supervised: z.number().int(),
  noticed: z.number().int(),
  rated: z.number().int(),
  satisfied: z.number(),
  bad: z.number().int(),
  resolvedByRequester: z.number().int(),
  disputed: z.number().int(),
  rectificationsOpened: z.number().int(),
  rectificationsDone: z.number().int(),
  /** 重复诉求: received from a phone that appealed within the 30 days before (docs/metrics.md). */
  repeated: z.number().int(),
  responseRate: rate,
  resolutionRate: rate,
  satisfactionRate: rate,
  onTimeRate: rate,
});
export type Figures = z.infer<typeof figuresSchema>;

/** The center's targets for the rates (policy.rateTargets), shown as mark lines and colours. */
export const rateTargetsSchema = z.object({
  responseRate: z.number(),
  resolutionRate: z.number(),
  satisfactionRate: z.number(),
  onTimeRate: z.number(),
});
export type RateTargets = z.infer<typeof rateTargetsSchema>;

export const statsSummarySchema = z.object({
  from: z.string(),
  to: z.string(),
  basicSatisfiedWeight: z.number(),
  targets: rateTargetsSchema,
  totals: figuresSchema,
  groups: z.array(figuresSchema.extend({ key: z.string(), label: z.string() })),
});
export type StatsSummary = z.infer<typeof statsSummarySchema>;

export type StatsGroup = (typeof STATS_GROUPS)[number];
export type FollowUpResult = z.infer<typeof followUpResultSchema>;

/** 回访任务 (follow-up duties): who is owed a call, by when (docs/metrics.md "Follow-up duties"). */
export const FOLLOW_UP_DUTY_REASONS = ["closed", "bad_rating"] as const;
export const FOLLOW_UP_DUTY_REASON_LABELS = { closed: "办结回访", bad_rating: "差评回访" } as const;
export const FOLLOW_UP_DUTY_STATUSES = ["open", "done", "waived"] as const;
export const FOLLOW_UP_DUTY_STATUS_LABELS = {
  open: "待回访",
  done: "已回访",
  waived: "已评价，免回访",
} as const;

export const followUpDutyListQuerySchema = z.object({
  status: z.enum(FOLLOW_UP_DUTY_STATUSES, { message: "状态应为 open、done 或 waived" }).default("open"),
  reason: z.enum(FOLLOW_UP_DUTY_REASONS, { message: "类型应为 closed 或 bad_rating" }).optional(),
  limit: z.coerce.number().int().min(1, "至少 1 条").max(200, "最多 200 条").default(50),
  cursor: z.string().max(200).optional(),
});

export const followUpDutySchema = z.object({
  id: z.string(),
  appealId: z.string(),
  trackingNo: z.string(),
  reason: z.enum(FOLLOW_UP_DUTY_REASONS),
  reasonLabel: z.string(),
  /** The bad rating being followed up (bad_rating only). */
  ratingLevel: z.number().int().nullable(),
  ratingLevelLabel: z.string().nullable(),
  ratingComment: z.string().nullable(),
  status: z.enum(FOLLOW_UP_DUTY_STATUSES),
  statusLabel: z.string(),
  dueAt: z.string(),
  /** Open duties only: the one due light (core/due-light.ts) and its countdown. */
  light: z.enum(["green", "yellow", "red"]).nullable(),
  countdown: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  followUpId: z.string().nullable(),
});
export type FollowUpDuty = z.infer<typeof followUpDutySchema>;
