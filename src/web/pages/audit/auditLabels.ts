/** Chinese names of audit actions; an unknown code is shown as is. */
const ACTIONS: Record<string, string> = {
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

const ENTITIES: Record<string, string> = {
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

export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

export function entityLabel(entity: string): string {
  return ENTITIES[entity] ?? entity;
}
