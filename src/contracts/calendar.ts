import { daysBetweenDates, isCalendarDate } from "./calendar-date.js";
import { DEADLINE_N_LIMITS, dayKindSchema, deadlineRuleSchema } from "./enums.js";
import { escalationRecipientsSchema } from "./supervision.js";
import { z } from "./zod-setup.js";

/** Calendar, deadline and time-limit policy shapes shared by server and web. */

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** 'YYYY-MM-DD' — the server also checks it is a real date in 1900–2199 (validDateString). */
export const dateString = z.string().regex(DATE_RE, "日期格式应为 YYYY-MM-DD");
/** A real date in 1900–2199. */
export const validDateString = dateString.refine(
  isCalendarDate,
  "不是有效日期（应为 1900–2199 年的 YYYY-MM-DD）",
);

// Re-exported: the enums live in enums.ts with their labels.
export { dayKindSchema, deadlineRuleSchema };

/** A time limit: the rule and its N (same_day: 0 or absent; working_days/calendar_days: 1..3650; months: 1..120). */
export const deadlineSpecSchema = z
  .object({
    rule: deadlineRuleSchema,
    n: z.number().int("n 应为整数").min(0, "n 不能为负数").max(3650, "n 不能超过 3650").optional(),
  })
  .superRefine((v, ctx) => {
    const { max } = DEADLINE_N_LIMITS[v.rule];
    const n = v.n ?? (v.rule === "same_day" ? 0 : undefined);
    if (n === undefined) ctx.addIssue({ code: "custom", path: ["n"], message: "请填写天数或月数 n" });
    else if (v.rule === "same_day" ? n !== 0 : n < 1 || n > max) {
      ctx.addIssue({
        code: "custom",
        path: ["n"],
        message:
          v.rule === "same_day"
            ? "当日办结规则不接受天数（n 应为 0 或省略）"
            : `n 应为 1 到 ${max} 之间的整数`,
      });
    }
  });

export type DeadlineSpec = z.infer<typeof deadlineSpecSchema>;

/**
 * The per-center time-limit policy (时限策略), DESIGN.md §3 and the standard's words: proactive
 * first response within 1 working day; simple off-site inquiries resolved within 1 working day;
 * review and dispatch 受理后第一时间 (by the end of the next working day); in a 工作单, simple
 * matters 当天研究部署, general matters 3 days, multi-department/multi-level 7 days, major 1 month;
 * a reply verified and closed (核实销号) within 1 working day. The standard's limits are ceilings
 * (STANDARD_CEILINGS): a center may tighten a limit, never relax it past the standard. The
 * defaults are DEFAULT_TIME_LIMIT_POLICY in src/core/time-limits.ts.
 */
export const timeLimitPolicySchema = z.object({
  /** 首次回应: online / letter / mini-program channels. */
  firstResponse: deadlineSpecSchema,
  /** 审核分办: from receipt to dispatch or a decision (受理后第一时间; also after a return or a reopening). */
  review: deadlineSpecSchema.default({ rule: "working_days", n: 1 }),
  /** 非现场简单咨询: a simple inquiry received off-site is resolved (处置办结) within this limit. */
  simpleOffsite: deadlineSpecSchema.default({ rule: "working_days", n: 1 }),
  /** 简单事项: the department's 研究部署 (who handles it and how); the reply is due within `general`. */
  simple: deadlineSpecSchema,
  general: deadlineSpecSchema,
  multiDepartment: deadlineSpecSchema,
  major: deadlineSpecSchema,
  /** 核实销号: the center verifies a reply (or a transfer taken over) and closes the appeal. */
  closeout: deadlineSpecSchema.default({ rule: "working_days", n: 1 }),
  /**
   * 整改: a bad rating (不满意, 非常不满意) opens a rectification for the responsible department,
   * due within this many working days (issue 11: default 5, a center may choose 5–15).
   */
  rectification: deadlineSpecSchema.default({ rule: "working_days", n: 5 }).superRefine((v, ctx) => {
    if (v.rule !== "working_days" || (v.n ?? 0) < 5 || (v.n ?? 0) > 15) {
      ctx.addIssue({ code: "custom", path: ["n"], message: "整改时限应为 5 到 15 个工作日" });
    }
  }),
  /** 回访: a bad rating given on the portal is followed up within this limit (local practice: 1 working day). */
  badRatingFollowUp: deadlineSpecSchema.default({ rule: "working_days", n: 1 }),
  /** 回访: a closed appeal the requester has not rated is followed up within this limit. */
  closedFollowUp: deadlineSpecSchema.default({ rule: "working_days", n: 3 }),
  /** 满意率: the weight of 基本满意 (level 3) in the satisfied count (1 = fully satisfied; docs/metrics.md). */
  basicSatisfiedWeight: z
    .number({ error: "基本满意权重应为 0 到 1 之间的数" })
    .min(0, "基本满意权重应为 0 到 1 之间的数")
    .max(1, "基本满意权重应为 0 到 1 之间的数")
    .default(1),
  /**
   * Targets of the rates on the dashboards (统计分析, 月度报告): a rate below its target is marked
   * (issue 11; defaults in docs/metrics.md). Fractions 0–1.
   */
  rateTargets: z
    .object({
      responseRate: z
        .number({ error: "目标应为 0 到 1 之间的数" })
        .min(0, "目标应为 0 到 1")
        .max(1, "目标应为 0 到 1"),
      resolutionRate: z
        .number({ error: "目标应为 0 到 1 之间的数" })
        .min(0, "目标应为 0 到 1")
        .max(1, "目标应为 0 到 1"),
      satisfactionRate: z
        .number({ error: "目标应为 0 到 1 之间的数" })
        .min(0, "目标应为 0 到 1")
        .max(1, "目标应为 0 到 1"),
      onTimeRate: z
        .number({ error: "目标应为 0 到 1 之间的数" })
        .min(0, "目标应为 0 到 1")
        .max(1, "目标应为 0 到 1"),
    })
    .default({ responseRate: 0.95, resolutionRate: 0.9, satisfactionRate: 0.9, onTimeRate: 0.95 }),
  /** 催办: remind this many working days before due, or when this fraction of the period remains. */
  reminder: z.object({
    workingDaysBefore: z.number().int("应为整数").min(0, "不能为负数").max(30, "不能超过 30 个工作日"),
    fractionRemaining: z.number().min(0, "应在 0 到 1 之间").max(1, "应在 0 到 1 之间"),
  }),
  /** 督办: time given to answer a supervision order. */
  supervisionDeadline: deadlineSpecSchema,
  /** 通报 goes to the same-level government, copied to the discipline commission (纪委监委) and others. */
  // Optional on input (older clients send policies without it): absent → the defaults.
  escalation: escalationRecipientsSchema.default({
    government: "同级人民政府",
    disciplineCommission: "同级纪委监委",
    copyTo: [],
  }),
});

