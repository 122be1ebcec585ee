import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import type { NewRow } from "../../db/schema.js";
import type { RecordRow, TargetKind } from "./supervision.repository.js";

/** SQL of the records (催办 / 督办单 / 通报) and their daily number counters. */

export async function lockRecords(trx: Db, ids: string[]): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  return trx.selectFrom("supervision_records").selectAll().where("id", "in", ids).forUpdate().execute();
}

/** Allocates `count` consecutive daily numbers; returns the first (row lock until commit). */
export async function allocateNumbers(
  trx: Db,
  centerId: string,
  prefix: string,
  day: string,
  count: number,
): Promise<number> {
  const r = await trx
    .insertInto("supervision_counters")
    .values({ center_id: centerId, prefix, day, last_value: count })
    .onConflict((oc) =>
      oc
        .columns(["center_id", "prefix", "day"])
        .doUpdateSet({ last_value: sql`supervision_counters.last_value + ${count}` }),
    )
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return r.last_value - count + 1;
}

/** Inserts records; a dedupe_key already present is skipped (returns only the new ones). */
export async function insertRecords(trx: Db, rows: NewRow<"supervision_records">[]): Promise<RecordRow[]> {
  if (rows.length === 0) return [];
  return trx
    .insertInto("supervision_records")
    .values(rows)
    .onConflict((oc) => oc.columns(["center_id", "dedupe_key"]).doNothing())
    .returningAll()
    .execute();
}

export async function setRecordStatus(
  trx: Db,
  ids: string[],
  status: "resolved" | "escalated",
  now: Date,
): Promise<RecordRow[]> {
  if (ids.length === 0) return [];
  return trx
    .updateTable("supervision_records")
    .set(status === "resolved" ? { status, resolved_at: now } : { status })
    .where("id", "in", ids)
    .where("status", "=", "open")
    .returningAll()
    .execute();
}

/** Open supervision orders about one item (at most one by the partial unique index). */
export async function findOpenOrder(
  db: Db,
  centerId: string,
  targetKind: TargetKind,
  targetId: string,
): Promise<RecordRow | undefined> {
  return db
    .selectFrom("supervision_records")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("kind", "=", "supervision")
    .where("status", "=", "open")
    .where("target_kind", "=", targetKind)
    .where("target_id", "=", targetId)
    .executeTakeFirst();
}

/** Open supervision orders for the given items, keyed `${target_kind}:${target_id}`. */
export async function openOrdersFor(
  db: Db,
  items: { kind: TargetKind; id: string }[],
): Promise<Map<string, RecordRow>> {
  const m = new Map<string, RecordRow>();
  if (items.length === 0) return m;
  const rows = await db
    .selectFrom("supervision_records")
    .selectAll()
    .where("kind", "=", "supervision")
    .where("status", "=", "open")
    .where((eb) =>
      eb.or(items.map((i) => eb.and([eb("target_kind", "=", i.kind), eb("target_id", "=", i.id)]))),
    )
    .execute();
  for (const r of rows) m.set(`${r.target_kind}:${r.target_id}`, r);
  return m;
}

/** The records of the board's items (counts of reminders, the latest 督办单, whether noticed). */
export async function recordsOfItems(
  db: Db,
  centerId: string,
  items: { kind: string; id: string }[],
): Promise<Pick<RecordRow, "id" | "kind" | "number" | "status" | "target_kind" | "target_id" | "due_at">[]> {
  if (items.length === 0) return [];
  return db
    .selectFrom("supervision_records")
    .select(["id", "kind", "number", "status", "target_kind", "target_id", "due_at"])
    .where("center_id", "=", centerId)
    .where((eb) =>
      eb.or(
        items.map((p) => eb.and([eb("target_kind", "=", p.kind as TargetKind), eb("target_id", "=", p.id)])),
      ),
    )
    .orderBy("id")
    .execute();
}

export interface RecordFilter {
  centerId: string;
  /** A department handler's own records. */
  scopeDepartmentId?: string;
  kind?: RecordRow["kind"];
  status?: RecordRow["status"];
  departmentId?: string;
  appealId?: string;
  targetKind?: TargetKind;
  targetId?: string;
  id?: string;
  beforeId?: string;
  limit: number;
}

/** Records newest first (keyset on id). */
export async function listRecordRows(db: Db, f: RecordFilter): Promise<RecordRow[]> {
  let q = db.selectFrom("supervision_records").selectAll().where("center_id", "=", f.centerId);
  if (f.scopeDepartmentId) q = q.where("department_id", "=", f.scopeDepartmentId);
  if (f.kind) q = q.where("kind", "=", f.kind);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.departmentId) q = q.where("department_id", "=", f.departmentId);
  if (f.appealId) q = q.where("appeal_id", "=", f.appealId);
  if (f.targetKind) q = q.where("target_kind", "=", f.targetKind);
  if (f.targetId) q = q.where("target_id", "=", f.targetId);
  if (f.id) q = q.where("id", "=", f.id);
  if (f.beforeId) q = q.where("id", "<", f.beforeId);
  return q.orderBy("id", "desc").limit(f.limit).execute();
}
