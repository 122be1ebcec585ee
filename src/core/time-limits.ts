import type { Complexity } from "../contracts/appeals.js";
import type { DeadlineSpec, TimeLimitPolicy } from "../contracts/calendar.js";
import type { WorkCalendar } from "./calendar.js";
import { endOfLocalDay, formatDate, formatDateZh, parseDate } from "./calendar-date.js";

// The policy's shape is the contract's (one definition, validated at the boundary).
export type { TimeLimitPolicy };

/** The standard's limits, used until an admin edits the center's policy. */
export const DEFAULT_TIME_LIMIT_POLICY: TimeLimitPolicy = {
  firstResponse: { rule: "working_days", n: 1 },
  simple: { rule: "same_day", n: 0 },
  general: { rule: "working_days", n: 3 },
  multiDepartment: { rule: "working_days", n: 7 },
  major: { rule: "months", n: 1 },
  reminder: { workingDaysBefore: 1, fractionRemaining: 0.2 },
  supervisionDeadline: { rule: "working_days", n: 2 },
  escalation: { government: "同级人民政府", disciplineCommission: "同级纪委监委", copyTo: [] },
};

export type { Complexity };

/** The handling limit (办理时限) for a work order of the given complexity. */
export function limitForComplexity(policy: TimeLimitPolicy, complexity: Complexity): DeadlineSpec {
  switch (complexity) {
    case "simple":
      return policy.simple;
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
