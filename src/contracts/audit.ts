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

/** The auditor's export of a period (at most 92 days, at most AUDIT_EXPORT_MAX_ROWS rows). */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
export const auditExportQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true, message: "请填写开始时间（ISO 8601）" }),
    to: z.iso.datetime({ offset: true, message: "请填写结束时间（ISO 8601）" }),
  })
  .refine((q) => Date.parse(q.to) > Date.parse(q.from), { message: "结束时间须晚于开始时间", path: ["to"] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 92 * 86_400_000, {
    message: "一次最多导出 92 天",
    path: ["to"],
  });

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

/**
 * Every action the server writes to the audit trail, with its Chinese name. `appendAudit` takes
 * only these codes (the type is inferred from the list), so a new action cannot be written
 * without a label; src/contracts/audit.test.ts also checks the code for literals.
 */
export const AUDIT_ACTION_LABELS = {
  "auth.login": "登录",
  "auth.login.failed": "登录失败",
  "auth.login.locked": "锁定期间尝试登录",
  "auth.lockout": "账号锁定",
  "auth.logout": "退出登录",
  "auth.mfa.failed": "动态验证码错误",
  "auth.mfa.locked": "动态验证码错误次数过多，暂停验证",
  "auth.mfa.recovery_used": "使用恢复码登录",
  "user.mfa.enrol": "申请绑定动态口令",
  "user.mfa.enable": "启用动态口令（双因素认证）",
  "user.mfa.reset": "重置用户动态口令",
  "security.settings.update": "修改安全设置",
  "appeal.anonymize": "个人信息到期匿名化",
  "requester.export": "导出诉求人个人信息",
  "audit.export": "导出审计日志",
  "data.archive": "归档历史月份数据",
  "data.restore": "恢复归档月份数据",
  "user.create": "新增用户",
  "user.update": "修改用户",
  "user.profile.update": "修改本人资料",
  "user.password.change": "修改本人密码",
  "user.password.reset": "重置密码",
  "user.unlock": "解除锁定",
  "department.create": "新增部门",
  "department.update": "修改部门",
  "department.deactivate": "停用部门",
  "category.create": "新增分类",
  "category.update": "修改分类",
  "category.deactivate": "停用分类",
  "knowledge.create": "新建知识条目",
  "knowledge.update": "修改知识条目",
  "knowledge.publish": "发布知识条目",
  "knowledge.unpublish": "撤回知识条目",
  "knowledge.use": "引用知识条目答复",
  "knowledge.synonyms": "修改检索同义词",
  "center.create": "新增中心",
  "center.update": "修改中心信息",
  "integration_token.create": "创建集成令牌",
  "integration_token.revoke": "吊销集成令牌",
  "calendar.day.update": "修改日历",
  "calendar.year.import": "导入节假日安排",
  "calendar.year.load": "标记年份已载入",
  "calendar.year.seed": "初始化节假日安排",
  "time_limit_policy.update": "修改时限策略",
  "appeal.create": "登记诉求",
  "rating.create": "服务对象评价",
  "rating.dispute": "差评申诉复核",
  "follow_up.create": "回访",
  "rectification.open": "差评整改立项",
  "rectification.complete": "整改完成",
  "assessment.weights.update": "修改考核权重",
  "assessment.publish": "通报考核结果",
  "follow_up_duty.open": "生成回访任务",
  "appeal.acknowledge": "首次回应",
  "appeal.reject": "不予受理",
  "appeal.resolve": "即时办结",
  "appeal.merge": "重复诉求并单",
  "assist.retrain": "重新训练分办建议模型",
  "appeal.phone.reveal": "查看诉求人电话",
  "appeal.deadline.reconcile": "按新日历重算临时时限",
  "appeal.dispatch": "分办（生成工作单）",
  "appeal.transfer": "转办 / 函转",
  "appeal.refer": "移交",
  "appeal.close": "销号",
  "appeal.rework": "退回重办",
  "appeal.reopen": "重新办理",
  "work_order.sign": "部门签收",
  "work_order.deploy": "研究部署",
  "work_order.return": "退单",
  "work_order.co_return": "协办部门退出",
  "work_order.opinion": "协办意见",
  "work_order.reply": "部门答复",
  "work_order.withdraw": "撤回工作单",
  "work_order.print": "打印工作单",
  "work_order.deadline.reconcile": "按新日历重算工作单时限",
  "extension.request": "申请延期",
  "extension.approve": "批准延期",
  "extension.deny": "驳回延期",
  "plan.submit": "提交解决方案",
  "plan.approve": "批准解决方案",
  "plan.reject": "驳回解决方案",
  "plan.progress": "报告方案进展",
  "plan.complete": "方案节点全部完成",
  "supervision.remind": "催办",
  "supervision.order": "督办",
  "supervision.notice": "通报",
  "supervision.sweep": "督办定时检查",
  "supervision.sweep.manual": "手动运行督办检查",
  "sms.phone.reveal": "查看短信号码",
  "call.record": "记录电话告知",
  "report.monthly.export": "导出月度报告",
  "report.monthly.appeals_export": "导出月度诉求明细",
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** The Chinese name of an action code; a code from an older release is shown as is. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

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
  work_order: "工作单",
  extension: "延期申请",
  plan: "解决方案",
  supervision_record: "督办记录",
  sms_messages: "短信",
  notification_outbox: "告知（短信或电话）",
};
