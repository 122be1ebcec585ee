import { type CallOutcome, type CallTask, noticeKindLabel } from "../../../contracts/notifications.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import { maskPhone } from "../../../core/masking.js";
import type { Db } from "../../db/database.js";
import type { Deps } from "../../deps.js";
import { AppError, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { type CallTaskRow, callTaskExists, listDueCalls, recordCall } from "./call-task.repository.js";

/** A requester not reached is called again two hours later, three calls in all. */
export const CALL_RETRY_MS = 2 * 3600_000;
export const CALL_MAX_ATTEMPTS = 3;

/** A call was recorded (电话告知): the lifecycle puts it on the appeal's timeline. */
export interface RequesterCalled {
  centerId: string;
  appealId: string;
  kind: string;
  kindLabel: string;
  reached: boolean;
  /** Given up after the last unanswered call. */
  gaveUp: boolean;
  note: string | null;
  actor: { id: string; name: string };
  at: Date;
}

declare module "../../lib/events.js" {
  interface DomainEventMap {
    "requester.called": RequesterCalled;
  }
}

export function presentCall(t: CallTaskRow, tz: string): CallTask {
  return {
    id: t.id,
    appealId: t.appealId,
    kind: t.kind,
    kindLabel: noticeKindLabel(t.kind),
    phone: maskPhone(t.phone),
    text: t.text,
    attempts: t.attempts,
    lastError: t.lastError,
    dueAt: toOffsetIso(t.dueAt, tz),
    createdAt: toOffsetIso(t.createdAt, tz),
  };
}

/** The calls due now in the actor's center, soonest first (the window's to-do list). */
export async function dueCalls(db: Db, centerId: string, now: Date, limit: number): Promise<CallTaskRow[]> {
  return listDueCalls(db, { centerId, until: now, limit });
}

/** Records a call: audited, on the appeal's timeline, once (a repeated recording gets 409). */
export async function recordCallOutcome(
  deps: Deps,
  actor: UserActor,
  id: string,
  input: CallOutcome,
  ctx: { now: Date; ip: string | null },
): Promise<CallTaskRow> {
  return deps.db.transaction().execute(async (trx) => {
    const last = !input.reached && input.expectedAttempts + 1 >= CALL_MAX_ATTEMPTS;
    const row = await recordCall(trx, {
      id,
      centerId: actor.centerId,
      expectedAttempts: input.expectedAttempts,
      reached: input.reached,
      note: input.note || null,
      retryAt: input.reached || last ? null : new Date(ctx.now.getTime() + CALL_RETRY_MS),
      now: ctx.now,
    });
    if (!row) {
      if (!(await callTaskExists(trx, id, actor.centerId))) throw notFound("电话告知任务");
      throw new AppError("VERSION_CONFLICT", "该电话告知已由他人记录，请刷新后重试");
    }
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "call.record",
      entity: "notification_outbox",
      entityId: row.id,
      details: { reached: input.reached, attempts: row.attempts, kind: row.kind },
      ip: ctx.ip,
      at: ctx.now,
    });
    if (row.appealId) {
      await deps.events.emit(trx, "requester.called", {
        centerId: row.centerId,
        appealId: row.appealId,
        kind: row.kind,
        kindLabel: noticeKindLabel(row.kind),
        reached: input.reached,
        gaveUp: last,
        note: input.note || null,
        actor: { id: actor.userId, name: actor.displayName },
        at: ctx.now,
      });
    }
    return row;
  });
}
