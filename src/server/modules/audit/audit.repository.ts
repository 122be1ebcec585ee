import { createHash } from "node:crypto";
import { type QueryCreator, sql } from "kysely";
import type { AuditAction } from "../../../contracts/audit.js";
import type { Db } from "../../db/database.js";
import type { Database } from "../../db/schema.js";
import { type Writer, write } from "../../db/write-batch.js";
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
 * Appends to the audit log inside the caller's transaction, so the entry
 * commits or rolls back with the action it records. No lock and no read of
 * the chain head: the row is sealed into the hash chain later, in order, by
 * sealAudit (ADR 0014), so concurrent writers of all centers never queue
 * behind one another here.
 */
export async function appendAudit(w: Writer, e: AuditEntry): Promise<void> {
  const insert = (db: QueryCreator<Database>) =>
    db.insertInto("audit_log").values({
      center_id: e.centerId,
      actor_id: e.actorId,
      actor_name: e.actorName,
      action: e.action,
      entity: e.entity ?? null,
      entity_id: e.entityId ?? null,
      details: e.details === undefined ? null : canonicalJson(e.details),
      ip: e.ip ?? null,
      at: e.at,
    });
  // In a batch (intake): the same row, unsealed, inserted by the batch's statement before commit.
  await write(w, () => [{ name: "audit", query: insert }]);
}

/** What a hash covers. Stored rows may carry an action code of an older vocabulary. */
export type HashedEntry = Omit<AuditEntry, "details" | "action"> & { action: string; details: string | null };

/** The content a row's hash covers, read back as stored (jsonb details re-canonicalised). */
export function hashedContent(r: AuditRow): HashedEntry {
  return {
    centerId: r.center_id,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity ?? undefined,
    entityId: r.entity_id ?? undefined,
    details: r.details === null ? null : canonicalJson(r.details),
    ip: r.ip,
    at: r.at,
  };
}

/** Advisory lock key of the sealer: one sealer at a time, across instances; never taken by requests. */
const SEALER_LOCK = 7001;

/**
 * Links committed, unsealed rows into the chain: in id order within a run,
 * each gets the next chain_seq, prev_hash = the head's hash and its own hash;
 * the run is logged in audit_seals with the new head. A row whose transaction
 * commits after later rows were sealed simply joins in the next run. Returns
 * how many rows were sealed (0 when another instance is sealing right now).
 */
