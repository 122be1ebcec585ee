import type { DeadlineSpec } from "../contracts/calendar.js";
import { DAY_KIND_LABELS, type DayKind, DEADLINE_N_LIMITS, type DeadlineRule } from "../contracts/enums.js";
import type { WorkCalendar } from "./calendar.js";
import {
  addMonths,
  CalendarInputError,
  daysFromCivil,
  endOfLocalDay,
  formatDate,
  formatDateZh,
  formatRangeZh,
  isWeekendDay,
  localDay,
  timeZoneLabelZh,
  weekdayZh,
} from "./calendar-date.js";

/**
 * Deadlines exactly as DESIGN.md §3 and the Civil Code (arts. 201–203): the day
 * of the event is not counted; a period ends at the end of its last day; a
 * calendar-day or month period whose last day is not a working day ends at the
 * end of the next working day.
 */

export type { DeadlineSpec };

export interface SkippedRun {
  from: string;
  to: string;
  kind: DayKind;
  name: string | null;
}

export interface DeadlineResult {
  rule: DeadlineRule;
  n: number;
  /** The event's local date (受理日). */
  startDate: string;
  dueDate: string;
  /** 23:59:59.999 local time on dueDate. */
  dueAt: Date;
  timeZone: string;
  /** True when a year touched by the computation has no holiday notice loaded. */
  provisional: boolean;
  provisionalYears: number[];
  /**
   * Holidays and other declared rest days (overrides) not counted (working_days)
   * or rolled over (other rules). Plain Saturdays/Sundays are only counted in
   * weekendDaysSkipped so a long period stays a short list.
   */
  skipped: SkippedRun[];
  weekendDaysSkipped: number;
  /** Weekend days that were working days (调休上班) and counted. */
  makeupWorkdays: { date: string; name: string | null }[];
  explanation: string;
}

/** The N each rule accepts (the contract's limits). */
export const N_LIMITS = DEADLINE_N_LIMITS;

const RULES = new Set<string>(Object.keys(N_LIMITS));

/** Validates a spec and returns its N (0 for same_day); throws CalendarInputError. */
export function checkSpec(spec: DeadlineSpec): number {
  if (!RULES.has(spec.rule)) {
    throw new CalendarInputError(
      "rule",
      "时限规则无效，应为 same_day、working_days、calendar_days 或 months",
    );
  }
  const n = spec.n ?? (spec.rule === "same_day" ? 0 : Number.NaN);
  const { min, max } = N_LIMITS[spec.rule];
  if (!Number.isInteger(n) || n < min || n > max) {
    const msg =
      spec.rule === "same_day"
        ? "当日办结规则不接受天数（n 应为 0 或省略）"
        : `n 应为 ${min} 到 ${max} 之间的整数`;
    throw new CalendarInputError("n", msg);
  }
  return n;
}

interface Due {
  due: number;
  /** First day of the span whose kinds decided the result. */
  from: number;
  /** For calendar_days/months: the period's nominal last day before any roll-forward. */
  target: number;
}

function dueOf(cal: WorkCalendar, start: number, rule: DeadlineRule, n: number): Due {
  switch (rule) {
    case "same_day":
      return { due: cal.nextWorkingDayOnOrAfter(start), from: start, target: start };
    case "working_days":
      return { due: cal.nthWorkingDayAfter(start, n), from: start + 1, target: start };
    case "calendar_days": {
      const target = start + n;
      return { due: cal.nextWorkingDayOnOrAfter(target), from: target, target };
    }
    case "months": {
      const target = addMonths(start, n);
      return { due: cal.nextWorkingDayOnOrAfter(target), from: target, target };
    }
  }
}

/**
 * Fast path for hot loops (intake, sweeps, benchmarks): the due day number and
 * whether it is provisional, for an event on local day `startDay`.
 */
export function dueDay(
  cal: WorkCalendar,
  startDay: number,
  spec: DeadlineSpec,
): { due: number; provisional: boolean } {
  const n = checkSpec(spec);
  const r = dueOf(cal, startDay, spec.rule, n);
  return { due: r.due, provisional: !cal.allLoaded(r.from, r.due) };
}

/** Due date and instant without the explanation (fast). */
export function computeDue(
  cal: WorkCalendar,
  start: Date,
  spec: DeadlineSpec,
  timeZone = "Asia/Shanghai",
): { dueDate: string; dueAt: Date; provisional: boolean } {
  const { due, provisional } = dueDay(cal, startDayOf(start, timeZone), spec);
  return { dueDate: formatDate(due), dueAt: endOfLocalDay(due, timeZone), provisional };
}

interface Run {
  from: number;
  to: number;
  kind: DayKind;
  name: string | null;
  /** An ordinary Saturday/Sunday (no override). */
  plain: boolean;
}

/** Groups consecutive non-working days of equal kind and name (plain weekends included). */
function nonWorkingRuns(cal: WorkCalendar, from: number, to: number): Run[] {
  const runs: Run[] = [];
  let cur: Run | null = null;
  for (let d = from; d <= to; d++) {
    if (cal.isWorking(d)) {
      cur = null;
      continue;
    }
    const kind = cal.kindOf(d);
    const name = cal.nameOf(d);
    const plain = !cal.isOverride(d);
    if (cur && cur.kind === kind && cur.name === name && cur.plain === plain) {
      cur.to = d;
    } else {
      cur = { from: d, to: d, kind, name, plain };
      runs.push(cur);
    }
  }
  return runs;
}

const MIN_START = daysFromCivil(1900, 1, 1);
const MAX_START = daysFromCivil(2100, 1, 1) - 1;

