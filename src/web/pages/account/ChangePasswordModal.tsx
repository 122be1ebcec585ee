import { App, Form, Modal } from "antd";
import { useChangePassword } from "../../api/auth.js";
import { useSession } from "../../auth/session.js";
import { PasswordInput } from "../../components/PasswordInput.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { PASSWORD_HINT, passwordRules } from "../../lib/validation.js";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码, opened from the user menu in the header. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const { user } = useSession();
  const { message } = App.useApp();

  const submit = async (v: Values) => {
    try {
      await change.mutateAsync({ currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success("密码已修改，其他设备上的登录已失效");
      form.resetFields();
      onClose();
    } catch (e) {
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  return (
    <Modal
      title="修改密码"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确认修改"
      confirmLoading={change.isPending}
      destroyOnHidden
      afterOpenChange={(o) => o && form.getFieldInstance("currentPassword")?.focus()}
    >
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item
          name="currentPassword"
          label="当前密码"
          rules={[{ required: true, message: "请输入当前密码" }]}
        >
          <PasswordInput autoFocus autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          rules={passwordRules(user ? { value: user.username } : undefined)}
          extra={PASSWORD_HINT}
        >
          <PasswordInput autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: "请再次输入新密码" },
            ({ getFieldValue }) => ({
              validator: (_r, value) =>
                !value || value === getFieldValue("newPassword")
                  ? Promise.resolve()
                  : Promise.reject(new Error("两次输入的密码不一致")),
            }),
          ]}
        >
          <PasswordInput autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
