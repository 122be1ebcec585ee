import { reminderAt } from "../../../core/supervision.js";
import type { Db } from "../../db/database.js";
import type { Deps } from "../../deps.js";
import type { TrackingEnded, TrackingStarted } from "../appeals/index.js";
import { cancelTimers, closeItem, upsertItem } from "./supervision.repository.js";
import { resolveOrdersFor } from "./supervision.sweep.js";

/**
 * Supervision keeps its register and timers from the lifecycle's tracking
 * events (ADR 0003, 0008, 0009), in the transaction that set or met the limit.
 */

/**
 * A limit starts, moves or runs again: the register row is opened or updated,
 * and the reminder (催办, at the policy's threshold counted in working days on
 * the calendar the limit was counted with) and overdue timers are armed.
 */
export async function startTracking(trx: Db, e: TrackingStarted): Promise<void> {
  const { item, rules, now } = e;
  const base = { centerId: item.centerId, targetKind: item.kind, targetId: item.id, appealId: item.appealId };
  const remindAt = reminderAt(
    item.startAt,
    item.dueAt,
    rules.policy.reminder,
    rules.calendar,
    rules.timeZone,
  );
  await upsertItem(
    e.writes ?? trx,
    {
      center_id: item.centerId,
      target_kind: item.kind,
      target_id: item.id,
      appeal_id: item.appealId,
      tracking_no: item.trackingNo,
      label: item.label,
      title: item.title,
      department_ids: item.departmentIds,
      lead_department_id: item.departmentIds[0] ?? null,
      start_at: item.startAt,
      due_at: item.dueAt,
      now,
    },
    [
      { ...base, stage: "reminder", dueAt: item.dueAt, fireAt: remindAt, now },
      { ...base, stage: "overdue", dueAt: item.dueAt, fireAt: new Date(item.dueAt.getTime() + 1), now },
    ],
  );
}

/** A limit is met: the item leaves the board, its timers stop, an open 督办单 about it is resolved. */
export async function endTracking(trx: Db, e: TrackingEnded): Promise<void> {
  await closeItem(trx, e.centerId, e.kind, e.id, e.now);
  await cancelTimers(trx, e.centerId, e.kind, e.id, e.now);
  await resolveOrdersFor(trx, e.centerId, e.kind, e.id, e.now);
}

/** What supervision listens to; called once by the composition root (src/server/context.ts). */
export function subscribeSupervision(deps: Deps): void {
  deps.events.on("tracking.started", startTracking);
  deps.events.on("tracking.ended", endTracking);
}
