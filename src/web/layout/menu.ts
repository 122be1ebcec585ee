import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  BranchesOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  ContactsOutlined,
  DesktopOutlined,
  EditOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FireOutlined,
  InboxOutlined,
  KeyOutlined,
  LikeOutlined,
  MessageOutlined,
  MonitorOutlined,
  PercentageOutlined,
  PhoneOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { ComponentType } from "react";
import type { Role } from "../../contracts/enums.js";

/**
 * The staff console menu (UX.md "menu by role"), as data. Only screens that exist are listed:
 * a later screen adds its entry here, in UX.md order (工作台, 消息, 诉求登记, 网络诉求, 诉求查询, 审核分办,
 * 部门办件, 督办中心, 统计分析, 知识库, 系统管理, 审计日志), with the roles that may open it.
 */
export interface MenuEntry {
  key: string;
  label: string;
  /** Route path; absent on a group. */
  path?: string;
  /** Who sees it; "all" = every signed-in staff user. */
  roles: Role[] | "all";
  icon?: ComponentType;
  children?: MenuEntry[];
}

export const MENU: MenuEntry[] = [
  { key: "workbench", label: "工作台", path: "/", roles: "all", icon: DesktopOutlined },
  { key: "notifications", label: "消息", path: "/notifications", roles: "all", icon: BellOutlined },
  { key: "intake", label: "诉求登记", path: "/intake", roles: ["window", "dispatcher"], icon: EditOutlined },
  { key: "inbox", label: "网络诉求", path: "/inbox", roles: ["window"], icon: InboxOutlined },
  {
    key: "appeals",
    label: "诉求查询",
    path: "/appeals",
    roles: ["window", "dispatcher", "supervisor", "leader", "admin", "department"],
    icon: FileSearchOutlined,
  },
  { key: "dispatch", label: "审核分办", path: "/dispatch", roles: ["dispatcher"], icon: BranchesOutlined },
  {
    key: "department",
    label: "部门办件",
    path: "/department",
    roles: ["department"],
    icon: ApartmentOutlined,
  },
  {
    key: "supervision",
    label: "督办中心",
    path: "/supervision",
    roles: ["supervisor", "leader"],
    icon: MonitorOutlined,
  },
  {
    key: "clearance",
    label: "销号清零",
    path: "/clearance",
    roles: ["supervisor", "leader", "dispatcher", "admin"],
    icon: CheckCircleOutlined,
  },
  {
    key: "rectifications",
    label: "差评整改",
    path: "/rectifications",
    roles: ["department", "dispatcher", "supervisor", "leader"],
    icon: LikeOutlined,
  },
  {
    key: "follow-ups",
    label: "回访任务",
    path: "/follow-ups",
    roles: ["window", "dispatcher", "supervisor"],
    icon: PhoneOutlined,
  },
  {
    key: "stats",
    label: "统计分析",
    path: "/stats",
    roles: ["leader", "supervisor"],
    icon: BarChartOutlined,
  },
  {
    key: "assessment",
    label: "考核排名",
    path: "/assessment",
    roles: ["leader", "supervisor", "department"],
    icon: TrophyOutlined,
  },
  {
    key: "hot-topics",
    label: "热点分析",
    path: "/hot-topics",
    roles: ["leader", "supervisor"],
    icon: FireOutlined,
  },
  {
    key: "monthly-report",
    label: "月度报告",
    path: "/reports/monthly",
    roles: ["leader", "supervisor"],
    icon: FileTextOutlined,
  },
  { key: "knowledge", label: "知识库", path: "/knowledge", roles: "all", icon: BookOutlined },
  { key: "directory", label: "部门通讯录", path: "/directory", roles: "all", icon: ContactsOutlined },
  { key: "deadline", label: "期限计算", path: "/deadline", roles: "all", icon: CalculatorOutlined },
  {
    key: "admin",
    label: "系统管理",
    roles: ["admin"],
    icon: SettingOutlined,
    children: [
      { key: "center", label: "中心信息", path: "/admin/center", roles: ["admin"], icon: BankOutlined },
      {
        key: "departments",
        label: "部门管理",
        path: "/admin/departments",
        roles: ["admin"],
        icon: TeamOutlined,
      },
      {
        key: "categories",
        label: "分类管理",
        path: "/admin/categories",
        roles: ["admin"],
        icon: TagsOutlined,
      },
      {
        key: "knowledge-admin",
        label: "知识库管理",
        path: "/admin/knowledge",
        roles: ["admin"],
        icon: BookOutlined,
      },
      { key: "users", label: "用户管理", path: "/admin/users", roles: ["admin"], icon: UserOutlined },
      {
        key: "calendar",
        label: "工作日历",
        path: "/admin/calendar",
        roles: ["admin"],
        icon: CalendarOutlined,
      },
      {
        key: "policy",
        label: "时限策略",
        path: "/admin/policy",
        roles: ["admin"],
        icon: ClockCircleOutlined,
      },
      {
        key: "assessment-weights",
        label: "考核权重",
        path: "/admin/assessment-weights",
        roles: ["admin"],
        icon: PercentageOutlined,
      },
      {
        key: "integration-tokens",
        label: "集成令牌",
        path: "/admin/integration-tokens",
        roles: ["admin"],
        icon: KeyOutlined,
      },
      { key: "sms", label: "短信记录", path: "/admin/sms", roles: ["admin"], icon: MessageOutlined },
    ],
  },
  { key: "audit", label: "审计日志", path: "/audit", roles: ["auditor"], icon: AuditOutlined },
  {
    key: "security",
    label: "安全设置",
    path: "/security",
    roles: ["security_officer", "auditor"],
    icon: SafetyCertificateOutlined,
  },
];

export function canSee(entry: MenuEntry, roles: readonly Role[]): boolean {
  return entry.roles === "all" || entry.roles.some((r) => roles.includes(r));
}

/** The menu a user with `roles` sees: groups without a visible child disappear. */
export function visibleMenu(roles: readonly Role[], entries: MenuEntry[] = MENU): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const e of entries) {
    if (!canSee(e, roles)) continue;
    if (e.children) {
      const children = visibleMenu(roles, e.children);
      if (children.length > 0) out.push({ ...e, children });
    } else {
      out.push(e);
    }
  }
  return out;
}

/** Flat list of the leaf entries a user can open (for shortcuts on the workbench). */
export function visibleLeaves(roles: readonly Role[]): MenuEntry[] {
  return visibleMenu(roles).flatMap((e) => e.children ?? [e]);
}

/** The menu key whose path best matches the current location. */
export function selectedKey(pathname: string): string | undefined {
  let best: { key: string; len: number } | undefined;
  const walk = (entries: MenuEntry[]) => {
    for (const e of entries) {
      if (e.children) walk(e.children);
      else if (e.path && (pathname === e.path || (e.path !== "/" && pathname.startsWith(`${e.path}/`)))) {
        if (!best || e.path.length > best.len) best = { key: e.key, len: e.path.length };
      }
    }
  };
  walk(MENU);
  return best?.key;
}