function startDayOf(start: Date, timeZone: string): number {
  const t = start.getTime();
  if (Number.isNaN(t)) throw new CalendarInputError("start", "起算时间无效");
  const day = localDay(t, timeZone);
  if (day < MIN_START || day > MAX_START) {
    throw new CalendarInputError("start", "起算时间超出支持范围（1900 年至 2099 年）");
  }
  return day;
}

/** Full computation with skipped days and a Chinese explanation (DESIGN.md §3). */
export function computeDeadline(
  cal: WorkCalendar,
  start: Date,
  spec: DeadlineSpec,
  timeZone = "Asia/Shanghai",
): DeadlineResult {
  const n = checkSpec(spec);
  const startDay = startDayOf(start, timeZone);
  const { due, from, target } = dueOf(cal, startDay, spec.rule, n);
  const provisionalYears = cal.missingYears(from, due);
  const window = spec.rule === "working_days" ? [startDay + 1, due] : [from, due - 1];
  const runs = nonWorkingRuns(cal, window[0]!, window[1]!);
  const makeupDays: number[] = [];
  if (spec.rule === "working_days") {
    for (let d = startDay + 1; d <= due; d++) if (isWeekendDay(d) && cal.isWorking(d)) makeupDays.push(d);
  } else if (isWeekendDay(due)) {
    makeupDays.push(due);
  }
  const makeupWorkdays = makeupDays.map((d) => ({ date: formatDate(d), name: cal.nameOf(d) }));
  const explanation = explain({
    cal,
    rule: spec.rule,
    n,
    startDay,
    target,
    due,
    runs,
    makeupDays,
    provisionalYears,
    timeZone,
  });
  return {
    rule: spec.rule,
    n,
    startDate: formatDate(startDay),
    dueDate: formatDate(due),
    dueAt: endOfLocalDay(due, timeZone),
    timeZone,
    provisional: provisionalYears.length > 0,
    provisionalYears,
    skipped: runs
      .filter((r) => !r.plain)
      .map((r) => ({ from: formatDate(r.from), to: formatDate(r.to), kind: r.kind, name: r.name })),
    weekendDaysSkipped: runs.filter((r) => r.plain).reduce((s, r) => s + r.to - r.from + 1, 0),
    makeupWorkdays,
    explanation,
  };
}

/** The labels, with 调休上班 read as a day in the explanation's sentences. */
const KIND_ZH: Record<DayKind, string> = { ...DAY_KIND_LABELS, makeup_workday: "调休上班日" };
const MAX_LISTED = 12;

/** [2027, 2028, 2029, 2031] → "2027—2029、2031". */
function yearsZh(years: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    parts.push(j > i ? `${years[i]}—${years[j]}` : String(years[i]));
    i = j + 1;
  }
  return parts.join("、");
}

function dayZh(d: number): string {
  return `${formatDateZh(d)}（${weekdayZh(d)}）`;
}

function describeRuns(runs: Run[]): string[] {
  const listed = runs.filter((r) => !r.plain);
  const parts = listed.slice(0, MAX_LISTED).map((r) => {
    const range = formatRangeZh(r.from, r.to);
    return `${range}${r.name ? `（${r.name}）` : ""}${KIND_ZH[r.kind]}`;
  });
  if (listed.length > MAX_LISTED) parts.push(`等共 ${listed.length} 段节假日`);
  return parts;
}

interface ExplainArgs {
  cal: WorkCalendar;
  rule: DeadlineRule;
  n: number;
  startDay: number;
  target: number;
  due: number;
  runs: Run[];
  makeupDays: number[];
  provisionalYears: number[];
  timeZone: string;
}

function explain(a: ExplainArgs): string {
  const { cal } = a;
  const out: string[] = [];
  const listed = describeRuns(a.runs);
  const plainWeekendDays = a.runs.filter((r) => r.plain).reduce((s, r) => s + r.to - r.from + 1, 0);
  if (a.rule === "same_day") {
    if (a.due === a.startDay) {
      out.push(`受理日 ${dayZh(a.startDay)}为工作日，当日办结`);
    } else {
      out.push(`受理日 ${dayZh(a.startDay)}为${KIND_ZH[cal.kindOf(a.startDay)]}，顺延至下一个工作日`);
      if (listed.length) out.push(`跳过 ${listed.join("、")}`);
    }
  } else if (a.rule === "working_days") {
    out.push(`受理日 ${formatDateZh(a.startDay)} 不计入`, `自次日起计 ${a.n} 个工作日`);
    if (listed.length) out.push(`跳过 ${listed.join("、")}`);
    if (plainWeekendDays) out.push(`其间周末 ${plainWeekendDays} 天不计入`);
    for (const d of a.makeupDays.slice(0, MAX_LISTED)) out.push(`${dayZh(d)}调休上班计入`);
  } else {
    out.push(`受理日 ${formatDateZh(a.startDay)} 不计入`);
    out.push(
      a.rule === "calendar_days"
        ? `自次日起计 ${a.n} 个自然日，期满日为 ${dayZh(a.target)}`
        : `按月计算 ${a.n} 个月，期满日为到期月的对应日 ${dayZh(a.target)}（无对应日的以月末日为期满日）`,
    );
    if (a.due !== a.target) {
      out.push(`期满日为${KIND_ZH[cal.kindOf(a.target)]}，顺延至下一个工作日 ${dayZh(a.due)}`);
      if (listed.length) out.push(`跳过 ${listed.join("、")}`);
    }
    if (a.makeupDays.length) out.push(`${dayZh(a.due)}为调休上班日`);
  }
  out.push(`到期 ${formatDateZh(a.due)} 24:00（${timeZoneLabelZh(a.timeZone)}）`);
  if (a.provisionalYears.length) {
    out.push(`${yearsZh(a.provisionalYears)} 年节假日安排尚未导入，按周末推算，属临时期限`);
  }
  return out.join("；");
}