export type TimeLimitPolicy = z.infer<typeof timeLimitPolicySchema>;

/** The policy's limits by name (everything but the 催办 thresholds and the 通报 recipients). */
export type PolicyLimit = {
  [K in keyof TimeLimitPolicy]: TimeLimitPolicy[K] extends DeadlineSpec ? K : never;
}[keyof TimeLimitPolicy];

/**
 * The standard's limits, which a center's policy may tighten but never exceed (DESIGN.md §3):
 * each with the clause that sets it, named in the error when a policy would give a later date.
 */
export const STANDARD_CEILINGS: Partial<Record<PolicyLimit, { spec: DeadlineSpec; clause: string }>> = {
  firstResponse: {
    spec: { rule: "working_days", n: 1 },
    clause: "处置流程·受理：小程序、信函及网络渠道的诉求应在1个工作日内主动回应",
  },
  review: {
    spec: { rule: "working_days", n: 1 },
    clause: "处置流程·审核：复杂事项受理后第一时间提交进驻窗口单位处理",
  },
  simpleOffsite: {
    spec: { rule: "working_days", n: 1 },
    clause: "处置流程·审核：事实清楚或情由简单的非现场咨询应在接到诉求后1个工作日内处置办结",
  },
  simple: { spec: { rule: "same_day", n: 0 }, clause: "处置流程·办理：简单事项当天研究部署" },
  general: { spec: { rule: "calendar_days", n: 3 }, clause: "处置流程·办理：一般事件事项应在3天内办结答复" },
  multiDepartment: {
    spec: { rule: "calendar_days", n: 7 },
    clause: "处置流程·办理：涉及多部门或者多层级的复杂事项应当在7天内提出解决方案",
  },
  major: { spec: { rule: "months", n: 1 }, clause: "处置流程·办理：重大问题或复杂问题应当在1月内落实解决" },
};
/** 催办 thresholds of a policy. */
export type ReminderPolicy = TimeLimitPolicy["reminder"];

export const timeLimitPolicyRecordSchema = z.object({
  policy: timeLimitPolicySchema,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});

export const timeLimitPolicyUpdateSchema = z.object({
  policy: timeLimitPolicySchema,
  expectedVersion: z.number({ error: "请提供 expectedVersion" }).int().min(0),
});
export type TimeLimitPolicyUpdate = z.input<typeof timeLimitPolicyUpdateSchema>;

export const calendarDaySchema = z.object({
  date: z.string(),
  working: z.boolean(),
  kind: dayKindSchema,
  name: z.string().optional(),
});

export const calendarDayUpdateSchema = z.object({
  kind: dayKindSchema,
  name: z.string().trim().max(50, "名称不能超过 50 个字").optional(),
});
export type CalendarDayUpdate = z.input<typeof calendarDayUpdateSchema>;

export const skippedRunSchema = z.object({
  from: z.string(),
  to: z.string(),
  kind: dayKindSchema,
  name: z.string().nullable(),
});

export const deadlineResponseSchema = z.object({
  dueAt: z.string(),
  dueDate: z.string(),
  startDate: z.string(),
  rule: deadlineRuleSchema,
  n: z.number().int(),
  timeZone: z.string(),
  provisional: z.boolean(),
  provisionalYears: z.array(z.number().int()),
  skipped: z.array(skippedRunSchema),
  weekendDaysSkipped: z.number().int(),
  makeupWorkdays: z.array(z.object({ date: z.string(), name: z.string().nullable() })),
  explanation: z.string(),
});

