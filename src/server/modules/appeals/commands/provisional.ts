import { formatDate, localDay } from "../../../../core/calendar-date.js";
import { computeDeadline } from "../../../../core/deadline.js";
import { reconcileProvisional } from "../../../../core/time-limits.js";
import type { Db } from "../../../db/database.js";
import type { Deps } from "../../../deps.js";
import { appendAudit } from "../../audit/index.js";
import type { YearLoaded } from "../../calendar/index.js";
import { SYSTEM_ACTOR } from "../actors.js";
import {
  findAppealInScope,
  insertAppealEvents,
  listProvisionalOpenAppeals,
  updateDeadlineFields,
} from "../data/appeal.repository.js";
import {
  listProvisionalOrders,
  setAssignmentsDue,
  updateOrderDeadline,
} from "../data/work-order.repository.js";
import { centerScope } from "../scope.js";
import { firstResponseItem, orderItem } from "./tracking.js";

/**
 * ADR 0005: a deadline reaching a year whose holiday notice is not loaded yet
 * is provisional. When the notice is loaded (calendar.yearLoaded, inside the
 * loading transaction), open first-response and handling deadlines are
 * recomputed on the new calendar from their own start and rule; the later of
 * old and new wins, so a limit already told to the requester or the
 * department is never shortened. Each change is an event in the appeal's
 * timeline and moves the tracked limit.
 */
export async function reconcileProvisionalDeadlines(deps: Deps, trx: Db, e: YearLoaded): Promise<void> {
  await reconcileFirstResponses(deps, trx, e);
  await reconcileOrders(deps, trx, e);
}

function systemEvent(centerId: string, appealId: string, at: Date, details: Record<string, unknown>) {
  return {
    center_id: centerId,
    appeal_id: appealId,
    at,
    actor_id: SYSTEM_ACTOR.actorId,
    actor_name: SYSTEM_ACTOR.actorName,
    actor_kind: SYSTEM_ACTOR.actorKind,
    type: "deadline_reconciled",
    details: JSON.stringify(details),
  };
}

async function reconcileFirstResponses(deps: Deps, trx: Db, e: YearLoaded): Promise<number> {
  const rows = (await listProvisionalOpenAppeals(trx, e.centerId)).filter(
    (r) => r.respond_by_provisional && !r.responded_at && r.respond_by && r.status === "received",
  );
  if (rows.length === 0) return 0;
  const { calendar, timeZone: tz, policy } = e.rules;
  for (const r of rows) {
    const old = r.respond_by!;
    const recomputed = computeDeadline(calendar, r.received_at, policy.firstResponse, tz);
    const rec = reconcileProvisional(
      { dueDate: formatDate(localDay(old.getTime(), tz)), dueAt: old },
      { dueDate: recomputed.dueDate, dueAt: recomputed.dueAt, provisional: recomputed.provisional },
      calendar,
      tz,
    );
    await updateDeadlineFields(trx, r.id, {
      respond_by: rec.dueAt,
      respond_by_provisional: rec.provisional,
      respond_by_explanation: rec.kept === "recomputed" ? recomputed.explanation : `${rec.note}。`,
      updated_at: e.at,
    });
    await insertAppealEvents(trx, [
      systemEvent(r.center_id, r.id, e.at, {
        field: "respondBy",
        year: e.year,
        note: rec.note,
        kept: rec.kept,
        before: { respondBy: old.toISOString(), provisional: true },
        after: { respondBy: rec.dueAt.toISOString(), provisional: rec.provisional },
      }),
    ]);
    await deps.events.emit(trx, "tracking.started", {
      item: firstResponseItem({ ...r, respond_by: rec.dueAt }),
      rules: e.rules,
      now: e.at,
    });
  }
  await appendAudit(trx, {
    centerId: e.centerId,
    actorId: null,
    actorName: "system",
    action: "appeal.deadline.reconcile",
    entity: "calendar_year",
    entityId: String(e.year),
    details: { year: e.year, appeals: rows.length, appealIds: rows.slice(0, 200).map((r) => r.id) },
    at: e.at,
  });
  return rows.length;
}

async function reconcileOrders(deps: Deps, trx: Db, e: YearLoaded): Promise<number> {
  const orders = await listProvisionalOrders(trx, e.centerId);
  const { calendar, timeZone: tz } = e.rules;
  for (const o of orders) {
    const old = o.due_at;
    const recomputed = computeDeadline(calendar, o.due_start, { rule: o.due_rule, n: o.due_n }, tz);
    const rec = reconcileProvisional(
      { dueDate: formatDate(localDay(old.getTime(), tz)), dueAt: old },
      { dueDate: recomputed.dueDate, dueAt: recomputed.dueAt, provisional: recomputed.provisional },
      calendar,
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
    await insertAppealEvents(trx, [
      systemEvent(o.center_id, o.appeal_id, e.at, {
        field: "dueAt",
        workOrderId: o.id,
        number: o.number,
        year: e.year,
        note: rec.note,
        kept: rec.kept,
        before: { dueAt: old.toISOString(), provisional: true },
        after: { dueAt: rec.dueAt.toISOString(), provisional: rec.provisional },
      }),
    ]);
    await deps.events.emit(trx, "tracking.started", {
      item: await orderItem(trx, { ...o, due_at: rec.dueAt }, appeal?.tracking_no),
      rules: e.rules,
      now: e.at,
    });
  }
  if (orders.length) {
    await appendAudit(trx, {
      centerId: e.centerId,
      actorId: null,
      actorName: "system",
      action: "work_order.deadline.reconcile",
      entity: "calendar_year",
      entityId: String(e.year),
      details: {
        year: e.year,
        workOrders: orders.length,
        workOrderIds: orders.slice(0, 200).map((o) => o.id),
      },
      at: e.at,
    });
  }
  return orders.length;
}
