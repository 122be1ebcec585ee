import type { Db } from "../../db/database.js";

const columns = [
  "id",
  "center_id",
  "name",
  "source",
  "created_at",
  "created_by",
  "last_used_at",
  "revoked_at",
] as const;

export async function findTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom("integration_tokens")
    .where("token_hash", "=", tokenHash)
    .select(columns)
    .executeTakeFirst();
}

/** Conditional: at most one write per interval however busy the integration is. */
export async function touchToken(db: Db, id: string, now: Date, notAfter: Date): Promise<void> {
  await db
    .updateTable("integration_tokens")
    .set({ last_used_at: now })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", notAfter)]))
    .execute();
}

export async function insertToken(
  db: Db,
  t: { centerId: string; name: string; source: string; tokenHash: string; createdBy: string; now: Date },
) {
  return db
    .insertInto("integration_tokens")
    .values({
      center_id: t.centerId,
      name: t.name,
      source: t.source,
      token_hash: t.tokenHash,
      created_by: t.createdBy,
      created_at: t.now,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function listTokens(db: Db, centerId: string) {
  return db
    .selectFrom("integration_tokens")
    .where("center_id", "=", centerId)
    .select(columns)
    .orderBy("id", "desc")
    .execute();
}

export async function findTokenInCenter(db: Db, id: string, centerId: string) {
  return db
    .selectFrom("integration_tokens")
    .where("id", "=", id)
    .where("center_id", "=", centerId)
    .select(columns)
    .executeTakeFirst();
}

export async function revokeToken(db: Db, id: string, now: Date) {
  return db
    .updateTable("integration_tokens")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .returning(columns)
    .executeTakeFirst();
}
