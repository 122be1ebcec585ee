import { Alert, App, Button, Form, Input, QRCode, Space, Steps, Typography } from "antd";
import { useState } from "react";
import { totpConfirmSchema } from "../../../contracts/security.js";
import { errorMessage } from "../../api/client.js";
import { useConfirmTotp, useStartTotp } from "../../api/mfa.js";
import { applyApiErrors } from "../../lib/formErrors.js";
import { fieldRules } from "../../lib/validation.js";

const groupsOf4 = (s: string) => s.match(/.{1,4}/g)?.join(" ") ?? s;

/**
 * Enrolment of a TOTP factor: a secret from the server (QR code, the otpauth address as text,
 * and the key grouped in fours for typing), a code from the app to confirm, then the recovery
 * codes — shown this once only.
 */
export function MfaEnrolPanel({ onDone }: { onDone: () => void }) {
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const [form] = Form.useForm<{ code: string }>();
  const [codes, setCodes] = useState<string[] | null>(null);
  const { message } = App.useApp();
  const enrolment = start.data;

  const submit = async (v: { code: string }) => {
    try {
      setCodes((await confirm.mutateAsync(v.code.trim())).recoveryCodes);
      message.success("双因素认证已启用");
    } catch (e) {
      const rest = applyApiErrors(form, e);
      if (rest) message.error(rest);
    }
  };

  const step = codes ? 2 : enrolment ? 1 : 0;
  return (
    <div data-testid="mfa-enrol">
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: "生成密钥" }, { title: "输入验证码" }, { title: "保存恢复码" }]}
      />
      {step === 0 && (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Paragraph>
            在手机上安装动态口令应用（如“腾讯身份验证器”“Microsoft Authenticator”或其他支持 TOTP
            的应用），然后生成密钥。
          </Typography.Paragraph>
          {start.isError && <Alert type="error" showIcon title={errorMessage(start.error)} />}
          <Button
            type="primary"
            loading={start.isPending}
            onClick={() => start.mutate()}
            data-testid="mfa-start"
          >
            生成密钥
          </Button>
        </Space>
      )}
      {step === 1 && enrolment && (
        <>
          <Space align="start" size={16} wrap>
            <QRCode value={enrolment.otpauthUrl} size={168} bordered data-testid="mfa-qr" />
            <div style={{ maxWidth: 320 }}>
              <Typography.Paragraph>
                用动态口令应用扫描二维码；无法扫描时，手动输入以下密钥：
              </Typography.Paragraph>
              <Typography.Paragraph
                copyable={{ text: enrolment.secret }}
                style={{ fontFamily: "monospace", fontSize: 16 }}
                data-testid="mfa-secret"
              >
                {groupsOf4(enrolment.secret)}
              </Typography.Paragraph>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, wordBreak: "break-all" }}>
                <span data-testid="mfa-otpauth">{enrolment.otpauthUrl}</span>
              </Typography.Paragraph>
            </div>
          </Space>
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            requiredMark={false}
            style={{ marginTop: 16 }}
          >
            <Form.Item
              name="code"
              label="应用中显示的 6 位验证码"
              rules={fieldRules(totpConfirmSchema.shape.code, { label: "验证码" })}
            >
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                style={{ maxWidth: 200 }}
                data-testid="mfa-code"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="mfa-confirm">
              验证并启用
            </Button>
          </Form>
        </>
      )}
      {step === 2 && codes && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="请立即抄写或打印以下恢复码并妥善保管。手机丢失时，每个恢复码可代替验证码登录一次。恢复码只显示这一次。"
          />
          <Typography.Paragraph
            copyable={{ text: codes.join("\n") }}
            style={{ fontFamily: "monospace", fontSize: 16, columns: 2 }}
            data-testid="mfa-recovery-codes"
          >
            {codes.map((c) => (
              <span key={c} style={{ display: "block" }}>
                {c}
              </span>
            ))}
          </Typography.Paragraph>
          <Button type="primary" onClick={onDone} data-testid="mfa-done">
            我已保存恢复码
          </Button>
        </>
      )}
    </div>
  );
}
