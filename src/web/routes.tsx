import { Button, Result } from "antd";
import type { ReactNode } from "react";
import { Link, Route, Routes } from "react-router";
import type { Role } from "../contracts/enums.js";
import { RequireAuth, RequireRole } from "./auth/guards.js";
import { AppLayout } from "./layout/AppLayout.js";
import { DepartmentsPage } from "./pages/admin/DepartmentsPage.js";
import { IntegrationTokensPage } from "./pages/admin/IntegrationTokensPage.js";
import { UsersPage } from "./pages/admin/UsersPage.js";
import { AuditPage } from "./pages/audit/AuditPage.js";
import { CalendarPage } from "./pages/calendar/CalendarPage.js";
import { DeadlinePage } from "./pages/deadline/DeadlinePage.js";
import { LoginPage } from "./pages/login/LoginPage.js";
import { PolicyPage } from "./pages/policy/PolicyPage.js";
import { WorkbenchPage } from "./pages/workbench/WorkbenchPage.js";

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
        <Route path="deadline" element={<DeadlinePage />} />
        <Route path="admin/departments" element={only(["admin"], <DepartmentsPage />)} />
        <Route path="admin/users" element={only(["admin"], <UsersPage />)} />
        {/* Every staff member may look at the calendar; only admins edit it (checked inside). */}
        <Route path="admin/calendar" element={<CalendarPage />} />
        <Route path="admin/policy" element={only(["admin"], <PolicyPage />)} />
        <Route path="admin/integration-tokens" element={only(["admin"], <IntegrationTokensPage />)} />
        <Route path="audit" element={only(["auditor"], <AuditPage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
