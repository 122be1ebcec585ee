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

/**
 * An outbox message waits (pending), is being sent under a lease (sending), was sent, gave up
 * (failed), or was withdrawn before it went out (cancelled: a held receipt superseded by the
 * refusal or the on-the-spot answer given at the window).
 */
export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "cancelled"] as const;
export const outboxStatusSchema = z.enum(OUTBOX_STATUSES, {
  message: "状态应为 pending、sending、sent、failed 或 cancelled",
});

/**
 * How the requester is told: by SMS, or — for a number that cannot receive SMS (a landline) —
 * by a call that staff make from their to-do list (电话告知).
 */
export const OUTBOX_CHANNELS = ["sms", "call"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];
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
  channel: z.enum(OUTBOX_CHANNELS),
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

// ---- calls to make (电话告知: the requester's number cannot receive SMS) ----

/** What a call tells the requester, by the message kind it stands for. */
export const NOTICE_KIND_LABELS: Record<string, string> = {
  "appeal.received": "受理告知",
  "appeal.acknowledged": "回复告知",
  "appeal.rejected": "不予受理告知",
  "appeal.resolved": "当场答复告知",
  "appeal.dispatched": "分办告知",
  "appeal.replied": "办理结果告知",
  "appeal.closed": "办结告知",
  "appeal.transferred": "转办告知",
  "appeal.reopen": "重新办理告知",
  "appeal.extension_approved": "延期告知",
  "appeal.plan_approved": "解决方案告知",
  "supervision.order": "督办告知",
};
export const noticeKindLabel = (kind: string): string => NOTICE_KIND_LABELS[kind] ?? "办理情况告知";

export const callTaskSchema = z.object({
  id: z.string(),
  appealId: z.string().nullable(),
  kind: z.string(),
  kindLabel: z.string(),
  /** Masked; the appeal page reveals it under the reveal rule. */
  phone: z.string(),
  /** What to tell the requester (the SMS text it replaces). */
  text: z.string(),
  /** Calls already tried without reaching the requester. */
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** When the call is due (now, or the retry time after an unanswered call). */
  dueAt: z.string(),
  createdAt: z.string(),
});
export type CallTask = z.infer<typeof callTaskSchema>;

export const callTaskListSchema = z.object({ items: z.array(callTaskSchema) });
export type CallTaskList = z.infer<typeof callTaskListSchema>;

export const callOutcomeSchema = z.object({
  reached: z.boolean({ error: "请选择是否已接通" }),
  note: z.string().trim().max(500, "备注最多 500 字").optional(),
  /** The task's attempts as shown: a second recording of the same call gets 409. */
  expectedAttempts: z.number({ error: "缺少 expectedAttempts" }).int().min(0),
});
export type CallOutcome = z.infer<typeof callOutcomeSchema>;
