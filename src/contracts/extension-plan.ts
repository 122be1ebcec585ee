import { z } from "zod";

/**
 * Extensions (延期) and major-issue plans (解决方案) of a 工作单: their codes and DTOs (re-exported
 * by work-orders.ts). Codes are the stable API.
 */

/** 延期申请 and its decision. */
export const EXTENSION_STATUSES = ["pending", "approved", "denied"] as const;
export const extensionStatusSchema = z.enum(EXTENSION_STATUSES, { message: "未知的审批状态" });
export type ExtensionStatus = z.infer<typeof extensionStatusSchema>;
export const EXTENSION_STATUS_LABELS = {
  pending: "待审批",
  approved: "已批准",
  denied: "已驳回",
} as const satisfies Record<ExtensionStatus, string>;

/** 解决方案 of a major matter (重大复杂问题) and its decision. */
export const PLAN_STATUSES = ["draft", "submitted", "approved", "rejected"] as const;
export const planStatusSchema = z.enum(PLAN_STATUSES, { message: "未知的方案状态" });
export type PlanStatus = z.infer<typeof planStatusSchema>;
export const PLAN_STATUS_LABELS = {
  draft: "草稿",
  submitted: "待审批",
  approved: "已批准",
  rejected: "已驳回",
} as const satisfies Record<PlanStatus, string>;

/** A plan's 时间节点. */
export const MILESTONE_STATUSES = ["open", "reported", "done"] as const;
export const milestoneStatusSchema = z.enum(MILESTONE_STATUSES);
export type MilestoneStatus = z.infer<typeof milestoneStatusSchema>;
export const MILESTONE_STATUS_LABELS = {
  open: "未开始",
  reported: "推进中",
  done: "已完成",
} as const satisfies Record<MilestoneStatus, string>;

/** 转办 (external unit), 函转 (another level's center), 移交 (suspected violation). */

export const extensionSchema = z.object({
  id: z.string(),
  workOrderId: z.string(),
  workOrderNumber: z.string(),
  appealId: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  requestedBy: z.string(),
  until: z.string(),
  reason: z.string(),
  status: z.enum(EXTENSION_STATUSES),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  oldDueAt: z.string(),
  newDueAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Extension = z.infer<typeof extensionSchema>;

export const milestoneSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  title: z.string(),
  dueDate: z.string(),
  dueAt: z.string(),
  status: z.enum(MILESTONE_STATUSES),
  lastReport: z.string().nullable(),
  reportedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
});

export const planSchema = z.object({
  id: z.string(),
  workOrderId: z.string(),
  workOrderNumber: z.string(),
  appealId: z.string(),
  departmentId: z.string(),
  status: z.enum(PLAN_STATUSES),
  summary: z.string(),
  submittedBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  completedAt: z.string().nullable(),
  milestones: z.array(milestoneSchema),
});
export type Plan = z.infer<typeof planSchema>;
