import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { decryptField, encryptField, phoneIndex, phoneIndexes } from "../../lib/personal-data.js";

/** The recipient's phone is personal data: encrypted at rest, found through its blind index. */
export const PHONE_FIELD = "sms_messages.phone";

export interface SmsMessage {
  id: string;
  centerId: string;
  outboxId: string;
  phone: string;
  text: string;
  provider: string;
  sentAt: Date;
}

/** Advisory lock class of recordSmsMessage (the second key is the outbox id's hash). */
const RECORD_LOCK = 7101;

/**
 * Records a message the recording provider "sent". Idempotent on outbox_id:
 * a redelivery returns the id of the first record instead of adding one. The
 * log is partitioned by sent_at, so no unique index can hold outbox_id (a
 * redelivery has a later sent_at): a transaction-scoped advisory lock per
 * outbox row serialises the check and the insert instead.
 */
export async function recordSmsMessage(db: Db, m: Omit<SmsMessage, "id">): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${RECORD_LOCK}, hashtext(${m.outboxId}))`.execute(trx);
    const existing = await trx
      .selectFrom("sms_messages")
      .select("id")
      .where("outbox_id", "=", m.outboxId)
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    if (existing) return existing.id;
    const inserted = await trx
      .insertInto("sms_messages")
      .values({
        center_id: m.centerId,
        outbox_id: m.outboxId,
        phone: encryptField(m.phone, PHONE_FIELD),
        phone_bidx: phoneIndex(m.phone),
        text: m.text,
        provider: m.provider,
        sent_at: m.sentAt,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return inserted.id;
  });
}

/**
 * The SMS log of one center, newest first, keyset-paginated on id.
 * `phoneDigits` matches the recipient's number ignoring separators (through the blind index,
 * under every key of the ring).
 */
export async function listSmsMessages(
  db: Db,
  q: { centerId: string; limit: number; beforeId?: string; phoneDigits?: string },
): Promise<SmsMessage[]> {
  let query = db
    .selectFrom("sms_messages")
    .selectAll()
    .where("center_id", "=", q.centerId)
    .orderBy("id", "desc")
    .limit(q.limit);
  if (q.beforeId) query = query.where("id", "<", q.beforeId);
  if (q.phoneDigits) {
    query = query.where("phone_bidx", "in", phoneIndexes(q.phoneDigits));
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    centerId: r.center_id,
    outboxId: r.outbox_id,
    phone: decryptField(r.phone, PHONE_FIELD),
    text: r.text,
    provider: r.provider,
    sentAt: r.sent_at,
  }));
}
