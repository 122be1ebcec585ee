import { App, Form, Modal, Typography } from "antd";
import type { User } from "../../api/types.js";
import { useResetPassword } from "../../api/users.js";
import { PasswordInput } from "../../components/PasswordInput.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { PASSWORD_HINT, passwordRules } from "../../lib/validation.js";

/** An admin sets a new password; the user's sessions end and the lock is lifted server-side. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const reset = useResetPassword();
  const { message } = App.useApp();

  const submit = async ({ password }: { password: string }) => {
    if (!user) return;
    try {
      await reset.mutateAsync({ id: user.id, password });
      message.success(`已重置“${user.displayName}”的密码，请当面或电话告知本人`);
      onClose();
    } catch (e) {
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  return (
    <Modal
      title={user ? `重置密码：${user.displayName}（${user.username}）` : "重置密码"}
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="重置"
      confirmLoading={reset.isPending}
      destroyOnHidden
      // The modal moves focus to itself when it opens; put it in the field instead.
      afterOpenChange={(o) => o && form.getFieldInstance("password")?.focus()}
    >
      <Typography.Paragraph type="secondary">新密码设置后，该用户需使用新密码登录。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item
          name="password"
          label="新密码"
          rules={passwordRules(user ? { value: user.username } : undefined)}
          extra={PASSWORD_HINT}
        >
          <PasswordInput autoFocus autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
