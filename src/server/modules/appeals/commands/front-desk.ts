import {
  type AcknowledgeAppeal,
  isOnlineChannel,
  type RejectAppeal,
  type ResolveAppeal,
} from "../../../../contracts/appeals.js";
import type { Deps } from "../../../deps.js";
import { AppError, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { findAppealInScope } from "../data/appeal.repository.js";
import { acknowledgedSms, rejectedSms, resolvedSms } from "../messages/appeal.messages.js";
import { centerScope } from "../scope.js";
import { type CommandOptions, runAppealCommand, withCommand } from "./runner.js";
import { reviewItem } from "./tracking.js";

/** The window's actions on an appeal it received (受理): first response, refusal, answer on the spot. */

/** 首次回应 — the proactive first response an online appeal is owed within 1 working day. */
export function acknowledgeAppeal(
  deps: Deps,
  actor: UserActor,
  id: string,
  input: AcknowledgeAppeal,
  opts: CommandOptions,
) {
  return runAppealCommand(deps, actor, id, "acknowledge", input.expectedVersion, opts, async (c, row) => {
    if (!isOnlineChannel(row.channel)) {
      throw new AppError("ILLEGAL_TRANSITION", "现场和电话诉求已当面告知，无需另行首次回应");
    }
    if (row.responded_at) throw new AppError("ILLEGAL_TRANSITION", "该诉求已作出首次回应");
    // Answered is not handled: the appeal now waits for the center's decision, counted from receipt
    // (a simple off-site inquiry must be 处置办结 within 1 working day of reaching the center).
    await c.track(reviewItem(row, c.rules, row.received_at));
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
export function rejectAppeal(
  deps: Deps,
  actor: UserActor,
  id: string,
  input: RejectAppeal,
  opts: CommandOptions,
) {
  const referredTo = input.referredTo ?? null;
  return runAppealCommand(deps, actor, id, "reject", input.expectedVersion, opts, async (c, row) => {
    const withdrawn = await c.withdrawHeldReceipt(row);
    return {
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
          queryCode: withdrawn ? r.query_code : null,
          reason: input.reason,
          explanation: input.explanation,
          referredTo,
        }),
      audit: { action: "appeal.reject", details: { reason: input.reason, referredTo } },
    };
  });
}

/** 即时办结 — answered and closed on the spot (or a simple off-site matter answered). */
export function resolveAppeal(
  deps: Deps,
  actor: UserActor,
  id: string,
  input: ResolveAppeal,
  opts: CommandOptions,
) {
  return runAppealCommand(deps, actor, id, "resolve", input.expectedVersion, opts, async (c, row) => {
    const withdrawn = await c.withdrawHeldReceipt(row);
    return {
      set: { answer: input.answer, resolved_at: opts.now, responded_at: row.responded_at ?? opts.now },
      event: { type: "resolved", details: { answer: input.answer } },
      sms: (centerName, r) =>
        resolvedSms({
          centerName,
          trackingNo: r.tracking_no,
          queryCode: withdrawn ? r.query_code : null,
          answer: input.answer,
        }),
      audit: { action: "appeal.resolve", details: {} },
    };
  });
}

/**
 * The full phone number for a permitted user, with the reason logged in the
 * timeline and the audit log (personal data: access is recorded).
 */
export function revealPhone(
  deps: Deps,
  actor: UserActor,
  id: string,
  reason: string,
  opts: CommandOptions,
): Promise<{ phone: string }> {
  return withCommand(deps, actor, opts, async (c) => {
    const row = await findAppealInScope(c.trx, centerScope(actor.centerId), id);
    if (!row) throw notFound("诉求");
    await c.event(row, "phone_revealed", { reason });
    await c.audit({
      centerId: row.center_id,
      action: "appeal.phone.reveal",
      entity: "appeal",
      entityId: row.id,
      details: { trackingNo: row.tracking_no, reason },
    });
    return { phone: row.phone };
  });
}
