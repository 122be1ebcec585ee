import { Button, Result } from "antd";
import type { ReactNode } from "react";
import { Link, Route, Routes } from "react-router";
import type { Role } from "../contracts/enums.js";
import { RequireAuth, RequireRole } from "./auth/guards.js";
import { AppLayout } from "./layout/AppLayout.js";
import { DepartmentsPage } from "./pages/admin/DepartmentsPage.js";
import { IntegrationTokensPage } from "./pages/admin/IntegrationTokensPage.js";
import { SmsLogPage } from "./pages/admin/SmsLogPage.js";
import { UsersPage } from "./pages/admin/UsersPage.js";
import { AppealDetailPage } from "./pages/appeals/AppealDetailPage.js";
import { AppealListPage } from "./pages/appeals/AppealListPage.js";
import { AuditPage } from "./pages/audit/AuditPage.js";
import { CalendarPage } from "./pages/calendar/CalendarPage.js";
import { DeadlinePage } from "./pages/deadline/DeadlinePage.js";
import { DepartmentPage } from "./pages/department/DepartmentPage.js";
import { DispatchPage } from "./pages/dispatch/DispatchPage.js";
import { InboxPage } from "./pages/inbox/InboxPage.js";
import { IntakePage } from "./pages/intake/IntakePage.js";
import { LoginPage } from "./pages/login/LoginPage.js";
import { NotificationsPage } from "./pages/notifications/NotificationsPage.js";
import { PolicyPage } from "./pages/policy/PolicyPage.js";
import { SupervisionPage } from "./pages/supervision/SupervisionPage.js";
import { WorkOrderPage } from "./pages/work-orders/WorkOrderPage.js";
import { WorkbenchPage } from "./pages/workbench/WorkbenchPage.js";

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
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
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
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
