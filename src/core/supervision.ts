import type { WorkCalendar } from "./calendar.js";
import { formatDateZh, localDay } from "./calendar-date.js";
import { dueStatus } from "./due-light.js";

/**
 * Supervision (督办) rules, pure: when the automatic reminder (催办) is due, the due light and
 * the working-time countdown now live in due-light.ts (one rule everywhere); what remains here
 * are the wordings the supervision records use. No I/O and no clock reads: `now` is passed in.
 */

// The 催办 threshold is part of the due-light rule; re-exported for existing callers.
export { nthWorkingDayBefore, type ReminderPolicy, reminderAt } from "./due-light.js";

/**
 * Working time left or overdue, in words, on the center's calendar: "今日到期", "剩余 2 个工作日",
 * "已超期 3 个工作日" (working days after the due day up to today), "已超期" when only
 * non-working days passed. The countdown of `dueStatus` (due-light.ts).
 */
export function countdownZh(now: Date, due: Date, calendar: WorkCalendar, timeZone: string): string {
  return dueStatus({ now, dueAt: due, calendar, timeZone }).countdown;
}

/** Working days between the due day and today (0 while not late). */
export function workingDaysLate(now: Date, due: Date, calendar: WorkCalendar, timeZone: string): number {
  if (now.getTime() <= due.getTime()) return 0;
  return calendar.workingDaysBetween(localDay(due.getTime(), timeZone), localDay(now.getTime(), timeZone));
}

/** "2026年10月9日（周五）" for facts and messages. */
export function dueDayZh(due: Date, timeZone: string): string {
  return formatDateZh(localDay(due.getTime(), timeZone));
}
