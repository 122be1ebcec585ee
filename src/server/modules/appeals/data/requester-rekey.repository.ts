import type { Db } from "../../../db/database.js";
import {
  isCiphertext,
  type Keyring,
  nameIndexUnder,
  openValue,
  phoneIndexUnder,
} from "../../../lib/personal-data.js";
import { toSearchDocument } from "../../../lib/text-search.js";
import { REQUESTER_FIELDS } from "./requester-crypto.js";

/**
 * One batch of the re-encryption pass over appeals (jobs/data-keys.ts): rows after `afterId`
 * whose personal fields are not under the ring's newest key are re-encrypted, and their blind
 * indexes recomputed. `legacy`: rows still in plaintext (written before migration 2026121200)
 * are encrypted too, and the requester's names are dropped from their search tokens.
 *
 * Each row is updated only if its phone ciphertext is still the one read (compare-and-set), and
 * without touching `version`: a rotation never makes a form that is open elsewhere stale.
 */
export async function rekeyAppealBatch(
  db: Db,
  ring: Keyring,
  o: { afterId: string; limit: number; legacy: boolean },
): Promise<{ lastId: string | null; changed: number; missed: number }> {
  const rows = await db
    .selectFrom("appeals")
    .select(["id", "requester_name", "contact_person", "phone", "address", "org_name", "content"])
    .where("id", ">", o.afterId)
    .orderBy("id")
    .limit(o.limit)
    .execute();
  let changed = 0;
  let missed = 0;
  for (const r of rows) {
    if (ring.isCurrent(r.phone)) continue;
    const plaintextRow = o.legacy && !isCiphertext(r.phone);
    const open = (v: string, f: string) => openValue(ring, v, f, o.legacy);
    const name = open(r.requester_name, REQUESTER_FIELDS.requester_name);
    const phone = open(r.phone, REQUESTER_FIELDS.phone);
    const contact =
      r.contact_person === null ? null : open(r.contact_person, REQUESTER_FIELDS.contact_person);
    const address = r.address === null ? null : open(r.address, REQUESTER_FIELDS.address);
    const res = await db
      .updateTable("appeals")
      .set({
        requester_name: ring.encrypt(name, REQUESTER_FIELDS.requester_name),
        contact_person: contact === null ? null : ring.encrypt(contact, REQUESTER_FIELDS.contact_person),
        phone: ring.encrypt(phone, REQUESTER_FIELDS.phone),
        address: address === null ? null : ring.encrypt(address, REQUESTER_FIELDS.address),
        phone_bidx: phoneIndexUnder(ring, phone),
        name_bidx: nameIndexUnder(ring, name),
        ...(plaintextRow ? { search_tokens: toSearchDocument(r.content, r.org_name) } : {}),
      })
      .where("id", "=", r.id)
      .where("phone", "=", r.phone)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) changed++;
    else missed++;
  }
  return { lastId: rows.length === o.limit ? rows[rows.length - 1]!.id : null, changed, missed };
}
