import { z } from "zod";
import { lightSchema } from "./appeals.js";
import { idCursorSchema, idSchema } from "./common.js";

/**
 * Supervision (督办) DTOs shared by the server and the web app: the sweep's
 * counts, the records (催办 reminders, 督办单 supervision orders, 通报 notices),
 * the supervisor board and the staff notification inbox. Codes are the stable API.
 */

/** Items that carry their own deadline (the board's rows; what a 催办 or 督办单 is about). */
export const BOARD_TARGETS = [
  "work_order",
  "milestone",
  "first_response",
  "review",
  "deployment",
  "closeout",
  "letter_transfer",
  "rectification",
  "follow_up",
] as const;

/**
 * What a timer or record is about (跟踪到底: every open matter has a limit): an online appeal's
 * first response, its review and dispatch (审核分办, also after a return or a reopening), a work
 * order's handling limit, a simple order's same-day 研究部署, a plan milestone, the verification
 * and close-out of a reply (核实销号), a matter sent by letter to another center (函转, followed
 * until that center closes it), a rectification after a bad rating (整改), or a supervision
 * order's own limit, or the follow-up call a bad rating on the portal is owed (差评回访).
 */
export const SUPERVISION_TARGETS = [...BOARD_TARGETS, "supervision_order"] as const;
export const supervisionTargetSchema = z.enum(SUPERVISION_TARGETS);
export type SupervisionTarget = z.infer<typeof supervisionTargetSchema>;
export const SUPERVISION_TARGET_LABELS: Record<SupervisionTarget, string> = {
  work_order: "工作单办理时限",
  milestone: "方案节点",
  first_response: "首次回应",
  review: "审核分办",
  deployment: "当天研究部署",
  closeout: "核实销号",
  letter_transfer: "函转办理",
  rectification: "整改",
  follow_up: "差评回访",
  supervision_order: "督办时限",
};
/** Shorter than SUPERVISION_TARGET_LABELS, for table cells and filters. */
export const SUPERVISION_TARGET_SHORT_LABELS: Record<SupervisionTarget, string> = {
  work_order: "工作单",
  milestone: "方案节点",
  first_response: "首次回应",
  review: "审核分办",
  deployment: "研究部署",
  closeout: "待销号",
  letter_transfer: "函转",
  rectification: "整改",
  follow_up: "差评回访",
  supervision_order: "督办单",
};

export const boardTargetSchema = z.enum(BOARD_TARGETS);
export type BoardTarget = z.infer<typeof boardTargetSchema>;

/**
 * Who owes an item that no department owes: the window staff the first response, the center's
 * reviewers (审核分办) the review, the close-out and the follow-up of a 函转. Items owed by
 * departments (work orders, 研究部署, milestones, rectifications) have null.
 */
export const TARGET_CENTER_ROLE: Record<BoardTarget, "window" | "dispatcher" | null> = {
  work_order: null,
  milestone: null,
  first_response: "window",
  review: "dispatcher",
  deployment: null,
  closeout: "dispatcher",
  letter_transfer: "dispatcher",
  rectification: null,
  follow_up: "window",
};
/** How the board and the records name the center role that owes an item. */
export const CENTER_ROLE_RESPONSIBLE_LABELS = { window: "中心窗口", dispatcher: "中心审核分办" } as const;

export const SUPERVISION_KINDS = ["reminder", "supervision", "notice"] as const;
export const supervisionKindSchema = z.enum(SUPERVISION_KINDS);
export type SupervisionKind = z.infer<typeof supervisionKindSchema>;
export const SUPERVISION_KIND_LABELS: Record<SupervisionKind, string> = {
  reminder: "催办",
  supervision: "督办",
  notice: "通报",
};

/**
 * open: a supervision order still waiting for the department;
 * resolved: the item it was about was done (replied, milestone done, first response given);
 * escalated: its own limit ran out and a 通报 was issued;
 * done: reminders and notices are facts, done when written.
 */
export const SUPERVISION_STATUSES = ["open", "resolved", "escalated", "done"] as const;
export const supervisionStatusSchema = z.enum(SUPERVISION_STATUSES);
export type SupervisionStatus = z.infer<typeof supervisionStatusSchema>;
export const SUPERVISION_STATUS_LABELS: Record<SupervisionStatus, string> = {
  open: "督办中",
  resolved: "已办结",
  escalated: "已通报",
  done: "已发出",
};

/**
 * Timers behind the records (not in the API): a `reminder` stage fires the 催办, an `overdue`
 * stage just after the deadline fires the 督办单 or 通报 (ADR 0008).
 */
export const SUPERVISION_TIMER_STAGES = ["reminder", "overdue"] as const;
export const supervisionTimerStageSchema = z.enum(SUPERVISION_TIMER_STAGES);
export type SupervisionTimerStage = z.infer<typeof supervisionTimerStageSchema>;
export const SUPERVISION_TIMER_STATUSES = ["pending", "done", "cancelled"] as const;
export const supervisionTimerStatusSchema = z.enum(SUPERVISION_TIMER_STATUSES);
export type SupervisionTimerStatus = z.infer<typeof supervisionTimerStatusSchema>;

export const escalationRecipientsSchema = z.object({
  government: z.string().trim().min(1, "请填写同级人民政府").max(100, "不超过 100 字"),
  disciplineCommission: z.string().trim().min(1, "请填写同级纪委监委").max(100, "不超过 100 字"),
  copyTo: z.array(z.string().trim().min(1, "不能为空").max(100, "不超过 100 字")).max(10, "最多 10 个"),
});
export type EscalationRecipients = z.infer<typeof escalationRecipientsSchema>;

