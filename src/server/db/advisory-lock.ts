import { sql } from "kysely";
import type { Db } from "./database.js";

/**
 * Cross-instance mutual exclusion for maintenance passes (the personal-data backfill and key
 * rotation) with a PostgreSQL session-level advisory lock.
 *
 * The lock is held on one dedicated pooled connection while `fn` runs its work through the pool
 * (`db`), so the pass keeps using short statements and never holds a transaction open. On
 * PostgreSQL `wait: false` tries once (the loser gets `{ acquired: false }` and skips); `wait:
 * true` blocks until the holder is done (start-up: an instance must not serve before the backfill
 * it depends on is finished). The lock is released in all cases, also when `fn` throws; a crashed
 * holder's lock ends with its connection.
 *
 * Embedded PGlite has one connection and one process per data directory (db/data-dir-lock.ts):
 * holding the only connection would stop every request, so `shared: false` excludes within this
 * process instead (the same try/wait semantics), which is all a single process needs.
 */
export async function withAdvisoryLock<T>(
  db: Db,
  o: { key: number; wait: boolean; shared: boolean },
  fn: () => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  if (!o.shared) return withLocalLock(o.key, o.wait, fn);
  return db.connection().execute(async (conn) => {
    if (o.wait) {
      await sql`select pg_advisory_lock(${o.key})`.execute(conn);
    } else {
      const r = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${o.key}) as ok`.execute(conn);
      if (!r.rows[0]?.ok) return { acquired: false as const };
    }
    try {
      return { acquired: true as const, value: await fn() };
    } finally {
      await sql`select pg_advisory_unlock(${o.key})`.execute(conn);
    }
  });
}

/** Advisory lock keys in use (audit sealer: 7001, modules/audit). */
export const DATA_KEYS_LOCK = 7002;

/** Per-key in-process locks (embedded mode): a held key's release promise. */
const localLocks = new Map<number, Promise<void>>();

async function withLocalLock<T>(
  key: number,
  wait: boolean,
  fn: () => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  for (;;) {
    const held = localLocks.get(key);
    if (!held) break;
    if (!wait) return { acquired: false };
    await held;
  }
  let release!: () => void;
  localLocks.set(
    key,
    new Promise<void>((ok) => {
      release = ok;
    }),
  );
  try {
    return { acquired: true, value: await fn() };
  } finally {
    localLocks.delete(key);
    release();
  }
}
