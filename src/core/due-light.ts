import type { Light } from "../contracts/appeals.js";
import type { ReminderPolicy } from "../contracts/calendar.js";
import type { WorkCalendar } from "./calendar.js";
import {
  civilFromDays,
  localDay,
  MS_PER_DAY,
  offsetAt,
  startOfLocalDay,
  weekdayZh,
} from "./calendar-date.js";

/**
 * The due light (红黄绿灯) and the working-time countdown of an open item with a deadline: an
 * appeal's first response, a work order, a plan milestone, a supervision order's own limit. One
 * rule for the inbox, the department's work orders, the supervision board and the console. Pure:
 * the clock, the center's calendar and time zone are passed in.
 *
 * The rule (the union of the three rules that grew apart before: the inbox's "due today or within
 * 4 hours", the board's "the 催办 threshold is reached", the console's copy of the first):
 *
 *  - **red** iff the deadline has passed: `now > dueAt`. A deadline is the end of its due day
 *    (DESIGN.md §3), so an item is on time up to and including 24:00.
 *  - **yellow** from the earliest of
 *      - the start of the due day in the center's time zone: an item due tonight is yellow all
 *        day, never green ("今日到期");
 *      - 4 hours before the deadline (a limit that does not end at midnight);
 *      - the automatic 催办's instant, when known: stored (`remindAt`, supervision_timers.fire_at)
 *        or computed from the period's start and the center's reminder thresholds — an item the
 *        department has been reminded of is not "green" anywhere;
 *    until the deadline.
 *  - **green** before that.
 *
 * So the light only ever moves green → yellow → red as time passes. The due day is the local day
 * of the instant just before `dueAt`: 24:00 (next day 00:00) belongs to the day it ends.
 *
 * The countdown counts working days on the center's calendar, as the board and the supervision
 * records always have: "剩余 N 个工作日" (working days after today up to the due day),
 * "剩余不足 1 个工作日" (no working day left before a due day that is not today), "今日到期",
 * "已超期 N 个工作日" (working days after the due day up to today), "已超期" (only rest days
 * have passed). On the due day `timeLeft` adds the hours ("3 小时 20 分").
 */

export type { ReminderPolicy };

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

/** The light turns yellow at the latest this long before the deadline. */
export const YELLOW_WITHIN_MS = 4 * 3_600_000;

export interface DueInput {
  now: Date;
  dueAt: Date;
  /** The center's working-day calendar (for the countdown and a computed 催办 instant). */
  calendar: WorkCalendar;
  /** The center's IANA time zone. */
  timeZone: string;
  /** When the period began (receipt, dispatch, plan approval): with `reminder`, where the 催办 falls. */
  start?: Date | null;
  /** The center's 催办 thresholds (time-limit policy `reminder`). */
  reminder?: ReminderPolicy | null;
  /** The 催办 instant when the caller has it stored already; wins over `start` + `reminder`. */
  remindAt?: Date | null;
}

export interface DueStatus {
  light: Light;
  overdue: boolean;
  /** When the light turns (or turned) yellow. */
  yellowFrom: Date;
  /** Working days left (on time) or late (overdue), as counted in `countdown`. */
  workingDays: number;
  /** "剩余 2 个工作日", "剩余不足 1 个工作日", "今日到期", "已超期 3 个工作日", "已超期". */
  countdown: string;
  /** On the due day, the time left: "3 小时 20 分"; null otherwise. */
  timeLeft: string | null;
}

/** The local day (day number) a deadline belongs to: 24:00 is the end of the day before. */
export function dueDayOf(dueAt: Date, timeZone: string): number {
  return localDay(dueAt.getTime() - 1, timeZone);
}

/** The instant the light turns yellow (see the rule above); never after the deadline. */
export function yellowFrom(dueAt: Date, timeZone: string, remindAt: Date | null = null): Date {
  const due = dueAt.getTime();
  let t = Math.min(startOfLocalDay(dueDayOf(dueAt, timeZone), timeZone), due - YELLOW_WITHIN_MS);
  if (remindAt) t = Math.min(t, remindAt.getTime());
  return new Date(Math.min(t, due));
}

