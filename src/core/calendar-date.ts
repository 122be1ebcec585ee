/**
 * Civil dates as integer day numbers (days since 1970-01-01) and the time-zone
 * arithmetic the calendar needs. Pure: no I/O, no clock reads. Dates cross
 * boundaries as 'YYYY-MM-DD' strings; inside the core they are day numbers so
 * deadline arithmetic is integer arithmetic.
 */

import { daysInMonth, isCalendarDate, parseCalendarDate } from "../contracts/calendar-date.js";

/** A bad calendar or deadline input; the server maps it to 400 with `path`. */
export class CalendarInputError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.name = "CalendarInputError";
    this.path = path;
  }
}

export const MS_PER_DAY = 86_400_000;

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month 1..12, day 1..31] of a day number. */
export function civilFromDays(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function yearOfDay(day: number): number {
  return civilFromDays(day)[0];
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekendDay(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

// What a valid date is belongs to the contract (the boundary checks it too).
export { daysInMonth, isCalendarDate as isValidDate };

/** Parses a strict 'YYYY-MM-DD' (years 1900–2199); throws CalendarInputError at `path`. */
export function parseDate(s: string, path = "date"): number {
  const ymd = parseCalendarDate(s);
  if (!ymd) {
    throw new CalendarInputError(
      path,
      `日期格式不正确，应为 YYYY-MM-DD 的有效日期：${String(s).slice(0, 40)}`,
    );
  }
  return daysFromCivil(ymd[0], ymd[1], ymd[2]);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Formatted dates are memoised for 1900–2199: deadlines format the same few days over and over. */
const FORMAT_MIN = -25_567; // 1900-01-01
const FORMAT_MAX = 84_006; // 2200-01-01
const formatted: string[] = [];

export function formatDate(day: number): string {
  if (day >= FORMAT_MIN && day < FORMAT_MAX) {
    const hit = formatted[day - FORMAT_MIN];
    if (hit !== undefined) return hit;
  }
  const [y, m, d] = civilFromDays(day);
  const s = `${y}-${pad2(m)}-${pad2(d)}`;
  if (day >= FORMAT_MIN && day < FORMAT_MAX) formatted[day - FORMAT_MIN] = s;
  return s;
}

/** The same day-of-month `months` later, clamped to the month's end (Civil Code art. 202). */
export function addMonths(day: number, months: number): number {
  const [y, m, d] = civilFromDays(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

const WEEKDAY_ZH = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

export function weekdayZh(day: number): string {
  return WEEKDAY_ZH[weekdayOf(day)]!;
}

/** Chinese convention: 2025年10月9日. */
export function formatDateZh(day: number): string {
  const [y, m, d] = civilFromDays(day);
  return `${y}年${m}月${d}日`;
}

/** "2025年10月1日至10月8日" (the year is repeated only when it changes); one day → one date. */
export function formatRangeZh(from: number, to: number): string {
  if (from === to) return formatDateZh(from);
  const [y1] = civilFromDays(from);
  const [y2, m2, d2] = civilFromDays(to);
  return `${formatDateZh(from)}至${y1 === y2 ? `${m2}月${d2}日` : formatDateZh(to)}`;
}

// ---------------------------------------------------------------------------
// Time zones. Intl is slow (~µs per call), deadlines must be fast (millions per
// second), so the UTC offset is cached per 15-minute bucket of UTC time. Every
// real zone changes offset only on a quarter-hour boundary; still, a bucket is
// cached only when its start and end agree, otherwise it is computed exactly.

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCaches = new Map<string, Map<number, number>>();
const BUCKET_MS = 15 * 60_000;
const CACHE_LIMIT = 200_000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
        era: "short",
      });
    } catch {
      throw new CalendarInputError("timeZone", `未知的时区：${timeZone}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws CalendarInputError("timeZone") for an unknown IANA zone. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

function exactOffset(timeZone: string, t: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const bc = parts.find((p) => p.type === "era")?.value === "BC";
  const y = bc ? 1 - get("year") : get("year");
  const local =
    daysFromCivil(y, get("month"), get("day")) * MS_PER_DAY +
    get("hour") * 3_600_000 +
    get("minute") * 60_000 +
    get("second") * 1000;
  return local - (t - (((t % 1000) + 1000) % 1000));
}

/** UTC offset in ms of `timeZone` at instant `t` (ms since epoch), cached. */
let lastZone = "";
let lastCache: Map<number, number> | undefined;

export function offsetAt(timeZone: string, t: number): number {
  let cache = timeZone === lastZone ? lastCache : offsetCaches.get(timeZone);
  if (!cache) {
    formatterFor(timeZone);
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  lastZone = timeZone;
  lastCache = cache;
  const bucket = Math.floor(t / BUCKET_MS);
  const hit = cache.get(bucket);
  if (hit !== undefined && !Number.isNaN(hit)) return hit;
  if (hit !== undefined) return exactOffset(timeZone, t);
  const a = exactOffset(timeZone, bucket * BUCKET_MS);
  const b = exactOffset(timeZone, bucket * BUCKET_MS + BUCKET_MS - 1);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(bucket, a === b ? a : Number.NaN);
  return a === b ? a : exactOffset(timeZone, t);
}

/** The local calendar day (day number) of instant `t` in `timeZone`. */
export function localDay(t: number, timeZone: string): number {
  return Math.floor((t + offsetAt(timeZone, t)) / MS_PER_DAY);
}

const dayStarts = new Map<string, Map<number, number>>();

/** The first instant of local day `day` in `timeZone` (local midnight, or the first instant after a gap). */
export function startOfLocalDay(day: number, timeZone: string): number {
  let cache = dayStarts.get(timeZone);
  if (!cache) {
    cache = new Map();
    dayStarts.set(timeZone, cache);
  }
  const hit = cache.get(day);
  if (hit !== undefined) return hit;
  const local = day * MS_PER_DAY;
  const o1 = offsetAt(timeZone, local);
  let u = local - o1;
  const o2 = offsetAt(timeZone, u);
  if (o2 !== o1) u = local - o2;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(day, u);
  return u;
}

/** 23:59:59.999 local time on `day`: the end of a due day. */
export function endOfLocalDay(day: number, timeZone: string): Date {
  return new Date(startOfLocalDay(day + 1, timeZone) - 1);
}

/** ISO 8601 with the zone's offset at that instant, e.g. 2025-10-13T23:59:59.999+08:00. */
export function toOffsetIso(date: Date, timeZone: string): string {
  const t = date.getTime();
  const offMin = Math.round(offsetAt(timeZone, t) / 60_000);
  const local = new Date(t + offMin * 60_000).toISOString().slice(0, 23);
  const sign = offMin < 0 ? "-" : "+";
  const abs = Math.abs(offMin);
  return `${local}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** How the explanation names the zone: 北京时间 for China's zone, else the IANA name. */
export function timeZoneLabelZh(timeZone: string): string {
  return timeZone === "Asia/Shanghai" || timeZone === "Asia/Chongqing" || timeZone === "PRC"
    ? "北京时间"
    : `当地时间 ${timeZone}`;
}

/** 2026年3月2日 09:05 (local time of the center). */
export function formatDateTimeZh(at: Date, timeZone: string): string {
  const t = at.getTime();
  const local = t + offsetAt(timeZone, t);
  const day = Math.floor(local / MS_PER_DAY);
  const minutes = Math.floor((local - day * MS_PER_DAY) / 60_000);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${formatDateZh(day)} ${hh}:${mm}`;
}

/** 2025年10月9日（周四） — a deadline is the end of its day. */
export function formatDueDayZh(at: Date, timeZone: string): string {
  const day = localDay(at.getTime(), timeZone);
  return `${formatDateZh(day)}（${weekdayZh(day)}）`;
}
