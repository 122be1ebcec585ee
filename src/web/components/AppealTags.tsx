import { Tag } from "antd";
import {
  APPEAL_STATUS_LABELS,
  APPEAL_TYPE_LABELS,
  type AppealStatus,
  type AppealType,
  CHANNEL_LABELS,
  CHANNEL_SHORT_LABELS,
  type Channel,
} from "../../contracts/appeals.js";

const STATUS_COLORS: Record<AppealStatus, string> = {
  received: "processing",
  rejected: "default",
  resolved: "success",
  transferred: "purple",
  dispatched: "blue",
  replied: "cyan",
  closed: "success",
  merged: "default",
};

export function AppealStatusTag({ status }: { status: AppealStatus }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="appeal-status" data-status={status}>
      {APPEAL_STATUS_LABELS[status]}
    </Tag>
  );
}

/** "窗口" rather than the long “有诉即办”窗口 in tight table cells. */
export function channelText(c: Channel, short = false): string {
  return short ? CHANNEL_SHORT_LABELS[c] : CHANNEL_LABELS[c];
}

export function typeText(t: AppealType): string {
  return APPEAL_TYPE_LABELS[t];
}

/** Who raised it: the unit (with its contact person) or the person. */
export function requesterText(r: {
  name: string;
  orgName: string | null;
  contactPerson: string | null;
}): string {
  if (r.orgName) return `${r.orgName}（${r.contactPerson ?? r.name}）`;
  return r.name;
}
