import {
  APPEAL_TYPE_LABELS,
  type AppealStatus,
  CHANNEL_LABELS,
  type Channel,
  isOnlineChannel,
  REJECT_REASON_LABELS,
  type RejectReason,
} from "../../../../contracts/appeals.js";
import { formatDateTimeZh, formatDueDayZh } from "../../../../core/calendar-date.js";

export { formatDateTimeZh, formatDueDayZh };

/**
 * What the requester is told (受理回执, SMS texts), in plain Chinese. The
 * standard asks staff to tell the requester the time limit (审核) and, on
 * refusal, the reason (不予受理); emergencies go to 110/119/120/122.
 */

export const EMERGENCY_ADVICE =
  "如遇紧急情况，请拨打110（治安）、119（火警）、120（急救）或122（交通事故）紧急热线。";

export interface NextStepInput {
  status: AppealStatus;
  channel: Channel;
  respondBy: Date | null;
  respondedAt: Date | null;
  dueAt: Date | null;
  rejectReason: RejectReason | null;
  timeZone: string;
}

/** "What happens next and by when" for the receipt, by the appeal's current state. */
export function nextStepText(a: NextStepInput): string {
  const track = "您可凭受理编号和查询码在门户网站查询办理进度。";
  switch (a.status) {
    case "received":
      if (isOnlineChannel(a.channel) && a.respondBy && !a.respondedAt) {
        return `我们将在${formatDueDayZh(a.respondBy, a.timeZone)}前主动与您联系。${track}`;
      }
      return `工作人员将对您的诉求进行审核，确定办理部门和办理时限后告知您。${track}`;
    case "dispatched":
      return a.dueAt
        ? `您的诉求已交相关部门办理，办理时限至${formatDueDayZh(a.dueAt, a.timeZone)}。${track}`
        : `您的诉求已交相关部门办理。${track}`;
    case "replied":
      return `相关部门已答复，中心核实后办结销号。${track}`;
    case "transferred":
      return `您的诉求已转交有关单位依法依规处理。${track}`;
    case "resolved":
      return `您的诉求已办结。${track}`;
    case "closed":
      return `您的诉求已办结销号。${track}`;
    case "merged":
      return `您反映的事项已有相同诉求正在办理，已合并办理，办理进度可凭本受理编号和查询码查询。`;
    case "rejected":
      return a.rejectReason === "emergency"
        ? `您的诉求不予受理。${EMERGENCY_ADVICE}`
        : "您的诉求不予受理，理由已另行告知。";
  }
}

/** SMS signature: 【center name】. */
export const brand = (centerName: string) => `【${centerName}】`;

export function receivedSms(o: {
  centerName: string;
  trackingNo: string;
  queryCode: string;
  nextStep: string;
}): string {
  return `${brand(o.centerName)}您的诉求已登记，受理编号${o.trackingNo}，查询码${o.queryCode}。${o.nextStep}`;
}

export function acknowledgedSms(o: { centerName: string; trackingNo: string; message: string }): string {
  return `${brand(o.centerName)}关于您的诉求（受理编号${o.trackingNo}）：${o.message}`;
}

/** The refusal told to the requester: reason, explanation, referral unit, emergency lines. */
export function refusalText(o: {
  reason: RejectReason;
  explanation: string;
  referredTo: string | null;
}): string {
  let s = `不予受理理由：${REJECT_REASON_LABELS[o.reason]}。说明：${o.explanation}`;
  if (!/[。！？.!?]$/.test(s)) s += "。";
  if (o.referredTo) s += `我们已联系${o.referredTo}协助受理。`;
  if (o.reason === "emergency") s += EMERGENCY_ADVICE;
  return s;
}

/**
 * Who the appeal is: "（受理编号X）" — or, when this text replaces the receipt held at the window,
 * "，受理编号X，查询码Y，" so the requester still gets what the receipt would have told.
 */
function reference(o: { trackingNo: string; queryCode?: string | null }): string {
  return o.queryCode ? `，受理编号${o.trackingNo}，查询码${o.queryCode}，` : `（受理编号${o.trackingNo}）`;
}

export function rejectedSms(o: {
  centerName: string;
  trackingNo: string;
  queryCode?: string | null;
  reason: RejectReason;
  explanation: string;
  referredTo: string | null;
}): string {
  return `${brand(o.centerName)}您的诉求${reference(o)}不予受理。${refusalText(o)}`;
}

const stopped = (s: string) => (/[。！？.!?]$/.test(s) ? s : `${s}。`);

export function resolvedSms(o: {
  centerName: string;
  trackingNo: string;
  queryCode?: string | null;
  answer: string;
}): string {
  return `${brand(o.centerName)}您的诉求${reference(o)}已办结。答复：${stopped(o.answer)}欢迎对办理结果作出评价：/portal/track?no=${o.trackingNo}`;
}

/** One-line summary for lists and the receipt. */
export function describeAppeal(channel: Channel, type: keyof typeof APPEAL_TYPE_LABELS): string {
  return `${CHANNEL_LABELS[channel]} · ${APPEAL_TYPE_LABELS[type]}`;
}

/**
 * 并单 follow-up: the appeal a repeat was merged into has ended; its requester is told, under the
 * repeat's own tracking number (its tracking page shows the original's answer).
 */
export function mergedOutcomeSms(o: {
  centerName: string;
  trackingNo: string;
  status: AppealStatus;
}): string {
  const what =
    o.status === "closed" || o.status === "resolved"
      ? "已办结"
      : o.status === "rejected"
        ? "经审核不予受理"
        : o.status === "transferred"
          ? "已转交有权处理的单位办理"
          : "已办理完毕";
  return `${brand(o.centerName)}与您的诉求（受理编号${o.trackingNo}）合并办理的诉求${what}，请凭受理编号和查询码查看办理结果和说明。`;
}

/** 并单告知: the repeat's requester is told the matter is handled with the same appeal already in hand, and how to follow it. */
export function mergedSms(o: { centerName: string; trackingNo: string; queryCode: string | null }): string {
  const code = o.queryCode ? `，查询码${o.queryCode}` : "";
  return `${brand(o.centerName)}您的诉求（受理编号${o.trackingNo}${code}）与本中心正在办理的相同诉求合并办理，不再重复派单。您仍可凭受理编号和查询码查询办理进度和结果。`;
}
