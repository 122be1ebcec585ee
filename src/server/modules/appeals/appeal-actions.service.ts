import {
  type AcknowledgeAppeal,
  type Appeal,
  isOnlineChannel,
  type RejectAppeal,
  type ResolveAppeal,
} from "../../../contracts/appeals.js";
import { type AppealAction, transition, WorkflowError } from "../../../core/workflow.js";
import type { Db } from "../../db/database.js";
import type { RowUpdate } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import type { UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { enqueueNotification } from "../notifications/index.js";
import { resolveOrdersFor } from "../supervision/index.js";
import { auditActor, eventActor } from "./appeal.actors.js";
import { acknowledgedSms, rejectedSms, resolvedSms } from "./appeal.messages.js";
import { toAppealDto } from "./appeal.presenter.js";
import {
  type AppealRow,
  findAppealInScope,
  findCenterInfo,
  insertAppealEvent,
  updateAppealIfVersion,
} from "./appeal.repository.js";
import { centerScope } from "./appeal.scope.js";

export interface ActionOptions {
  now: Date;
  ip: string | null;
}

export const versionConflict = () => new AppError("VERSION_CONFLICT", "已被他人处理，请刷新");

export interface Step {
  set: Omit<RowUpdate<"appeals">, "id" | "version" | "center_id" | "status" | "updated_at">;
  event: { type: string; details: Record<string, unknown> };
  sms?: (centerName: string, row: AppealRow) => string;
  audit: { action: string; details: Record<string, unknown> };
}

/** The state after `action`, or 409 ILLEGAL_TRANSITION with the table's Chinese message. */
export function nextStatus(state: AppealRow["status"], action: AppealAction): AppealRow["status"] {
  try {
    return transition(state, action);
  } catch (e) {
    if (e instanceof WorkflowError) throw new AppError("ILLEGAL_TRANSITION", e.message);
    throw e;
  }
}

/**
 * One workflow action on one appeal, in one transaction: scope check (404),
 * expectedVersion (409 VERSION_CONFLICT), the transition table
 * (409 ILLEGAL_TRANSITION), a version-guarded update, the timeline event,
 * the requester's SMS through the outbox, and the audit entry.
 */
export async function applyAppealAction(
  db: Db,
  actor: UserActor,
  id: string,
  action: AppealAction,
  expectedVersion: number | undefined,
  opts: ActionOptions,
  plan: (row: AppealRow) => Step,
): Promise<Appeal> {
  return db.transaction().execute(async (trx) => {
    const row = await findAppealInScope(trx, centerScope(actor.centerId), id);
    if (!row) throw notFound("诉求");
    if (expectedVersion !== undefined && expectedVersion !== row.version) throw versionConflict();
    const next = nextStatus(row.status, action);
    const { updated, timeZone } = await writeAppealStep(trx, actor, row, next, opts, plan(row));
    return toAppealDto(updated, timeZone, opts.now);
  });
}

/**
 * The writes of one action on an appeal already loaded and checked, inside the
 * caller's transaction (the work-order module adds its own rows around it):
 * version-guarded update to `next`, timeline event with before/after, SMS
 * through the outbox, audit entry.
 */
export async function writeAppealStep(
  trx: Db,
  actor: UserActor,
  row: AppealRow,
  next: AppealRow["status"],
  opts: ActionOptions,
  step: Step,
): Promise<{ updated: AppealRow; timeZone: string; centerName: string }> {
  const updated = await updateAppealIfVersion(trx, row.id, row.version, {
    ...step.set,
    status: next,
    updated_at: opts.now,
  });
  if (!updated) throw versionConflict();
  // The first response is given (or no longer owed): its open 督办单, if any, is resolved.
  const owed = (a: AppealRow) => a.status === "received" && a.responded_at === null && a.respond_by !== null;
  if (owed(row) && !owed(updated)) {
    await resolveOrdersFor(trx, row.center_id, "first_response", row.id, opts.now);
  }
  const center = await findCenterInfo(trx, row.center_id);
  const tz = center?.timezone ?? "Asia/Shanghai";
  const centerName = center?.name ?? "政务服务中心";
  await insertAppealEvent(trx, {
    centerId: row.center_id,
    appealId: row.id,
    at: opts.now,
    ...eventActor(actor),
    type: step.event.type,
    details: {
      ...step.event.details,
      before: { status: row.status, version: row.version },
      after: { status: next, version: updated.version },
    },
  });
  if (step.sms) {
    await enqueueNotification(trx, {
      centerId: row.center_id,
      appealId: row.id,
      kind: `appeal.${step.event.type}`,
      recipientPhone: row.phone,
      text: step.sms(centerName, updated),
      dedupeKey: `appeal:${row.id}:v${updated.version}:${step.event.type}`,
      now: opts.now,
    });
  }
  await appendAudit(trx, {
    centerId: row.center_id,
    ...auditActor(actor),
    action: step.audit.action,
    entity: "appeal",
    entityId: row.id,
    details: { trackingNo: row.tracking_no, from: row.status, to: next, ...step.audit.details },
    ip: opts.ip,
    at: opts.now,
  });
  return { updated, timeZone: tz, centerName };
}

/** 首次回应 — the proactive first response an online appeal is owed within 1 working day. */
export function acknowledgeAppeal(
  db: Db,
  actor: UserActor,
  id: string,
  input: AcknowledgeAppeal,
  opts: ActionOptions,
) {
  return applyAppealAction(db, actor, id, "acknowledge", input.expectedVersion, opts, (row) => {
    if (!isOnlineChannel(row.channel)) {
      throw new AppError("ILLEGAL_TRANSITION", "现场和电话诉求已当面告知，无需另行首次回应");
    }
    if (row.responded_at) throw new AppError("ILLEGAL_TRANSITION", "该诉求已作出首次回应");
    return {
      set: { responded_at: opts.now },
      event: { type: "acknowledged", details: { message: input.message } },
      sms: (centerName, r) =>
        acknowledgedSms({ centerName, trackingNo: r.tracking_no, message: input.message }),
      audit: { action: "appeal.acknowledge", details: {} },
    };
  });
}

/** 不予受理 — one of the seven reasons, with the explanation the requester is told. */
export function rejectAppeal(db: Db, actor: UserActor, id: string, input: RejectAppeal, opts: ActionOptions) {
  const referredTo = input.referredTo ?? null;
  return applyAppealAction(db, actor, id, "reject", input.expectedVersion, opts, (row) => ({
    set: {
      reject_reason: input.reason,
      reject_explanation: input.explanation,
      referred_to: referredTo,
      responded_at: row.responded_at ?? opts.now,
    },
    event: {
      type: "rejected",
      details: { reason: input.reason, explanation: input.explanation, referredTo },
    },
    sms: (centerName, r) =>
      rejectedSms({
        centerName,
        trackingNo: r.tracking_no,
        reason: input.reason,
        explanation: input.explanation,
        referredTo,
      }),
    audit: { action: "appeal.reject", details: { reason: input.reason, referredTo } },
  }));
}

/** 即时办结 — answered and closed on the spot (or a simple off-site matter answered). */
export function resolveAppeal(
  db: Db,
  actor: UserActor,
  id: string,
  input: ResolveAppeal,
  opts: ActionOptions,
) {
  return applyAppealAction(db, actor, id, "resolve", input.expectedVersion, opts, (row) => ({
    set: { answer: input.answer, resolved_at: opts.now, responded_at: row.responded_at ?? opts.now },
    event: { type: "resolved", details: { answer: input.answer } },
    sms: (centerName, r) => resolvedSms({ centerName, trackingNo: r.tracking_no, answer: input.answer }),
    audit: { action: "appeal.resolve", details: {} },
  }));
}

/**
 * The full phone number for a permitted user, with the reason logged in the
 * timeline and the audit log (personal data: access is recorded).
 */
export async function revealPhone(
  db: Db,
  actor: UserActor,
  id: string,
  reason: string,
  opts: ActionOptions,
): Promise<{ phone: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await findAppealInScope(trx, centerScope(actor.centerId), id);
    if (!row) throw notFound("诉求");
    await insertAppealEvent(trx, {
      centerId: row.center_id,
      appealId: row.id,
      at: opts.now,
      ...eventActor(actor),
      type: "phone_revealed",
      details: { reason },
    });
    await appendAudit(trx, {
      centerId: row.center_id,
      ...auditActor(actor),
      action: "appeal.phone.reveal",
      entity: "appeal",
      entityId: row.id,
      details: { trackingNo: row.tracking_no, reason },
      ip: opts.ip,
      at: opts.now,
    });
    return { phone: row.phone };
  });
}