export async function sealAudit(db: Db, now: Date, batchSize = 1000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SEALER_LOCK}) as ok`.execute(
      trx,
    );
    if (!lock.rows[0]?.ok) return 0;
    const rows = await trx
      .selectFrom("audit_log")
      .selectAll()
      .where("chain_seq", "is", null)
      .orderBy("id")
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return 0;
    const head = await trx
      .selectFrom("audit_log")
      .select(["chain_seq", "hash"])
      .where("chain_seq", "is not", null)
      .orderBy("chain_seq", "desc")
      .limit(1)
      .executeTakeFirst();
    let prev = head?.hash ?? GENESIS;
    let seq = BigInt(head?.chain_seq ?? 0);
    const first = seq + 1n;
    const ids: string[] = [];
    const seqs: string[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const r of rows) {
      seq++;
      const hash = auditHash(prev, hashedContent(r));
      ids.push(r.id);
      seqs.push(seq.toString());
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    await sql`update audit_log a set chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
      from unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) as v(id, seq, prev, hash)
      where a.id = v.id and a.chain_seq is null`.execute(trx);
    await trx
      .insertInto("audit_seals")
      .values({ sealed_at: now, first_seq: first.toString(), last_seq: seq.toString(), head_hash: prev })
      .execute();
    return rows.length;
  });
}

export function auditHash(prev: string, e: HashedEntry): string {
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
  chain_seq: string | null;
  prev_hash: string | null;
  hash: string | null;
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

/** The sealed chain in chain order, in batches. */
export async function auditBatch(db: Db, afterSeq: string | null, size: number): Promise<AuditRow[]> {
  let q = db.selectFrom("audit_log").selectAll().where("chain_seq", "is not", null);
  if (afterSeq) q = q.where("chain_seq", ">", afterSeq);
  return q.orderBy("chain_seq", "asc").limit(size).execute();
}

export async function countUnsealed(db: Db): Promise<number> {
  const r = await db
    .selectFrom("audit_log")
    .where("chain_seq", "is", null)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Every seal's end of chain (last_seq → head hash). */
export async function sealHeads(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom("audit_seals").select(["last_seq", "head_hash"]).execute();
  return new Map(rows.map((r) => [r.last_seq, r.head_hash]));
}

export const AUDIT_GENESIS = GENESIS;

/** Rows of a center (and system rows) in [from, to), oldest first, at most `limit`. */
export async function auditRange(
  db: Db,
  f: { centerId: string; from: Date; to: Date; limit: number },
): Promise<AuditRow[]> {
  return db
    .selectFrom("audit_log")
    .selectAll()
    .where((eb) => eb.or([eb("center_id", "=", f.centerId), eb("center_id", "is", null)]))
    .where("at", ">=", f.from)
    .where("at", "<", f.to)
    .orderBy("at")
    .orderBy("id")
    .limit(f.limit)
    .execute();
}

/** Where verification resumes after archived months (ADR 0017). */
export interface ArchiveAnchor {
  /** Every position up to this one is archived. */
  seq: string;
  hash: string;
  /** Archived positions above `seq` (seq → hash): rows of archived months sealed after rows that stay. */
  links: Map<string, string>;
}

/** The furthest anchor of every archive run, with the links of all of them; null before any. */
export async function archiveAnchor(db: Db): Promise<ArchiveAnchor | null> {
  const rows = await db.selectFrom("audit_archives").select(["anchor_seq", "anchor_hash", "links"]).execute();
  if (rows.length === 0) return null;
  let best = rows[0] as (typeof rows)[number];
  const links = new Map<string, string>();
  for (const r of rows) {
    if (BigInt(r.anchor_seq) > BigInt(best.anchor_seq)) best = r;
    for (const [seq, hash] of r.links) links.set(String(seq), hash);
  }
  return { seq: best.anchor_seq, hash: best.anchor_hash, links };
}

export interface AuditArchivePlan {
  partition: string;
  rows: number;
  unsealed: number;
  firstSeq: string | null;
  lastSeq: string | null;
}

/** What a partition of audit_log holds (by name: attached or detached). */
export async function auditPartitionFacts(db: Db, partition: string): Promise<AuditArchivePlan> {
  const r = await sql<{ n: string; unsealed: string; lo: string | null; hi: string | null }>`
    select count(*) as n, count(*) filter (where chain_seq is null) as unsealed,
      min(chain_seq) as lo, max(chain_seq) as hi
    from ${sql.table(partition)}`.execute(db);
  const x = r.rows[0];
  return {
    partition,
    rows: Number(x?.n ?? 0),
    unsealed: Number(x?.unsealed ?? 0),
    firstSeq: x?.lo ?? null,
    lastSeq: x?.hi ?? null,
  };
}

/** The lowest chain position held by a partition (its chain_seq index), null when none. */
export async function lowestSeqIn(db: Db, partition: string): Promise<string | null> {
  const r = await sql<{
    lo: string | null;
  }>`select min(chain_seq) as lo from ${sql.table(partition)}`.execute(db);
  return r.rows[0]?.lo ?? null;
}

/** Positions above `afterSeq` held by a partition, with their hashes (the links of an archive). */
export async function sealedAbove(db: Db, partition: string, afterSeq: string): Promise<[string, string][]> {
  const r = await sql<{ seq: string; hash: string }>`
    select chain_seq as seq, hash from ${sql.table(partition)}
    where chain_seq > ${afterSeq} order by chain_seq`.execute(db);
  return r.rows.map((x) => [x.seq, x.hash]);
}

/** The hash at a chain position, if the row is still in audit_log. */
export async function hashAt(db: Db, seq: string): Promise<string | null> {
  const r = await db.selectFrom("audit_log").select("hash").where("chain_seq", "=", seq).executeTakeFirst();
  return r?.hash ?? null;
}

/** The chain's last sealed position (0 when nothing is sealed). */
export async function headSeq(db: Db): Promise<string> {
  const r = await db
    .selectFrom("audit_log")
    .select("chain_seq")
    .where("chain_seq", "is not", null)
    .orderBy("chain_seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return r?.chain_seq ?? "0";
}

/** Takes the sealer's lock (waiting for a running sealer) inside the caller's transaction. */
export async function lockSealer(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SEALER_LOCK})`.execute(trx);
}

export async function insertAuditArchive(
  trx: Db,
  a: {
    at: Date;
    partition: string;
    rows: number;
    firstSeq: string | null;
    lastSeq: string | null;
    anchorSeq: string;
    anchorHash: string;
    links: [string, string][];
    file: string;
  },
): Promise<void> {
  await trx
    .insertInto("audit_archives")
    .values({
      archived_at: a.at,
      partition_name: a.partition,
      rows: String(a.rows),
      first_seq: a.firstSeq,
      last_seq: a.lastSeq,
      anchor_seq: a.anchorSeq,
      anchor_hash: a.anchorHash,
      links: JSON.stringify(a.links),
      file: a.file,
    })
    .execute();
}
