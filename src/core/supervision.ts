import type { WorkCalendar } from "./calendar.js";
import { formatDateZh, localDay, startOfLocalDay } from "./calendar-date.js";

/**
 * Supervision (督办) rules, pure: when the automatic reminder (催办) is due,
 * the due light of an open item, and the working-time countdown. No I/O and
 * no clock reads: `now` is passed in.
 */

export interface ReminderPolicy {
  /** Remind when fewer than this many working days remain (0 = off). */
  workingDaysBefore: number;
  /** Remind when this fraction of the whole period remains (0 = off). */
  fractionRemaining: number;
}

/** The working day `n` working days before `day` (n >= 1). */
export function nthWorkingDayBefore(calendar: WorkCalendar, day: number, n: number): number {
  let d = day;
  let left = n;
  while (left > 0) {
    d -= 1;
    if (calendar.isWorking(d)) left -= 1;
  }
  return d;
}

/**
 * When the 催办 for a deadline is due, counted in working days on the
 * center's calendar (so it lands on a working day, never in a holiday):
 * remind once fewer than k working days remain, where k is the larger of
 * `workingDaysBefore` and `fractionRemaining` of the period's working days
 * (rounded up) — "less than 1 working day or 20% of the limit remains",
 * whichever comes first. Deadlines end at the end of a local day, so the
 * moment is the start of the first working day after the k-th working day
 * before the due day. A threshold already reached at `start` falls back to
 * the next smaller k (at k = 0 there is none: the department was just told). A same-day
 * period (no whole working day in it) uses the fraction of clock time.
 * null when no threshold lies inside the period.
 */
export function reminderAt(
  start: Date,
  due: Date,
  policy: ReminderPolicy,
  calendar: WorkCalendar,
  timeZone: string,
): Date | null {
  const s = start.getTime();
  const e = due.getTime();
  if (!(e > s)) return null;
  const startDay = localDay(s, timeZone);
  const dueDay = localDay(e, timeZone);
  const periodDays = calendar.workingDaysBetween(startDay, dueDay);
  if (periodDays === 0) {
    if (policy.fractionRemaining <= 0) return null;
    const t = Math.floor(e - policy.fractionRemaining * (e - s));
    return t > s && t < e ? new Date(t) : null;
  }
  const k = Math.max(policy.workingDaysBefore, Math.ceil(policy.fractionRemaining * periodDays - 1e-9));
  // A threshold before the start falls back to the next smaller one that lies inside.
  for (let j = Math.min(k, periodDays); j >= 1; j--) {
    const w = nthWorkingDayBefore(calendar, dueDay, j);
    const t = startOfLocalDay(calendar.nextWorkingDayOnOrAfter(w + 1), timeZone);
    if (t > s && t < e) return new Date(t);
  }
  return null;
}

export type Light = "red" | "yellow" | "green";

/** red: past due; yellow: the reminder threshold has been reached; green otherwise. */
export function dueLight(now: Date, due: Date, remindAt: Date | null): Light {
  if (now.getTime() > due.getTime()) return "red";
  if (remindAt && now.getTime() >= remindAt.getTime()) return "yellow";
  return "green";
}

/**
 * Working time left or overdue, in words, on the center's calendar:
 * "今日到期", "剩余 2 个工作日", "已超期 3 个工作日" (working days after the
 * due day up to today), "已超期（非工作日）" when only non-working days passed.
 */
export function countdownZh(now: Date, due: Date, calendar: WorkCalendar, timeZone: string): string {
  const today = localDay(now.getTime(), timeZone);
  const dueDay = localDay(due.getTime(), timeZone);
  if (now.getTime() <= due.getTime()) {
    if (dueDay <= today) return "今日到期";
    const n = calendar.workingDaysBetween(today, dueDay);
    return n === 0 ? "剩余不足 1 个工作日" : `剩余 ${n} 个工作日`;
  }
  const late = calendar.workingDaysBetween(dueDay, today);
  return late === 0 ? "已超期" : `已超期 ${late} 个工作日`;
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
