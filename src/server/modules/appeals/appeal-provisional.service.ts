import { formatDate, localDay } from "../../../core/calendar-date.js";
import { computeDeadline } from "../../../core/deadline.js";
import { reconcileProvisional } from "../../../core/time-limits.js";
import type { Db } from "../../db/database.js";
import { appendAudit } from "../audit/index.js";
import { getTimeLimitPolicy, onYearLoaded, type YearLoadedEvent } from "../calendar/index.js";
import { SYSTEM_ACTOR } from "./appeal.actors.js";
import { insertAppealEvent, listProvisionalOpenAppeals, updateDeadlineFields } from "./appeal.repository.js";

/**
 * ADR 0005: a deadline reaching a year whose holiday notice is not loaded yet
 * is provisional. When the notice is loaded, the first-response deadlines
 * (respondBy) of appeals still waiting for their first response are
 * recomputed on the new calendar — inside the loading transaction — and the
 * later of old and new wins, so a limit already told to the requester is
 * never shortened. Each change is an event in the appeal's timeline.
 *
 * Handling deadlines (dueAt) are set on dispatch with the work order's own
 * start and limit; the work-order module reconciles those the same way.
 */
export async function reconcileProvisionalAppeals(trx: Db, e: YearLoadedEvent): Promise<number> {
  const rows = (await listProvisionalOpenAppeals(trx, e.centerId)).filter(
    (r) => r.respond_by_provisional && !r.responded_at && r.respond_by && r.status === "received",
  );
  if (rows.length === 0) return 0;
  const policy = await getTimeLimitPolicy(trx, e.centerId);
  const tz = e.timeZone;
  const touched: string[] = [];
  for (const r of rows) {
    const old = r.respond_by!;
    const recomputed = computeDeadline(e.calendar, r.received_at, policy.firstResponse, tz);
    const rec = reconcileProvisional(
      { dueDate: formatDate(localDay(old.getTime(), tz)), dueAt: old },
      { dueDate: recomputed.dueDate, dueAt: recomputed.dueAt, provisional: recomputed.provisional },
      e.calendar,
      tz,
    );
    await updateDeadlineFields(trx, r.id, {
      respond_by: rec.dueAt,
      respond_by_provisional: rec.provisional,
      respond_by_explanation: rec.kept === "recomputed" ? recomputed.explanation : `${rec.note}。`,
      updated_at: e.at,
    });
    await insertAppealEvent(trx, {
      centerId: r.center_id,
      appealId: r.id,
      at: e.at,
      ...SYSTEM_ACTOR,
      type: "deadline_reconciled",
      details: {
        field: "respondBy",
        year: e.year,
        note: rec.note,
        kept: rec.kept,
        before: { respondBy: old.toISOString(), provisional: true },
        after: { respondBy: rec.dueAt.toISOString(), provisional: rec.provisional },
      },
    });
    touched.push(r.id);
  }
  await appendAudit(trx, {
    centerId: e.centerId,
    actorId: null,
    actorName: "system",
    action: "appeal.deadline.reconcile",
    entity: "calendar_year",
    entityId: String(e.year),
    details: { year: e.year, appeals: touched.length, appealIds: touched.slice(0, 200) },
    at: e.at,
  });
  return touched.length;
}

let subscribed = false;

/**
 * Subscribes once per process (the hook registry is process-wide; several
 * app instances in one process must not reconcile twice).
 */
export function subscribeProvisionalReconciliation(): void {
  if (subscribed) return;
  subscribed = true;
  onYearLoaded(async (trx, e) => {
    await reconcileProvisionalAppeals(trx, e);
  });
}
