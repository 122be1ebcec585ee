import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Form, Typography } from "antd";
import { useChangePassword } from "../../api/auth.js";
import { useSession } from "../../auth/session.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { ChangePasswordFields, type ChangePasswordValues } from "./ChangePasswordFields.js";

/**
 * Shown instead of every screen while the signed-in password must be changed
 * (a weak bootstrap password, or one an older policy allowed): the server
 * answers nothing else until it is.
 */
export function PasswordChangeRequired() {
  const [form] = Form.useForm<ChangePasswordValues>();
  const change = useChangePassword();
  const { user, logout } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();

  const submit = async (v: ChangePasswordValues) => {
    try {
      await change.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success("密码已修改");
      await qc.invalidateQueries({ queryKey: ["me"] });
    } catch (e) {
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  return (
    <main className="yousu-login">
      <Card className="yousu-login-card" data-testid="password-change-required">
        <Typography.Title level={3} style={{ textAlign: "center", marginBottom: 4 }}>
          请先修改密码
        </Typography.Title>
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="当前密码过于简单或不再符合安全要求。修改密码后才能继续使用系统。"
        />
        <Form form={form} layout="vertical" onFinish={submit} autoComplete="off" requiredMark={false}>
          <ChangePasswordFields username={user?.username} />
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            修改密码并继续
          </Button>
        </Form>
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => void logout()}>
          退出登录
        </Button>
      </Card>
    </main>
  );
}
