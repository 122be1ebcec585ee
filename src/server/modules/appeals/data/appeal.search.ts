import { type Expression, type SqlBool, sql } from "kysely";
import {
  type AppealStatus,
  type AppealType,
  type Channel,
  ONLINE_CHANNELS,
} from "../../../../contracts/appeals.js";
import { phoneDigits } from "../../../../core/masking.js";
import { FINISHED_STATES } from "../../../../core/workflow.js";
import type { Db } from "../../../db/database.js";
import { decodeCursor, encodeCursor } from "../../../lib/cursor.js";
import { nameIndexes, normaliseName, phoneIndexes } from "../../../lib/personal-data.js";
import { type QueryTerm, queryTerms, tsQueryFor } from "../../../lib/text-search.js";
import type { AppealScope } from "../scope.js";
import type { AppealRow } from "./appeal.repository.js";
import { openAppealsForList } from "./requester-crypto.js";
import { scopeCondition } from "./scope-condition.js";

/**
 * Appeal lists with keyset pagination: the cursor is the (sort key, id) of
 * the last row, so every page is an index range scan, rows are never skipped
 * or repeated while new appeals arrive, and nothing counts the table.
 */

/** received: newest first (search); oldest: oldest first (queues: the longest-waiting is the most urgent); respond_by: first-response due. */
export type AppealSort = "received" | "oldest" | "respond_by";

export interface AppealFilter {
  status?: AppealStatus;
  channel?: Channel;
  type?: AppealType;
  from?: Date;
  to?: Date;
  overdue?: boolean;
  q?: string;
  /** Whether `q` may match a phone number: only for roles that may reveal it (actors.ts). */
  phoneSearch: boolean;
  sort: AppealSort;
  limit: number;
  cursor?: string;
  now: Date;
}

const respondByKey = sql<Date>`coalesce(appeals.respond_by, 'infinity'::timestamptz)`;

/**
 * Matches of a word search that are looked up through the indexes and sorted here, rather than
 * found by walking the sort order (see searchAppeals).
 */
export const RARE_MATCH_CAP = 1000;

export async function searchAppeals(
  db: Db,
  scope: AppealScope,
  f: AppealFilter,
  /** Tests only: force either way of answering a word search (0 = never the index lookup). */
  rareCap = RARE_MATCH_CAP,
): Promise<{ rows: AppealRow[]; nextCursor: string | null }> {
  const text = f.q ? textCondition(f.q, f.phoneSearch) : undefined;
  if (text && text.terms.length > 0 && rareCap > 0 && (await mayBeRare(db, text.terms, rareCap))) {
    // A word search, newest first, is a walk down the sort index that stops at the page's
    // 50th match: quick for a common word, but for a rare one the walk reads most of the table
    // (PostgreSQL estimates a word missing from its statistics at half the rarest listed word's
    // frequency — tens of thousands of rows at millions of appeals — and walks): seconds at
    // millions of appeals (docs/benchmarks.md, "Ten million appeals"). So the matches are first
    // looked up through the GIN index, capped: when there are at most `rareCap` of them, the page
    // is sorted from those rows alone; beyond, the matches are dense enough for the walk.
    const ids = await matchingIds(db, scope.centerId, text.condition, rareCap + 1);
    if (ids.length <= rareCap) {
      if (ids.length === 0) return { rows: [], nextCursor: null };
      return listPage(filtered(db, scope, f).where("appeals.id", "in", ids), f);
    }
  }
  let q = filtered(db, scope, f);
  if (text) q = q.where(text.condition);
  return listPage(q, f);
}

/**
 * Whether a word search may have at most `cap` matches, judged from PostgreSQL's own statistics
 * of the search index (the most common words and their frequencies, read at most every
 * STATS_MAX_AGE_MS): a term whose words are all common is left to the planner, whose estimate is
 * then right; a term with a word missing from the statistics is rare. The answer only chooses
 * how to search, never what is found. Without statistics (PGlite never analyses; a new table)
 * every search may be rare: the capped lookup costs what the matches cost.
 */
