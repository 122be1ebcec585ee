import type { DayKind } from "../contracts/enums.js";
import { formatDate, parseDate } from "./calendar-date.js";

/**
 * The State Council holiday notices (国务院办公厅关于20XX年部分节假日安排的通知)
 * for the years the product ships, transcribed as data: each festival's rest
 * period (every day in it, weekend days included, is a statutory holiday for
 * counting purposes) and its make-up working days (调休上班, weekend days that
 * are working days). A new notice arrives every November; admins import or
 * edit it through the calendar module — this file only seeds new centers.
 */

export interface HolidayNoticeDay {
  date: string;
  kind: DayKind;
  name: string;
}

export interface HolidayNotice {
  year: number;
  /** Stored in calendar_days.source / calendar_years.source. */
  source: string;
  title: string;
  days: HolidayNoticeDay[];
}

interface Festival {
  name: string;
  /** Inclusive rest period [first, last]. */
  rest: [string, string];
  makeup?: string[];
}

export const SHIPPED_SOURCE = "State Council notice";

const FESTIVALS: Record<number, Festival[]> = {
  2024: [
    { name: "元旦", rest: ["2024-01-01", "2024-01-01"] },
    { name: "春节", rest: ["2024-02-10", "2024-02-17"], makeup: ["2024-02-04", "2024-02-18"] },
    { name: "清明节", rest: ["2024-04-04", "2024-04-06"], makeup: ["2024-04-07"] },
    { name: "劳动节", rest: ["2024-05-01", "2024-05-05"], makeup: ["2024-04-28", "2024-05-11"] },
    { name: "端午节", rest: ["2024-06-10", "2024-06-10"] },
    { name: "中秋节", rest: ["2024-09-15", "2024-09-17"], makeup: ["2024-09-14"] },
    { name: "国庆节", rest: ["2024-10-01", "2024-10-07"], makeup: ["2024-09-29", "2024-10-12"] },
  ],
  2025: [
    { name: "元旦", rest: ["2025-01-01", "2025-01-01"] },
    { name: "春节", rest: ["2025-01-28", "2025-02-04"], makeup: ["2025-01-26", "2025-02-08"] },
    { name: "清明节", rest: ["2025-04-04", "2025-04-06"] },
    { name: "劳动节", rest: ["2025-05-01", "2025-05-05"], makeup: ["2025-04-27"] },
    { name: "端午节", rest: ["2025-05-31", "2025-06-02"] },
    { name: "国庆节、中秋节", rest: ["2025-10-01", "2025-10-08"], makeup: ["2025-09-28", "2025-10-11"] },
  ],
  2026: [
    { name: "元旦", rest: ["2026-01-01", "2026-01-03"], makeup: ["2026-01-04"] },
    { name: "春节", rest: ["2026-02-15", "2026-02-23"], makeup: ["2026-02-14", "2026-02-28"] },
    { name: "清明节", rest: ["2026-04-04", "2026-04-06"] },
    { name: "劳动节", rest: ["2026-05-01", "2026-05-05"], makeup: ["2026-05-09"] },
    { name: "端午节", rest: ["2026-06-19", "2026-06-21"] },
    { name: "中秋节", rest: ["2026-09-25", "2026-09-27"] },
    { name: "国庆节", rest: ["2026-10-01", "2026-10-07"], makeup: ["2026-09-20", "2026-10-10"] },
  ],
};

function noticeOf(year: number, festivals: Festival[]): HolidayNotice {
  const days: HolidayNoticeDay[] = [];
  for (const f of festivals) {
    for (let d = parseDate(f.rest[0]); d <= parseDate(f.rest[1]); d++) {
      days.push({ date: formatDate(d), kind: "holiday", name: f.name });
    }
    for (const m of f.makeup ?? []) days.push({ date: m, kind: "makeup_workday", name: f.name });
  }
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    year,
    source: SHIPPED_SOURCE,
    title: `国务院办公厅关于${year}年部分节假日安排的通知`,
    days,
  };
}

/** The shipped notices, oldest first. */
export const SHIPPED_NOTICES: readonly HolidayNotice[] = Object.entries(FESTIVALS).map(([y, f]) =>
  noticeOf(Number(y), f),
);

export const SHIPPED_YEARS: readonly number[] = SHIPPED_NOTICES.map((n) => n.year);
