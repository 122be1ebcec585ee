/** Stable codes of API.md; Chinese labels for the UI live beside them. */
export const ROLES = [
  "admin",
  "window",
  "dispatcher",
  "department",
  "supervisor",
  "leader",
  "auditor",
] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: "系统管理员",
  window: "窗口人员/坐席",
  dispatcher: "审核分办",
  department: "部门经办人",
  supervisor: "督办人员",
  leader: "领导/分析",
  auditor: "审计员",
};

export const CENTER_LEVELS = ["province", "city", "county", "township"] as const;
export type CenterLevel = (typeof CENTER_LEVELS)[number];
export const CENTER_LEVEL_LABELS: Record<CenterLevel, string> = {
  province: "省级",
  city: "市级",
  county: "县级",
  township: "乡镇（街道）",
};

export const DAY_KINDS = ["workday", "weekend", "holiday", "makeup_workday"] as const;
export type DayKind = (typeof DAY_KINDS)[number];
export const DAY_KIND_LABELS: Record<DayKind, string> = {
  workday: "工作日",
  weekend: "休息日",
  holiday: "法定节假日",
  makeup_workday: "调休上班",
};

export const DEADLINE_RULES = ["same_day", "working_days", "calendar_days", "months"] as const;
export type DeadlineRule = (typeof DEADLINE_RULES)[number];
export const DEADLINE_RULE_LABELS: Record<DeadlineRule, string> = {
  same_day: "当日",
  working_days: "工作日",
  calendar_days: "自然日",
  months: "月",
};
