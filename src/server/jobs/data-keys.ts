import type { Db } from "../db/database.js";
import { compactTables } from "../db/maintenance.js";
import {
  activeKeyIds,
  type DataKeySource,
  newestKeyId,
  openDataKeys,
  PLAINTEXT_KEY_ID,
  retireKeys,
} from "../lib/data-keys.js";
import { rekeyIdempotencyBatch } from "../lib/idempotency.js";
import { installKeyring, type Keyring } from "../lib/personal-data.js";
import { rekeyAppealBatch } from "../modules/appeals/index.js";
import { rekeyOutboxBatch, rekeySmsBatch } from "../modules/notifications/index.js";

/**
 * Personal-data keys at run time (docs/security.md "Key management and rotation").
 *
 * Start-up (`prepareDataKeys`): load the ring, refuse a wrong or missing key, install it for the
 * repositories, and — once, after migration 2026121200 — encrypt the rows written in plaintext
 * before, then compact those tables so no plaintext row version stays in their files.
 *
 * Rotation (`reencryptPersonalData`): every row not under the ring's newest key is re-encrypted
 * in batches of short statements, each row compare-and-set, so the server keeps serving (reads
 * decrypt with whichever key a value names; lookups by phone try every key of the ring). When
 * a full pass leaves nothing under an older key, those keys are retired in data_keys: from then
 * on a ring without them starts. It runs from `npm run keys:rotate` and as a scheduled job.
 */

/** The tables holding personal data, compacted after the one-time backfill. */
export const PERSONAL_TABLES = [
  "appeals",
  "notification_outbox",
  "sms_messages",
  "idempotency_keys",
] as const;

export interface ReencryptResult {
  /** The ring's first key is not the newest registered one: nothing was done (see newestKeyId). */
  notNewest?: string;
  changed: number;
  /** Rows that changed under the pass (compare-and-set lost): the next pass takes them. */
  missed: number;
  /** Key ids retired by this pass (no row is under them any more). */
  retired: string[];
}

export async function reencryptPersonalData(
  db: Db,
  ring: Keyring,
  now: Date,
  o: { batchSize?: number; legacy?: boolean } = {},
): Promise<ReencryptResult> {
  const limit = o.batchSize ?? 500;
  const legacy = o.legacy ?? false;
  const newest = await newestKeyId(db);
  if (newest !== undefined && newest !== ring.current.id)
    return { notNewest: newest, changed: 0, missed: 0, retired: [] };
  let changed = 0;
  let missed = 0;
  const add = (r: { changed: number; missed: number }) => {
    changed += r.changed;
    missed += r.missed;
  };
  for (const batch of [rekeyAppealBatch, rekeyOutboxBatch, rekeySmsBatch]) {
    let afterId: string | null = "0";
    while (afterId !== null) {
      const r = await batch(db, ring, { afterId, limit, legacy });
      add(r);
      afterId = r.lastId;
    }
  }
  let after: [string, string] | null = null;
  do {
    const r = await rekeyIdempotencyBatch(db, ring, { after, limit, legacy });
    add(r);
    after = r.last;
  } while (after !== null);

  let retired: string[] = [];
  if (missed === 0) {
    const stale = (await activeKeyIds(db)).filter(
      (id) => id !== ring.current.id && (legacy || id !== PLAINTEXT_KEY_ID),
    );
    await retireKeys(db, stale, now);
    retired = stale;
  }
  return { changed, missed, retired };
}

/** Whether data may still be under a key other than the ring's newest (a rotation to run). */
export async function rotationPending(db: Db, ring: Keyring): Promise<boolean> {
  if ((await newestKeyId(db)) !== ring.current.id) return false;
  return (await activeKeyIds(db)).some((id) => id !== ring.current.id && id !== PLAINTEXT_KEY_ID);
}

/**
 * Loads, checks and installs the ring, and encrypts what was stored in plaintext before
 * migration 2026121200 (once). Throws DataKeyError (told without a stack) on a bad key.
 */
export async function prepareDataKeys(
  db: Db,
  src: DataKeySource,
  now: Date,
): Promise<{ ring: Keyring; generated?: string; backfilled?: number }> {
  const { ring, generated } = await openDataKeys(db, src, now);
  installKeyring(ring);
  if (!(await activeKeyIds(db)).includes(PLAINTEXT_KEY_ID)) return { ring, generated };
  const r = await reencryptPersonalData(db, ring, now, { legacy: true });
  if (r.missed > 0)
    throw new Error(`personal data backfill: ${r.missed} rows changed during the pass; restart`);
  // Only when something was in plaintext: the rewrite locks the tables for its duration.
  if (r.changed > 0) await compactTables(db, PERSONAL_TABLES);
  return { ring, generated, backfilled: r.changed };
}