export async function mayBeRare(db: Db, terms: QueryTerm[], cap: number): Promise<boolean> {
  const stats = await searchIndexStats(db);
  if (!stats) return true;
  const freq = (w: string) => stats.frequencies.get(w) ?? 0;
  // A term matches its word, or its parts as a phrase (at most as often as the rarest part).
  const termFrequency = (t: QueryTerm) =>
    Math.max(freq(t.word), t.phrase ? Math.min(...t.phrase.split(" ").map(freq)) : 0);
  const expected = Math.min(...terms.map(termFrequency)) * stats.rows;
  return expected <= cap;
}

const STATS_MAX_AGE_MS = 10 * 60_000;
let statsCache: { at: number; db: Db; stats: SearchIndexStats | null } | undefined;

/** Tests only: read the statistics afresh on the next search. */
export function forgetSearchIndexStats(): void {
  statsCache = undefined;
}

interface SearchIndexStats {
  /** Share of analysed appeals whose search document has the word, for the most common words. */
  frequencies: Map<string, number>;
  /** The planner's row count of the appeals table. */
  rows: number;
}

async function searchIndexStats(db: Db): Promise<SearchIndexStats | null> {
  const now = Date.now();
  if (statsCache && statsCache.db === db && now - statsCache.at < STATS_MAX_AGE_MS) return statsCache.stats;
  const r = await sql<{ elems: string[] | null; freqs: number[] | null; rows: number }>`
    select s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs::float8[] as freqs,
      (select c.reltuples::float8 from pg_class c where c.oid = 'appeals'::regclass) as rows
    from pg_stats s
    where s.schemaname = current_schema() and s.tablename = 'appeals_search_idx'
    limit 1`.execute(db);
  const row = r.rows[0];
  const stats =
    row?.elems && row.freqs && row.rows > 0
      ? { frequencies: new Map(row.elems.map((e, i) => [e, Number(row.freqs?.[i] ?? 0)])), rows: row.rows }
      : null;
  statsCache = { at: now, db, stats };
  return stats;
}

/** Scope and filters (not the text): the rows a list may show. */
function filtered(db: Db, scope: AppealScope, f: AppealFilter) {
  let q = db
    .selectFrom("appeals")
    .selectAll()
    .where((eb) => scopeCondition(eb, scope));
  if (f.status) q = q.where("status", "=", f.status);
  if (f.channel) q = q.where("channel", "=", f.channel);
  if (f.type) q = q.where("type", "=", f.type);
  if (f.from) q = q.where("received_at", ">=", f.from);
  if (f.to) q = q.where("received_at", "<", f.to);
  if (f.overdue !== undefined) {
    const cond = overdueCondition(f.now);
    q = q.where(f.overdue ? cond : sql<SqlBool>`not (${cond})`);
  }
  return q;
}

/**
 * What `q` matches: its words (through the search document), a tracking number, a requester's
 * whole name or phone (encrypted: through their blind indexes). `terms` (the words) is empty for a number.
 */
function textCondition(
  text: string,
  phoneSearch: boolean,
): { condition: Expression<SqlBool>; terms: QueryTerm[] } {
  const digits = phoneDigits(text);
  // A number (a phone or a tracking number) is looked up by its indexes only: with the word
  // search beside it in one OR, PostgreSQL walks the whole newest-first index hoping for 50
  // matches of a word estimate (seconds at a million appeals; docs/benchmarks.md).
  const isNumber = digits.length >= 7 && digits.length === text.replace(/[\s-]/g, "").length;
  const terms = isNumber ? [] : queryTerms(text);
  const tsq = isNumber ? undefined : tsQueryFor(text);
  const or: Expression<SqlBool>[] = [
    ...(tsq ? [sql<SqlBool>`to_tsvector('simple', appeals.search_tokens) @@ ${tsq}`] : []),
    sql<SqlBool>`appeals.tracking_no = ${text.toUpperCase()}`,
    ...(!isNumber && normaliseName(text)
      ? [sql<SqlBool>`appeals.name_bidx in (${sql.join(nameIndexes(text))})`]
      : []),
    ...(phoneSearch && isNumber
      ? [sql<SqlBool>`appeals.phone_bidx in (${sql.join(phoneIndexes(digits))})`]
      : []),
  ];
  return { condition: sql<SqlBool>`(${sql.join(or, sql` or `)})`, terms: tsq ? terms : [] };
}

