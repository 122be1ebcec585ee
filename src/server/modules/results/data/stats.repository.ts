import { sql } from "kysely";
import type { Db } from "../../../db/database.js";
import { STATS_COUNTERS, type StatsCounter } from "../../../db/schema/results.js";
import { type Writer, write, writerDb } from "../../../db/write-batch.js";
import { phoneIndexes } from "../../../lib/personal-data.js";

/**
 * The daily rollup (stats_daily) and the once-per-appeal marks. Subscribers append one delta row
 * per counter increment (stats_daily_delta) and per term (appeal_terms_delta) inside the event's
 * transaction — insert only, so concurrent requests of a center never wait on a shared rollup row
 * (issue 14) — and `foldStatsDeltas` / `foldTermDeltas` move committed deltas into the rollups in
 * the background. Every read sums rollup and deltas in one statement (one snapshot): a fold is
 * one transaction (delete the deltas, add them to the cells), so a figure is exact before, during
 * and after it. The summary sums cells, never scanning appeals.
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

/** Adds to one cell: the deltas and the drill-down facts, in one round trip. */
export async function bump(trx: Db, cell: Cell, add: Partial<Record<StatsCounter, number>>): Promise<void> {
  const entries = Object.entries(add).filter(([, v]) => v) as [StatsCounter, number][];
  if (entries.length === 0) return;
  const dims = {
    center_id: cell.centerId,
    day: cell.day,
    department_id: cell.departmentId ?? "0",
    channel: cell.channel,
    type: cell.type,
    category: cell.category ?? "",
  };
  const deltas = entries.map(([counter, n]) => ({ ...dims, counter, n }));
  // The facts behind the increment, so a number opens onto exactly the appeals it counted.
  const facts = entries.flatMap(([counter, v]) =>
    Array.from({ length: v }, () => ({ ...dims, counter, appeal_id: cell.appealId })),
  );
  await trx
    .with("d", (db) => db.insertInto("stats_daily_delta").values(deltas))
    .insertInto("stats_facts")
    .values(facts)
    .execute();
}

const CELL_KEY = ["center_id", "day", "department_id", "channel", "type", "category"] as const;

/**
 * Moves up to `batch` committed counter deltas into stats_daily, in one statement (one
 * transaction): taken with SKIP LOCKED, so instances folding at once take different rows; cells
 * written in key order, so two folds never deadlock. The number of cells written (0: nothing left).
 */
