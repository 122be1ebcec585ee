import { DAY_KINDS, type DayKind } from "../contracts/enums.js";
import { daysFromCivil, formatDate, isWeekendDay, parseDate, yearOfDay } from "./calendar-date.js";

/**
 * The working-day calendar of one center (DESIGN.md §3): Mon–Fri work, Sat/Sun
 * rest, overridden per day by the State Council holiday notices and admin edits.
 * A working day is a workday or a make-up workday (调休上班).
 *
 * Index: the days between the first and last year that has an override or a
 * loaded notice form a table with a cumulative working-day count and the list
 * of working days; outside the table the weekend-only rule is arithmetic. So
 * "the N-th working day after D" is two O(1) lookups for any D and N.
 */

export interface DayOverride {
  kind: DayKind;
  name: string | null;
}

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  name: string | null;
  /** True when the kind or name comes from an override rather than the Mon–Fri rule. */
  override: boolean;
}

/** A day is stored as its kind's index in DAY_KINDS (2 bits) plus the override bit. */
const CODE_OF = Object.fromEntries(DAY_KINDS.map((k, i) => [k, i])) as Record<DayKind, number>;
const OVERRIDE_BIT = 4;

export function isWorkingKind(kind: DayKind): boolean {
  return kind === "workday" || kind === "makeup_workday";
}

/** The kind a day has without any override. */
export function defaultKind(day: number): DayKind {
  return isWeekendDay(day) ? "weekend" : "workday";
}

/**
 * Weekdays in [-3, d): day -3 (1968-12-29) is a Monday, so weeks align.
 * Counts working days under the weekend-only rule for any day number.
 */
function weekdaysBefore(d: number): number {
  const m = d + 3;
  const weeks = Math.floor(m / 7);
  return weeks * 5 + Math.min(m - weeks * 7, 5);
}

/** The weekday whose weekdaysBefore() is `r` (inverse of weekdaysBefore on weekdays). */
function weekdayOfRank(r: number): number {
  const weeks = Math.floor(r / 5);
  return weeks * 7 + (r - weeks * 5) - 3;
}

export class WorkCalendar {
  /** Table covers day numbers [t0, t1). */
  private readonly t0: number;
  private readonly t1: number;
  private readonly codes: Uint8Array;
  /** cum[i] = working days in [t0, t0 + i). */
  private readonly cum: Int32Array;
  private readonly work: Int32Array;
  private readonly names: Map<number, string>;
  private readonly w0: number;
  private readonly w1: number;
  private readonly c1: number;
  private readonly loadedMin: number;
  /** loadedPrefix[i] = loaded years in [loadedMin, loadedMin + i). */
  private readonly loadedPrefix: Int32Array;
  /** Day-number ranges [start, end) of consecutive loaded years: the hot provisional check. */
  private readonly loadedRuns: Int32Array;
  readonly loadedYears: readonly number[];

  private constructor(overrides: Map<number, DayOverride>, loadedYears: Iterable<number>) {
    const loaded = [...new Set(loadedYears)].sort((a, b) => a - b);
    this.loadedYears = loaded;
    const years = [...loaded, ...[...overrides.keys()].map(yearOfDay)];
    if (years.length === 0) {
      this.t0 = 0;
      this.t1 = 0;
    } else {
      this.t0 = daysFromCivil(Math.min(...years), 1, 1);
      this.t1 = daysFromCivil(Math.max(...years) + 1, 1, 1);
    }
    const n = this.t1 - this.t0;
    this.codes = new Uint8Array(n);
    this.cum = new Int32Array(n + 1);
    this.names = new Map();
    const work: number[] = [];
    for (let i = 0; i < n; i++) {
      const day = this.t0 + i;
      const o = overrides.get(day);
      const kind = o ? o.kind : defaultKind(day);
      const isOverride = o !== undefined && (o.kind !== defaultKind(day) || !!o.name);
      this.codes[i] = CODE_OF[kind] | (isOverride ? OVERRIDE_BIT : 0);
      if (o?.name) this.names.set(day, o.name);
      const w = isWorkingKind(kind);
      if (w) work.push(day);
      this.cum[i + 1] = this.cum[i]! + (w ? 1 : 0);
    }
    this.work = Int32Array.from(work);
    this.w0 = weekdaysBefore(this.t0);
    this.w1 = weekdaysBefore(this.t1);
    this.c1 = this.w0 + this.cum[n]!;
    this.loadedMin = loaded[0] ?? 0;
    const span = loaded.length ? loaded[loaded.length - 1]! - this.loadedMin + 1 : 0;
    this.loadedPrefix = new Int32Array(span + 1);
    const set = new Set(loaded);
    for (let i = 0; i < span; i++) {
      this.loadedPrefix[i + 1] = this.loadedPrefix[i]! + (set.has(this.loadedMin + i) ? 1 : 0);
    }
    const runs: number[] = [];
    for (let i = 0; i < loaded.length; ) {
      let j = i;
      while (j + 1 < loaded.length && loaded[j + 1] === loaded[j]! + 1) j++;
      runs.push(daysFromCivil(loaded[i]!, 1, 1), daysFromCivil(loaded[j]! + 1, 1, 1));
      i = j + 1;
    }
    this.loadedRuns = Int32Array.from(runs);
  }

