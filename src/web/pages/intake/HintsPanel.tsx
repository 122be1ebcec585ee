import { AlertOutlined, BulbOutlined, CopyOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, List, Space, Spin, Typography } from "antd";
import type { RejectReason } from "../../../contracts/appeals.js";
import type { IntakeHint, IntakeHints } from "../../api/appeals.js";
import { errorMessage } from "../../api/client.js";
import { AppealStatusTag } from "../../components/AppealTags.js";
import { formatDateTimeZh } from "../../lib/time.js";

function HintAlert({ hint, onReject }: { hint: IntakeHint; onReject?: (r: RejectReason) => void }) {
  const emergency = hint.kind === "emergency";
  // A hint's kind is the non-acceptance reason it points to (HINT_KINDS ⊂ REJECT_REASONS).
  const reason: RejectReason = hint.kind;
  const title = emergency && hint.number ? `疑似紧急事项：建议告知拨打 ${hint.number}` : hint.message;
  return (
    <Alert
      type={emergency ? "error" : "warning"}
      showIcon
      icon={emergency ? <AlertOutlined /> : <BulbOutlined />}
      data-testid={`hint-${hint.kind}`}
      title={<strong>{title}</strong>}
      description={
        <Space orientation="vertical" size={4}>
          {emergency && <span>{hint.message}</span>}
          <span>{hint.suggestion}</span>
          {hint.keywords && hint.keywords.length > 0 && (
            <Typography.Text type="secondary">提示词：{hint.keywords.join("、")}</Typography.Text>
          )}
          {onReject && (
            <Button size="small" onClick={() => onReject(reason)}>
              按此理由不予受理
            </Button>
          )}
        </Space>
      }
    />
  );
}

/**
 * Beside the intake form (never a modal, UX.md): emergency and procedure hints as the clerk types,
 * and appeals by the same phone with similar content in the last 30 days.
 */
export function HintsPanel({
  data,
  loading,
  error,
  onReject,
}: {
  data: IntakeHints | undefined;
  loading: boolean;
  error: unknown;
  onReject?: (r: RejectReason) => void;
}) {
  const hints = data?.hints ?? [];
  const repeats = data?.possibleRepeats ?? [];
  return (
    <Card
      title={
        <Space>
          <span>登记提示</span>
          {loading && <Spin size="small" />}
        </Space>
      }
      data-testid="hints-panel"
      aria-live="polite"
    >
      {error ? <Alert type="warning" showIcon title={`提示暂不可用：${errorMessage(error)}`} /> : null}
      {!error && hints.length === 0 && repeats.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description="输入电话和诉求内容后，这里会提示疑似紧急事项、应走法定程序或信访的事项，以及同一号码近 30 天的相似诉求。"
        />
      )}
      <Space orientation="vertical" style={{ width: "100%" }} size={12}>
        {hints.map((h) => (
          <HintAlert key={`${h.kind}-${h.area ?? h.message}`} hint={h} onReject={onReject} />
        ))}
        {repeats.length > 0 && (
          <div data-testid="possible-repeats">
            <Typography.Text strong>
              <CopyOutlined /> 可能的重复诉求（同一号码近 30 天）
            </Typography.Text>
            <List
              size="small"
              dataSource={repeats}
              renderItem={(r) => (
                <List.Item key={r.id}>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <a href={`/appeals/${r.id}`} target="_blank" rel="noreferrer">
                          {r.trackingNo}
                        </a>
                        <AppealStatusTag status={r.status} />
                        <Typography.Text type="secondary">
                          相似度 {Math.round(r.similarity * 100)}%
                        </Typography.Text>
                      </Space>
                    }
                    description={
                      <>
                        <div>{formatDateTimeZh(r.receivedAt)}</div>
                        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                          {r.contentPreview}
                        </Typography.Paragraph>
                      </>
                    }
                  />
                </List.Item>
              )}
            />
          </div>
        )}
      </Space>
    </Card>
  );
}
