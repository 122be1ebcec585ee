import { App, Descriptions, Form, Input, Modal, Spin } from "antd";
import { useEffect } from "react";
import { updateProfileSchema } from "../../../contracts/accounts.js";
import { errorMessage } from "../../api/client.js";
import { useProfile, useSaveProfile } from "../../api/users.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { fieldRules } from "../../lib/validation.js";

const RULES = { phone: fieldRules(updateProfileSchema.shape.phone, { label: "办公电话", required: false }) };

/** 个人中心: the user's own office phone, printed as 工作单联系电话 on the work orders they dispatch. */
export function ProfileModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ phone?: string }>();
  const profile = useProfile(open);
  const save = useSaveProfile();
  const { message } = App.useApp();

  useEffect(() => {
    if (open && profile.data) form.setFieldsValue({ phone: profile.data.phone ?? "" });
  }, [open, profile.data, form]);

  const submit = async (v: { phone?: string }) => {
    try {
      await save.mutateAsync({ phone: v.phone?.trim() || null });
      message.success("个人资料已保存");
      onClose();
    } catch (e) {
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  const p = profile.data;
  return (
    <Modal
      title="个人资料"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {profile.isPending ? (
        <Spin />
      ) : profile.isError ? (
        errorMessage(profile.error)
      ) : (
        <>
          <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="用户名">{p?.username}</Descriptions.Item>
            <Descriptions.Item label="姓名">{p?.displayName}</Descriptions.Item>
            <Descriptions.Item label="岗位">{p?.post || "—"}</Descriptions.Item>
          </Descriptions>
          <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
            <Form.Item
              name="phone"
              label="办公电话"
              rules={RULES.phone}
              extra={`分办时默认印为工作单联系电话；不填则用中心电话（${p?.centerPhone ?? "未设置"}）。`}
            >
              <Input placeholder="如 010-12345678" data-testid="profile-phone" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
