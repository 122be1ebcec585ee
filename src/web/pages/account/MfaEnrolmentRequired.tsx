import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Typography } from "antd";
import { useSession } from "../../auth/session.js";
import { MfaEnrolPanel } from "./MfaEnrolPanel.js";

/**
 * Shown instead of every screen while the center requires a second factor of this user's role
 * (admin, auditor) and none is enrolled: the server answers nothing else until it is.
 */
export function MfaEnrolmentRequired() {
  const { logout } = useSession();
  const qc = useQueryClient();
  return (
    <main className="yousu-login">
      <Card className="yousu-login-card" style={{ width: 640, maxWidth: "100%" }} data-testid="mfa-required">
        <Typography.Title level={3} style={{ textAlign: "center", marginBottom: 4 }}>
          请先启用双因素认证
        </Typography.Title>
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="本中心要求系统管理员和审计员登录时使用动态口令。绑定后才能继续使用系统。"
        />
        <MfaEnrolPanel onDone={() => void qc.invalidateQueries({ queryKey: ["me"] })} />
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => void logout()}>
          退出登录
        </Button>
      </Card>
    </main>
  );
}
