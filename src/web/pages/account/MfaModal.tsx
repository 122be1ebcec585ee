import { useQueryClient } from "@tanstack/react-query";
import { Alert, Descriptions, Modal, Spin } from "antd";
import { errorMessage } from "../../api/client.js";
import { useMfaStatus } from "../../api/mfa.js";
import { MfaEnrolPanel } from "./MfaEnrolPanel.js";

/** 双因素认证 in the user menu: the state of one's own factor, or its enrolment. */
export function MfaModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const status = useMfaStatus(open);
  const qc = useQueryClient();
  const done = () => {
    void qc.invalidateQueries({ queryKey: ["me"] });
    onClose();
  };
  const s = status.data;
  return (
    <Modal
      title="双因素认证（动态口令）"
      open={open}
      onCancel={onClose}
      footer={null}
      width={620}
      destroyOnHidden
    >
      {status.isPending ? (
        <Spin />
      ) : status.isError ? (
        errorMessage(status.error)
      ) : s?.enrolled ? (
        <>
          <Alert type="success" showIcon title="已启用：登录时须输入手机动态口令应用中的验证码。" />
          <Descriptions column={1} size="small" style={{ marginTop: 16 }}>
            <Descriptions.Item label="剩余恢复码">{s.recoveryCodesLeft} 个</Descriptions.Item>
          </Descriptions>
          <Alert
            type="info"
            style={{ marginTop: 12 }}
            title="更换或丢失手机时，请联系系统管理员重置后重新绑定。"
          />
        </>
      ) : (
        <MfaEnrolPanel onDone={done} />
      )}
    </Modal>
  );
}
