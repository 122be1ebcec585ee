import { Button, Result } from "antd";
import { Link, matchPath, Route, Routes } from "react-router";
import type { Role } from "../contracts/enums.js";
import { RequireAuth, RequireRole } from "./auth/guards.js";
import { type LazyPage, lazyPage, PageLoader } from "./components/LazyPage.js";
import { AppLayout } from "./layout/AppLayout.js";

/** Who may read appeals (the server's scope rule decides which ones). */
const APPEAL_READERS: Role[] = ["window", "dispatcher", "supervisor", "leader", "admin", "department"];

const LoginPage = lazyPage(() => import("./pages/login/LoginPage.js"), "LoginPage");

/**
 * The screens inside the console's frame, each in a chunk of its own; `roles` match the screen's
 * menu entry in layout/menu.ts (none: every staff member).
 */
const SCREENS: { path: string; page: LazyPage; roles?: Role[] }[] = [
  { path: "/", page: lazyPage(() => import("./pages/workbench/WorkbenchPage.js"), "WorkbenchPage") },
  {
    path: "/notifications",
    page: lazyPage(() => import("./pages/notifications/NotificationsPage.js"), "NotificationsPage"),
  },
  {
    path: "/intake",
    page: lazyPage(() => import("./pages/intake/IntakePage.js"), "IntakePage"),
    roles: ["window", "dispatcher"],
  },
  {
    path: "/inbox",
    page: lazyPage(() => import("./pages/inbox/InboxPage.js"), "InboxPage"),
    roles: ["window"],
  },
  {
    path: "/appeals",
    page: lazyPage(() => import("./pages/appeals/AppealListPage.js"), "AppealListPage"),
    roles: APPEAL_READERS,
  },
  {
    path: "/appeals/:id",
    page: lazyPage(() => import("./pages/appeals/AppealDetailPage.js"), "AppealDetailPage"),
    roles: APPEAL_READERS,
  },
  {
    path: "/dispatch",
    page: lazyPage(() => import("./pages/dispatch/DispatchPage.js"), "DispatchPage"),
    roles: ["dispatcher"],
  },
  {
    path: "/department",
    page: lazyPage(() => import("./pages/department/DepartmentPage.js"), "DepartmentPage"),
    roles: ["department"],
  },
  {
    path: "/supervision",
    page: lazyPage(() => import("./pages/supervision/SupervisionPage.js"), "SupervisionPage"),
    roles: ["supervisor", "leader"],
  },
  {
    path: "/clearance",
    page: lazyPage(() => import("./pages/clearance/ClearancePage.js"), "ClearancePage"),
    roles: ["supervisor", "leader", "dispatcher", "admin"],
  },
  {
    path: "/work-orders/:id",
    page: lazyPage(() => import("./pages/work-orders/WorkOrderPage.js"), "WorkOrderPage"),
    roles: ["dispatcher", "supervisor", "leader", "admin", "department"],
  },
  {
    path: "/rectifications",
    page: lazyPage(() => import("./pages/results/RectificationsPage.js"), "RectificationsPage"),
    roles: ["department", "dispatcher", "supervisor", "leader"],
  },
  {
    path: "/stats",
    page: lazyPage(() => import("./pages/stats/StatsPage.js"), "StatsPage"),
    roles: ["leader", "supervisor"],
  },
  {
    path: "/follow-ups",
    page: lazyPage(() => import("./pages/results/FollowUpsPage.js"), "FollowUpsPage"),
    roles: ["window", "dispatcher", "supervisor"],
  },
  {
    path: "/assessment",
    page: lazyPage(() => import("./pages/assessment/AssessmentPage.js"), "AssessmentPage"),
    roles: ["leader", "supervisor", "department"],
  },
  {
    path: "/admin/assessment-weights",
    page: lazyPage(() => import("./pages/assessment/WeightsPage.js"), "WeightsPage"),
    roles: ["admin"],
  },
  {
    path: "/hot-topics",
    page: lazyPage(() => import("./pages/insight/HotTopicsPage.js"), "HotTopicsPage"),
    roles: ["leader", "supervisor"],
  },
  {
    path: "/reports/monthly",
    page: lazyPage(() => import("./pages/insight/MonthlyReportPage.js"), "MonthlyReportPage"),
    roles: ["leader", "supervisor"],
  },
  {
    path: "/knowledge",
    page: lazyPage(() => import("./pages/knowledge/KnowledgePage.js"), "KnowledgePage"),
  },
  {
    path: "/directory",
    page: lazyPage(() => import("./pages/directory/DirectoryPage.js"), "DirectoryPage"),
  },
  {
    path: "/admin/knowledge",
    page: lazyPage(() => import("./pages/knowledge/KnowledgeAdminPage.js"), "KnowledgeAdminPage"),
    roles: ["admin"],
  },
  {
    path: "/admin/categories",
    page: lazyPage(() => import("./pages/admin/CategoriesPage.js"), "CategoriesPage"),
    roles: ["admin"],
  },
  { path: "/deadline", page: lazyPage(() => import("./pages/deadline/DeadlinePage.js"), "DeadlinePage") },
  {
    path: "/admin/center",
    page: lazyPage(() => import("./pages/admin/CenterProfilePage.js"), "CenterProfilePage"),
    roles: ["admin"],
  },
  {
    path: "/admin/departments",
    page: lazyPage(() => import("./pages/admin/DepartmentsPage.js"), "DepartmentsPage"),
    roles: ["admin"],
  },
  {
    path: "/admin/users",
    page: lazyPage(() => import("./pages/admin/UsersPage.js"), "UsersPage"),
    roles: ["admin"],
  },
  // Every staff member may look at the calendar; only admins edit it (checked inside).
  {
    path: "/admin/calendar",
    page: lazyPage(() => import("./pages/calendar/CalendarPage.js"), "CalendarPage"),
  },
  {
    path: "/admin/policy",
    page: lazyPage(() => import("./pages/policy/PolicyPage.js"), "PolicyPage"),
    roles: ["admin"],
  },
  {
    path: "/admin/integration-tokens",
    page: lazyPage(() => import("./pages/admin/IntegrationTokensPage.js"), "IntegrationTokensPage"),
    roles: ["admin"],
  },
  {
    path: "/admin/sms",
    page: lazyPage(() => import("./pages/admin/SmsLogPage.js"), "SmsLogPage"),
    roles: ["admin"],
  },
  {
    path: "/audit",
    page: lazyPage(() => import("./pages/audit/AuditPage.js"), "AuditPage"),
    roles: ["auditor"],
  },
  {
    path: "/security",
    page: lazyPage(() => import("./pages/admin/SecuritySettingsPage.js"), "SecuritySettingsPage"),
    roles: ["security_officer", "auditor"],
  },
];

/**
 * Starts downloading the code of the page `pathname` opens. Called once at start-up, so the page's
 * chunk arrives while the session is being checked instead of after.
 */
export function preloadPage(pathname: string): void {
  const page = matchPath("/login", pathname)
    ? LoginPage
    : SCREENS.find((s) => matchPath(s.path, pathname))?.page;
  page?.preload();
}

function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <Link to="/">
          <Button type="primary">返回工作台</Button>
        </Link>
      }
    />
  );
}

/** Routes of the staff console. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PageLoader />}>
        <Route path="/login" element={<LoginPage />} />
      </Route>
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route element={<PageLoader />}>
          {SCREENS.map(({ path, page: Page, roles }) => (
            <Route
              key={path}
              path={path}
              element={
                roles ? (
                  <RequireRole roles={roles}>
                    <Page />
                  </RequireRole>
                ) : (
                  <Page />
                )
              }
            />
          ))}
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
