import { dateString, deadlineRuleSchema } from "../../../contracts/calendar.js";
import { z } from "../../../contracts/zod-setup.js";
import { isValidDate, parseDate } from "../../../core/calendar-date.js";

/** Request schemas of the calendar routes (shared shapes live in contracts/calendar.ts). */

const validDate = dateString.refine(isValidDate, "不是有效日期（应为 1900–2199 年的 YYYY-MM-DD）");
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export const MAX_DAYS_RANGE = 400;

export const deadlineQuerySchema = z.object({
  /** The event instant (ISO 8601 with offset) or a local date; default now. */
  start: z
    .string()
    .refine(
      (s) => (ISO_INSTANT.test(s) && !Number.isNaN(Date.parse(s))) || isValidDate(s),
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

export const daysQuerySchema = z.object({ from: validDate, to: validDate }).superRefine((q, ctx) => {
  if (!isValidDate(q.from) || !isValidDate(q.to)) return;
  const span = parseDate(q.to) - parseDate(q.from) + 1;
  if (span < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "结束日期不能早于开始日期" });
  else if (span > MAX_DAYS_RANGE) {
    ctx.addIssue({ code: "custom", path: ["to"], message: `一次最多查询 ${MAX_DAYS_RANGE} 天` });
  }
});

export const dateParamsSchema = z.object({ date: validDate });

const yearString = z
  .string()
  .regex(/^\d{4}$/, "年份应为四位数字")
  .transform(Number)
  .refine((y) => y >= 1900 && y <= 2199, "年份超出范围（1900–2199）");

export const yearParamsSchema = z.object({ year: yearString });

export const exportQuerySchema = z.object({
  year: yearString,
  format: z.enum(["json", "ics"], { error: "format 应为 json 或 ics" }).default("json"),
});

export const importQuerySchema = z.object({ year: yearString.optional() });

/** JSON notice object or iCalendar text (Content-Type: text/calendar); parsed further by the route. */
export const importBodySchema = z.union([z.string().min(1, "文件内容为空"), z.looseObject({})]);

export const markYearBodySchema = z
  .object({ source: z.string().trim().min(1).max(200, "来源不能超过 200 个字").optional() })
  .default({});
