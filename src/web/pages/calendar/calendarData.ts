import type { DayKind } from "../../../contracts/enums.js";
import { DAY_KIND_LABELS } from "../../../contracts/enums.js";
import type { CalendarDay } from "../../api/types.js";
import { dayjs, formatDateZh } from "../../lib/time.js";

export type DayMap = Map<string, CalendarDay>;

export function toDayMap(days: CalendarDay[] | undefined): DayMap {
  return new Map((days ?? []).map((d) => [d.date, d]));
}

/** The default kind when the server has not answered yet: Mon–Fri work, Sat/Sun rest. */
export function fallbackKind(date: string): DayKind {
  const wd = dayjs(date).day();
  return wd === 0 || wd === 6 ? "weekend" : "workday";
}

export function dayTitle(date: string, day: CalendarDay | undefined): string {
  const kind = day?.kind ?? fallbackKind(date);
  return `${formatDateZh(date)} ${DAY_KIND_LABELS[kind]}${day?.name ? `（${day.name}）` : ""}`;
}

export interface HolidayGroup {
  name: string;
  holidays: string[];
  makeups: string[];
}

/**
 * Groups the year's named holidays and make-up workdays by festival, in date order, the way
 * the State Council notice reads ("国庆节：10月1日至8日放假，9月28日、10月11日上班").
 */
export function holidayGroups(days: CalendarDay[] | undefined): HolidayGroup[] {
  const groups = new Map<string, HolidayGroup>();
  for (const d of days ?? []) {
    if (d.kind !== "holiday" && d.kind !== "makeup_workday") continue;
    const name = d.name?.trim() || (d.kind === "holiday" ? "节假日" : "调休上班");
    const g = groups.get(name) ?? { name, holidays: [], makeups: [] };
    (d.kind === "holiday" ? g.holidays : g.makeups).push(d.date);
    groups.set(name, g);
  }
  const first = (g: HolidayGroup) => [...g.holidays, ...g.makeups].sort()[0] ?? "";
  return [...groups.values()].sort((a, b) => first(a).localeCompare(first(b)));
}

/** "10月1日至10月8日" for consecutive dates, "1月26日、2月8日" otherwise. */
export function describeDates(dates: string[], withWeekday = false): string {
  const sorted = [...dates].sort();
  const runs: [string, string][] = [];
  for (const d of sorted) {
    const last = runs[runs.length - 1];
    if (last && dayjs(last[1]).add(1, "day").format("YYYY-MM-DD") === d) last[1] = d;
    else runs.push([d, d]);
  }
  const md = (d: string) => {
    const x = dayjs(d);
    const s = `${x.month() + 1}月${x.date()}日`;
    return withWeekday ? `${s}（${formatDateZh(d).split(" ")[1]}）` : s;
  };
  return runs.map(([a, b]) => (a === b ? md(a) : `${md(a)}至${md(b)}`)).join("、");
}
