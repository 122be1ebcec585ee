import { z } from "zod";
import { APPEAL_STATUSES, EMERGENCY_HOTLINES, type RejectReason } from "./appeals.js";

/**
 * Intake hints (登记提示) shown beside the form while staff type an appeal: text that looks like
 * one of three non-acceptance items (不予受理事项), and the same phone's recent similar appeals.
 */

/** A hint is about one of these non-acceptance reasons; its kind is that reason's code. */
export const HINT_KINDS = [
  "emergency",
  "legal_procedure",
  "petition",
] as const satisfies readonly RejectReason[];
export const hintKindSchema = z.enum(HINT_KINDS);
export type HintKind = z.infer<typeof hintKindSchema>;

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
export type IntakeHintsBody = z.infer<typeof intakeHintsBodySchema>;

export const intakeHintSchema = z.object({
  kind: hintKindSchema,
  /** Finer area, stable code: fire, medical, traffic, police, litigation, arbitration, discipline, reconsideration, disclosure, petition. */
  area: z.string(),
  /** The hotline to suggest for emergencies. */
  number: z.enum(EMERGENCY_HOTLINES).optional(),
  /** The words in the text that triggered the hint (for highlighting). */
  keywords: z.array(z.string()),
  /** What was noticed, in Chinese. */
  message: z.string(),
  /** What the clerk should do, in Chinese. */
  suggestion: z.string(),
});
export type IntakeHint = z.infer<typeof intakeHintSchema>;

export const possibleRepeatSchema = z.object({
  id: z.string(),
  trackingNo: z.string(),
  receivedAt: z.string(),
  status: z.enum(APPEAL_STATUSES),
  /** Jaccard similarity of the content words, 0…1. */
  similarity: z.number(),
  contentPreview: z.string(),
});
export type PossibleRepeat = z.infer<typeof possibleRepeatSchema>;

export const intakeHintsResultSchema = z.object({
  hints: z.array(intakeHintSchema),
  possibleRepeats: z.array(possibleRepeatSchema),
});
export type IntakeHintsResult = z.infer<typeof intakeHintsResultSchema>;
