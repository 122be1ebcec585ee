/**
 * What a date string is, for the boundary and the core alike: a strict 'YYYY-MM-DD' of a real day
 * in 1900–2199 (the range the working-day calendar and the holiday notices cover). No zod here,
 * so the core can use it on hot paths.
 */

export const DATE_MIN_YEAR = 1900;
export const DATE_MAX_YEAR = 2199;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** [year, month, day] of a valid date string, or null. */
export function parseCalendarDate(s: string): [number, number, number] | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo))
    return null;
  return [y, mo, d];
}

/** True when `s` is a valid 'YYYY-MM-DD' in the supported range. */
export function isCalendarDate(s: string): boolean {
  return parseCalendarDate(s) !== null;
}

/** Days from `from` to `to` (both valid date strings), e.g. 0 for the same day. */
export function daysBetweenDates(from: string, to: string): number {
  const a = parseCalendarDate(from);
  const b = parseCalendarDate(to);
  if (!a || !b) return Number.NaN;
  return (Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / 86_400_000;
}
