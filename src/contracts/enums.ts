import { z } from "zod";

/**
 * Stable codes of API.md shared by every module; Chinese labels for the UI live beside them.
 * Each list is written once, here or in its area's contract file: the zod enum validates it at
 * the boundary, the type is inferred from that enum, and the database row types (schema.ts), the
 * core and the web import both.
 */

export const ROLES = [
  "admin",
  "window",
  "dispatcher",
  "department",
  "supervisor",
  "leader",
  "auditor",
  /** 安全管理员 (三员分立): once designated, the only one who changes the security settings. */
  "security_officer",
] as const;
export const roleSchema = z.enum(ROLES, { message: "未知角色" });
export type Role = z.infer<typeof roleSchema>;
export const ROLE_LABELS: Record<Role, string> = {
  admin: "系统管理员",
  window: "窗口人员/坐席",
  dispatcher: "审核分办",
  department: "部门经办人",
  supervisor: "督办人员",
  leader: "领导/分析",
  auditor: "审计员",
  security_officer: "安全管理员",
};

export const CENTER_LEVELS = ["province", "city", "county", "township"] as const;
export const centerLevelSchema = z.enum(CENTER_LEVELS, { message: "未知的中心层级" });
export type CenterLevel = z.infer<typeof centerLevelSchema>;
export const CENTER_LEVEL_LABELS: Record<CenterLevel, string> = {
  province: "省级",
  city: "市级",
  county: "县级",
  township: "乡镇（街道）",
};

/** Kinds of a calendar day; a working day is a workday or a make-up workday (调休上班). */
export const DAY_KINDS = ["workday", "weekend", "holiday", "makeup_workday"] as const;
export const dayKindSchema = z.enum(DAY_KINDS, {
  error: "日期类型应为 workday、weekend、holiday 或 makeup_workday",
});
export type DayKind = z.infer<typeof dayKindSchema>;
export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: "工作日",
  weekend: "休息日",
  holiday: "法定节假日",
  makeup_workday: "调休上班",
};

/** The four deadline rules of DESIGN.md §3. */
export const DEADLINE_RULES = ["same_day", "working_days", "calendar_days", "months"] as const;
export const deadlineRuleSchema = z.enum(DEADLINE_RULES, {
  error: "时限规则应为 same_day、working_days、calendar_days 或 months",
});
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;
export const DEADLINE_RULE_LABELS: Record<DeadlineRule, string> = {
  same_day: "当日",
  working_days: "工作日",
  calendar_days: "自然日",
  months: "月",
};
/** The N each rule accepts (same_day takes none). */
export const DEADLINE_N_LIMITS: Record<DeadlineRule, { min: number; max: number }> = {
  same_day: { min: 0, max: 0 },
  working_days: { min: 1, max: 3650 },
  calendar_days: { min: 1, max: 3650 },
  months: { min: 1, max: 120 },
};
/** How each rule counts, in the words of the deadline calculator's help text. */
export const DEADLINE_RULE_HELP: Record<DeadlineRule, string> = {
  same_day: "受理当日为工作日的，当日 24:00 到期；否则顺延至下一个工作日",
  working_days: "受理当日不计入，第 N 个工作日 24:00 到期",
  calendar_days: "受理当日不计入，第 N 个自然日 24:00 到期；逢节假日顺延至下一个工作日",
  months: "到第 N 个月的对应日 24:00 到期；逢节假日顺延至下一个工作日",
};
