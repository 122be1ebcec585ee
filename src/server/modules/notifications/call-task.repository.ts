import type { Db } from "../../db/database.js";
import { decryptField } from "../../lib/personal-data.js";
import { RECIPIENT_FIELD } from "./outbox.repository.js";

/** A call to make (电话告知): an outbox row on the 'call' channel. */
export interface CallTaskRow {
  id: string;
  centerId: string;
  appealId: string | null;
  kind: string;
  phone: string;
  text: string;
  attempts: number;
  lastError: string | null;
  dueAt: Date;
  createdAt: Date;
}

const COLUMNS = [
  "id",
  "center_id",
  "appeal_id",
  "kind",
  "recipient_phone",
  "text",
  "attempts",
  "last_error",
  "next_attempt_at",
  "created_at",
] as const;

type Row = {
  id: string;
  center_id: string;
  appeal_id: string | null;
  kind: string;
  recipient_phone: string;
  text: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
};

const toTask = (r: Row): CallTaskRow => ({
  id: r.id,
  centerId: r.center_id,
  appealId: r.appeal_id,
  kind: r.kind,
  phone: decryptField(r.recipient_phone, RECIPIENT_FIELD),
  text: r.text,
  attempts: r.attempts,
  lastError: r.last_error,
  dueAt: r.next_attempt_at,
  createdAt: r.created_at,
});

/**
 * The calls a center still has to make that are due by `until`, soonest first
 * (notification_outbox_calls_idx). A held call (the window may still replace it) is not due yet.
 */
export async function listDueCalls(
  db: Db,
  q: { centerId: string; until: Date; limit: number },
): Promise<CallTaskRow[]> {
  const rows = await db
    .selectFrom("notification_outbox")
    .select(COLUMNS)
    .where("center_id", "=", q.centerId)
    .where("channel", "=", "call")
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", q.until)
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(q.limit)
    .execute();
  return rows.map(toTask);
}

/**
 * Records one call. Reached → sent; not reached → due again at `retryAt`, or failed for good when
 * retryAt is null. Conditional on the attempts the caller saw: a second recording of the same
 * call changes nothing (null → 409).
 */
export async function recordCall(
  trx: Db,
  o: {
    id: string;
    centerId: string;
    expectedAttempts: number;
    reached: boolean;
    note: string | null;
    retryAt: Date | null;
    now: Date;
  },
): Promise<CallTaskRow | null> {
  const row = await trx
    .updateTable("notification_outbox")
    .set((eb) => ({
      attempts: eb("attempts", "+", 1),
      status: o.reached ? "sent" : o.retryAt ? "pending" : "failed",
      sent_at: o.reached ? o.now : null,
      next_attempt_at: o.reached || !o.retryAt ? eb.ref("next_attempt_at") : o.retryAt,
      last_error: o.reached ? o.note : `未接通${o.note ? `：${o.note}` : ""}`,
    }))
    .where("id", "=", o.id)
    .where("center_id", "=", o.centerId)
    .where("channel", "=", "call")
    .where("status", "=", "pending")
    .where("attempts", "=", o.expectedAttempts)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? toTask(row) : null;
}

/** Whether a call task exists in the center (to tell 404 from 409). */
export async function callTaskExists(db: Db, id: string, centerId: string): Promise<boolean> {
  const r = await db
    .selectFrom("notification_outbox")
    .select("id")
    .where("id", "=", id)
    .where("center_id", "=", centerId)
    .where("channel", "=", "call")
    .executeTakeFirst();
  return r !== undefined;
}
