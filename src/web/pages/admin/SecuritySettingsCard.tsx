import { Alert, App, Button, Card, Form, InputNumber, Skeleton, Switch } from "antd";
import { useEffect } from "react";
import { updateSecuritySettingsSchema } from "../../../contracts/security.js";
import { errorMessage } from "../../api/client.js";
import { useSaveSecuritySettings, useSecuritySettings } from "../../api/mfa.js";
import { useSession } from "../../auth/session.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { fieldRules } from "../../lib/validation.js";

type Values = { mfaRequired: boolean; retentionDays: number };

/**
 * 安全设置 (三员分立: changed by the designated security officers — the system administrators
 * while none is designated — read by the auditor, every change audited): whether admins,
 * auditors and security officers must sign in with a second factor, and how long finished
 * appeals keep the requester's personal fields (PIPL art. 19). Says who may change them; the
 * form is read-only for everyone else.
 */
export function SecuritySettingsCard() {
  const q = useSecuritySettings();
  const save = useSaveSecuritySettings();
  const { user } = useSession();
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const s = q.data;

  useEffect(() => {
    if (s) form.setFieldsValue({ mfaRequired: s.mfaRequired, retentionDays: s.retentionDays });
  }, [s, form]);

  const submit = async (v: Values) => {
    if (!s) return;
    const run = async () => {
      try {
        await save.mutateAsync({ ...v, expectedVersion: s.version });
        message.success("安全设置已保存");
      } catch (e) {
        const rest = applyApiErrors(form, e);
        if (rest) message.error(rest);
      }
    };
    if (v.mfaRequired && !s.mfaRequired && !user?.mfaEnabled) {
      modal.confirm({
        title: "启用后您也须先绑定动态口令",
        content: "您尚未启用双因素认证。保存后，系统会要求您先绑定动态口令才能继续操作。",
        okText: "仍然保存",
        cancelText: "取消",
        onOk: run,
      });
      return;
    }
    await run();
  };

  return (
    <Card title="安全设置" style={{ maxWidth: 720, marginTop: 16 }} data-testid="security-settings">
      {q.isPending ? (
        <Skeleton active />
      ) : q.isError || !s ? (
        <Alert type="error" showIcon title={errorMessage(q.error)} />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} disabled={!s.canEdit}>
          <Alert
            type={s.canEdit ? "info" : "warning"}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="security-editors"
            title={
              s.editors.role === "security_officer"
                ? `本中心已指定安全管理员（${s.editors.names.join("、")}），安全设置只能由安全管理员修改。`
                : `本中心未指定安全管理员，安全设置由系统管理员修改${s.editors.names.length ? `（${s.editors.names.join("、")}）` : ""}；在用户管理中为单独账号分配“安全管理员”角色后，改由安全管理员修改。`
            }
            description={s.canEdit ? "每次修改均记入审计日志。" : "您只能查看；每次修改均记入审计日志。"}
          />
          <Form.Item
            name="mfaRequired"
            label="系统管理员、审计员和安全管理员须使用双因素认证"
            valuePropName="checked"
            extra="启用后，未绑定动态口令的管理员、审计员和安全管理员登录后须先绑定，才能进行其他操作。"
          >
            <Switch data-testid="security-mfa-required" />
          </Form.Item>
          <Form.Item
            name="retentionDays"
            label="已办结诉求的个人信息保存期限（天）"
            rules={fieldRules(updateSecuritySettingsSchema.shape.retentionDays, { label: "保存期限" })}
            extra={`期满后自动删除诉求人姓名、电话、地址和联系人，统计数据保留；不少于 ${s.minRetentionDays} 天。审计日志至少保存 180 天，不会被删除。`}
          >
            <InputNumber min={s.minRetentionDays} max={36500} precision={0} style={{ width: 200 }} />
          </Form.Item>
          {s.canEdit && (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="security-save">
              保存
            </Button>
          )}
        </Form>
      )}
    </Card>
  );
}
