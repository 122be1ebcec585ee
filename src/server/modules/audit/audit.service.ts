import {
  AUDIT_EXPORT_MAX_ROWS,
  type AuditEntry,
  type AuditVerify,
  auditActionLabel,
} from "../../../contracts/audit.js";
import { isDbId } from "../../../contracts/common.js";
import type { Db } from "../../db/database.js";
import { invalid } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import {
  AUDIT_GENESIS,
  appendAudit,
  auditBatch,
  auditHash,
  auditRange,
  countUnsealed,
  hashedContent,
  listAudit,
  sealHeads,
} from "./audit.repository.js";

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
 * Recomputes the hash chain in chain order: each sealed row must hold the next
 * position, link to its predecessor's hash and hash to its own content, and
 * every seal's recorded head must be found where it says. An edited row, a
 * deleted row (a missing position) and a deleted tail (a seal beyond the end)
 * are all reported. Rows not sealed yet are counted, not judged.
 */
export async function verifyChain(db: Db): Promise<AuditVerify> {
  const heads = await sealHeads(db);
  const unsealed = await countUnsealed(db);
  let prev = AUDIT_GENESIS;
  let after: string | null = null;
  let expectedSeq = 1n;
  let checked = 0;
  const broken = (id: string, problem: string): AuditVerify => ({
    ok: false,
    checked,
    firstBrokenId: id,
    problem,
    unsealed,
  });
  for (;;) {
    const batch = await auditBatch(db, after, 1000);
    for (const r of batch) {
      if (BigInt(r.chain_seq as string) !== expectedSeq) {
        return broken(r.id, `第 ${expectedSeq} 条记录缺失（已被删除）`);
      }
      if (r.prev_hash !== prev || r.hash !== auditHash(prev, hashedContent(r))) {
        return broken(r.id, "记录内容与哈希不符（已被修改）");
      }
      const head = heads.get(r.chain_seq as string);
      if (head !== undefined && head !== r.hash) return broken(r.id, "与封存记录不符");
      prev = r.hash;
      expectedSeq++;
      checked++;
    }
    const last = batch.at(-1);
    if (!last || batch.length < 1000) break;
    after = last.chain_seq;
  }
  const sealedUpTo = [...heads.keys()].reduce((m, k) => (BigInt(k) > m ? BigInt(k) : m), 0n);
  if (sealedUpTo >= expectedSeq) {
    return {
      ok: false,
      checked,
      problem: `链末尾的记录缺失：已封存至第 ${sealedUpTo} 条，现仅存 ${checked} 条`,
      unsealed,
    };
  }
  return { ok: true, checked, unsealed };
}

/**
 * The auditor's export of a period (三员分立: the auditor reads and exports, nobody edits). The
 * export is itself audited, with the period and the row count.
 */
export async function exportEntries(
  db: Db,
  actor: UserActor,
  q: { from: string; to: string },
  meta: { now: Date; ip: string | null },
): Promise<Record<string, string | number>[]> {
  const rows = await auditRange(db, {
    centerId: actor.centerId,
    from: new Date(q.from),
    to: new Date(q.to),
    limit: AUDIT_EXPORT_MAX_ROWS,
  });
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      ...auditFields(actor),
      action: "audit.export",
      details: { from: q.from, to: q.to, rows: rows.length },
      ip: meta.ip,
      at: meta.now,
    }),
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor_name ?? "",
    action: auditActionLabel(r.action),
    code: r.action,
    entity: r.entity ? `${r.entity}${r.entity_id ? `#${r.entity_id}` : ""}` : "",
    details: r.details === null ? "" : JSON.stringify(r.details),
    ip: r.ip ?? "",
    seq: r.chain_seq ?? "",
    hash: r.hash ?? "",
  }));
}
