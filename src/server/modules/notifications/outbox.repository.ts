import { sql } from "kysely";
import type { Db } from "../../db/database.js";

/** What a business action asks to tell the requester (受理回执, refusal, answer …). */
export interface NotificationRequest {
  centerId: string;
  appealId: string | null;
  /** e.g. 'appeal.received', 'appeal.rejected', 'appeal.resolved', 'appeal.acknowledged' */
  kind: string;
  recipientPhone: string;
  text: string;
  /** Unique per message, e.g. `appeal:42:received`; a second enqueue with it is a no-op. */
  dedupeKey: string;
  /**
   * Business time of the action (the injected clock). Pass it: it stamps the row
   * and makes the message due at once even under a simulated clock. Falls back
   * to the database's now().
   */
  now?: Date;
}

/**
 * Enqueues an SMS inside the caller's transaction (DESIGN.md §4 outbox): the
 * message exists if and only if the business change commits. Idempotent on
 * dedupe_key, so a retried action never texts the requester twice.
 * Returns true when a row was inserted.
 */
export async function enqueueNotification(trx: Db, n: NotificationRequest): Promise<boolean> {
  const at = n.now ?? sql<Date>`now()`;
  const res = await trx
    .insertInto("notification_outbox")
    .values({
      center_id: n.centerId,
      appeal_id: n.appealId,
      kind: n.kind,
      channel: "sms",
      recipient_phone: n.recipientPhone,
      text: n.text,
      dedupe_key: n.dedupeKey,
      next_attempt_at: at,
      created_at: at,
    })
    .onConflict((oc) => oc.column("dedupe_key").doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