/** JSON import/export format of one year's notice. */
export const calendarYearFileSchema = z.object({
  year: z.number().int("年份应为整数").min(1900, "年份超出范围").max(2199, "年份超出范围"),
  source: z.string().trim().min(1, "请填写来源").max(200, "来源不能超过 200 个字"),
  title: z.string().max(200).optional(),
  days: z
    .array(
      z.object({
        date: dateString,
        kind: dayKindSchema,
        name: z
          .string()
          .trim()
          .max(50, "名称不能超过 50 个字")
          .nullish()
          .transform((v) => v || null),
      }),
    )
    .max(366, "一年最多 366 天"),
});

/** The export shape (no transforms: response schemas must be encodable). */
export const calendarYearExportSchema = z.object({
  year: z.number().int(),
  source: z.string(),
  title: z.string().optional(),
  days: z.array(z.object({ date: z.string(), kind: dayKindSchema, name: z.string().nullable() })),
});

export const calendarYearsResponseSchema = z.object({
  loaded: z.array(z.object({ year: z.number().int(), source: z.string(), loadedAt: z.string() })),
  /** This year and next year when not loaded: the admin UI shows a warning. */
  missing: z.array(z.number().int()),
  warning: z.string().nullable(),
});

export const calendarImportResultSchema = z.object({
  year: z.number().int(),
  source: z.string(),
  holidays: z.number().int(),
  makeupWorkdays: z.number().int(),
  otherOverrides: z.number().int(),
  /** Entries equal to the default Mon–Fri rule (nothing to store). */
  ignored: z.number().int(),
  /** Overrides stored for the year. */
  imported: z.number().int(),
  /** Overrides of that year that existed before and were replaced. */
  replaced: z.number().int(),
});

export type CalendarDay = z.infer<typeof calendarDaySchema>;
export type DeadlineResponse = z.infer<typeof deadlineResponseSchema>;
export type CalendarYearFile = z.infer<typeof calendarYearFileSchema>;
export type TimeLimitPolicyRecord = z.infer<typeof timeLimitPolicyRecordSchema>;

export type CalendarYears = z.infer<typeof calendarYearsResponseSchema>;
export type CalendarImportResult = z.infer<typeof calendarImportResultSchema>;

// ---- requests of the calendar routes ----

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Longest range GET /calendar/days answers at once. */
export const MAX_DAYS_RANGE = 400;

export const deadlineQuerySchema = z.object({
  /** The event instant (ISO 8601 with offset) or a local date; default now. */
  start: z
    .string()
    .refine(
      (s) => (ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s))) || isCalendarDate(s),
      "起算时间应为带时区的 ISO 8601 时间（如 2025-09-30T10:00:00+08:00）或日期 YYYY-MM-DD",
    )
    .optional(),
  rule: deadlineRuleSchema,
  n: z
    .string()
    .regex(/^-?\d{1,9}$/, "n 应为整数")
    .transform(Number)
    .optional(),
});

export const daysQuerySchema = z
  .object({ from: validDateString, to: validDateString })
  .superRefine((q, ctx) => {
    if (!isCalendarDate(q.from) || !isCalendarDate(q.to)) return;
    const span = daysBetweenDates(q.from, q.to) + 1;
    if (span < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "结束日期不能早于开始日期" });
    else if (span > MAX_DAYS_RANGE) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `一次最多查询 ${MAX_DAYS_RANGE} 天` });
    }
  });

export const dateParamsSchema = z.object({ date: validDateString });

const yearString = z
  .string()
  .regex(/^\d{4}$/, "年份应为四位数字")
  .transform(Number)
  .refine((y) => y >= 1900 && y <= 2199, "年份超出范围（1900–2199）");

export const yearParamsSchema = z.object({ year: yearString });

export const CALENDAR_EXPORT_FORMATS = ["json", "ics"] as const;
export const calendarExportQuerySchema = z.object({
  year: yearString,
  format: z.enum(CALENDAR_EXPORT_FORMATS, { error: "format 应为 json 或 ics" }).default("json"),
});

export const calendarImportQuerySchema = z.object({ year: yearString.optional() });

/** JSON notice object or iCalendar text (Content-Type: text/calendar); parsed further by the route. */
export const calendarImportBodySchema = z.union([z.string().min(1, "文件内容为空"), z.looseObject({})]);

export const markYearBodySchema = z
  .object({ source: z.string().trim().min(1).max(200, "来源不能超过 200 个字").optional() })
  .default({});

export const markYearResultSchema = z.object({
  year: z.number(),
  source: z.string(),
  loadedAt: z.string(),
  alreadyLoaded: z.boolean(),
});
export type MarkYearResult = z.infer<typeof markYearResultSchema>;

export const calendarDayListSchema = z.array(calendarDaySchema);

/** GET /calendar/export answers JSON, or the iCalendar text for format=ics. */
export const calendarExportResponseSchema = z.union([calendarYearExportSchema, z.string()]);
