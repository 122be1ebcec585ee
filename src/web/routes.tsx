import { Button, Result } from "antd";
import type { ReactNode } from "react";
import { Link, Route, Routes } from "react-router";
import type { Role } from "../contracts/enums.js";
import { RequireAuth, RequireRole } from "./auth/guards.js";
import { lazyPage, PageLoader } from "./components/LazyPage.js";
import { AppLayout } from "./layout/AppLayout.js";

const DepartmentsPage = lazyPage(() => import("./pages/admin/DepartmentsPage.js"), "DepartmentsPage");
const IntegrationTokensPage = lazyPage(
  () => import("./pages/admin/IntegrationTokensPage.js"),
  "IntegrationTokensPage",
);
const SmsLogPage = lazyPage(() => import("./pages/admin/SmsLogPage.js"), "SmsLogPage");
const UsersPage = lazyPage(() => import("./pages/admin/UsersPage.js"), "UsersPage");
const AppealDetailPage = lazyPage(() => import("./pages/appeals/AppealDetailPage.js"), "AppealDetailPage");
const AppealListPage = lazyPage(() => import("./pages/appeals/AppealListPage.js"), "AppealListPage");
const AuditPage = lazyPage(() => import("./pages/audit/AuditPage.js"), "AuditPage");
const CalendarPage = lazyPage(() => import("./pages/calendar/CalendarPage.js"), "CalendarPage");
const DeadlinePage = lazyPage(() => import("./pages/deadline/DeadlinePage.js"), "DeadlinePage");
const DepartmentPage = lazyPage(() => import("./pages/department/DepartmentPage.js"), "DepartmentPage");
const DispatchPage = lazyPage(() => import("./pages/dispatch/DispatchPage.js"), "DispatchPage");
const InboxPage = lazyPage(() => import("./pages/inbox/InboxPage.js"), "InboxPage");
const IntakePage = lazyPage(() => import("./pages/intake/IntakePage.js"), "IntakePage");
const LoginPage = lazyPage(() => import("./pages/login/LoginPage.js"), "LoginPage");
const NotificationsPage = lazyPage(
  () => import("./pages/notifications/NotificationsPage.js"),
  "NotificationsPage",
);
const PolicyPage = lazyPage(() => import("./pages/policy/PolicyPage.js"), "PolicyPage");
const SupervisionPage = lazyPage(() => import("./pages/supervision/SupervisionPage.js"), "SupervisionPage");
const WorkOrderPage = lazyPage(() => import("./pages/work-orders/WorkOrderPage.js"), "WorkOrderPage");
const WorkbenchPage = lazyPage(() => import("./pages/workbench/WorkbenchPage.js"), "WorkbenchPage");

/** Who may read appeals (the server's scope rule decides which ones). */
const APPEAL_READERS: Role[] = ["window", "dispatcher", "supervisor", "leader", "admin", "department"];

function only(roles: Role[], page: ReactNode) {
  return <RequireRole roles={roles}>{page}</RequireRole>;
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

/** Routes of the staff console; each screen's roles match its menu entry in layout/menu.ts. */
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
          <Route index element={<WorkbenchPage />} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="intake" element={only(["window", "dispatcher"], <IntakePage />)} />
          <Route path="inbox" element={only(["window"], <InboxPage />)} />
          <Route path="appeals" element={only(APPEAL_READERS, <AppealListPage />)} />
          <Route path="appeals/:id" element={only(APPEAL_READERS, <AppealDetailPage />)} />
          <Route path="dispatch" element={only(["dispatcher"], <DispatchPage />)} />
          <Route path="department" element={only(["department"], <DepartmentPage />)} />
          <Route path="supervision" element={only(["supervisor", "leader"], <SupervisionPage />)} />
          <Route
            path="work-orders/:id"
            element={only(["dispatcher", "supervisor", "leader", "admin", "department"], <WorkOrderPage />)}
          />
          <Route path="deadline" element={<DeadlinePage />} />
          <Route path="admin/departments" element={only(["admin"], <DepartmentsPage />)} />
          <Route path="admin/users" element={only(["admin"], <UsersPage />)} />
          {/* Every staff member may look at the calendar; only admins edit it (checked inside). */}
          <Route path="admin/calendar" element={<CalendarPage />} />
          <Route path="admin/policy" element={only(["admin"], <PolicyPage />)} />
          <Route path="admin/integration-tokens" element={only(["admin"], <IntegrationTokensPage />)} />
          <Route path="admin/sms" element={only(["admin"], <SmsLogPage />)} />
          <Route path="audit" element={only(["auditor"], <AuditPage />)} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
