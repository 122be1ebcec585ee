import { type RawBuilder, sql } from "kysely";
import type { Db } from "../../db/database.js";
import type { NewRow, Row } from "../../db/schema.js";

/** All SQL of supervision: timers, records, counters and the recipients of its messages. */

export type TimerRow = Row<"supervision_timers">;
export type RecordRow = Row<"supervision_records">;
export type TargetKind = TimerRow["target_kind"];

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
 * that already fired done (exactly once per deadline); a moved deadline makes
 * it pending again with the new fire time.
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
        .where(sql<boolean>`supervision_timers.due_at <> excluded.due_at`),
    )
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

/** Open-state facts about a work order, locked against a concurrent reply until the sweep commits. */
export interface WorkOrderTarget {
  id: string;
  center_id: string;
  appeal_id: string;
  number: string;
  status: string;
  due_at: Date;
  due_start: Date;
  lead_department_id: string;
  department_name: string;
  tracking_no: string;
  phone: string;
}

export async function lockWorkOrders(trx: Db, ids: string[]): Promise<WorkOrderTarget[]> {
  if (ids.length === 0) return [];
  return trx
    .selectFrom("work_orders as w")
    .innerJoin("departments as d", "d.id", "w.lead_department_id")
    .innerJoin("appeals as a", "a.id", "w.appeal_id")
    .select([
      "w.id",
      "w.center_id",
      "w.appeal_id",
      "w.number",
      "w.status",
      "w.due_at",
      "w.due_start",
      "w.lead_department_id",
      "d.name as department_name",
      "a.tracking_no",
      "a.phone",
    ])
    .where("w.id", "in", ids)
    .forShare("w")
    .execute();
}

/** Departments addressed by each work order (lead and co-departments that did not hand it back). */
export async function orderDepartments(trx: Db, orderIds: string[]): Promise<Map<string, string[]>> {
  const m = new Map<string, string[]>();
  if (orderIds.length === 0) return m;
  const rows = await trx
    .selectFrom("work_order_assignments")
    .select(["work_order_id", "department_id"])
    .where("work_order_id", "in", orderIds)
    .where("status", "<>", "returned")
    .execute();
  for (const r of rows) m.set(r.work_order_id, [...(m.get(r.work_order_id) ?? []), r.department_id]);
  return m;
}

export interface MilestoneTarget {
  id: string;
  center_id: string;
  appeal_id: string;
  title: string;
  seq: number;
  status: string;
  due_at: Date;
  plan_status: string;
  plan_decided_at: Date | null;
  department_id: string;
  department_name: string;
  work_order_id: string;
  number: string;
  order_status: string;
  tracking_no: string;
  phone: string;
}

export async function lockMilestones(trx: Db, ids: string[]): Promise<MilestoneTarget[]> {
  if (ids.length === 0) return [];
  return trx
    .selectFrom("plan_milestones as m")
    .innerJoin("plans as p", "p.id", "m.plan_id")
    .innerJoin("work_orders as w", "w.id", "p.work_order_id")
    .innerJoin("departments as d", "d.id", "p.department_id")
    .innerJoin("appeals as a", "a.id", "p.appeal_id")
    .select([
      "m.id",
      "m.center_id",
      "p.appeal_id",
      "m.title",
      "m.seq",
      "m.status",
      "m.due_at",
      "p.status as plan_status",
      "p.decided_at as plan_decided_at",
      "p.department_id",
      "d.name as department_name",
      "p.work_order_id",
      "w.number",
      "w.status as order_status",
      "a.tracking_no",
      "a.phone",
    ])
    .where("m.id", "in", ids)
    .forShare("m")
    .execute();
}

export interface FirstResponseTarget {
  id: string;
  center_id: string;
  status: string;
  respond_by: Date | null;
  responded_at: Date | null;
  received_at: Date;
  tracking_no: string;
  phone: string;
}

export async function lockFirstResponses(trx: Db, appealIds: string[]): Promise<FirstResponseTarget[]> {
  if (appealIds.length === 0) return [];
  return trx
    .selectFrom("appeals")
    .select([
      "id",
      "center_id",
      "status",
      "respond_by",
      "responded_at",
      "received_at",
      "tracking_no",
      "phone",
    ])
    .where("id", "in", appealIds)
    .forShare()
    .execute();
}

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
): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable("supervision_records")
    .set(status === "resolved" ? { status, resolved_at: now } : { status })
    .where("id", "in", ids)
    .where("status", "=", "open")
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

export interface Recipient {
  id: string;
  center_id: string;
  department_id: string | null;
  roles: string[];
}

/**
 * Active users who may receive supervision messages: members of the given
 * departments, and center staff holding one of `centerRoles` in the given centers.
 */
export async function findRecipients(
  db: Db,
  departmentIds: string[],
  centerIds: string[],
  centerRoles: string[],
): Promise<Recipient[]> {
  if (departmentIds.length === 0 && centerIds.length === 0) return [];
  const conds: RawBuilder<boolean>[] = [];
  if (departmentIds.length) conds.push(sql<boolean>`department_id in (${sql.join(departmentIds)})`);
  if (centerIds.length && centerRoles.length) {
    conds.push(
      sql<boolean>`(center_id in (${sql.join(centerIds)}) and roles && ${sql.val(centerRoles)}::text[])`,
    );
  }
  if (conds.length === 0) return [];
  const r = await sql<Recipient>`select id, center_id, department_id, roles from users
    where active and (${sql.join(conds, sql` or `)})`.execute(db);
  return r.rows;
}

export async function insertStaffNotifications(
  trx: Db,
  rows: NewRow<"staff_notifications">[],
): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const res = await trx
      .insertInto("staff_notifications")
      .values(chunk)
      .onConflict((oc) => oc.columns(["record_id", "user_id"]).where("record_id", "is not", null).doNothing())
      .executeTakeFirst();
    n += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}

export async function insertEvents(trx: Db, rows: NewRow<"appeal_events">[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto("appeal_events")
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

export async function insertOutbox(trx: Db, rows: NewRow<"notification_outbox">[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto("notification_outbox")
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .execute();
  }
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
