import { sql } from "kysely";
import type { Db } from "../../../db/database.js";
import { STATS_COUNTERS, type StatsCounter } from "../../../db/schema/results.js";

/**
 * The daily rollup (stats_daily) and the once-per-appeal marks. Subscribers add to one cell per
 * event inside the event's transaction; the summary sums cells, never scanning appeals.
 */

export interface Cell {
  centerId: string;
  /** The appeal the increment is about: one stats_facts row per unit (drill-down). */
  appealId: string;
  day: string;
  departmentId: string | null;
  channel: string;
  type: string;
  category: string | null;
}

export async function bump(trx: Db, cell: Cell, add: Partial<Record<StatsCounter, number>>): Promise<void> {
  const entries = Object.entries(add).filter(([, v]) => v) as [StatsCounter, number][];
  if (entries.length === 0) return;
  const values = Object.fromEntries(entries);
  await trx
    .insertInto("stats_daily")
    .values({
      center_id: cell.centerId,
      day: cell.day,
      department_id: cell.departmentId ?? "0",
      channel: cell.channel,
      type: cell.type,
      category: cell.category ?? "",
      ...values,
    })
    .onConflict((oc) =>
      oc
        .columns(["center_id", "day", "department_id", "channel", "type", "category"])
        .doUpdateSet(Object.fromEntries(entries.map(([k, v]) => [k, sql`stats_daily.${sql.ref(k)} + ${v}`]))),
    )
    .execute();
  // The facts behind the increment, so a number opens onto exactly the appeals it counted.
  const facts = entries.flatMap(([counter, v]) =>
    Array.from({ length: v }, () => ({
      center_id: cell.centerId,
      day: cell.day,
      counter,
      appeal_id: cell.appealId,
      department_id: cell.departmentId ?? "0",
      channel: cell.channel,
      type: cell.type,
      category: cell.category ?? "",
    })),
  );
  await trx.insertInto("stats_facts").values(facts).execute();
}

/** 热点分析: one more appeal containing each term on that day (terms sorted: a stable lock order). */
export async function bumpTerms(trx: Db, centerId: string, day: string, terms: string[]): Promise<void> {
  if (terms.length === 0) return;
  await trx
    .insertInto("appeal_terms_daily")
    .values(terms.map((term) => ({ center_id: centerId, day, term, appeals: 1 })))
    .onConflict((oc) =>
      oc.columns(["center_id", "day", "term"]).doUpdateSet({ appeals: sql`appeal_terms_daily.appeals + 1` }),
    )
    .execute();
}

/**
 * 重复诉求: whether the center recorded another appeal from the same phone (digits) received in
 * the `days` before this one (ties on received_at broken by id; appeals_phone_idx covers it).
 */
export async function hasEarlierFromPhone(
  trx: Db,
  a: { centerId: string; appealId: string; phoneDigits: string; receivedAt: Date },
  days: number,
): Promise<boolean> {
  const since = new Date(a.receivedAt.getTime() - days * 86_400_000);
  const row = await trx
    .selectFrom("appeals")
    .select("id")
    .where("center_id", "=", a.centerId)
    .where("phone_digits", "=", a.phoneDigits)
    .where("received_at", ">=", since)
    .where(sql<boolean>`(received_at, id) < (${a.receivedAt}::timestamptz, ${a.appealId}::bigint)`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a once-per-appeal mark; true when this call set it (the first time). */
export async function markOnce(
  trx: Db,
  centerId: string,
  appealId: string,
  mark: "responded" | "decided",
  at: Date,
): Promise<boolean> {
  const r = await trx
    .insertInto("result_appeal_marks")
    .values({ center_id: centerId, appeal_id: appealId, mark, at })
    .onConflict((oc) => oc.doNothing())
    .returning("mark")
    .executeTakeFirst();
  return r !== undefined;
}

export type Dimension = "department_id" | "channel" | "type" | "category" | "day";

/** Sums of every counter over [from, to] (local days), by one dimension or in total. */
export async function sumCells(
  db: Db,
  centerId: string,
  from: string,
  to: string,
  by?: Dimension,
  departmentId?: string,
) {
  let q = db
    .selectFrom("stats_daily")
    .where("center_id", "=", centerId)
    .where("day", ">=", from)
    .where("day", "<=", to);
  if (departmentId) q = q.where("department_id", "=", departmentId);
  const sums = STATS_COUNTERS.map((c) => sql<string>`coalesce(sum(${sql.ref(c)}), 0)`.as(c));
  if (by) {
    return q
      .select([sql<string>`${sql.ref(by)}::text`.as("key"), ...sums])
      .groupBy(by)
      .orderBy(by)
      .execute();
  }
  return q.select([sql<string>`''`.as("key"), ...sums]).execute();
}
