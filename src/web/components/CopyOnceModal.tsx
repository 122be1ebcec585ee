import { Alert, Modal, Typography } from "antd";

/** Shows a secret exactly once (an integration token): copy it now, it cannot be shown again. */
export function CopyOnceModal({
  title,
  secret,
  onClose,
}: {
  title: string;
  secret: string | null;
  onClose: () => void;
}) {
  return (
    <Modal
      title={title}
      open={secret !== null}
      onOk={onClose}
      onCancel={onClose}
      okText="我已复制并妥善保存"
      cancelButtonProps={{ style: { display: "none" } }}
      mask={{ closable: false }}
    >
      <Alert
        type="warning"
        showIcon
        title="令牌只显示这一次"
        description="关闭后无法再次查看。请立即复制并交给对接系统的管理员保存；如遗失，请吊销后重新创建。"
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph
        copyable={{ text: secret ?? "", tooltips: ["复制", "已复制"] }}
        code
        style={{ wordBreak: "break-all" }}
        data-testid="token-secret"
      >
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
