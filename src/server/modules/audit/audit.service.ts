import type { AuditEntry, AuditVerify } from "../../../contracts/audit.js";
import { isDbId } from "../../../contracts/common.js";
import type { Db } from "../../db/database.js";
import { invalid } from "../../errors.js";
import type { UserActor } from "../../http/actor.js";
import { canonicalJson } from "../../lib/canonical-json.js";
import { AUDIT_GENESIS, auditBatch, auditHash, listAudit } from "./audit.repository.js";

export async function listEntries(
  db: Db,
  actor: UserActor,
  f: { limit: number; cursor?: string; action?: string; actorId?: string },
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  if (f.cursor !== undefined && !isDbId(f.cursor)) throw invalid("cursor", "分页游标无效");
  const rows = await listAudit(db, {
    centerId: actor.centerId,
    limit: f.limit + 1,
    before: f.cursor,
    action: f.action,
    actorId: f.actorId,
  });
  const items = rows.slice(0, f.limit).map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    centerId: r.center_id,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    details: r.details ?? null,
    ip: r.ip,
  }));
  return { items, nextCursor: rows.length > f.limit ? (items.at(-1)?.id ?? null) : null };
}

/**
 * Recomputes the hash chain from the first row: each row must link to its
 * predecessor's hash and hash to its own content. An edited, deleted or
 * inserted row breaks the chain at that row.
 */
export async function verifyChain(db: Db): Promise<AuditVerify> {
  let prev = AUDIT_GENESIS;
  let after: string | null = null;
  let checked = 0;
  for (;;) {
    const batch = await auditBatch(db, after, 1000);
    for (const r of batch) {
      const expected = auditHash(r.prev_hash, {
        centerId: r.center_id,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity ?? undefined,
        entityId: r.entity_id ?? undefined,
        details: r.details === null ? null : canonicalJson(r.details),
        ip: r.ip,
        at: r.at,
      });
      if (r.prev_hash !== prev || r.hash !== expected) return { ok: false, checked, firstBrokenId: r.id };
      prev = r.hash;
      checked++;
    }
    const last = batch.at(-1);
    if (!last || batch.length < 1000) return { ok: true, checked };
    after = last.id;
  }
}
