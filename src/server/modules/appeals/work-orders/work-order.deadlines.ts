import { formatDateZh, localDay, parseDate } from "../../../../core/calendar-date.js";
import type { DeadlineResult } from "../../../../core/deadline.js";
import type { Db } from "../../../db/database.js";
import { invalid } from "../../../errors.js";
import { computeDeadlineForCenter, getCalendarEntry, withInputErrors } from "../../calendar/index.js";
import { armDeadline } from "../../supervision/index.js";
import { orderVersionConflict } from "./work-order.context.js";
import { setAssignmentsDue, updateWorkOrderIfVersion, type WorkOrderRow } from "./work-order.repository.js";

/**
 * A deadline "until the end of `date`" (an approved extension, a plan's last
 * milestone), counted like calendar_days from now: when `date` is not a
 * working day the period ends at the end of the next working day (Civil
 * Code art. 203, DESIGN.md §3). `date` must lie after today.
 */
export async function deadlineUntil(
  db: Db,
  centerId: string,
  now: Date,
  date: string,
  path: string,
): Promise<DeadlineResult> {
  const { timeZone } = await getCalendarEntry(db, centerId);
  const day = withInputErrors(() => parseDate(date, path));
  const today = localDay(now.getTime(), timeZone);
  if (day <= today) throw invalid(path, `日期应晚于今天（${formatDateZh(today)}）`);
  return computeDeadlineForCenter(db, centerId, now, { rule: "calendar_days", n: day - today });
}

/** The local date of an instant in the center's time zone, for comparisons with a chosen date. */
export function localDayOf(at: Date, timeZone: string): number {
  return localDay(at.getTime(), timeZone);
}

/**
 * Moves an order's deadline (the appeal's is set by the caller through its
 * own step, so its event and SMS go with it): the order row with its
 * (start, rule, n) for later recomputation, and the department inbox copies.
 */
export async function setOrderDue(
  trx: Db,
  order: WorkOrderRow,
  due: DeadlineResult,
  explanation: string,
  now: Date,
  start: Date,
): Promise<WorkOrderRow> {
  const row = await updateWorkOrderIfVersion(trx, order.id, order.version, {
    due_at: due.dueAt,
    due_rule: due.rule,
    due_n: due.n,
    due_start: start,
    due_provisional: due.provisional,
    due_explanation: explanation,
    updated_at: now,
  });
  if (!row) throw orderVersionConflict();
  await setAssignmentsDue(trx, order.id, due.dueAt, now);
  await armDeadline(trx, {
    centerId: order.center_id,
    targetKind: "work_order",
    targetId: order.id,
    appealId: order.appeal_id,
    startAt: start,
    dueAt: due.dueAt,
    now,
  });
  return row;
}
