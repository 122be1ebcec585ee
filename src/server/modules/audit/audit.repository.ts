import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../../db/database.js";

export interface AuditEntry {
  centerId: string | null;
  actorId: string | null;
  actorName: string | null;
  /** e.g. "user.create", "calendar.day.update", "auth.login.failed" */
  action: string;
  entity?: string;
  entityId?: string;
  details?: unknown;
  ip?: string | null;
  at: Date;
}

const GENESIS = "0".repeat(64);

/**
 * Appends to the hash-chained audit log inside the caller's transaction.
 * hash = sha256(prev_hash + canonical entry), so editing or deleting any row
 * breaks every later hash. The advisory lock serialises appenders (across
 * instances too) so the chain never forks; it is held only until the caller's
 * transaction ends.
 */
export async function appendAudit(trx: Db, e: AuditEntry): Promise<void> {
  await sql`select pg_advisory_xact_lock(7001)`.execute(trx);
  const last = await trx
    .selectFrom("audit_log")
    .select("hash")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const prev = last?.hash ?? GENESIS;
  const details = e.details === undefined ? null : JSON.stringify(e.details);
  const hash = auditHash(prev, { ...e, details });
  await trx
    .insertInto("audit_log")
    .values({
      center_id: e.centerId,
      actor_id: e.actorId,
      actor_name: e.actorName,
      action: e.action,
      entity: e.entity ?? null,
      entity_id: e.entityId ?? null,
      details,
      ip: e.ip ?? null,
      at: e.at,
      prev_hash: prev,
      hash,
    })
    .execute();
}

export function auditHash(prev: string, e: Omit<AuditEntry, "details"> & { details: string | null }): string {
  const canonical = JSON.stringify([
    e.centerId,
    e.actorId,
    e.actorName,
    e.action,
    e.entity ?? null,
    e.entityId ?? null,
    e.details,
    e.ip ?? null,
    e.at.toISOString(),
  ]);
  return createHash("sha256").update(prev).update(canonical).digest("hex");
}
