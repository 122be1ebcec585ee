import { Button, Result, Spin } from "antd";
import { lazy, type ReactNode, Suspense } from "react";
import { Link, Navigate, useLocation } from "react-router";
import type { Role } from "../../contracts/enums.js";
import { useSession } from "./session.js";

// Shown only to a user who must change a weak password: loaded then, not at start-up.
const PasswordChangeRequired = lazy(() =>
  import("../pages/account/PasswordChangeRequired.js").then((m) => ({ default: m.PasswordChangeRequired })),
);

// Shown only to an admin or auditor who must enrol a second factor (center policy).
const MfaEnrolmentRequired = lazy(() =>
  import("../pages/account/MfaEnrolmentRequired.js").then((m) => ({ default: m.MfaEnrolmentRequired })),
);

/** Signed-in staff only; everyone else goes to the login page and comes back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, loading, loadError, retry } = useSession();
  const location = useLocation();
  if (loading) {
    return (
      <div className="yousu-center" role="status">
        <Spin size="large" description="正在加载…" />
      </div>
    );
  }
  if (loadError) {
    return (
      <Result
        status="warning"
        title="暂时无法连接服务器"
        subTitle={loadError}
        extra={
          <Button type="primary" onClick={retry}>
            重试
          </Button>
        }
      />
    );
  }
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.mustChangePassword)
    return (
      <Suspense fallback={<Spin />}>
        <PasswordChangeRequired />
      </Suspense>
    );
  if (user.mustEnrolMfa)
    return (
      <Suspense fallback={<Spin />}>
        <MfaEnrolmentRequired />
      </Suspense>
    );
  return <>{children}</>;
}

/** A screen for some roles only; the server enforces the same rule. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { hasRole } = useSession();
  if (!hasRole(...roles)) {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="当前账号的角色不能使用此功能。如需开通，请联系系统管理员。"
        extra={
          <Link to="/">
            <Button type="primary">返回工作台</Button>
          </Link>
        }
      />
    );
  }
  return <>{children}</>;
}
