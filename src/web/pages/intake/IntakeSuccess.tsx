import { CheckCircleFilled, PrinterOutlined, RedoOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Space, Typography } from "antd";
import { Link } from "react-router";
import { REJECT_REASON_LABELS } from "../../../contracts/appeals.js";
import { type Appeal, type CreatedAppeal, receiptUrl } from "../../api/appeals.js";
import { AppealStatusTag, channelText } from "../../components/AppealTags.js";
import { deadlineText, formatDateTimeZh } from "../../lib/time.js";

function limitText(d: { at: string; provisional: boolean } | null): string | null {
  if (!d) return null;
  return `${deadlineText(d.at)} 前${d.provisional ? "（临时期限）" : ""}`;
}

/**
 * After saving: what the requester must be told, in large type — tracking number, query code,
 * who received it (the standard asks staff to identify themselves) and what happens by when.
 */
export function IntakeSuccess({
  created,
  final,
  followUpError,
  onNext,
}: {
  created: CreatedAppeal;
  /** The appeal after 当场办结 / 不予受理, when that was part of the save. */
  final: Appeal | null;
  /** The second step failed after the appeal was recorded. */
  followUpError: string | null;
  onNext: () => void;
}) {
  const r = created.receipt;
  const status = final?.status ?? created.status;
  const title =
    status === "resolved" ? "已登记并当场办结" : status === "rejected" ? "已登记，不予受理" : "受理登记成功";
  return (
    <Card data-testid="intake-success">
      <Space align="center" size={12} style={{ marginBottom: 16 }}>
        <CheckCircleFilled style={{ color: "#52c41a", fontSize: 32 }} />
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <AppealStatusTag status={status} />
      </Space>
      {followUpError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="诉求已登记，但后续处理未完成"
          description={
            <>
              {followUpError}。请
              <Link to={`/appeals/${created.id}`}>打开诉求详情</Link>
              重试。
            </>
          }
        />
      )}
      <div className="intake-numbers">
        <div>
          <div className="intake-numbers-label">受理编号</div>
          <div className="intake-numbers-value" data-testid="success-tracking-no">
            {created.trackingNo}
          </div>
        </div>
        <div>
          <div className="intake-numbers-label">查询码</div>
          <div className="intake-numbers-value" data-testid="success-query-code">
            {created.queryCode}
          </div>
        </div>
      </div>
      <Typography.Paragraph type="secondary">
        请告知诉求人：凭受理编号和查询码可在门户网站查询办理进度；回执短信将发送到登记的电话。
      </Typography.Paragraph>
      <Descriptions
        column={1}
        bordered
        size="small"
        style={{ marginBottom: 16 }}
        styles={{ label: { width: 128, whiteSpace: "nowrap" } }}
      >
        <Descriptions.Item label="受理人">
          <span data-testid="success-staff">
            {r.receivedBy ? [r.receivedBy.name, r.receivedBy.post].filter(Boolean).join(" · ") : "—"}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="受理渠道">{channelText(created.channel)}</Descriptions.Item>
        <Descriptions.Item label="受理时间">{formatDateTimeZh(r.receivedAt)}</Descriptions.Item>
        {r.respondBy && <Descriptions.Item label="首次回应时限">{limitText(r.respondBy)}</Descriptions.Item>}
        {r.dueAt && <Descriptions.Item label="办理时限">{limitText(r.dueAt)}</Descriptions.Item>}
        {final?.rejection && (
          <Descriptions.Item label="不予受理理由">
            {REJECT_REASON_LABELS[final.rejection.reason]}
            {final.rejection.referredTo ? `（已联系：${final.rejection.referredTo}）` : ""}
          </Descriptions.Item>
        )}
        {final?.answer && <Descriptions.Item label="答复内容">{final.answer}</Descriptions.Item>}
        {!final && <Descriptions.Item label="下一步">{r.nextStep}</Descriptions.Item>}
      </Descriptions>
      <Space wrap>
        <Button
          icon={<PrinterOutlined />}
          onClick={() => window.open(receiptUrl(created.id), "_blank", "noopener")}
          data-testid="print-receipt"
        >
          打印回执
        </Button>
        <Button type="primary" icon={<RedoOutlined />} onClick={onNext} autoFocus data-testid="intake-next">
          继续登记
        </Button>
        <Link to={`/appeals/${created.id}`} data-testid="success-open-appeal">
          查看诉求详情
        </Link>
      </Space>
    </Card>
  );
}
