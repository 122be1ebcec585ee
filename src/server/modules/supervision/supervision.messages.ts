import { TARGET_CENTER_ROLE } from "../../../contracts/supervision.js";
import { formatDateZh, localDay } from "../../../core/calendar-date.js";
import type { Item } from "./supervision.items.js";

/** Chinese texts of supervision: the facts of each record and the requester's SMS. */

const dayZh = (at: Date, tz: string) => formatDateZh(localDay(at.getTime(), tz));

function subject(item: Item): string {
  // Appeal-level items are named by the appeal already ("诉求 … 的审核分办").
  return item.label.startsWith("诉求 ") ? item.label : `${item.label}（诉求 ${item.trackingNo}）`;
}

function responsible(item: Item): string {
  if (item.departmentName) return item.departmentName;
  return TARGET_CENTER_ROLE[item.kind] === "dispatcher" ? "中心审核分办人员" : "窗口工作人员";
}

export function reminderFacts(item: Item, countdown: string, tz: string): string {
  const what = item.kind === "first_response" ? "首次回应时限" : "办理时限";
  const ask = item.kind === "first_response" ? "请及时回应诉求人" : "请抓紧办理";
  return `${subject(item)}的${what}为 ${dayZh(item.dueAt, tz)}，${countdown}，${ask}。责任单位：${responsible(item)}。`;
}

/** `countdown` is the working-time text of the item's deadline at `now` ("已超期 2 个工作日", "剩余 3 个工作日"). */
export function supervisionFacts(
  item: Item,
  countdown: string,
  orderDueAt: Date,
  now: Date,
  tz: string,
): string {
  const state =
    now.getTime() > item.dueAt.getTime()
      ? `已超过时限 ${dayZh(item.dueAt, tz)}（${countdown}）`
      : `的时限为 ${dayZh(item.dueAt, tz)}（${countdown}），尚未办结`;
  return (
    `${subject(item)}${state}，责任单位：${responsible(item)}。` +
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
export function requesterSupervisionSms(item: Item, orderDueAt: Date, now: Date, tz: string): string {
  const overdue = now.getTime() > item.dueAt.getTime();
  const what = !overdue
    ? "正由服务中心督办"
    : item.kind === "first_response"
      ? "尚未得到首次回应，服务中心已督办"
      : "未在原定时限内办结，服务中心已督办";
  return `【有诉即办】您反映的诉求（编号${item.trackingNo}）${what}，要求于${dayZh(orderDueAt, tz)}前办结并答复。`;
}
