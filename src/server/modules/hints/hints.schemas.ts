import { z } from "zod";
import { APPEAL_STATUSES } from "../../../contracts/appeals.js";

export const intakeHintsBodySchema = z.object({
  /** As typed so far: partial numbers are fine, repeats are looked up from 7 digits on. */
  phone: z
    .string()
    .trim()
    .max(30, { message: "电话号码过长" })
    .regex(/^[\d\s()+-]*$/, { message: "电话号码只能包含数字和 - " })
    .optional(),
  content: z.string().max(4000, { message: "诉求内容不能超过 4000 个字" }),
});

export const intakeHintSchema = z.object({
  kind: z.enum(["emergency", "legal_procedure", "petition"]),
  area: z.string(),
  number: z.enum(["110", "119", "120", "122"]).optional(),
  keywords: z.array(z.string()),
  message: z.string(),
  suggestion: z.string(),
});

export const possibleRepeatSchema = z.object({
  id: z.string(),
  trackingNo: z.string(),
  receivedAt: z.string(),
  status: z.enum(APPEAL_STATUSES),
  /** Jaccard similarity of the content words, 0…1. */
  similarity: z.number(),
  contentPreview: z.string(),
});

export const intakeHintsResultSchema = z.object({
  hints: z.array(intakeHintSchema),
  possibleRepeats: z.array(possibleRepeatSchema),
});
export type IntakeHintsResult = z.infer<typeof intakeHintsResultSchema>;
