import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { decryptField, encryptField, type Keyring } from "../../lib/personal-data.js";

/**
 * The stored form of a TOTP secret: sealed with the personal-data key ring (ADR 0015) and bound
 * to its column. Rows written before the key existed ("plain:<base32>") stay readable; the
 * re-encryption pass (rekeyMfaBatch) seals them and moves sealed ones to the newest key.
 */
export const MFA_SECRET_FIELD = "user_mfa.secret";
export function storeSecret(base32: string): string {
  return encryptField(base32, MFA_SECRET_FIELD);
}
export function readSecret(stored: string): string {
  if (stored.startsWith("plain:")) return stored.slice("plain:".length);
  return decryptField(stored, MFA_SECRET_FIELD);
}

/** One batch of the re-encryption pass (jobs/data-keys.ts) over user_mfa, compare-and-set. */
export async function rekeyMfaBatch(
  db: Db,
  ring: Keyring,
  o: { afterId: string; limit: number; legacy: boolean },
): Promise<{ lastId: string | null; changed: number; missed: number }> {
  const rows = await db
    .selectFrom("user_mfa")
    .select(["user_id", "secret"])
    .where("user_id", ">", o.afterId)
    .orderBy("user_id")
    .limit(o.limit)
    .execute();
  let changed = 0;
  let missed = 0;
  for (const r of rows) {
    if (ring.isCurrent(r.secret)) continue;
    const plain = r.secret.startsWith("plain:")
      ? r.secret.slice("plain:".length)
      : ring.decrypt(r.secret, MFA_SECRET_FIELD);
    const res = await db
      .updateTable("user_mfa")
      .set({ secret: ring.encrypt(plain, MFA_SECRET_FIELD) })
      .where("user_id", "=", r.user_id)
      .where("secret", "=", r.secret)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) changed++;
    else missed++;
  }
  return { lastId: rows.length === o.limit ? rows[rows.length - 1]!.user_id : null, changed, missed };
}

export async function findMfa(db: Db, userId: string) {
  return db.selectFrom("user_mfa").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

/** A new pending secret (replaces an earlier pending one; never a confirmed one). */
export async function putPendingSecret(db: Db, userId: string, secret: string, now: Date): Promise<boolean> {
  const r = await db
    .insertInto("user_mfa")
    .values({ user_id: userId, secret: storeSecret(secret), created_at: now })
    .onConflict((oc) =>
      oc
        .column("user_id")
        .doUpdateSet({ secret: storeSecret(secret), created_at: now, last_step: null, failures: 0 })
        .where("user_mfa.confirmed_at", "is", null),
    )
    .returning("user_id")
    .executeTakeFirst();
  return r !== undefined;
}

export async function confirmMfa(db: Db, userId: string, step: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable("user_mfa")
    .set({ confirmed_at: now, last_step: String(step), failures: 0, locked_until: null })
    .where("user_id", "=", userId)
    .where("confirmed_at", "is", null)
    .returning("user_id")
    .executeTakeFirst();
  if (!r) return false;
  await db
    .updateTable("users")
    .set({ mfa_enabled: true, updated_at: now })
    .where("id", "=", userId)
    .execute();
  return true;
}

/**
 * Spends a time step: succeeds only if it is later than the last one used, atomically, so the
 * same code cannot sign in twice even from two requests at once (replay protection).
 */
export async function spendStep(db: Db, userId: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable("user_mfa")
    .set({ last_step: String(step), failures: 0, locked_until: null })
    .where("user_id", "=", userId)
    .where("confirmed_at", "is not", null)
    .where((eb) => eb.or([eb("last_step", "is", null), eb("last_step", "<", String(step))]))
    .returning("user_id")
    .executeTakeFirst();
  return r !== undefined;
}

/** Counts a wrong code (with the right password) over all addresses; returns the count. */
export async function countMfaFailure(db: Db, userId: string): Promise<number> {
  const r = await db
    .updateTable("user_mfa")
    .set({ failures: sql`failures + 1` })
    .where("user_id", "=", userId)
    .returning("failures")
    .executeTakeFirst();
  return r?.failures ?? 0;
}

export async function lockMfa(db: Db, userId: string, until: Date): Promise<void> {
  await db.updateTable("user_mfa").set({ locked_until: until }).where("user_id", "=", userId).execute();
}

export async function replaceRecoveryCodes(
  db: Db,
  userId: string,
  hashes: string[],
  now: Date,
): Promise<void> {
  await db.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
  if (hashes.length === 0) return;
  await db
    .insertInto("user_recovery_codes")
    .values(hashes.map((h) => ({ user_id: userId, code_hash: h, created_at: now })))
    .execute();
}

export async function unusedRecoveryCodes(db: Db, userId: string) {
  return db
    .selectFrom("user_recovery_codes")
    .select(["id", "code_hash"])
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .orderBy("id")
    .execute();
}

/** Marks a recovery code used; false when another request used it first. */
export async function spendRecoveryCode(db: Db, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable("user_recovery_codes")
    .set({ used_at: now })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return r !== undefined;
}

/** The admin's reset: the factor and the codes are gone; the next sign-in needs the password only. */
export async function deleteMfa(db: Db, userId: string, now: Date): Promise<boolean> {
  await db.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
  const r = await db.deleteFrom("user_mfa").where("user_id", "=", userId).returning("confirmed_at").execute();
  await db
    .updateTable("users")
    .set({ mfa_enabled: false, updated_at: now })
    .where("id", "=", userId)
    .execute();
  return r.some((x) => x.confirmed_at !== null);
}
