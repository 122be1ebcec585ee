import type { Complexity } from "../contracts/appeals.js";
import {
  type DeadlineSpec,
  type PolicyLimit,
  STANDARD_CEILINGS,
  type TimeLimitPolicy,
} from "../contracts/calendar.js";
import type { WorkCalendar } from "./calendar.js";
import { endOfLocalDay, formatDate, formatDateZh, parseDate } from "./calendar-date.js";

// The policy's shape is the contract's (one definition, validated at the boundary).
export type { TimeLimitPolicy };

/**
 * The standard's limits in its own words, used until an admin edits the center's policy: it writes
 * "1个工作日" where it means working days and plain "天" elsewhere (DESIGN.md §3).
 */
export const DEFAULT_TIME_LIMIT_POLICY: TimeLimitPolicy = {
  firstResponse: { rule: "working_days", n: 1 },
  review: { rule: "working_days", n: 1 },
  simpleOffsite: { rule: "working_days", n: 1 },
  simple: { rule: "same_day", n: 0 },
  general: { rule: "calendar_days", n: 3 },
  multiDepartment: { rule: "calendar_days", n: 7 },
  major: { rule: "months", n: 1 },
  closeout: { rule: "working_days", n: 1 },
  rectification: { rule: "working_days", n: 5 },
  badRatingFollowUp: { rule: "working_days", n: 1 },
  closedFollowUp: { rule: "working_days", n: 3 },
  basicSatisfiedWeight: 1,
  rateTargets: { responseRate: 0.95, resolutionRate: 0.9, satisfactionRate: 0.9, onTimeRate: 0.95 },
  reminder: { workingDaysBefore: 1, fractionRemaining: 0.2 },
  supervisionDeadline: { rule: "working_days", n: 2 },
  escalation: { government: "同级人民政府", disciplineCommission: "同级纪委监委", copyTo: [] },
};

export type { Complexity };

/**
 * The reply limit (办理时限) of a work order of the given complexity. A simple matter's own limit
 * is its same-day 研究部署 (policy.simple, tracked separately); its reply is due within the
 * general limit (办理: 对于简单事项，当天研究部署; 一般事件事项3天内办结答复).
 */
export function limitForComplexity(policy: TimeLimitPolicy, complexity: Complexity): DeadlineSpec {
  switch (complexity) {
    case "simple":
      return policy.general;
    case "general":
      return policy.general;
    case "multi_department":
      return policy.multiDepartment;
    case "major":
      return policy.major;
  }
}

/** A deadline as stored on a record. */
export interface StoredDeadline {
  dueDate: string;
  dueAt: Date;
}

export interface ReconciledDeadline extends StoredDeadline {
  /** Still provisional when the period reaches another year that is not loaded yet. */
  provisional: boolean;
  /** Which value won: the deadline already given, or the recomputation. */
  kept: "old" | "recomputed";
  /** True when dueDate differs from the old one. */
  changed: boolean;
  /** Chinese note for the record's timeline. */
  note: string;
}

/**
 * ADR 0005: when a year's holiday notice is loaded, a provisional deadline is
 * recomputed; the later of old and new wins, so a limit already told to the
 * requester and the department is never shortened. If the old (kept) date now
 * falls on a holiday it rolls forward to the next working day — later still,
 * never earlier.
 */
export function reconcileProvisional(
  old: StoredDeadline,
  recomputed: StoredDeadline & { provisional: boolean },
  calendar: WorkCalendar,
  timeZone = "Asia/Shanghai",
): ReconciledDeadline {
  const oldDay = parseDate(old.dueDate, "dueDate");
  const newDay = parseDate(recomputed.dueDate, "dueDate");
  if (newDay >= oldDay) {
    const changed = newDay !== oldDay;
    return {
      dueDate: recomputed.dueDate,
      dueAt: recomputed.dueAt,
      provisional: recomputed.provisional,
      kept: "recomputed",
      changed,
      note: changed
        ? `节假日安排已导入，期限由 ${formatDateZh(oldDay)} 重新计算为 ${formatDateZh(newDay)}`
        : `节假日安排已导入，期限 ${formatDateZh(oldDay)} 经重新计算不变`,
    };
  }
  const day = calendar.nextWorkingDayOnOrAfter(oldDay);
  const changed = day !== oldDay;
  return {
    dueDate: formatDate(day),
    dueAt: changed ? endOfLocalDay(day, timeZone) : old.dueAt,
    provisional: recomputed.provisional,
    kept: "old",
    changed,
    note:
      `节假日安排已导入，重新计算的期限 ${formatDateZh(newDay)} 早于已告知的期限 ${formatDateZh(oldDay)}，` +
      (changed
        ? `为不缩短已告知的期限，保留原期限并因其为非工作日顺延至 ${formatDateZh(day)}`
        : "为不缩短已告知的期限，保留原期限"),
  };
}

/**
 * True when `a` can never give a later deadline than `b`, for any event instant and any calendar
 * (a sound partial order; DESIGN.md §3's rules):
 *  - same_day ends no later than any rule; only same_day is within same_day;
 *  - within one rule, a smaller N is never later (months clamp to the month's last day, monotone);
 *  - calendar_days N is never later than working_days N (the N-th working day after the date is a
 *    working day on or after date+N; calendar_days N ends at the first working day on or after it);
 *  - working_days 1 (the first working day after the date) is never later than calendar_days M or
 *    months M (both end on a working day after the date); longer working-day periods can stretch
 *    past any calendar period over a holiday, so they are not provably within one;
 *  - calendar_days N is never later than months M when N <= 28·M (the shortest month).
 */
export function neverLaterThan(a: DeadlineSpec, b: DeadlineSpec): boolean {
  const an = a.n ?? 0;
  const bn = b.n ?? 0;
  if (a.rule === "same_day") return true;
  if (b.rule === "same_day") return false;
  if (a.rule === b.rule) return an <= bn;
  if (a.rule === "calendar_days" && b.rule === "working_days") return an <= bn;
  if (a.rule === "working_days" && (b.rule === "calendar_days" || b.rule === "months")) return an <= 1;
  if (a.rule === "calendar_days" && b.rule === "months") return an <= 28 * bn;
  return false;
}

/** A limit in the notice's words: "当日", "3个工作日", "3天", "1个月". */
export function describeLimit(spec: DeadlineSpec): string {
  const n = spec.n ?? 0;
  switch (spec.rule) {
    case "same_day":
      return "当日";
    case "working_days":
      return `${n}个工作日`;
    case "calendar_days":
      return `${n}天`;
    case "months":
      return `${n}个月`;
  }
}

/**
 * The policy's limits that exceed the standard's (STANDARD_CEILINGS), each with the field path
 * and a message naming the clause: a policy with any of them is refused.
 */
export function ceilingProblems(policy: TimeLimitPolicy): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const [field, c] of Object.entries(STANDARD_CEILINGS) as [
    PolicyLimit,
    { spec: DeadlineSpec; clause: string },
  ][]) {
    const spec = policy[field];
    if (!neverLaterThan(spec, c.spec)) {
      out.push({
        path: `policy.${field}`,
        message: `${describeLimit(spec)}在某些日期会晚于标准规定的${describeLimit(c.spec)}（${c.clause}）。时限只能从严，不能放宽`,
      });
    }
  }
  return out;
}
