import { brand, formatDueDayZh } from "./appeal.messages.js";

/**
 * What the requester is told while the matter is handled. The standard (审核)
 * requires the time limit to be told, and for an extension both the new limit
 * and the reason; close-out tells the result.
 */

const SMS_TEXT_CHARS = 300;
const clip = (s: string) => (s.length > SMS_TEXT_CHARS ? `${s.slice(0, SMS_TEXT_CHARS)}……` : s);
const stop = (s: string) => (/[。！？.!?]$/.test(s) ? s : `${s}。`);
const track = "可凭受理编号和查询码在门户网站查询办理进度。";

interface Base {
  centerName: string;
  trackingNo: string;
  timeZone: string;
}

export function dispatchedSms(o: Base & { departments: string; dueAt: Date }): string {
  return (
    `${brand(o.centerName)}您的诉求（受理编号${o.trackingNo}）已转${o.departments}办理，` +
    `办理时限至${formatDueDayZh(o.dueAt, o.timeZone)}。${track}`
  );
}

export function extendedSms(o: Base & { dueAt: Date; reason: string }): string {
  return (
    `${brand(o.centerName)}您的诉求（受理编号${o.trackingNo}）办理时限延长至` +
    `${formatDueDayZh(o.dueAt, o.timeZone)}，延期理由：${stop(clip(o.reason))}${track}`
  );
}

export function planApprovedSms(o: Base & { dueAt: Date; milestones: number }): string {
  return (
    `${brand(o.centerName)}您的诉求（受理编号${o.trackingNo}）属于重大复杂问题，已制定解决方案（${o.milestones}个时间节点），` +
    `将于${formatDueDayZh(o.dueAt, o.timeZone)}前落实解决，并按节点推进。${track}`
  );
}

export function repliedSms(o: Omit<Base, "timeZone"> & { department: string; result: string }): string {
  return (
    `${brand(o.centerName)}您的诉求（受理编号${o.trackingNo}）已由${o.department}答复：${stop(clip(o.result))}` +
    "中心核实后将办结销号。"
  );
}

export function closedSms(
  o: Omit<Base, "timeZone"> & { result: string | null; note: string | null },
): string {
  const result = o.result ? `办理结果：${stop(clip(o.result))}` : "";
  const note = o.note ? `说明：${stop(clip(o.note))}` : "";
  return `${brand(o.centerName)}您的诉求（受理编号${o.trackingNo}）已办结销号。${result}${note}可凭受理编号和查询码在门户网站查看答复。${ratingInvitation(o.trackingNo)}`;
}

/** 好差评: the closing texts invite the rating with the portal's tracking page (issue 11). */
export function ratingInvitation(trackingNo: string): string {
  return `欢迎对办理结果作出评价：/portal/track?no=${trackingNo}`;
}

export function transferredSms(o: Omit<Base, "timeZone"> & { target: string; note: string }): string {
  return (
    `${brand(o.centerName)}您的诉求（受理编号${o.trackingNo}）不属于本中心政务服务范围，已转交${o.target}依法依规处理。` +
    `说明：${stop(clip(o.note))}`
  );
}

export function letterTransferredSms(
  o: Omit<Base, "timeZone"> & { targetCenter: string; newTrackingNo: string },
): string {
  return (
    `${brand(o.centerName)}您的诉求（受理编号${o.trackingNo}）涉及其他层级，已函转${o.targetCenter}协调办理，` +
    `新受理编号${o.newTrackingNo}，后续进展请以该中心通知为准。`
  );
}