/**
 * For queries: at `now`, an item that is not overdue is yellow by the due-day / 4-hour part of
 * the rule iff its `dueAt` is at most this instant (the end of today or 4 hours ahead, whichever
 * is later). So in SQL: red `due_at < now`; yellow `due_at >= now and (remind_at <= now or
 * due_at <= dueSoonUntil)`; green otherwise — the same answer as `lightAt` row by row.
 */
export function dueSoonUntil(now: Date, timeZone: string): Date {
  const endOfToday = startOfLocalDay(localDay(now.getTime(), timeZone) + 1, timeZone);
  return new Date(Math.max(endOfToday, now.getTime() + YELLOW_WITHIN_MS));
}

/** The light alone: needs no calendar unless the 催办 instant must be computed from the start. */
export function lightAt(now: Date, dueAt: Date, timeZone: string, remindAt: Date | null = null): Light {
  if (now.getTime() > dueAt.getTime()) return "red";
  return now.getTime() >= yellowFrom(dueAt, timeZone, remindAt).getTime() ? "yellow" : "green";
}

/** "3 小时 20 分", "45 分钟" (at least 1 minute). */
export function durationZh(ms: number): string {
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} 分钟`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} 小时 ${m} 分` : `${h} 小时`;
}

/** The light, the countdown and the time left of an item due at `dueAt`, at `now`. */
export function dueStatus(i: DueInput): DueStatus {
  const now = i.now.getTime();
  const due = i.dueAt.getTime();
  const remind =
    i.remindAt !== undefined
      ? i.remindAt
      : i.start && i.reminder
        ? reminderAt(i.start, i.dueAt, i.reminder, i.calendar, i.timeZone)
        : null;
  const light = lightAt(i.now, i.dueAt, i.timeZone, remind);
  const today = localDay(now, i.timeZone);
  const dueDay = dueDayOf(i.dueAt, i.timeZone);
  const base = { light, yellowFrom: yellowFrom(i.dueAt, i.timeZone, remind) };
  if (now > due) {
    const late = i.calendar.workingDaysBetween(dueDay, today);
    const countdown = late === 0 ? "已超期" : `已超期 ${late} 个工作日`;
    return { ...base, overdue: true, workingDays: late, countdown, timeLeft: null };
  }
  if (dueDay <= today) {
    return {
      ...base,
      overdue: false,
      workingDays: 0,
      countdown: "今日到期",
      timeLeft: durationZh(due - now),
    };
  }
  const left = i.calendar.workingDaysBetween(today, dueDay);
  const countdown = left === 0 ? "剩余不足 1 个工作日" : `剩余 ${left} 个工作日`;
  return { ...base, overdue: false, workingDays: left, countdown, timeLeft: null };
}

/** The clock time of a deadline: "24:00" at the end of a day, else "15:30". */
function dueClockZh(dueAt: Date, timeZone: string): string {
  const t = dueAt.getTime();
  const minuteOfDay = Math.floor(
    ((((t + offsetAt(timeZone, t)) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 60_000,
  );
  if (minuteOfDay === 0 || minuteOfDay >= 23 * 60 + 59) return "24:00";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

/** "10月9日 周四 24:00": a deadline without its year (beside a countdown). */
export function deadlineShortZh(dueAt: Date, timeZone: string): string {
  const day = dueDayOf(dueAt, timeZone);
  const [, m, d] = civilFromDays(day);
  return `${m}月${d}日 ${weekdayZh(day)} ${dueClockZh(dueAt, timeZone)}`;
}

/** "2026年12月2日 周三 24:00": a deadline as tables, timelines and detail pages write it. */
export function deadlineZh(dueAt: Date, timeZone: string): string {
  const [y] = civilFromDays(dueDayOf(dueAt, timeZone));
  return `${y}年${deadlineShortZh(dueAt, timeZone)}`;
}

/**
 * The countdown as a sentence beside the light: "今日到期，剩余 3 小时 20 分",
 * "剩余 2 个工作日（10月9日 周四 24:00 截止）" (`withDate`), "已超期 1 个工作日".
 */
export function countdownSentenceZh(s: DueStatus, dueAt: Date, timeZone: string, withDate = true): string {
  if (s.timeLeft) return `${s.countdown}，剩余 ${s.timeLeft}`;
  if (s.overdue || !withDate) return s.countdown;
  return `${s.countdown}（${deadlineShortZh(dueAt, timeZone)} 截止）`;
}
