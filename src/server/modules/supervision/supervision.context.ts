import type { WorkCalendar } from "../../../core/calendar.js";
import { countdownZh, reminderAt } from "../../../core/supervision.js";
import type { TimeLimitPolicy } from "../../../core/time-limits.js";
import type { Db } from "../../db/database.js";
import { getCalendarEntry, getTimeLimitPolicy } from "../calendar/index.js";

/** A center's calendar, time zone and policy, as supervision needs them. */
export interface CenterRules {
  calendar: WorkCalendar;
  timeZone: string;
  policy: TimeLimitPolicy;
}

export async function centerRules(db: Db, centerId: string): Promise<CenterRules> {
  const { calendar, timeZone } = await getCalendarEntry(db, centerId);
  return { calendar, timeZone, policy: await getTimeLimitPolicy(db, centerId) };
}

/**
 * Per-run memo of centerRules (a sweep touches each center's rules once).
 * Pass the transaction in use: on PGlite a query on the outer handle while a
 * transaction holds the single connection would wait forever.
 */
export function rulesCache() {
  const memo = new Map<string, Promise<CenterRules>>();
  const get = (db: Db, centerId: string) => {
    let p = memo.get(centerId);
    if (!p) {
      p = centerRules(db, centerId);
      memo.set(centerId, p);
    }
    return p;
  };
  return get;
}

export function remindAtFor(rules: CenterRules, startAt: Date, dueAt: Date): Date | null {
  return reminderAt(startAt, dueAt, rules.policy.reminder, rules.calendar, rules.timeZone);
}

export function countdownFor(rules: CenterRules, now: Date, dueAt: Date): string {
  return countdownZh(now, dueAt, rules.calendar, rules.timeZone);
}
