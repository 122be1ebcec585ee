import { formatDateZh, localDay } from "../../../core/calendar-date.js";
import type { Item } from "./supervision.targets.js";

/** Chinese texts of supervision: the facts of each record and the requester's SMS. */

const dayZh = (at: Date, tz: string) => formatDateZh(localDay(at.getTime(), tz));

function subject(item: Item): string {
  return item.kind === "first_response" ? item.label : `${item.label}（诉求 ${item.trackingNo}）`;
}

function responsible(item: Item): string {
  return item.departmentName ?? "窗口工作人员";
}

export function reminderFacts(item: Item, countdown: string, tz: string): string {
  const what = item.kind === "first_response" ? "首次回应时限" : "办理时限";
  const ask = item.kind === "first_response" ? "请及时回应诉求人" : "请抓紧办理";
  return `${subject(item)}的${what}为 ${dayZh(item.dueAt, tz)}，${countdown}，${ask}。责任单位：${responsible(item)}。`;
}

export function supervisionFacts(item: Item, lateText: string, orderDueAt: Date, tz: string): string {
  return (
    `${subject(item)}已超过时限 ${dayZh(item.dueAt, tz)}（${lateText}），责任单位：${responsible(item)}。` +
    `现予督办，请于 ${dayZh(orderDueAt, tz)} 前办结并反馈。`
  );
}

export function noticeFacts(
  item: Item,
  orderNumber: string | null,
  orderDueAt: Date,
  now: Date,
  tz: string,
): string {
  return (
    `督办单 ${orderNumber ?? ""} 要求${responsible(item)}于 ${dayZh(orderDueAt, tz)} 前办结${subject(item)}` +
    `（原时限 ${dayZh(item.dueAt, tz)}），截至 ${dayZh(now, tz)} 仍未办结，予以通报。`
  );
}

/** The standard: the requester is told any new time limit (here the supervision order's). */
export function requesterSupervisionSms(item: Item, orderDueAt: Date, tz: string): string {
  const what = item.kind === "first_response" ? "尚未得到首次回应" : "未在原定时限内办结";
  return `【有诉即办】您反映的诉求（编号${item.trackingNo}）${what}，服务中心已督办，要求于${dayZh(orderDueAt, tz)}前办结并答复。`;
}
