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
  type AuditArchivePlan,
  appendAudit,
  archiveAnchor,
  auditBatch,
  auditHash,
  auditPartitionFacts,
  auditRange,
  countUnsealed,
  hashAt,
  hashedContent,
  headSeq,
  listAudit,
  lowestSeqIn,
  sealedAbove,
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
  // Archived months (ADR 0017): the chain resumes after the anchor, and an archived position above
  // it (a late-sealed row of an archived month) passes on its recorded hash.
  const anchor = await archiveAnchor(db);
  const links = anchor?.links ?? new Map<string, string>();
  let prev = anchor?.hash ?? AUDIT_GENESIS;
  let after: string | null = anchor?.seq ?? null;
  let expectedSeq = BigInt(anchor?.seq ?? 0) + 1n;
  let checked = 0;
  const skipArchived = (upTo: bigint | null) => {
    for (let h = links.get(String(expectedSeq)); h !== undefined && (upTo === null || expectedSeq < upTo); ) {
      const head = heads.get(String(expectedSeq));
      if (head !== undefined && head !== h) return false;
      prev = h;
      expectedSeq++;
      h = links.get(String(expectedSeq));
    }
    return true;
  };
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
      if (!skipArchived(BigInt(r.chain_seq as string))) return broken(r.id, "与封存记录不符");
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
  if (!skipArchived(null)) return { ok: false, checked, problem: "归档锚点与封存记录不符", unsealed };
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

export interface AuditArchiveDecision {
  anchorSeq: string;
  anchorHash: string;
  links: [string, string][];
  facts: AuditArchivePlan[];
}

/**
 * Where the chain resumes once the `archived` partitions of audit_log are gone (run inside the
 * archive's transaction, holding the sealer's lock, before they are detached): every position up
 * to the anchor is archived (the lowest position still held by a `remaining` partition, minus
 * one), and the archived positions above it are kept as links. Refuses a partition with rows not
 * sealed yet (its rows would leave the chain unverified).
 */
export async function planAuditArchive(
  trx: Db,
  archived: string[],
  remaining: string[],
): Promise<AuditArchiveDecision> {
  const facts: AuditArchivePlan[] = [];
  for (const p of archived) {
    const f = await auditPartitionFacts(trx, p);
    if (f.unsealed > 0) throw new Error(`${p}: ${f.unsealed} audit rows are not sealed yet`);
    facts.push(f);
  }
  const previous = await archiveAnchor(trx);
  let lowest: bigint | null = null;
  for (const p of remaining) {
    const lo = await lowestSeqIn(trx, p);
    if (lo !== null && (lowest === null || BigInt(lo) < lowest)) lowest = BigInt(lo);
  }
  const anchorSeq = lowest !== null ? (lowest - 1n).toString() : await headSeq(trx);
  let anchorHash: string | null;
  if (previous && BigInt(anchorSeq) <= BigInt(previous.seq)) {
    anchorHash = previous.seq === anchorSeq ? previous.hash : null;
  } else if (anchorSeq === "0") {
    anchorHash = AUDIT_GENESIS;
  } else {
    anchorHash = (await hashAt(trx, anchorSeq)) ?? previous?.links.get(anchorSeq) ?? null;
  }
  if (anchorHash === null) throw new Error(`audit chain position ${anchorSeq} not found: run audit:verify`);
  const links: [string, string][] = [];
  for (const p of archived) links.push(...(await sealedAbove(trx, p, anchorSeq)));
  return { anchorSeq, anchorHash, links, facts };
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
