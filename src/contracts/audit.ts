import { z } from "zod";
import { idCursorSchema, idSchema } from "./common.js";

/** The audit trail (审计日志), read by the auditor only (等保 2.0 三员分立). */

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: idCursorSchema.optional(),
  action: z.string().trim().max(100).optional(),
  actorId: idSchema.optional(),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  centerId: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  details: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});

/** Re-walking the hash chain: ok, or the first entry whose hash does not match. */
export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.string().optional(),
  /** What is wrong, in Chinese, when not ok. */
  problem: z.string().optional(),
  /** Rows appended but not yet sealed into the chain (sealed every few seconds). */
  unsealed: z.number().int().optional(),
});
export type AuditVerify = z.infer<typeof auditVerifySchema>;

/** Chinese names of audit actions; an unknown code is shown as is. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.login": "登录",
  "auth.login.failed": "登录失败",
  "auth.login.locked": "锁定期间尝试登录",
  "auth.lockout": "账号锁定",
  "auth.logout": "退出登录",
  "user.create": "新增用户",
  "user.update": "修改用户",
  "user.password.change": "修改本人密码",
  "user.password.reset": "重置密码",
  "user.unlock": "解除锁定",
  "department.create": "新增部门",
  "department.update": "修改部门",
  "department.deactivate": "停用部门",
  "center.create": "新增中心",
  "center.update": "修改中心",
  "integration_token.create": "创建集成令牌",
  "integration_token.revoke": "吊销集成令牌",
  "calendar.day.update": "修改日历",
  "calendar.year.import": "导入节假日安排",
  "calendar.year.load": "标记年份已载入",
  "calendar.year.seed": "初始化节假日安排",
  "time_limit_policy.update": "修改时限策略",
  "appeal.create": "登记诉求",
  "appeal.acknowledge": "首次响应",
  "appeal.reject": "不予受理",
  "appeal.resolve": "当场办结",
  "appeal.phone.reveal": "查看诉求人电话",
  "appeal.deadline.reconcile": "重新核定临时期限",
  "sms.phone.reveal": "查看短信号码",
};

/** Chinese names of the audited entities. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: "用户",
  department: "部门",
  center: "中心",
  integration_token: "集成令牌",
  calendar_day: "日历",
  calendar_year: "日历年份",
  time_limit_policy: "时限策略",
  appeal: "诉求",
  sms_messages: "短信",
};
