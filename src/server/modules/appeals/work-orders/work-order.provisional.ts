import { formatDate, localDay } from "../../../../core/calendar-date.js";
import { computeDeadline } from "../../../../core/deadline.js";
import { reconcileProvisional } from "../../../../core/time-limits.js";
import type { Db } from "../../../db/database.js";
import { appendAudit } from "../../audit/index.js";
import { onYearLoaded, type YearLoadedEvent } from "../../calendar/index.js";
import { SYSTEM_ACTOR } from "../appeal.actors.js";
import { findAppealInScope, insertAppealEvent, updateDeadlineFields } from "../appeal.repository.js";
import { centerScope } from "../appeal.scope.js";
import { listProvisionalOrders, setAssignmentsDue, updateOrderDeadline } from "./work-order.repository.js";

/**
 * ADR 0005 for handling deadlines: when a year's holiday notice is loaded,
 * open work orders whose deadline was provisional are recomputed from their
 * own (start, rule, n) on the new calendar, inside the loading transaction;
 * the later of old and new wins (a limit told to the requester and the
 * department is never shortened). The appeal's dueAt follows its order.
 */
export async function reconcileProvisionalOrders(trx: Db, e: YearLoadedEvent): Promise<number> {
  const orders = await listProvisionalOrders(trx, e.centerId);
  const tz = e.timeZone;
  const touched: string[] = [];
  for (const o of orders) {
    const old = o.due_at;
    const recomputed = computeDeadline(e.calendar, o.due_start, { rule: o.due_rule, n: o.due_n }, tz);
    const rec = reconcileProvisional(
      { dueDate: formatDate(localDay(old.getTime(), tz)), dueAt: old },
      { dueDate: recomputed.dueDate, dueAt: recomputed.dueAt, provisional: recomputed.provisional },
      e.calendar,
      tz,
    );
    const explanation = rec.kept === "recomputed" ? recomputed.explanation : `${rec.note}。`;
    await updateOrderDeadline(trx, o.id, {
      due_at: rec.dueAt,
      due_provisional: rec.provisional,
      due_explanation: explanation,
      updated_at: e.at,
    });
    await setAssignmentsDue(trx, o.id, rec.dueAt, e.at);
    const appeal = await findAppealInScope(trx, centerScope(o.center_id), o.appeal_id);
    if (appeal?.status === "dispatched" && appeal.due_at?.getTime() === old.getTime()) {
      await updateDeadlineFields(trx, appeal.id, {
        due_at: rec.dueAt,
        due_provisional: rec.provisional,
        due_explanation: explanation,
        updated_at: e.at,
      });
    }
    await insertAppealEvent(trx, {
      centerId: o.center_id,
      appealId: o.appeal_id,
      at: e.at,
      ...SYSTEM_ACTOR,
      type: "deadline_reconciled",
      details: {
        field: "dueAt",
        workOrderId: o.id,
        number: o.number,
        year: e.year,
        note: rec.note,
        kept: rec.kept,
        before: { dueAt: old.toISOString(), provisional: true },
        after: { dueAt: rec.dueAt.toISOString(), provisional: rec.provisional },
      },
    });
    touched.push(o.id);
  }
  if (touched.length) {
    await appendAudit(trx, {
      centerId: e.centerId,
      actorId: null,
      actorName: "system",
      action: "work_order.deadline.reconcile",
      entity: "calendar_year",
      entityId: String(e.year),
      details: { year: e.year, workOrders: touched.length, workOrderIds: touched.slice(0, 200) },
      at: e.at,
    });
  }
  return touched.length;
}

let subscribed = false;

/** Once per process (the hook registry is process-wide). */
export function subscribeWorkOrderReconciliation(): void {
  if (subscribed) return;
  subscribed = true;
  onYearLoaded(async (trx, e) => {
    await reconcileProvisionalOrders(trx, e);
  });
}
