import { type QueryCreator, sql } from "kysely";
import type { Db } from "../../db/database.js";
import type { Database, NewRow } from "../../db/schema.js";
import type { TargetKind, TimerRow } from "./supervision.repository.js";

/** SQL of the supervision timers (ADR 0003, 0008). */

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
 * Arms timers for a deadline (one statement). Re-arming with the same deadline keeps a timer
 * that already fired done (exactly once per deadline) but wakes one that was
 * cancelled because its item was met and is open again (rework); a moved
 * deadline makes it pending again with the new fire time.
 */
export async function upsertTimers(trx: Db, timers: TimerSpec[]): Promise<void> {
  if (timers.length === 0) return;
  await timersUpsert(trx, timers).execute();
}

/** The statement of upsertTimers, to be run alone or as a CTE of another (one round trip). */
export function timersUpsert(db: QueryCreator<Database>, timers: TimerSpec[]) {
  return db
    .insertInto("supervision_timers")
    .values(
      timers.map((t) => ({
        center_id: t.centerId,
        target_kind: t.targetKind,
        target_id: t.targetId,
        stage: t.stage,
        appeal_id: t.appealId,
        due_at: t.dueAt,
        fire_at: t.fireAt ?? t.dueAt,
        status: t.fireAt ? "pending" : "cancelled",
        outcome: t.fireAt ? null : "no_threshold",
        created_at: t.now,
        updated_at: t.now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(["center_id", "target_kind", "target_id", "stage"])
        .doUpdateSet((eb) => ({
          due_at: eb.ref("excluded.due_at"),
          fire_at: eb.ref("excluded.fire_at"),
          status: eb.ref("excluded.status"),
          outcome: eb.ref("excluded.outcome"),
          fired_at: null,
          updated_at: eb.ref("excluded.updated_at"),
        }))
        .where(
          sql<boolean>`supervision_timers.due_at <> excluded.due_at or supervision_timers.status = 'cancelled'`,
        ),
    );
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
