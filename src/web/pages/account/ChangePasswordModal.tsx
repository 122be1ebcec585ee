import { App, Form, Modal } from "antd";
import { useChangePassword } from "../../api/auth.js";
import { useSession } from "../../auth/session.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { ChangePasswordFields, type ChangePasswordValues as Values } from "./ChangePasswordFields.js";

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
        <ChangePasswordFields username={user?.username} />
        <button type="submit" hidden aria-hidden />
      </Form>
    </Modal>
  );
}
