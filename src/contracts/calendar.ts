import type { TimeLimitPolicy } from "../core/time-limits.js";
import { DAY_KINDS, DEADLINE_RULES } from "./enums.js";
import { escalationRecipientsSchema } from "./supervision.js";
import { z } from "./zod-setup.js";

/** Calendar, deadline and time-limit policy shapes shared by server and web. */

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** 'YYYY-MM-DD' — the server also checks it is a real date in 1900–2199. */
export const dateString = z.string().regex(DATE_RE, "日期格式应为 YYYY-MM-DD");

export const dayKindSchema = z.enum(DAY_KINDS, {
  error: "日期类型应为 workday、weekend、holiday 或 makeup_workday",
});
export const deadlineRuleSchema = z.enum(DEADLINE_RULES, {
  error: "时限规则应为 same_day、working_days、calendar_days 或 months",
});

/** N limits per rule (same_day takes no N). */
export const DEADLINE_N_MAX = { same_day: 0, working_days: 3650, calendar_days: 3650, months: 120 } as const;

export const deadlineSpecSchema = z
  .object({
    rule: deadlineRuleSchema,
    n: z.number().int("n 应为整数").min(0, "n 不能为负数").max(3650, "n 不能超过 3650").optional(),
  })
  .superRefine((v, ctx) => {
    const max = DEADLINE_N_MAX[v.rule];
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

export const timeLimitPolicySchema = z.object({
  firstResponse: deadlineSpecSchema,
  simple: deadlineSpecSchema,
  general: deadlineSpecSchema,
  multiDepartment: deadlineSpecSchema,
  major: deadlineSpecSchema,
  reminder: z.object({
    workingDaysBefore: z.number().int("应为整数").min(0, "不能为负数").max(30, "不能超过 30 个工作日"),
    fractionRemaining: z.number().min(0, "应在 0 到 1 之间").max(1, "应在 0 到 1 之间"),
  }),
  supervisionDeadline: deadlineSpecSchema,
  // Optional on input (older clients send policies without it): absent → the defaults.
  escalation: escalationRecipientsSchema.default({
    government: "同级人民政府",
    disciplineCommission: "同级纪委监委",
    copyTo: [],
  }),
});

// Compile-time check: the contract and the core type describe the same object.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _policyShapeMatches: Same<z.infer<typeof timeLimitPolicySchema>, TimeLimitPolicy> = true;
void _policyShapeMatches;

export const timeLimitPolicyRecordSchema = z.object({
  policy: timeLimitPolicySchema,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});

export const timeLimitPolicyUpdateSchema = z.object({
  policy: timeLimitPolicySchema,
  expectedVersion: z.number({ error: "请提供 expectedVersion" }).int().min(0),
});

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
