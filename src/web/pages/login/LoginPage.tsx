import { LockOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useState } from "react";
import { Navigate, useLocation, useNavigate } from "react-router";
import { type LoginRequest, loginRequestSchema } from "../../../contracts/accounts.js";
import { recoveryCodeSchema, totpCodeSchema } from "../../../contracts/security.js";
import { ApiError, errorMessage } from "../../api/client.js";
import { useSession } from "../../auth/session.js";
import { PasswordInput } from "../../components/PasswordInput.js";
import { fieldRules } from "../../lib/validation.js";

type Values = LoginRequest;

const RULES = {
  username: fieldRules(loginRequestSchema.shape.username, { label: "用户名" }),
  password: fieldRules(loginRequestSchema.shape.password, { label: "密码" }),
  totp: fieldRules(totpCodeSchema, { label: "动态验证码" }),
  recoveryCode: fieldRules(recoveryCodeSchema, { label: "恢复码" }),
};

function loginError(e: unknown): string {
  if (e instanceof ApiError && e.status === 423) return e.message || "账号已被锁定，请稍后再试或联系管理员";
  if (e instanceof ApiError && e.status === 429) return e.message || "登录尝试过于频繁，请稍后再试";
  return errorMessage(e);
}

export function LoginPage() {
  const { user, login, notice } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  /** The server said the password was right and asks for the second factor. */
  const [second, setSecond] = useState<"totp" | "recovery" | null>(null);
  const from = (location.state as { from?: string } | null)?.from ?? "/";
  if (user) return <Navigate to={from} replace />;

  const submit = async (v: Values) => {
    setPending(true);
    setError(null);
    try {
      await login(
        v.username.trim(),
        v.password,
        second === "totp"
          ? { totp: v.totp?.trim() }
          : second === "recovery"
            ? { recoveryCode: v.recoveryCode }
            : {},
      );
      navigate(from, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === "MFA_REQUIRED") {
        setSecond("totp");
        return;
      }
      setError(loginError(e));
    } finally {
      setPending(false);
    }
  };

  return (
    <main className="yousu-login">
      <Card className="yousu-login-card">
        <Typography.Title level={3} style={{ textAlign: "center", marginBottom: 4 }}>
          有诉即办服务平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: "center" }}>
          政务服务中心工作人员登录
        </Typography.Paragraph>
        {notice && !error && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" label="用户名" rules={RULES.username}>
            <Input
              prefix={<UserOutlined />}
              autoFocus
              autoComplete="username"
              size="large"
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={RULES.password}>
            <PasswordInput
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
              data-testid="login-password"
            />
          </Form.Item>
          {second === "totp" && (
            <Form.Item
              name="totp"
              label="动态验证码"
              rules={RULES.totp}
              extra="请输入手机动态口令应用中显示的 6 位数字"
            >
              <Input
                prefix={<SafetyOutlined />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                size="large"
                autoFocus
                data-testid="login-totp"
              />
            </Form.Item>
          )}
          {second === "recovery" && (
            <Form.Item
              name="recoveryCode"
              label="恢复码"
              rules={RULES.recoveryCode}
              extra="每个恢复码只能使用一次"
            >
              <Input size="large" autoFocus autoComplete="off" data-testid="login-recovery-code" />
            </Form.Item>
          )}
          {second && (
            <Button
              type="link"
              style={{ padding: 0, marginBottom: 12 }}
              onClick={() => setSecond(second === "totp" ? "recovery" : "totp")}
              data-testid="login-second-switch"
            >
              {second === "totp" ? "手机不在身边？使用恢复码" : "使用动态验证码"}
            </Button>
          )}
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={pending}
            data-testid="login-submit"
          >
            {second ? "验证并登录" : "登录"}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
