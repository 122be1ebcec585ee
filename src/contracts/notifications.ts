import { z } from "zod";
import { idCursorSchema } from "./common.js";

/**
 * Notifications: the SMS log and the outbox (admin), and every staff member's own inbox of
 * in-app messages (站内消息: 催办, 督办, 通报 …). Codes are the stable API.
 */

// ---- SMS log and outbox (admin) ----

const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const smsListQuerySchema = z.object({
  limit: limitSchema,
  cursor: idCursorSchema.optional(),
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
export type SmsMessage = z.infer<typeof smsMessageSchema>;

export const smsListSchema = z.object({
  items: z.array(smsMessageSchema),
  nextCursor: z.string().nullable(),
});

/** An outbox message waits (pending), is being sent under a lease (sending), was sent, or gave up. */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export const outboxStatusSchema = z.enum(OUTBOX_STATUSES, {
  message: "状态应为 pending、sending、sent 或 failed",
});
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

export const outboxListQuerySchema = z.object({
  status: outboxStatusSchema.optional(),
  limit: limitSchema,
  cursor: idCursorSchema.optional(),
});

export const outboxItemSchema = z.object({
  id: z.string(),
  appealId: z.string().nullable(),
  kind: z.string(),
  channel: z.literal("sms"),
  recipientPhone: z.string(),
  text: z.string(),
  status: outboxStatusSchema,
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;

export const outboxListSchema = z.object({
  items: z.array(outboxItemSchema),
  nextCursor: z.string().nullable(),
});

// ---- the staff inbox (站内消息) ----

export const staffNotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  appealId: z.string().nullable(),
  /** Console path to open, e.g. /appeals/42 or /supervision. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type StaffNotification = z.infer<typeof staffNotificationSchema>;

export const staffInboxQuerySchema = z.object({
  unread: z
    .enum(["true", "false"], { error: "unread 应为 true 或 false" })
    .transform((v) => v === "true")
    .optional(),
  limit: z.coerce.number().int().min(1, "至少 1 条").max(100, "最多 100 条").default(30),
  cursor: idCursorSchema.optional(),
});

export const staffInboxListSchema = z.object({
  items: z.array(staffNotificationSchema),
  nextCursor: z.string().nullable(),
  /** The user's unread messages in total (not only on this page). */
  unread: z.number().int(),
});
export type StaffInboxList = z.infer<typeof staffInboxListSchema>;

export const unreadCountSchema = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof unreadCountSchema>;
