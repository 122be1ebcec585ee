import { sql } from "kysely";
import type { Db } from "../../db/database.js";

/** The key of a sign-in attempt: the username as typed (lower-cased), known or not, and the source address. */
export interface AttemptKey {
  username: string;
  source: string;
}

export async function findLoginLock(db: Db, k: AttemptKey): Promise<Date | null> {
  const r = await db
    .selectFrom("login_failures")
    .where("username", "=", k.username)
    .where("source", "=", k.source)
    .select("locked_until")
    .executeTakeFirst();
  return r?.locked_until ?? null;
}

/**
 * Counts one failure atomically (the upsert locks the row, so concurrent
 * failures are all counted). A series older than `staleBefore` starts again.
 * Returns the failures in the current series.
 */
export async function countLoginFailure(
  db: Db,
  k: AttemptKey,
  now: Date,
  staleBefore: Date,
): Promise<number> {
  const r = await db
    .insertInto("login_failures")
    .values({ username: k.username, source: k.source, failures: 1, last_failure_at: now })
    .onConflict((oc) =>
      oc.columns(["username", "source"]).doUpdateSet({
        failures: sql`case when login_failures.last_failure_at < ${staleBefore} then 1 else login_failures.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning("failures")
    .executeTakeFirstOrThrow();
  return r.failures;
}

export async function setLoginLock(db: Db, k: AttemptKey, until: Date): Promise<void> {
  await db
    .updateTable("login_failures")
    .set({ locked_until: until })
    .where("username", "=", k.username)
    .where("source", "=", k.source)
    .execute();
}

/** A success from an address forgives that address's failures (not other addresses'). */
export async function clearLoginFailures(db: Db, k: AttemptKey): Promise<void> {
  await db
    .deleteFrom("login_failures")
    .where("username", "=", k.username)
    .where("source", "=", k.source)
    .execute();
}

/** The admin's unlock (or a password reset): every address's failures for the username. */
export async function clearAllLoginFailures(db: Db, username: string): Promise<void> {
  await db.deleteFrom("login_failures").where("username", "=", username.toLowerCase()).execute();
}

/**
 * Forgets failure series that no longer count (last failure before `staleBefore`) and are not
 * locked any more, so sprayed usernames and addresses do not pile up.
 */
export async function pruneLoginFailures(db: Db, now: Date, staleBefore: Date): Promise<number> {
  const r = await db
    .deleteFrom("login_failures")
    .where("last_failure_at", "<", staleBefore)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<=", now)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
