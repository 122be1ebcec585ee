import { Form } from "antd";
import { PasswordInput } from "../../components/PasswordInput.js";
import { PASSWORD_HINT, passwordRules } from "../../lib/validation.js";

export interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 当前密码 · 新密码 · 确认新密码: the fields of the 修改密码 dialog and of the forced change screen. */
export function ChangePasswordFields({ username }: { username?: string }) {
  return (
    <>
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
        rules={passwordRules(username ? { value: username } : undefined)}
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
    </>
  );
}
