import dayjs, { type Dayjs } from "dayjs";
import { deadlineZh } from "../../core/due-light.js";
import "dayjs/locale/zh-cn.js";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale("zh-cn");

/**
 * Deadlines are computed in the center's time zone (DESIGN.md §3), not the browser's:
 * a dispatcher's laptop set to another zone must still see the legal due date.
 */
let centerTz = "Asia/Shanghai";
export function setCenterTimeZone(tz: string | null | undefined): void {
  if (tz) centerTz = tz;
}
export function centerTimeZone(): string {
  return centerTz;
}

const WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"] as const;

export function weekdayZh(d: Dayjs): string {
  return WEEKDAYS[d.day()] ?? "";
}

/** "2026年10月10日 周六" for a 'YYYY-MM-DD' date (no time zone shift: it is already a local date). */
export function formatDateZh(date: string | Dayjs, withWeekday = true): string {
  const d = typeof date === "string" ? dayjs(date) : date;
  const s = `${d.year()}年${d.month() + 1}月${d.date()}日`;
  return withWeekday ? `${s} ${weekdayZh(d)}` : s;
}

/** "2026年10月10日 14:05" for an ISO instant, shown in the center's time zone. */
export function formatDateTimeZh(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = dayjs(iso).tz(centerTz);
  return `${formatDateZh(d, false)} ${d.format("HH:mm")}`;
}

/** Today's date ('YYYY-MM-DD') in the center's time zone. */
export function centerToday(): string {
  return dayjs().tz(centerTz).format("YYYY-MM-DD");
}

export type { Dayjs };
export { dayjs };

/**
 * "2025年10月13日 周一 24:00": a deadline (an ISO instant) in the center's time zone. A deadline is
 * the end of its due day (DESIGN.md §3), which Chinese notices write as 24:00 of that day.
 */
export function deadlineText(iso: string | null | undefined, tz: string = centerTz): string {
  const d = iso ? new Date(iso) : null;
  return d && !Number.isNaN(d.getTime()) ? deadlineZh(d, tz) : "—";
}
