import { z } from "zod";
import { idCursorSchema as cursorSchema } from "../../../contracts/common.js";

const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const smsListQuerySchema = z.object({
  limit: limitSchema,
  cursor: cursorSchema.optional(),
  /** Any formatting: 138-0013-8000, 010-12345678 … matched on digits. */
  phone: z
    .string()
    .trim()
    .max(30)
    .regex(/^[\d\s()+-]*$/, { message: "电话号码只能包含数字和 - " })
    .optional(),
  /** Show full phone numbers (logged in the audit trail). */
  reveal: z
    .enum(["true", "false"], { message: "reveal 应为 true 或 false" })
    .optional()
    .transform((v) => v === "true"),
});

export const smsMessageSchema = z.object({
  id: z.string(),
  outboxId: z.string(),
  phone: z.string(),
  text: z.string(),
  provider: z.string(),
  sentAt: z.string(),
});

export const smsListSchema = z.object({
  items: z.array(smsMessageSchema),
  nextCursor: z.string().nullable(),
});

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;

export const outboxListQuerySchema = z.object({
  status: z.enum(OUTBOX_STATUSES, { message: "状态应为 pending、sending、sent 或 failed" }).optional(),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});

export const outboxItemSchema = z.object({
  id: z.string(),
  appealId: z.string().nullable(),
  kind: z.string(),
  channel: z.literal("sms"),
  recipientPhone: z.string(),
  text: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const outboxListSchema = z.object({
  items: z.array(outboxItemSchema),
  nextCursor: z.string().nullable(),
});
