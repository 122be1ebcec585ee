import { z } from "zod";
import { figuresSchema } from "./results.js";

/**
 * 考核 (issue 11): a monthly score per department from weighted indicators (docs/metrics.md
 * "Assessment"), ranked, printable, exportable and published (通报) to the departments.
 * Weights are data: one record per center, edited by the admin.
 */

/** The rates an assessment may weigh (docs/metrics.md defines each). */
export const ASSESSMENT_INDICATORS = [
  "responseRate",
  "resolutionRate",
  "satisfactionRate",
  "onTimeRate",
] as const;
export type AssessmentIndicator = (typeof ASSESSMENT_INDICATORS)[number];
export const ASSESSMENT_INDICATOR_LABELS: Record<AssessmentIndicator, string> = {
  responseRate: "响应率",
  resolutionRate: "解决率",
  satisfactionRate: "满意率",
  onTimeRate: "按期办结率",
};

const points = (label: string) =>
  z
    .number({ error: `${label}应为 0 到 100 之间的数` })
    .min(0, `${label}应为 0 到 100 之间的数`)
    .max(100, `${label}应为 0 到 100 之间的数`)
    // Two decimals at most, tolerant of binary floating point (0.07 × 100 = 7.000000000000001).
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, `${label}最多保留两位小数`);

/** Indicator weights (points out of 100, summing to 100) and the deductions per 督办单 and 通报. */
export const assessmentWeightsSchema = z
  .object({
    responseRate: points("响应率权重"),
    resolutionRate: points("解决率权重"),
    satisfactionRate: points("满意率权重"),
    onTimeRate: points("按期办结率权重").default(0),
    supervisionDeduction: points("每件督办扣分"),
    noticeDeduction: points("每件通报扣分"),
  })
  .superRefine((w, ctx) => {
    const sum = ASSESSMENT_INDICATORS.reduce((s, k) => s + Math.round(w[k] * 100), 0) / 100;
    if (sum !== 100) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `响应率、解决率、满意率、按期办结率的权重之和应为 100，当前为 ${sum}`,
      });
    }
  });
export type AssessmentWeights = z.infer<typeof assessmentWeightsSchema>;

/** Issue 11's defaults: 响应率 10, 解决率 45, 满意率 45; 1 point per 督办单, 2 per 通报. */
export const DEFAULT_ASSESSMENT_WEIGHTS: AssessmentWeights = {
  responseRate: 10,
  resolutionRate: 45,
  satisfactionRate: 45,
  onTimeRate: 0,
  supervisionDeduction: 1,
  noticeDeduction: 2,
};

export const assessmentWeightsRecordSchema = z.object({
  weights: assessmentWeightsSchema,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type AssessmentWeightsRecord = z.infer<typeof assessmentWeightsRecordSchema>;

export const assessmentWeightsUpdateSchema = z.object({
  weights: assessmentWeightsSchema,
  expectedVersion: z.number({ error: "请提供 expectedVersion" }).int().min(0),
});

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
export const monthString = z
  .string({ error: "请选择月份（YYYY-MM）" })
  .regex(MONTH_RE, "月份格式应为 YYYY-MM（如 2026-03）")
  .refine((m) => m >= "2000-01", "月份不能早于 2000 年");

export const assessmentQuerySchema = z.object({ month: monthString });
export const assessmentPublishSchema = z.object({ month: monthString });

export const assessmentItemSchema = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  /** Final score (0–100, two decimals), null when the department had no rate to score. */
  score: z.number().nullable(),
  /** Competition ranking (1, 2, 2, 4); null when unscored. */
  rank: z.number().int().nullable(),
  /** Weighted points of each indicator (null: its rate has no denominator, its weight moves to the others). */
  points: z.record(z.enum(ASSESSMENT_INDICATORS), z.number().nullable()),
  /** The indicators' part before deductions (0–100). */
  base: z.number().nullable(),
  deductions: z.number(),
  figures: figuresSchema,
});
export type AssessmentItem = z.infer<typeof assessmentItemSchema>;

export const publicationRefSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  publishedAt: z.string(),
  publishedByName: z.string(),
});

export const assessmentSchema = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  /** False while the month is still running (its figures will change). */
  complete: z.boolean(),
  weights: assessmentWeightsSchema,
  basicSatisfiedWeight: z.number(),
  items: z.array(assessmentItemSchema),
  /** The latest publication of the month, if any. */
  published: publicationRefSchema.nullable(),
});
export type Assessment = z.infer<typeof assessmentSchema>;

/** A published (通报) month: the ranking frozen when published. */
export const assessmentPublicationSchema = publicationRefSchema.extend({
  month: z.string(),
  complete: z.boolean(),
  weights: assessmentWeightsSchema,
  items: z.array(assessmentItemSchema),
  /** How many departments were ranked (a department sees its own row only). */
  ranked: z.number().int(),
});
export type AssessmentPublication = z.infer<typeof assessmentPublicationSchema>;

export const assessmentPublishResultSchema = assessmentPublicationSchema.extend({
  /** False when the same figures and weights were already published (nothing new was sent). */
  created: z.boolean(),
  /** In-app messages sent to department users. */
  notified: z.number().int(),
});

export const assessmentPublicationsQuerySchema = z.object({
  month: monthString.optional(),
  limit: z.coerce.number().int().min(1, "至少 1 条").max(24, "最多 24 条").default(12),
  cursor: z.string().max(200).optional(),
});
export const assessmentPublicationsSchema = z.object({
  items: z.array(assessmentPublicationSchema),
  nextCursor: z.string().nullable(),
});