  /** Builds from overrides keyed by 'YYYY-MM-DD' and the years whose notice is loaded. */
  static build(
    overrides: Iterable<{ date: string; kind: DayKind; name?: string | null }>,
    loadedYears: Iterable<number>,
  ): WorkCalendar {
    const map = new Map<number, DayOverride>();
    for (const o of overrides) map.set(parseDate(o.date), { kind: o.kind, name: o.name ?? null });
    return new WorkCalendar(map, loadedYears);
  }

  /** A calendar with only the weekend rule and no loaded year. */
  static weekendsOnly(): WorkCalendar {
    return new WorkCalendar(new Map(), []);
  }

  /** Working days in [0-ish origin, d): a monotone rank usable for any day number. */
  private rankBefore(d: number): number {
    if (d <= this.t0) return weekdaysBefore(d);
    if (d <= this.t1) return this.w0 + this.cum[d - this.t0]!;
    return this.c1 + weekdaysBefore(d) - this.w1;
  }

  /** The working day whose rankBefore() is r. */
  private dayOfRank(r: number): number {
    if (r < this.w0) return weekdayOfRank(r);
    if (r < this.c1) return this.work[r - this.w0]!;
    return weekdayOfRank(r - this.c1 + this.w1);
  }

  kindOf(day: number): DayKind {
    if (day < this.t0 || day >= this.t1) return defaultKind(day);
    return DAY_KINDS[this.codes[day - this.t0]! & 3]!;
  }

  nameOf(day: number): string | null {
    return this.names.get(day) ?? null;
  }

  /** True when the day's kind or name differs from the plain Mon–Fri rule. */
  isOverride(day: number): boolean {
    if (day < this.t0 || day >= this.t1) return false;
    return (this.codes[day - this.t0]! & OVERRIDE_BIT) !== 0;
  }

  isWorking(day: number): boolean {
    return this.rankBefore(day + 1) - this.rankBefore(day) === 1;
  }

  /** Working days in the half-open interval (a, b]; 0 when b <= a. */
  workingDaysBetween(a: number, b: number): number {
    return b <= a ? 0 : this.rankBefore(b + 1) - this.rankBefore(a + 1);
  }

  /** The n-th (n >= 1) working day strictly after `day`. */
  nthWorkingDayAfter(day: number, n: number): number {
    return this.dayOfRank(this.rankBefore(day + 1) + n - 1);
  }

  /** `day` itself if it is a working day, else the next working day. */
  nextWorkingDayOnOrAfter(day: number): number {
    return this.dayOfRank(this.rankBefore(day));
  }

  isLoadedYear(year: number): boolean {
    return this.loadedInRange(year, year) === 1;
  }

  private loadedInRange(y1: number, y2: number): number {
    const n = this.loadedPrefix.length - 1;
    const a = Math.max(0, Math.min(n, y1 - this.loadedMin));
    const b = Math.max(0, Math.min(n, y2 - this.loadedMin + 1));
    return b > a ? this.loadedPrefix[b]! - this.loadedPrefix[a]! : 0;
  }

  /** True when every year touched by days [from, to] has its holiday notice loaded. */
  allLoaded(from: number, to: number): boolean {
    const runs = this.loadedRuns;
    for (let i = 0; i < runs.length; i += 2) if (from >= runs[i]! && to < runs[i + 1]!) return true;
    return false;
  }

  /** Years in [from, to] whose notice is not loaded. */
  missingYears(from: number, to: number): number[] {
    const out: number[] = [];
    for (let y = yearOfDay(from); y <= yearOfDay(to); y++) if (!this.isLoadedYear(y)) out.push(y);
    return out;
  }

  info(day: number): DayInfo {
    const kind = this.kindOf(day);
    return {
      date: formatDate(day),
      working: isWorkingKind(kind),
      kind,
      name: this.nameOf(day),
      override: this.isOverride(day),
    };
  }

  /** Every day in [from, to] (inclusive). */
  days(from: number, to: number): DayInfo[] {
    const out: DayInfo[] = [];
    for (let d = from; d <= to; d++) out.push(this.info(d));
    return out;
  }

  /** The overrides of one year, in date order (what a notice export contains). */
  overridesOfYear(year: number): { date: string; kind: DayKind; name: string | null }[] {
    const out: { date: string; kind: DayKind; name: string | null }[] = [];
    for (let d = daysFromCivil(year, 1, 1); d < daysFromCivil(year + 1, 1, 1); d++) {
      if (this.isOverride(d)) out.push({ date: formatDate(d), kind: this.kindOf(d), name: this.nameOf(d) });
    }
    return out;
  }
}
