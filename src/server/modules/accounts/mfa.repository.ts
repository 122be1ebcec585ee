import { sql } from "kysely";
import type { Db } from "../../db/database.js";

/**
 * The stored form of a TOTP secret. Today "plain:<base32>": the personal-data key of issue 13
 * (YOUSU_DATA_KEY) is introduced separately; when it exists, sealing the secret with it is a
 * change of these two functions only (a new prefix, old rows still readable).
 */
export function storeSecret(base32: string): string {
  return `plain:${base32}`;
}
export function readSecret(stored: string): string {
  if (!stored.startsWith("plain:")) throw new Error("unknown TOTP secret format");
  return stored.slice("plain:".length);
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
