import { type SqlBool, sql } from "kysely";
import type { Db } from "../../../db/database.js";
import type { StatsCounter } from "../../../db/schema/results.js";
import { openRequesterFields } from "../../appeals/index.js";

/**
 * SQL of 热点分析, the drill-down and the monthly report: sums of appeal_terms_daily, pages of
 * stats_facts (the appeals behind a number), and the report's item lists. Every query is bounded
 * by a period and served by an index (stats_facts_*_idx, appeal_terms_daily's key).
 */

/** Per term: appeals in [from, to] and in [previousFrom, previousTo] (consecutive periods). */
export async function sumTerms(
  db: Db,
  centerId: string,
  p: { from: string; to: string; previousFrom: string },
  limit: number,
) {
  const count = sql<string>`coalesce(sum(appeals) filter (where day >= ${p.from}::date), 0)`;
  const previous = sql<string>`coalesce(sum(appeals) filter (where day < ${p.from}::date), 0)`;
  // The rollup plus the deltas not folded into it yet (stats.repository.ts), one snapshot.
  const rollup = db
    .selectFrom("appeal_terms_daily")
    .select(["day", "term", "appeals"])
    .where("center_id", "=", centerId)
    .where("day", ">=", p.previousFrom)
    .where("day", "<=", p.to);
  const deltas = db
    .selectFrom("appeal_terms_delta")
    .select(["day", "term", sql<number>`1`.as("appeals")])
    .where("center_id", "=", centerId)
    .where("day", ">=", p.previousFrom)
    .where("day", "<=", p.to);
  const rows = await db
    .selectFrom(rollup.unionAll(deltas).as("terms"))
    .select(["term", count.as("count"), previous.as("previous")])
    .groupBy("term")
    .having(sql<SqlBool>`sum(appeals) filter (where day >= ${p.from}::date) > 0`)
    .orderBy(sql`${count} - ${previous}`, "desc")
    .orderBy(count, "desc")
    .orderBy(sql`term collate "C"`)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ term: r.term, count: Number(r.count), previousCount: Number(r.previous) }));
}

export interface FactFilter {
  centerId: string;
  counters: StatsCounter[];
  from: string;
  to: string;
  departmentId?: string;
  channel?: string;
  type?: string;
  category?: string;
}

/** One page of the distinct appeals behind a number, newest id first; `after`: the last id seen. */
export async function pageFactAppeals(
  db: Db,
  f: FactFilter,
  limit: number,
  after?: string,
): Promise<string[]> {
  let q = db
    .selectFrom("stats_facts")
    .select("appeal_id")
    .distinct()
    .where("center_id", "=", f.centerId)
    .where("counter", "in", f.counters)
    .where("day", ">=", f.from)
    .where("day", "<=", f.to);
  if (f.departmentId !== undefined) q = q.where("department_id", "=", f.departmentId);
  if (f.channel !== undefined) q = q.where("channel", "=", f.channel);
  if (f.type !== undefined) q = q.where("type", "=", f.type);
  if (f.category !== undefined) q = q.where("category", "=", f.category);
  if (after) q = q.where("appeal_id", "<", after);
  const rows = await q.orderBy("appeal_id", "desc").limit(limit).execute();
  return rows.map((r) => r.appeal_id);
}

/** 超期办结 of a period: each appeal counted `overdue`, its department then, its latest 工作单's limit and reply. */
export async function listOverdueItems(db: Db, centerId: string, from: string, to: string, limit: number) {
  return db
    .selectFrom("stats_facts as f")
    .innerJoin("appeals as a", "a.id", "f.appeal_id")
    .leftJoin("departments as d", "d.id", "f.department_id")
    .select([
      "a.id",
      "a.tracking_no",
      "a.content",
      "d.name as department_name",
      (eb) =>
        eb
          .selectFrom("work_orders as w")
          .select("w.due_at")
          .whereRef("w.appeal_id", "=", "a.id")
          .orderBy("w.id", "desc")
          .limit(1)
          .as("due_at"),
      (eb) =>
        eb
          .selectFrom("work_orders as w")
          .select("w.replied_at")
          .whereRef("w.appeal_id", "=", "a.id")
          .orderBy("w.id", "desc")
          .limit(1)
          .as("replied_at"),
    ])
    .where("f.center_id", "=", centerId)
    .where("f.counter", "=", "overdue")
    .where("f.day", ">=", from)
    .where("f.day", "<=", to)
    .orderBy("f.day")
    .orderBy("f.id")
    .limit(limit)
    .execute();
}

/** 整改完成 of a period: rectifications completed in [start, end). */
export async function listRectifiedItems(db: Db, centerId: string, start: Date, end: Date, limit: number) {
  return db
    .selectFrom("rectifications as r")
    .innerJoin("appeals as a", "a.id", "r.appeal_id")
    .leftJoin("departments as d", "d.id", "r.department_id")
    .select([
      "a.id",
      "a.tracking_no",
      "a.content",
      "d.name as department_name",
      "r.due_at",
      "r.completed_at",
      "r.result",
    ])
    .where("r.center_id", "=", centerId)
    .where("r.status", "=", "done")
    .where("r.completed_at", ">=", start)
    .where("r.completed_at", "<", end)
    .orderBy("r.completed_at")
    .orderBy("r.id")
    .limit(limit)
    .execute();
}

/**
 * The month's appeals for 导出明细: those counted `received` in [from, to], in batches by
 * appeal id (keyset), so a 100,000-row export holds one batch in memory at a time.
 */
export async function batchReceivedAppeals(
  db: Db,
  centerId: string,
  from: string,
  to: string,
  after: string | null,
  limit: number,
) {
  let q = db
    .selectFrom("stats_facts as f")
    .innerJoin("appeals as a", "a.id", "f.appeal_id")
    .leftJoin("departments as d", "d.id", "f.department_id")
    .select([
      "a.id",
      "a.tracking_no",
      "a.received_at",
      "a.channel",
      "a.type",
      "a.category_code",
      "a.status",
      "a.requester_kind",
      "a.requester_name",
      "a.org_name",
      "a.phone",
      "a.content",
      "a.closed_at",
    ])
    .where("f.center_id", "=", centerId)
    .where("f.counter", "=", "received")
    .where("f.day", ">=", from)
    .where("f.day", "<=", to);
  if (after) q = q.where("f.appeal_id", ">", after);
  // Personal fields are ciphertext at rest (ADR 0015): open them for the export's masking.
  return (await q.orderBy("f.appeal_id").limit(limit).execute()).map(openRequesterFields);
}
