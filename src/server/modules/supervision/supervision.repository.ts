import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import type { NewRow, Row } from "../../db/schema.js";

/**
 * All SQL of supervision, on its own tables only (ADR 0009): the register of
 * tracked items, the timers, the records (催办 / 督办单 / 通报) and their
 * daily number counters.
 */

export type TimerRow = Row<"supervision_timers">;
export type RecordRow = Row<"supervision_records">;
export type ItemRow = Row<"supervision_items">;
export type TargetKind = TimerRow["target_kind"];
export type ItemKind = ItemRow["target_kind"];

// ---------------------------------------------------------------------------
// The register (跟踪到底): one row per tracked limit.

/** Opens (or re-opens, or moves) an item; returns the row as it was before, if any. */
export async function upsertItem(
  trx: Db,
  row: Omit<NewRow<"supervision_items">, "created_at" | "updated_at" | "closed_at"> & { now: Date },
): Promise<{ wasOpen: boolean; dueAt: Date | null }> {
  const { now, ...values } = row;
  const before = await trx
    .selectFrom("supervision_items")
    .select(["closed_at", "due_at"])
    .where("center_id", "=", row.center_id)
    .where("target_kind", "=", row.target_kind)
    .where("target_id", "=", row.target_id)
    .forUpdate()
    .executeTakeFirst();
  await trx
    .insertInto("supervision_items")
    .values({ ...values, closed_at: null, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(["center_id", "target_kind", "target_id"]).doUpdateSet((eb) => ({
        label: eb.ref("excluded.label"),
        title: eb.ref("excluded.title"),
        department_ids: eb.ref("excluded.department_ids"),
        lead_department_id: eb.ref("excluded.lead_department_id"),
        start_at: eb.ref("excluded.start_at"),
        due_at: eb.ref("excluded.due_at"),
        closed_at: null,
        updated_at: now,
      })),
    )
    .execute();
  return { wasOpen: before ? before.closed_at === null : false, dueAt: before?.due_at ?? null };
}

/** Closes an open item; false when it was not open (already met, or never tracked). */
export async function closeItem(
  trx: Db,
  centerId: string,
  kind: ItemKind,
  id: string,
  now: Date,
): Promise<boolean> {
  const r = await trx
    .updateTable("supervision_items")
    .set({ closed_at: now, updated_at: now })
    .where("center_id", "=", centerId)
    .where("target_kind", "=", kind)
    .where("target_id", "=", id)
    .where("closed_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Items by kind and id, share-locked: a lifecycle change that closes or moves
 * one (it updates the row) waits for the sweep's transaction, and the sweep
 * waits for one that committed first, so an item decides at fire time on
 * committed facts.
 */
export async function lockItems(trx: Db, wanted: { kind: ItemKind; id: string }[]): Promise<ItemRow[]> {
  if (wanted.length === 0) return [];
  return trx
    .selectFrom("supervision_items")
    .selectAll()
    .where((eb) =>
      eb.or(wanted.map((w) => eb.and([eb("target_kind", "=", w.kind), eb("target_id", "=", w.id)]))),
    )
    .forShare()
    .execute();
}

export interface BoardRow {
  target_kind: ItemKind;
  target_id: string;
  appeal_id: string;
  tracking_no: string;
  title: string;
  lead_department_id: string | null;
  due_at: Date;
  remind_at: Date | null;
}

export interface BoardFilter {
  centerId: string;
  now: Date;
  light?: "red" | "yellow" | "green";
  departmentId?: string;
  targetKind?: ItemKind;
  after?: { dueAt: Date; kind: string; id: string };
  limit: number;
}

/** The reminder time of an item (its pending or fired reminder timer), null when it has none. */
const remindAt = sql<Date | null>`(select t.fire_at from supervision_timers t
  where t.center_id = i.center_id and t.target_kind = i.target_kind and t.target_id = i.target_id
    and t.stage = 'reminder' and t.outcome is distinct from 'no_threshold' and t.status <> 'cancelled')`;

/** The board's light as SQL, the same rule as dueLight in src/core/supervision.ts. */
function lightCondition(light: BoardFilter["light"], now: Date) {
  switch (light) {
    case "red":
      return sql<boolean>`x.due_at < ${now}`;
    case "yellow":
      return sql<boolean>`x.due_at >= ${now} and x.remind_at <= ${now}`;
    case "green":
      return sql<boolean>`x.due_at >= ${now} and (x.remind_at is null or x.remind_at > ${now})`;
    default:
      return sql<boolean>`true`;
  }
}

/** Open items of a center, most urgent first (keyset on due_at, kind, id; served by supervision_items_open_idx). */
export async function listOpenItems(db: Db, f: BoardFilter): Promise<BoardRow[]> {
  const conds = [lightCondition(f.light, f.now)];
  if (f.departmentId) conds.push(sql<boolean>`x.lead_department_id = ${f.departmentId}`);
  if (f.targetKind) conds.push(sql<boolean>`x.target_kind = ${f.targetKind}`);
  if (f.after) {
    conds.push(
      sql<boolean>`(x.due_at, x.target_kind, x.target_id) > (${f.after.dueAt}, ${f.after.kind}, ${f.after.id}::bigint)`,
    );
  }
  const r = await sql<BoardRow>`select x.* from (
      select i.target_kind, i.target_id, i.appeal_id, i.tracking_no, i.title, i.lead_department_id, i.due_at,
        ${remindAt} as remind_at
      from supervision_items i where i.center_id = ${f.centerId} and i.closed_at is null
    ) x where ${sql.join(conds, sql` and `)}
    order by x.due_at, x.target_kind, x.target_id limit ${f.limit}`.execute(db);
  return r.rows;
}

/** Open items per lead department with their lights (the window's first responses have no department). */
export async function summarizeOpenItems(
  db: Db,
  centerId: string,
  now: Date,
): Promise<{ department_id: string | null; green: number; yellow: number; red: number }[]> {
  const r = await sql<{ department_id: string | null; green: string; yellow: string; red: string }>`
    select x.lead_department_id as department_id,
      count(*) filter (where x.due_at >= ${now} and (x.remind_at is null or x.remind_at > ${now})) as green,
      count(*) filter (where x.due_at >= ${now} and x.remind_at <= ${now}) as yellow,
      count(*) filter (where x.due_at < ${now}) as red
    from (select i.lead_department_id, i.due_at, ${remindAt} as remind_at
          from supervision_items i where i.center_id = ${centerId} and i.closed_at is null) x
    group by x.lead_department_id
    order by red desc, yellow desc`.execute(db);
  return r.rows.map((s) => ({
    department_id: s.department_id,
    green: Number(s.green),
    yellow: Number(s.yellow),
    red: Number(s.red),
  }));
}

// ---------------------------------------------------------------------------
// Timers.

export interface TimerSpec {
  centerId: string;
  targetKind: TargetKind;
  targetId: string;
  stage: "reminder" | "overdue";
  appealId: string;
  dueAt: Date;
  /** null: no such stage for this deadline (stored as cancelled so a later re-arm finds the row). */
  fireAt: Date | null;
  now: Date;
}

/**
 * Arms a timer for a deadline. Re-arming with the same deadline keeps a timer
 * that already fired done (exactly once per deadline) but wakes one that was
 * cancelled because its item was met and is open again (rework); a moved
 * deadline makes it pending again with the new fire time.
 */
export async function upsertTimer(trx: Db, t: TimerSpec): Promise<void> {
  const status = t.fireAt ? "pending" : "cancelled";
  await trx
    .insertInto("supervision_timers")
    .values({
      center_id: t.centerId,
      target_kind: t.targetKind,
      target_id: t.targetId,
      stage: t.stage,
      appeal_id: t.appealId,
      due_at: t.dueAt,
      fire_at: t.fireAt ?? t.dueAt,
      status,
      outcome: t.fireAt ? null : "no_threshold",
      created_at: t.now,
      updated_at: t.now,
    })
    .onConflict((oc) =>
      oc
        .columns(["center_id", "target_kind", "target_id", "stage"])
        .doUpdateSet({
          due_at: t.dueAt,
          fire_at: t.fireAt ?? t.dueAt,
          status,
          outcome: t.fireAt ? null : "no_threshold",
          fired_at: null,
          updated_at: t.now,
        })
        .where(
          sql<boolean>`supervision_timers.due_at <> excluded.due_at or supervision_timers.status = 'cancelled'`,
        ),
    )
    .execute();
}

/** Cancels the pending timers of an item that was met (they would only find it done). */
export async function cancelTimers(trx: Db, centerId: string, kind: TargetKind, id: string, now: Date) {
  await trx
    .updateTable("supervision_timers")
    .set({ status: "cancelled", outcome: "item_closed", fired_at: now, updated_at: now })
    .where("center_id", "=", centerId)
    .where("target_kind", "=", kind)
    .where("target_id", "=", id)
    .where("status", "=", "pending")
    .execute();
}

/**
 * Claims up to `limit` due timers for this transaction. SKIP LOCKED lets
 * concurrent sweeps (other instances) take disjoint rows; the picking query
 * sits in a MATERIALIZED CTE so PostgreSQL cannot re-run it and claim more
 * than `limit` (see claimDueMessages). The locks last until the caller's
 * transaction commits, in which the timers are marked done.
 */
export async function claimDueTimers(trx: Db, now: Date, limit: number): Promise<TimerRow[]> {
  const r = await sql<TimerRow>`with due as materialized (
      select id from supervision_timers
      where status = 'pending' and fire_at <= ${now}
      order by fire_at, id
      limit ${limit}
      for update skip locked
    )
    select t.* from supervision_timers t join due on due.id = t.id
    order by t.fire_at, t.id`.execute(trx);
  return r.rows;
}

export interface TimerOutcome {
  id: string;
  status: "done" | "cancelled" | "pending";
  outcome: string;
  /** Set when the timer is re-armed for a moved deadline. */
  dueAt?: Date;
  fireAt?: Date;
}

/** Marks claimed timers in one statement. */
export async function finishTimers(trx: Db, rows: TimerOutcome[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}::bigint, ${r.status}::text, ${r.outcome}::text, ${r.dueAt ?? null}::timestamptz, ${r.fireAt ?? null}::timestamptz)`,
    ),
  );
  await sql`update supervision_timers t set
      status = v.status,
      outcome = v.outcome,
      fired_at = case when v.status = 'pending' then null else ${now}::timestamptz end,
      due_at = coalesce(v.due_at, t.due_at),
      fire_at = coalesce(v.fire_at, t.fire_at),
      updated_at = ${now}::timestamptz
    from (values ${values}) as v(id, status, outcome, due_at, fire_at)
    where t.id = v.id`.execute(trx);
}

export async function insertTimers(trx: Db, rows: NewRow<"supervision_timers">[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto("supervision_timers")
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(["center_id", "target_kind", "target_id", "stage"]).doNothing())
      .execute();
  }
}

// ---------------------------------------------------------------------------
// Records: 催办, 督办单, 通报.

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