export async function foldStatsDeltas(db: Db, batch: number): Promise<number> {
  const key = sql.join(CELL_KEY.map((c) => sql.ref(c)));
  const sums = sql.join(
    STATS_COUNTERS.map((c) => sql`coalesce(sum(n) filter (where counter = ${sql.lit(c)}), 0)`),
  );
  const cols = sql.join(STATS_COUNTERS.map((c) => sql.ref(c)));
  const set = sql.join(
    STATS_COUNTERS.map((c) => sql`${sql.ref(c)} = stats_daily.${sql.ref(c)} + excluded.${sql.ref(c)}`),
  );
  const r = await sql`with d as (
      delete from stats_daily_delta where id in (
        select id from stats_daily_delta order by id limit ${batch} for update skip locked)
      returning ${key}, counter, n)
    insert into stats_daily (${key}, ${cols})
    select ${key}, ${sums} from d group by ${key} order by ${key}
    on conflict (${key}) do update set ${set}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** The same for the term deltas into appeal_terms_daily. */
export async function foldTermDeltas(db: Db, batch: number): Promise<number> {
  const r = await sql`with d as (
      delete from appeal_terms_delta where id in (
        select id from appeal_terms_delta order by id limit ${batch} for update skip locked)
      returning center_id, day, term)
    insert into appeal_terms_daily (center_id, day, term, appeals)
    select center_id, day, term, count(*) from d group by center_id, day, term order by center_id, day, term
    on conflict (center_id, day, term) do update set appeals = appeal_terms_daily.appeals + excluded.appeals`.execute(
    db,
  );
  return Number(r.numAffectedRows ?? 0);
}

/**
 * 重复诉求: another appeal of the center from the same phone (digits) received in the `days` before
 * this one (ties on received_at broken by id). The phone is compared through its blind index under
 * every key of the ring (appeals_phone_bidx_idx covers it). A query to embed (`exists`).
 */
function earlierFromPhone(
  trx: Db,
  a: { centerId: string; appealId: string; phone: string; receivedAt: Date },
  days: number,
) {
  const since = new Date(a.receivedAt.getTime() - days * 86_400_000);
  return trx
    .selectFrom("appeals")
    .select("id")
    .where("center_id", "=", a.centerId)
    .where("phone_bidx", "in", phoneIndexes(a.phone))
    .where("received_at", ">=", since)
    .where(sql<boolean>`(received_at, id) < (${a.receivedAt}::timestamptz, ${a.appealId}::bigint)`)
    .limit(1);
}

/**
 * 受理 in one statement (one round trip): `received` on the cell, `repeated` too when `repeat` is
 * given and the phone appealed within its window (earlierFromPhone, evaluated in the statement),
 * their drill-down facts, and one appeal more for each of the content's terms on `termsDay`.
 */
export async function bumpReceived(
  w: Writer,
  cell: Cell,
  terms: { day: string; terms: string[] },
  repeat: { phone: string; receivedAt: Date; days: number } | null,
): Promise<void> {
  const trx = writerDb(w);
  const earlier = repeat
    ? sql`select 'repeated'::text where exists ${earlierFromPhone(
        trx,
        {
          centerId: cell.centerId,
          appealId: cell.appealId,
          phone: repeat.phone,
          receivedAt: repeat.receivedAt,
        },
        repeat.days,
      )}`
    : sql`select null::text where false`;
  const dims = sql`${cell.centerId}::bigint, ${cell.day}::date, ${cell.departmentId ?? "0"}::bigint, ${cell.channel}::text, ${cell.type}::text, ${cell.category ?? ""}::text`;
  // One statement of its own, or a part of the caller's batch (intake, ADR 0018).
  await write(w, (ref) => {
    const counters = sql.table(ref("counters"));
    return [
      {
        name: "counters",
        query: () => sql`select 'received'::text as counter union all ${earlier}`,
        materialized: true,
      },
      {
        name: "deltas",
        query:
          () => sql`insert into stats_daily_delta (center_id, day, department_id, channel, type, category, counter, n)
          select ${dims}, counter, 1 from ${counters}`,
      },
      ...(terms.terms.length > 0
        ? [
            {
              name: "terms",
              query: () => sql`insert into appeal_terms_delta (center_id, day, term)
                select ${cell.centerId}::bigint, ${terms.day}::date, unnest(${terms.terms}::text[])`,
            },
          ]
        : []),
      {
        name: "facts",
        query:
          () => sql`insert into stats_facts (center_id, day, department_id, channel, type, category, counter, appeal_id)
          select ${dims}, counter, ${cell.appealId}::bigint from ${counters}`,
      },
    ];
  });
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

/**
 * Sums of every counter over [from, to] (local days), by one dimension or in total: the cells of
 * stats_daily plus the deltas not folded into them yet, in one statement (one snapshot).
 */
export async function sumCells(
  db: Db,
  centerId: string,
  from: string,
  to: string,
  by?: Dimension,
  departmentId?: string,
) {
  let rollup = db
    .selectFrom("stats_daily")
    .select([...CELL_KEY, ...STATS_COUNTERS])
    .where("center_id", "=", centerId)
    .where("day", ">=", from)
    .where("day", "<=", to);
  let deltas = db
    .selectFrom("stats_daily_delta")
    .select([
      ...CELL_KEY,
      ...STATS_COUNTERS.map((c) => sql<number>`case when counter = ${sql.lit(c)} then n else 0 end`.as(c)),
    ])
    .where("center_id", "=", centerId)
    .where("day", ">=", from)
    .where("day", "<=", to);
  if (departmentId) {
    rollup = rollup.where("department_id", "=", departmentId);
    deltas = deltas.where("department_id", "=", departmentId);
  }
  const q = db.selectFrom(rollup.unionAll(deltas).as("cells"));
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
