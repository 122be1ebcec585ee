import { Descriptions, Skeleton, Typography } from "antd";
import {
  ADDRESS_DECLINED_LABEL,
  APPEAL_TYPE_LABELS,
  CHANNEL_LABELS,
  REQUESTER_KIND_LABELS,
} from "../../../contracts/appeals.js";
import { useAppeal } from "../../api/appeals.js";
import { errorMessage } from "../../api/client.js";
import { formatDateTimeZh } from "../../lib/time.js";

/**
 * What the reviewer needs in view while dispatching (审核): who appealed (phone masked), through
 * which channel, when it was received, and the content — the fields the 工作单 will carry.
 */
export function DispatchAppealSummary({ id, content }: { id: string; content: string }) {
  const appeal = useAppeal(id);
  const a = appeal.data;
  const r = a?.requester;
  return (
    <div data-testid="dispatch-appeal" style={{ marginBottom: 16 }}>
      {appeal.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : appeal.isError || !a || !r ? (
        <Typography.Text type="danger">{errorMessage(appeal.error)}</Typography.Text>
      ) : (
        <Descriptions column={2} size="small" bordered>
          <Descriptions.Item label="诉求人">
            <span data-testid="dispatch-requester">
              {r.kind === "organization"
                ? `${r.orgName ?? ""}（联系人：${r.contactPerson ?? r.name}）`
                : r.name}
            </span>
            <Typography.Text type="secondary"> · {REQUESTER_KIND_LABELS[r.kind]}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="联系电话">
            <span data-testid="dispatch-requester-phone">{r.phone}</span>
          </Descriptions.Item>
          <Descriptions.Item label="受理渠道">
            <span data-testid="dispatch-channel">{CHANNEL_LABELS[a.channel]}</span>
          </Descriptions.Item>
          <Descriptions.Item label="受理时间">
            <span data-testid="dispatch-received-at">{formatDateTimeZh(a.receivedAt)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="诉求类别">{APPEAL_TYPE_LABELS[a.type]}</Descriptions.Item>
          <Descriptions.Item label="联系地址">
            {r.address || (r.addressDeclined ? ADDRESS_DECLINED_LABEL : "—")}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Paragraph
        type="secondary"
        ellipsis={{ rows: 3, expandable: true, symbol: "展开" }}
        className="appeal-content"
        style={{ marginTop: 12 }}
      >
        {content}
      </Typography.Paragraph>
    </div>
  );
}
