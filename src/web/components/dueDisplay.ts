import type { Light } from "../../contracts/appeals.js";
import type { WorkCalendar } from "../../core/calendar.js";
import { localDay } from "../../core/calendar-date.js";
import { countdownSentenceZh, deadlineZh, dueDayOf, dueStatus, lightAt } from "../../core/due-light.js";

/** The center's calendar as the console has loaded it, and the day numbers it covers. */
export interface KnownCalendar {
  calendar: WorkCalendar;
  from: number;
  to: number;
}

/**
 * What the console says beside a deadline, by the one rule (src/core/due-light.ts). The countdown
 * needs the center's working days: it is given only when the loaded calendar covers both today
 * and the due day; otherwise the deadline itself is shown ("2026年10月9日 周五 24:00 截止"). A light
 * from the server (the inbox, work orders) wins over the browser's: the server also knows the
 * period's start and the center's 催办 thresholds. Pure, so it is tested without a browser.
 */
export function dueDisplay(
  dueAt: Date,
  now: Date,
  timeZone: string,
  known: KnownCalendar | null,
  serverLight?: Light,
  withDate = true,
): { light: Light; text: string } {
  const due = dueDayOf(dueAt, timeZone);
  const today = localDay(now.getTime(), timeZone);
  if (!known || Math.min(due, today) < known.from || Math.max(due, today) > known.to) {
    const light = serverLight ?? lightAt(now, dueAt, timeZone);
    const deadline = `${deadlineZh(dueAt, timeZone)} 截止`;
    return { light, text: light === "red" ? `已超期（${deadline}）` : deadline };
  }
  const s = dueStatus({ now, dueAt, calendar: known.calendar, timeZone });
  return { light: serverLight ?? s.light, text: countdownSentenceZh(s, dueAt, timeZone, withDate) };
}
