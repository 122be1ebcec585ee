import type { Db } from "../../db/database.js";
import { type Keyring, openValue, phoneIndexUnder } from "../../lib/personal-data.js";
import { RECIPIENT_FIELD } from "./outbox.repository.js";
import { PHONE_FIELD } from "./sms-message.repository.js";

/**
 * Batches of the re-encryption pass (jobs/data-keys.ts) over the notification tables: the
 * outbox's recipient phone and the SMS log's phone (with its blind index). Compare-and-set on
 * the value read, so a concurrent change is never overwritten. See appeals' rekeyAppealBatch.
 */
export interface RekeyBatch {
  lastId: string | null;
  changed: number;
  missed: number;
}

export async function rekeyOutboxBatch(
  db: Db,
  ring: Keyring,
  o: { afterId: string; limit: number; legacy: boolean },
): Promise<RekeyBatch> {
  const rows = await db
    .selectFrom("notification_outbox")
    .select(["id", "recipient_phone"])
    .where("id", ">", o.afterId)
    .orderBy("id")
    .limit(o.limit)
    .execute();
  let changed = 0;
  let missed = 0;
  for (const r of rows) {
    if (ring.isCurrent(r.recipient_phone)) continue;
    const phone = openValue(ring, r.recipient_phone, RECIPIENT_FIELD, o.legacy);
    const res = await db
      .updateTable("notification_outbox")
      .set({ recipient_phone: ring.encrypt(phone, RECIPIENT_FIELD) })
      .where("id", "=", r.id)
      .where("recipient_phone", "=", r.recipient_phone)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) changed++;
    else missed++;
  }
  return { lastId: rows.length === o.limit ? rows[rows.length - 1]!.id : null, changed, missed };
}

export async function rekeySmsBatch(
  db: Db,
  ring: Keyring,
  o: { afterId: string; limit: number; legacy: boolean },
): Promise<RekeyBatch> {
  const rows = await db
    .selectFrom("sms_messages")
    .select(["id", "phone"])
    .where("id", ">", o.afterId)
    .orderBy("id")
    .limit(o.limit)
    .execute();
  let changed = 0;
  let missed = 0;
  for (const r of rows) {
    if (ring.isCurrent(r.phone)) continue;
    const phone = openValue(ring, r.phone, PHONE_FIELD, o.legacy);
    const res = await db
      .updateTable("sms_messages")
      .set({ phone: ring.encrypt(phone, PHONE_FIELD), phone_bidx: phoneIndexUnder(ring, phone) })
      .where("id", "=", r.id)
      .where("phone", "=", r.phone)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) changed++;
    else missed++;
  }
  return { lastId: rows.length === o.limit ? rows[rows.length - 1]!.id : null, changed, missed };
}
