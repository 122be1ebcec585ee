import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { AuditAction } from "../../../contracts/audit.js";
import type { Db } from "../../db/database.js";
import { canonicalJson } from "../../lib/canonical-json.js";

export interface AuditEntry {
  centerId: string | null;
  actorId: string | null;
  actorName: string | null;
  /** One of the audit vocabulary (src/contracts/audit.ts), e.g. "user.create", "auth.login.failed". */
  action: AuditAction;
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
  const details = e.details === undefined ? null : canonicalJson(e.details);
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

export function auditHash(
  prev: string,
  // Verification re-hashes stored rows, whose action may come from an older vocabulary.
  e: Omit<AuditEntry, "details" | "action"> & { action: string; details: string | null },
): string {
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

export interface AuditRow {
  id: string;
  center_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  details: unknown;
  ip: string | null;
  at: Date;
  prev_hash: string;
  hash: string;
}

/** Keyset page, newest first; rows of `centerId` plus system rows (no center, e.g. unknown-user logins). */
export async function listAudit(
  db: Db,
  f: { centerId: string; limit: number; before?: string; action?: string; actorId?: string },
): Promise<AuditRow[]> {
  let q = db
    .selectFrom("audit_log")
    .selectAll()
    .where((eb) => eb.or([eb("center_id", "=", f.centerId), eb("center_id", "is", null)]));
  if (f.before) q = q.where("id", "<", f.before);
  if (f.action) q = q.where("action", "=", f.action);
  if (f.actorId) q = q.where("actor_id", "=", f.actorId);
  return q.orderBy("id", "desc").limit(f.limit).execute();
}

/** The whole chain in id order, in batches (the chain is global, not per center). */
export async function auditBatch(db: Db, afterId: string | null, size: number): Promise<AuditRow[]> {
  let q = db.selectFrom("audit_log").selectAll();
  if (afterId) q = q.where("id", ">", afterId);
  return q.orderBy("id", "asc").limit(size).execute();
}

export const AUDIT_GENESIS = GENESIS;
