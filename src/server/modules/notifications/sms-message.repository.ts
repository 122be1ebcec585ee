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

/**
 * Records a message the recording provider "sent". Idempotent on outbox_id:
 * a redelivery returns the id of the first record instead of adding one.
 */
export async function recordSmsMessage(db: Db, m: Omit<SmsMessage, "id">): Promise<string> {
  const inserted = await db
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
    .onConflict((oc) => oc.column("outbox_id").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const existing = await db
    .selectFrom("sms_messages")
    .select("id")
    .where("outbox_id", "=", m.outboxId)
    .executeTakeFirstOrThrow();
  return existing.id;
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
