/**
 * Dates for the portal without a date library (the bundle stays small on phones). The API sends
 * ISO 8601 with the center's own offset, so the local date and time are read off the string.
 */
const WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

function parts(iso: string) {
  const m = ISO.exec(iso);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return { y, mo, d, h, mi };
}

function dateText(y: number, mo: number, d: number, weekday: boolean): string {
  const wd = WEEKDAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
  return `${y}年${mo}月${d}日${weekday ? ` ${wd}` : ""}`;
}

/** "2026年3月2日 09:05". */
export function dateTimeText(iso: string): string {
  const p = parts(iso);
  if (!p) return iso;
  return `${dateText(p.y, p.mo, p.d, false)} ${String(p.h).padStart(2, "0")}:${String(p.mi).padStart(2, "0")}`;
}

/** A deadline: "2026年3月3日 周二 24:00 前" (the end of a day, 23:59:59 or midnight, is 24:00 of it). */
export function deadlineText(iso: string): string {
  const p = parts(iso);
  if (!p) return iso;
  if (p.h === 23 && p.mi === 59) return `${dateText(p.y, p.mo, p.d, true)} 24:00 前`;
  if (p.h === 0 && p.mi === 0) {
    const prev = new Date(Date.UTC(p.y, p.mo - 1, p.d) - 86_400_000);
    return `${dateText(prev.getUTCFullYear(), prev.getUTCMonth() + 1, prev.getUTCDate(), true)} 24:00 前`;
  }
  return `${dateText(p.y, p.mo, p.d, true)} ${String(p.h).padStart(2, "0")}:${String(p.mi).padStart(2, "0")} 前`;
}
