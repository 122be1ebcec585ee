import { type QueryCreator, sql } from "kysely";
import type { Db } from "../../db/database.js";
import type { Database, NewRow } from "../../db/schema.js";
import { type Writer, write } from "../../db/write-batch.js";
import type { ItemKind, ItemRow } from "./supervision.repository.js";
import { type TimerSpec, timersUpsert } from "./supervision-timers.repository.js";

/** SQL of the register of tracked items (跟踪到底) and the board built on it. */

/**
 * Opens (or re-opens, or moves) an item and arms its timers, in one statement (one round trip), or
 * as part of the caller's batch (intake, ADR 0018).
 */
export async function upsertItem(
  w: Writer,
  row: Omit<NewRow<"supervision_items">, "created_at" | "updated_at" | "closed_at"> & { now: Date },
  timers: TimerSpec[],
): Promise<void> {
  const { now, ...values } = row;
  const item = (db: QueryCreator<Database>) =>
    db
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
      );
  await write(w, () => [
    { name: "item", query: item },
    ...(timers.length > 0
      ? [{ name: "timers", query: (db: QueryCreator<Database>) => timersUpsert(db, timers) }]
      : []),
  ]);
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
  /** dueSoonUntil(now, time zone): the due-day / 4-hour part of the yellow light (core/due-light.ts). */
  soon: Date;
  light?: "red" | "yellow" | "green";
  departmentId?: string;
  /** Items a department takes part in (lead or co-department): its to-do list. */
  anyDepartmentId?: string;
  targetKind?: ItemKind;
  targetKinds?: readonly ItemKind[];
  /** Due by then (today's and overdue items). */
  dueBy?: Date;
  after?: { dueAt: Date; kind: string; id: string };
  limit: number;
}

/** The reminder time of an item (its pending or fired reminder timer), null when it has none. */
const remindAt = sql<Date | null>`(select t.fire_at from supervision_timers t
  where t.center_id = i.center_id and t.target_kind = i.target_kind and t.target_id = i.target_id
    and t.stage = 'reminder' and t.outcome is distinct from 'no_threshold' and t.status <> 'cancelled')`;

/** The light as SQL: the same answer as lightAt in src/core/due-light.ts, row by row. */
const red = (now: Date) => sql<boolean>`x.due_at < ${now}`;
const yellow = (now: Date, soon: Date) =>
  sql<boolean>`x.due_at >= ${now} and (x.remind_at <= ${now} or x.due_at <= ${soon})`;
const green = (now: Date, soon: Date) =>
  sql<boolean>`x.due_at >= ${now} and (x.remind_at is null or x.remind_at > ${now}) and x.due_at > ${soon}`;

function lightCondition(light: BoardFilter["light"], now: Date, soon: Date) {
  switch (light) {
    case "red":
      return red(now);
    case "yellow":
      return yellow(now, soon);
    case "green":
      return green(now, soon);
    default:
      return sql<boolean>`true`;
  }
}

/** Open items of a center, most urgent first (keyset on due_at, kind, id; served by supervision_items_open_idx). */
export async function listOpenItems(db: Db, f: BoardFilter): Promise<BoardRow[]> {
  const conds = [lightCondition(f.light, f.now, f.soon)];
  if (f.departmentId) conds.push(sql<boolean>`x.lead_department_id = ${f.departmentId}`);
  if (f.anyDepartmentId) conds.push(sql<boolean>`x.department_ids @> array[${f.anyDepartmentId}::text]`);
  if (f.targetKind) conds.push(sql<boolean>`x.target_kind = ${f.targetKind}`);
  if (f.targetKinds) {
    if (f.targetKinds.length === 0) return [];
    conds.push(sql<boolean>`x.target_kind in (${sql.join(f.targetKinds)})`);
  }
  if (f.dueBy) conds.push(sql<boolean>`x.due_at <= ${f.dueBy}`);
  if (f.after) {
    conds.push(
      sql<boolean>`(x.due_at, x.target_kind, x.target_id) > (${f.after.dueAt}, ${f.after.kind}, ${f.after.id}::bigint)`,
    );
  }
  const r = await sql<BoardRow>`select x.* from (
      select i.target_kind, i.target_id, i.appeal_id, i.tracking_no, i.title, i.lead_department_id,
        i.department_ids, i.due_at, ${remindAt} as remind_at
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
  soon: Date,
): Promise<{ department_id: string | null; green: number; yellow: number; red: number }[]> {
  const r = await sql<{ department_id: string | null; green: string; yellow: string; red: string }>`
    select x.lead_department_id as department_id,
      count(*) filter (where ${green(now, soon)}) as green,
      count(*) filter (where ${yellow(now, soon)}) as yellow,
      count(*) filter (where ${red(now)}) as red
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

/** The open items of some appeals (the 销号清零 report's limits column), soonest due first. */
export async function openItemsOfAppeals(db: Db, centerId: string, appealIds: string[]): Promise<BoardRow[]> {
  if (appealIds.length === 0) return [];
  const r = await sql<BoardRow>`select i.target_kind, i.target_id, i.appeal_id, i.tracking_no, i.title,
      i.lead_department_id, i.department_ids, i.due_at, ${remindAt} as remind_at
    from supervision_items i
    where i.center_id = ${centerId} and i.closed_at is null and i.appeal_id in (${sql.join(appealIds)})
    order by i.due_at, i.target_kind, i.target_id`.execute(db);
  return r.rows;
}

/**
 * Open and overdue tracked items per center (GET /metrics): an index-only count over the open
 * items (supervision_items_open_idx is partial on closed_at is null), so its cost follows what is
 * open, never the history.
 */
export async function countOpenItems(
  db: Db,
  now: Date,
): Promise<{ center_id: string; open: number; overdue: number }[]> {
  const r = await sql<{ center_id: string; open: string; overdue: string }>`
    select i.center_id, count(*) as open, count(*) filter (where i.due_at < ${now}) as overdue
    from supervision_items i where i.closed_at is null
    group by i.center_id order by i.center_id`.execute(db);
  return r.rows.map((x) => ({
    center_id: String(x.center_id),
    open: Number(x.open),
    overdue: Number(x.overdue),
  }));
}