export const sweepResultSchema = z.object({
  reminders: z.number().int(),
  supervisions: z.number().int(),
  notices: z.number().int(),
  /** Timers that found their item already done, or whose deadline had moved (re-armed). */
  skipped: z.number().int(),
});
export type SweepResult = z.infer<typeof sweepResultSchema>;

/** The appeal a record or board row is about. */
const appealRefFields = { appealId: z.string(), trackingNo: z.string() };
/** The department it is addressed to; null for first-response items (the center's window staff). */
const departmentRefFields = { departmentId: z.string().nullable(), departmentName: z.string().nullable() };
/** Page size of the supervision lists. */
const pageLimit = z.coerce.number().int().min(1, "至少 1 条").max(200, "最多 200 条").default(50);

export const supervisionRecordSchema = z.object({
  id: z.string(),
  kind: z.enum(SUPERVISION_KINDS),
  /** 督办单 DB…, 通报 TB…; reminders have none. */
  number: z.string().nullable(),
  targetKind: z.enum(SUPERVISION_TARGETS),
  targetId: z.string(),
  ...appealRefFields,
  ...departmentRefFields,
  /** The deadline that is close (reminder) or was missed (supervision, notice). */
  targetDueAt: z.string(),
  /** A supervision order's own limit (督办时限). */
  dueAt: z.string().nullable(),
  status: z.enum(SUPERVISION_STATUSES),
  resolvedAt: z.string().nullable(),
  /** For a notice: the supervision order it escalates. */
  supervisionOrderId: z.string().nullable(),
  manual: z.boolean(),
  note: z.string().nullable(),
  /** Chinese statement of the facts (who, what, which limit, how late). */
  facts: z.string(),
  /** For a notice: the report's addressees (同级人民政府, 抄送 纪委监委 …). */
  recipients: escalationRecipientsSchema.nullable(),
  createdAt: z.string(),
  createdByName: z.string(),
});
export type SupervisionRecord = z.infer<typeof supervisionRecordSchema>;

export const supervisionListQuerySchema = z.object({
  kind: z.enum(SUPERVISION_KINDS).optional(),
  status: z.enum(SUPERVISION_STATUSES).optional(),
  departmentId: idSchema.optional(),
  appealId: idSchema.optional(),
  targetKind: z.enum(SUPERVISION_TARGETS).optional(),
  targetId: idSchema.optional(),
  limit: pageLimit,
  cursor: idCursorSchema.optional(),
});
export type SupervisionListQuery = z.infer<typeof supervisionListQuerySchema>;

export const supervisionListSchema = z.object({
  items: z.array(supervisionRecordSchema),
  nextCursor: z.string().nullable(),
});

/** Manual 催办 / 督办 by a supervisor, with a note. */
export const manualSupervisionSchema = z.object({
  targetKind: z.enum(BOARD_TARGETS, { error: "targetKind 应为 work_order、milestone 或 first_response" }),
  targetId: idSchema,
  note: z.string().trim().min(1, "请填写催办或督办说明").max(1000, "不超过 1000 字"),
});
export type ManualSupervisionInput = z.infer<typeof manualSupervisionSchema>;

/** Manual 通报 on an open supervision order. */
export const manualNoticeSchema = z.object({
  note: z.string().trim().min(1, "请填写通报说明").max(2000, "不超过 2000 字"),
});

export const boardQuerySchema = z.object({
  departmentId: idSchema.optional(),
  light: lightSchema.optional(),
  targetKind: z.enum(BOARD_TARGETS).optional(),
  limit: pageLimit,
  /** Opaque keyset cursor returned as nextCursor. */
  cursor: z.string().max(200, "分页游标无效").optional(),
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;

export const boardItemSchema = z.object({
  targetKind: z.enum(BOARD_TARGETS),
  targetId: z.string(),
  ...appealRefFields,
  /** Work-order number, or the milestone title; the appeal's tracking number for first responses. */
  label: z.string(),
  /** The first 60 characters of the appeal's content. */
  excerpt: z.string(),
  ...departmentRefFields,
  dueAt: z.string(),
  /** When the automatic 催办 is (or was) due. */
  remindAt: z.string().nullable(),
  light: lightSchema,
  /** Working time left or overdue, counted on the center's calendar by the server's clock, e.g. "剩余 2 个工作日", "已超期 3 个工作日". */
  countdown: z.string(),
  reminders: z.number().int(),
  supervisionOrderId: z.string().nullable(),
  supervisionNumber: z.string().nullable(),
  supervisionStatus: z.enum(SUPERVISION_STATUSES).nullable(),
  /** The latest supervision order's own limit (督办时限). */
  supervisionDueAt: z.string().nullable(),
  noticed: z.boolean(),
});
export type BoardItem = z.infer<typeof boardItemSchema>;

export const boardSummaryRowSchema = z.object({
  departmentId: z.string().nullable(),
  departmentName: z.string(),
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
});

export const boardSchema = z.object({
  /** Server time the lights and countdowns were computed at. */
  now: z.string(),
  summary: z.array(boardSummaryRowSchema),
  items: z.array(boardItemSchema),
  nextCursor: z.string().nullable(),
});
export type Board = z.infer<typeof boardSchema>;

// The staff inbox moved to notifications.ts; the old names stay for existing imports.
export {
  type StaffNotification,
  staffInboxListSchema as inboxListSchema,
  staffInboxQuerySchema as inboxQuerySchema,
  staffNotificationSchema,
  unreadCountSchema,
} from "./notifications.js";
