import type { Complexity } from "../../../../contracts/appeals.js";
import { formatDateZh, localDay, parseDate } from "../../../../core/calendar-date.js";
import type { CenterRules } from "../../../../core/center-rules.js";
import type { DeadlineResult } from "../../../../core/deadline.js";
import { limitForComplexity } from "../../../../core/time-limits.js";
import { invalid } from "../../../errors.js";
import { computeDeadlineForCenter, withInputErrors } from "../../calendar/index.js";
import {
  setAssignmentsDue,
  updateWorkOrderIfVersion,
  type WorkOrderRow,
} from "../data/work-order.repository.js";
import { type CommandContext, orderVersionConflict } from "./runner.js";
import { orderItem } from "./tracking.js";

/**
 * The lifecycle's deadlines, counted on the center's rules passed in (pure
 * arithmetic inside a transaction; DESIGN.md §3: the day of the event is not
 * counted, a period ends at 24:00 of a working day).
 */

/**
 * 首次回应时限 — the proactive first response online, letter and mini-program
 * appeals are owed (处置流程 · 受理: 1 个工作日内主动回应), counted from when
 * the appeal reached the center.
 */
export function firstResponseDeadline(rules: CenterRules, receivedAt: Date): DeadlineResult {
  return computeDeadlineForCenter(rules, receivedAt, rules.policy.firstResponse);
}

/**
 * 办理时限 of a 工作单 by complexity (办理: simple same day, general 3 days,
 * multi-department 7 days, major 1 month), counted from dispatch.
 */
export function handlingDeadline(rules: CenterRules, complexity: Complexity, now: Date): DeadlineResult {
  return computeDeadlineForCenter(rules, now, limitForComplexity(rules.policy, complexity));
}

/**
 * A deadline "until the end of `date`" (an approved extension, a plan's last
 * milestone), counted like calendar_days from now: when `date` is not a
 * working day the period ends at the end of the next working day (Civil
 * Code art. 203, DESIGN.md §3). `date` must lie after today.
 */
export function deadlineUntil(rules: CenterRules, now: Date, date: string, path: string): DeadlineResult {
  const day = withInputErrors(() => parseDate(date, path));
  const today = localDay(now.getTime(), rules.timeZone);
  if (day <= today) throw invalid(path, `日期应晚于今天（${formatDateZh(today)}）`);
  return computeDeadlineForCenter(rules, now, { rule: "calendar_days", n: day - today });
}

/** The local date of an instant in the center's time zone, for comparisons with a chosen date. */
export function localDayOf(at: Date, timeZone: string): number {
  return localDay(at.getTime(), timeZone);
}

/**
 * Moves an order's deadline (the appeal's is set by the caller through its
 * own step, so its event and SMS go with it): the order row with its
 * (start, rule, n) for later recomputation, the department inbox copies, and
 * the tracked limit.
 */
export async function setOrderDue(
  c: CommandContext,
  order: WorkOrderRow,
  due: DeadlineResult,
  explanation: string,
  start: Date,
): Promise<WorkOrderRow> {
  const row = await updateWorkOrderIfVersion(c.trx, order.id, order.version, {
    due_at: due.dueAt,
    due_rule: due.rule,
    due_n: due.n,
    due_start: start,
    due_provisional: due.provisional,
    due_explanation: explanation,
    updated_at: c.now,
  });
  if (!row) throw orderVersionConflict();
  await setAssignmentsDue(c.trx, order.id, due.dueAt, c.now);
  await c.track(await orderItem(c.trx, row));
  return row;
}
