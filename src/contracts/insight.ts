import { z } from "zod";
import { appealTypeSchema, channelSchema } from "./appeal-codes.js";
import { dateString } from "./calendar.js";
import { figuresSchema, type RateTargets, rateTargetsSchema } from "./results.js";

/**
 * 处置结果应用, phase 2 (issue 11): hot topics (热点分析), drill-down from a figure to its appeals,
 * rate targets, the monthly report (月度报告) and its exports. docs/metrics.md defines every number.
 */

const MAX_PERIOD_DAYS = 400;
/** A period of local dates, both included: from ≤ to, at most 400 days. */
const period = {
  from: dateString,
  to: dateString,
};
const periodChecks = <T extends { from: string; to: string }>(s: z.ZodType<T>) =>
  s
    .refine((q) => q.from <= q.to, { message: "开始日期不能晚于结束日期", path: ["to"] })
    .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= MAX_PERIOD_DAYS * 86_400_000, {
      message: `统计区间不能超过 ${MAX_PERIOD_DAYS} 天`,
      path: ["to"],
    });

/** GET /api/v1/stats/hot-topics */
export const hotTopicsQuerySchema = periodChecks(
  z.object({
    ...period,
    limit: z.coerce.number().int().min(1, "limit 应为 1 到 100").max(100, "limit 应为 1 到 100").default(20),
  }),
);
export const hotTopicSchema = z.object({
  term: z.string(),
  /** Appeals received in [from, to] whose content contains the term. */
  count: z.number().int(),
  /** The same over the previous period of equal length. */
  previousCount: z.number().int(),
});
export type HotTopic = z.infer<typeof hotTopicSchema>;
export const hotTopicsSchema = z.object({
  from: z.string(),
  to: z.string(),
  previousFrom: z.string(),
  previousTo: z.string(),
  items: z.array(hotTopicSchema),
});
export type HotTopics = z.infer<typeof hotTopicsSchema>;

/**
 * The figures a dashboard number may open onto: the rollup's counters, plus `bad` (levels 1–2)
 * and `satisfied` (levels 3–5, whatever the weight of 3).
 */
export const DRILL_METRICS = [
  "received",
  "accepted",
  "rejected",
  "resolved_on_spot",
  "dispatched",
  "closed",
  "responded",
  "responded_on_time",
  "on_time",
  "overdue",
  "extended",
  "returned",
  "supervised",
  "noticed",
  "rated",
  "satisfied",
  "bad",
  "resolved_by_requester",
  "disputed",
  "rectifications_opened",
  "rectifications_done",
  "repeated",
] as const;
export type DrillMetric = (typeof DRILL_METRICS)[number];
export const DRILL_METRIC_LABELS: Record<DrillMetric, string> = {
  received: "受理",
  accepted: "受理（首次决定非不予受理）",
  rejected: "不予受理",
  resolved_on_spot: "即时办结",
  dispatched: "分办",
  closed: "办结销号",
  responded: "已响应",
  responded_on_time: "按时响应",
  on_time: "按期办结",
  overdue: "超期办结",
  extended: "延期",
  returned: "退单",
  supervised: "督办",
  noticed: "通报",
  rated: "评价",
  satisfied: "满意（含基本满意）",
  bad: "差评",
  resolved_by_requester: "评价为已解决",
  disputed: "申诉复核",
  rectifications_opened: "整改发起",
  rectifications_done: "整改完成",
  repeated: "重复诉求",
};

/** GET /api/v1/stats/appeals: the appeals behind one number of the summary. */
export const statsAppealsQuerySchema = periodChecks(
  z.object({
    ...period,
    metric: z.enum(DRILL_METRICS, { message: "metric 不是可查看明细的统计项" }),
    /** The responsible department the number was counted for; "0" = 中心（未分办）. */
    departmentId: z
      .string()
      .regex(/^\d{1,18}$/, "departmentId 应为数字")
      .optional(),
    channel: channelSchema.optional(),
    type: appealTypeSchema.optional(),
    /** Category code; "" (empty) = 未分类. */
    category: z.string().max(40).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  }),
);
export type StatsAppealsQuery = z.infer<typeof statsAppealsQuerySchema>;

export { type RateTargets, rateTargetsSchema };

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
/** GET /api/v1/reports/monthly?month=YYYY-MM (a month not in the future: checked by the service). */
export const monthlyReportQuerySchema = z.object({
  month: z.string({ error: "请选择月份" }).regex(MONTH_RE, "月份格式应为 YYYY-MM"),
});

export const reportItemSchema = z.object({
  appealId: z.string(),
  trackingNo: z.string(),
  departmentName: z.string(),
  content: z.string(),
  /** overdue: the 工作单's limit and reply; rectified: the rectification's result. */
  dueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  result: z.string().nullable(),
});
export type ReportItem = z.infer<typeof reportItemSchema>;

export const monthlyReportSchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  previousMonth: z.string(),
  basicSatisfiedWeight: z.number(),
  targets: rateTargetsSchema,
  totals: figuresSchema,
  previousTotals: figuresSchema,
  departments: z.array(figuresSchema.extend({ key: z.string(), label: z.string() })),
  hotTopics: z.array(hotTopicSchema),
  /** At most REPORT_LIST_LIMIT each; the totals give the full counts. */
  overdueItems: z.array(reportItemSchema),
  rectifiedItems: z.array(reportItemSchema),
});
export type MonthlyReport = z.infer<typeof monthlyReportSchema>;
export const REPORT_LIST_LIMIT = 500;
