import { z } from "zod";
import { APPEAL_STATUSES, APPEAL_TYPES } from "./appeals.js";
import { idSchema } from "./common.js";
import { intakeHintSchema } from "./hints.js";

/**
 * Assist (分办建议 · 重复诉求): suggestions shown while staff type or review an appeal — the lead
 * department, type and category learned from the center's own dispatches (with calibrated
 * confidence; never applied without the clerk's click), non-acceptance hints, knowledge articles
 * and similar open appeals — and the merge of a repeat into its original (并单).
 */

export const suggestBodySchema = z.object({
  content: z.string({ message: "请输入诉求内容" }).max(4000, { message: "诉求内容不能超过 4000 个字" }),
  /** As typed so far; same-phone appeals are looked up from 7 digits on. */
  phone: z
    .string()
    .trim()
    .max(30, { message: "电话号码过长" })
    .regex(/^[\d\s()+-]*$/, { message: "电话号码只能包含数字和 - " })
    .optional(),
  /** On the review page: the appeal being reviewed, left out of `similar`. */
  appealId: idSchema.optional(),
});
export type SuggestBody = z.infer<typeof suggestBodySchema>;

export const suggestedDepartmentSchema = z.object({
  departmentId: z.string(),
  name: z.string(),
  /** Calibrated probability, 0…1. */
  confidence: z.number(),
});

export const similarAppealSchema = z.object({
  appealId: z.string(),
  trackingNo: z.string(),
  /** Content-word similarity 0…1 (1 for the same text). */
  score: z.number(),
  /** Same requester phone. */
  samePhone: z.boolean(),
  status: z.enum(APPEAL_STATUSES),
  receivedAt: z.string(),
  contentPreview: z.string(),
});
export type SimilarAppeal = z.infer<typeof similarAppealSchema>;

export const suggestResultSchema = z.object({
  /** The model used, or null when the center has no usable history yet (`reason` says why). */
  model: z.object({ examples: z.number().int(), trainedAt: z.string() }).nullable(),
  reason: z.string().nullable(),
  departments: z.array(suggestedDepartmentSchema),
  type: z.object({ code: z.enum(APPEAL_TYPES), confidence: z.number() }).nullable(),
  category: z.object({ code: z.string(), confidence: z.number() }).nullable(),
  /** Knowledge articles the text is about (knowledge search, published and current), best first. */
  articles: z.array(z.object({ id: z.string(), title: z.string() }).passthrough()),
  similar: z.array(similarAppealSchema),
  refusalHints: z.array(intakeHintSchema),
});
export type SuggestResult = z.infer<typeof suggestResultSchema>;

export const retrainResultSchema = z.object({ examples: z.number().int(), trainedAt: z.string().nullable() });
export type RetrainResult = z.infer<typeof retrainResultSchema>;

export const mergeBodySchema = z.object({
  intoAppealId: idSchema,
  expectedVersion: z.number().int().positive().optional(),
});
export type MergeBody = z.infer<typeof mergeBodySchema>;