/**
 * Up to `cap` ids of the center's appeals matching `condition`, found through the indexes
 * alone: sequential scans and plain index scans are switched off for this one statement, so the
 * plan is a bitmap of the GIN (and the tracking-number and name indexes, OR-ed), whose cost
 * follows the number of matches, whatever the statistics say about the word.
 */
async function matchingIds(db: Db, centerId: string, condition: Expression<SqlBool>, cap: number) {
  return db.transaction().execute(async (trx) => {
    // Both settings in one round trip (set_config(…, true) is SET LOCAL).
    await sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`.execute(
      trx,
    );
    const rows = await trx
      .selectFrom("appeals")
      .select("appeals.id")
      .where("appeals.center_id", "=", centerId)
      .where(condition)
      .limit(cap)
      .execute();
    return rows.map((r) => r.id);
  });
}

/** The page after the cursor in the sort order, and the cursor of the next. */
async function listPage(
  query: ReturnType<typeof filtered>,
  f: AppealFilter,
): Promise<{ rows: AppealRow[]; nextCursor: string | null }> {
  let q = query;
  if (f.sort === "received") {
    if (f.cursor) {
      const [at, id] = decodeCursor(f.cursor, "appeals.received", ["instant", "id"] as const);
      q = q.where(sql<SqlBool>`(appeals.received_at, appeals.id) < (${at}::timestamptz, ${id}::bigint)`);
    }
    q = q.orderBy("received_at", "desc").orderBy("id", "desc");
  } else if (f.sort === "oldest") {
    if (f.cursor) {
      const [at, id] = decodeCursor(f.cursor, "appeals.oldest", ["instant", "id"] as const);
      q = q.where(sql<SqlBool>`(appeals.received_at, appeals.id) > (${at}::timestamptz, ${id}::bigint)`);
    }
    q = q.orderBy("received_at", "asc").orderBy("id", "asc");
  } else {
    if (f.cursor) {
      const [at, id] = decodeCursor(f.cursor, "appeals.respond_by", ["instantOrInfinity", "id"] as const);
      q = q.where(sql<SqlBool>`(${respondByKey}, appeals.id) > (${at}::timestamptz, ${id}::bigint)`);
    }
    q = q.orderBy(respondByKey, "asc").orderBy("id", "asc");
  }

  const rows = await q.limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > f.limit && last
      ? encodeCursor(
          `appeals.${f.sort}`,
          f.sort === "respond_by"
            ? (last.respond_by?.toISOString() ?? "infinity")
            : last.received_at.toISOString(),
          last.id,
        )
      : null;
  return { rows: openAppealsForList(page), nextCursor };
}

/** Past the first-response deadline without a response, or past the due date while still open. */
function overdueCondition(now: Date) {
  const finished = sql.join(FINISHED_STATES.map((s) => sql`${s}`));
  return sql<SqlBool>`((appeals.status = 'received' and appeals.responded_at is null and appeals.respond_by < ${now})
    or (appeals.due_at < ${now} and appeals.status not in (${finished})))`;
}

/**
 * The online inbox (处置流程 · 受理: checked every working day): online
 * appeals still owed their first response, most urgent first.
 */
export async function listInbox(
  db: Db,
  scope: AppealScope,
  o: { limit: number; cursor?: string },
): Promise<{ rows: AppealRow[]; nextCursor: string | null }> {
  let q = db
    .selectFrom("appeals")
    .selectAll()
    .where((eb) => scopeCondition(eb, scope))
    .where("responded_at", "is", null)
    .where("status", "=", "received")
    .where("respond_by", "is not", null)
    .where("channel", "in", [...ONLINE_CHANNELS]);
  if (o.cursor) {
    const [at, id] = decodeCursor(o.cursor, "appeals.inbox", ["instant", "id"] as const);
    q = q.where(sql<SqlBool>`(appeals.respond_by, appeals.id) > (${at}::timestamptz, ${id}::bigint)`);
  }
  const rows = await q
    .orderBy("respond_by", "asc")
    .orderBy("id", "asc")
    .limit(o.limit + 1)
    .execute();
  const page = rows.slice(0, o.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > o.limit && last?.respond_by
      ? encodeCursor("appeals.inbox", last.respond_by.toISOString(), last.id)
      : null;
  return { rows: openAppealsForList(page), nextCursor };
}
