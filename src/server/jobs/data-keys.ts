import { DATA_KEYS_LOCK, withAdvisoryLock } from "../db/advisory-lock.js";
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
import { rekeyMfaBatch } from "../modules/accounts/index.js";
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
  if (newest !== undefined && newest !== ring.targetId)
    return { notNewest: newest, changed: 0, missed: 0, retired: [] };
  let changed = 0;
  let missed = 0;
  const add = (r: { changed: number; missed: number }) => {
    changed += r.changed;
    missed += r.missed;
  };
  for (const batch of [rekeyAppealBatch, rekeyOutboxBatch, rekeySmsBatch, rekeyMfaBatch]) {
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
    // `plaintext` is retired by the backfill itself, only after the tables were compacted.
    const stale = (await activeKeyIds(db)).filter((id) => id !== ring.targetId && id !== PLAINTEXT_KEY_ID);
    await retireKeys(db, stale, now);
    retired = stale;
  }
  return { changed, missed, retired };
}

/** Whether data may still be under a key other than the ring's newest (a rotation to run). */
export async function rotationPending(db: Db, ring: Keyring): Promise<boolean> {
  if ((await newestKeyId(db)) !== ring.targetId) return false;
  return (await activeKeyIds(db)).some((id) => id !== ring.targetId && id !== PLAINTEXT_KEY_ID);
}

/**
 * The scheduler's rotation: one instance at a time (advisory lock, try once: the loser skips this
 * round). `shared`: PostgreSQL, where several instances may run the scheduler.
 */
export async function runScheduledRotation(
  db: Db,
  ring: Keyring,
  now: Date,
  o: { shared: boolean; batchSize?: number },
): Promise<ReencryptResult | "skipped" | "nothing"> {
  const r = await withAdvisoryLock(db, { key: DATA_KEYS_LOCK, wait: false, shared: o.shared }, async () =>
    (await rotationPending(db, ring))
      ? reencryptPersonalData(db, ring, now, { batchSize: o.batchSize })
      : ("nothing" as const),
  );
  return r.acquired ? r.value : "skipped";
}

/**
 * Loads, checks and installs the ring, and encrypts what was stored in plaintext before
 * migration 2026121200 (once). Throws DataKeyError (told without a stack) on a bad key.
 *
 * Several instances starting together: the backfill runs under the data-keys advisory lock; the
 * others wait for it and then find `plaintext` retired. Resumable: `plaintext` is retired only
 * after the encrypting pass completed AND the tables were compacted, so a crash anywhere before
 * that makes the next start run the (then cheap) pass and the VACUUM FULL again.
 */
export async function prepareDataKeys(
  db: Db,
  src: DataKeySource,
  now: Date,
  o: { shared?: boolean; batchSize?: number } = {},
): Promise<{ ring: Keyring; generated?: string; backfilled?: number }> {
  const { ring, generated, active } = await openDataKeys(db, src, now);
  installKeyring(ring);
  // Registering the ring's key never changes whether `plaintext` is active: no second query.
  if (!active.includes(PLAINTEXT_KEY_ID)) return { ring, generated };
  const done = await withAdvisoryLock(
    db,
    { key: DATA_KEYS_LOCK, wait: true, shared: o.shared ?? false },
    async () => {
      // Another instance may have finished the backfill while this one waited.
      if (!(await activeKeyIds(db)).includes(PLAINTEXT_KEY_ID)) return 0;
      const r = await reencryptPersonalData(db, ring, now, { legacy: true, batchSize: o.batchSize });
      if (r.notNewest)
        throw new Error(`personal data backfill: ${r.notNewest} is newer than this ring's first key`);
      if (r.missed > 0)
        throw new Error(`personal data backfill: ${r.missed} rows changed during the pass; restart`);
      // The rewrite locks each table for its duration: only here, before serving.
      await compactTables(db, PERSONAL_TABLES);
      await retireKeys(db, [PLAINTEXT_KEY_ID], now);
      return r.changed;
    },
  );
  return { ring, generated, backfilled: done.acquired ? done.value : 0 };
}
