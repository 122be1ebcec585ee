import { QUERY_CODE_PATTERN, TRACKING_NO_PATTERN } from "../contracts/appeals.js";
import { formatDate, localDay } from "./calendar-date.js";

/**
 * Tracking numbers (受理编号) and query codes (查询码). Pure: the sequence
 * value and the random source come from the caller.
 *
 * A tracking number is human-readable and sortable: the local date of
 * recording plus a per-center daily sequence of at least 4 digits, prefixed
 * by the center code (upper-cased) when the deployment hosts more than the
 * default center: 202603020001, SZ-FT-202603020001.
 */
export const DEFAULT_CENTER_CODE = "default";

/** Public lookups validate the shape before touching the database (patterns of the contract). */
export { QUERY_CODE_PATTERN, TRACKING_NO_PATTERN };

/** 'YYYYMMDD' of instant `at` in the center's time zone: the counter's day key. */
export function trackingDay(at: Date, timeZone: string): string {
  return formatDate(localDay(at.getTime(), timeZone)).replaceAll("-", "");
}

export function formatTrackingNo(centerCode: string, day: string, seq: number): string {
  if (!/^\d{8}$/.test(day)) throw new Error(`tracking day must be YYYYMMDD: ${day}`);
  if (!Number.isInteger(seq) || seq < 1) throw new Error(`tracking sequence must be ≥ 1: ${seq}`);
  const base = `${day}${String(seq).padStart(4, "0")}`;
  return centerCode === DEFAULT_CENTER_CODE ? base : `${centerCode.toUpperCase()}-${base}`;
}

/** Six digits, leading zeros kept. `randomInt(n)` returns an integer in [0, n). */
export function makeQueryCode(randomInt: (n: number) => number): string {
  return String(randomInt(1_000_000)).padStart(6, "0");
}
