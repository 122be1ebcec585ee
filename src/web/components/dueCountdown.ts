import { dayjs } from "../lib/time.js";

/**
 * Deadline lights and the working-time countdown shown beside an appeal's deadline. Pure (the
 * caller passes `now` and the center's working days) so it can be tested without a browser.
 *
 * Deadlines end at 24:00 of a working day (DESIGN.md §3); "剩余 2 个工作日" counts the working
 * days after today up to the due day, with the due day written out so nothing is ambiguous.
 */

export type Light = "red" | "yellow" | "green";

/** Is `date` ('YYYY-MM-DD') a working day? Undefined when the calendar was not loaded for it. */
export type IsWorking = (date: string) => boolean | undefined;

const HOUR = 3_600_000;
const FOUR_HOURS = 4 * HOUR;

/** Local date of the instant `ms` in `tz`. */
function localDate(ms: number, tz: string): string {
  return dayjs(ms).tz(tz).format("YYYY-MM-DD");
}

/** The day a deadline belongs to: 24:00 (= next day 00:00) still belongs to the day before. */
export function dueDay(dueMs: number, tz: string): string {
  return localDate(dueMs - 1, tz);
}

/** Same rule as the server's inbox light: red overdue, yellow due today or within 4 hours, else green. */
export function lightOf(dueMs: number, nowMs: number, tz: string): Light {
  if (dueMs < nowMs) return "red";
  if (dueMs - nowMs <= FOUR_HOURS || dueDay(dueMs, tz) <= localDate(nowMs, tz)) return "yellow";
  return "green";
}

const WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

function weekdayFallback(date: string): boolean {
  const wd = dayjs(date).day();
  return wd !== 0 && wd !== 6;
}

/** Working days in the half-open range (after, until]. */
export function workingDaysBetween(after: string, until: string, isWorking: IsWorking): number {
  let n = 0;
  let d = dayjs(after).add(1, "day");
  const end = dayjs(until);
  while (!d.isAfter(end, "day")) {
    const s = d.format("YYYY-MM-DD");
    if (isWorking(s) ?? weekdayFallback(s)) n++;
    d = d.add(1, "day");
  }
  return n;
}

function hoursText(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} 分钟`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} 小时 ${m} 分` : `${h} 小时`;
}

/** "10月9日 周四 24:00" (or the exact time when the deadline is not an end of day). */
export function dueLabel(dueMs: number, tz: string): string {
  const t = dayjs(dueMs).tz(tz);
  const day = dayjs(dueDay(dueMs, tz));
  const time = t.format("HH:mm") === "00:00" || t.format("HH:mm") >= "23:59" ? "24:00" : t.format("HH:mm");
  return `${day.month() + 1}月${day.date()}日 ${WEEKDAYS[day.day()]} ${time}`;
}

/**
 * The countdown in words: "今日到期，剩余 3 小时 20 分", "剩余 2 个工作日（10月9日 周四 24:00 截止）",
 * "已超期 1 个工作日".
 */
export function countdownText(
  dueMs: number,
  nowMs: number,
  tz: string,
  isWorking: IsWorking,
  withDate = true,
): string {
  const today = localDate(nowMs, tz);
  const day = dueDay(dueMs, tz);
  if (dueMs <= nowMs) {
    // Within the first day: hours say more than "1 个工作日" one minute past midnight.
    const n = nowMs - dueMs < 24 * HOUR ? 0 : workingDaysBetween(day, today, isWorking);
    return n >= 1 ? `已超期 ${n} 个工作日` : `已超期 ${hoursText(nowMs - dueMs)}`;
  }
  if (day <= today) return `今日到期，剩余 ${hoursText(dueMs - nowMs)}`;
  const n = workingDaysBetween(today, day, isWorking);
  return withDate ? `剩余 ${n} 个工作日（${dueLabel(dueMs, tz)} 截止）` : `剩余 ${n} 个工作日`;
}

/** "2026年12月2日 周三 24:00": a deadline with its year, for tables and detail pages. */
export function deadlineZh(iso: string, tz: string): string {
  const ms = dayjs(iso).valueOf();
  return `${dayjs(dueDay(ms, tz)).year()}年${dueLabel(ms, tz)}`;
}
