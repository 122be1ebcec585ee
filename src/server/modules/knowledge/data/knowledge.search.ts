import { type SqlBool, sql } from "kysely";
import {
  anyTsQuery,
  atLeastTsQuery,
  groupTsQuery,
  planTokens,
  type QueryPlan,
} from "../../../../core/search-text.js";
import type { Db } from "../../../db/database.js";
import { currentCondition } from "./knowledge.repository.js";

/**
 * Ranked full-text match over a `tsvector` built from jieba tokens with the 'simple'
 * configuration (ADR 0013). Matching and coverage look at what describes the document (weights
 * A and B: title, tags, the citizen's question), so words that only occur in a long answer do
 * not make it a candidate. The score is, in order of importance:
 *   - coverage: the number of groups of the question the document has (an integer);
 *   - title precision (× 0.9): the share of the title's and tags' lexemes that are words of the
 *     question — among articles covering the same parts, the one that is about exactly that
 *     ("个体工商户注销登记") comes before a longer one that also names a matter, a place or a
 *     number ("个体工商户营业执照注销（经开区）第3920号");
 *   - ts_rank over the whole vector (× 0.099, normalisation 1): the answer's mentions break ties.
 * The fractional part stays below 1, so coverage always dominates.
 */
export function rankedMatch(vector: ReturnType<typeof sql.ref>, plan: QueryPlan, weights = "AB") {
  const anyAll = sql`to_tsquery('simple', ${anyTsQuery(plan)})`;
  const coverage = sql.join(
    plan.groups.map((g) => sql`(${vector} @@ to_tsquery('simple', ${groupTsQuery(g, weights)}))::int`),
    sql` + `,
  );
  const inTitle = sql.join(
    planTokens(plan).map((t) => sql`(${vector} @@ to_tsquery('simple', ${`'${t}':A`}))::int`),
    sql` + `,
  );
  const precision = sql`least((${inTitle})::float8 / greatest(length(ts_filter(${vector}, '{a}')), 1), 1)`;
  // Matching goes through the index of the A/B part alone (2026121800_knowledge_head_index):
  // a word every answer has (窗口, 身份证) is then no candidate to read and discard.
  const head = sql`ts_filter(${vector}, '{a,b}'::"char"[])`;
  return {
    /** Documents having at least `k` groups in their title, tags or question (k = 1: any). */
    atLeast: (k: number) => sql<SqlBool>`${head} @@ to_tsquery('simple', ${atLeastTsQuery(plan, k)})`,
    /** Documents having this group in their title, tags or question. */
    has: (i: number) =>
      sql<SqlBool>`${head} @@ to_tsquery('simple', ${groupTsQuery(plan.groups[i] as QueryPlan["groups"][number])})`,
    score: sql<number>`(${coverage}) + 0.9 * ${precision} + 0.099 * least(ts_rank(${vector}, ${anyAll}, 1), 0.999)`,
  };
}

/**
 * Rows ranked in one pass at most. The cost of a search is the number of rows it reads (the GIN
 * index finds them, each is read to be scored), so a pass reads at most this many; beyond it the
 * ranking covers an arbitrary subset of equally matching rows.
 */
export const PASS_CAP = 1500;
/** In the last pass, each group brings at most this many candidates (a rare group brings all of its). */
export const GROUP_CAP = 300;
/**
 * In the last pass, the center's current articles read in order of title length (shortest
 * first, then id; index 2026122300_knowledge_title_length_index), of which those having a group
 * are candidates as well: among the thousands of articles sharing a common word, the one whose
 * title is little more than that word (个体工商户注销登记) is the one about it, where a look-alike adds
 * a matter, a place or a number (个体工商户营业执照注销（经开区）第3920号). 500 shortest found
 * what reading every article of the group found at 100,000 articles, at the cost of one more
 * group (1,000 found the same and cost ~2 ms more per search; docs/benchmarks.md).
 */
export const TITLE_WALK = 500;

export interface SearchRow {
  id: string;
  title: string;
  question: string;
  answer: string;
  department_ids: string[];
  example: boolean;
  score: number;
}

/** A tier's tsquery is the OR of its k-subsets; beyond this many it jumps to the next tier. */
const MAX_CLAUSES = 64;

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

const COLUMNS = ["id", "title", "question", "answer", "department_ids", "example"] as const;

/**
 * The best `fetch` current articles of the center for a plan, in passes that each read a bounded
 * number of rows (ADR 0013):
 *   1. articles having at least two groups (all of them for a one- or two-group question) — for
 *      a paraphrase that names two things (个体户 + 关掉) this is a GIN intersection, small even
 *      when each word alone matches thousands of articles;
 *   2. when that pass was capped, articles having at least three groups, then four, … while the
 *      pass is capped, so the best are not lost among the capped rows;
 *   3. when the passes found fewer than `enough` distinct articles, articles having any group:
 *      each group brings at most GROUP_CAP candidates, so one very common word cannot make the
 *      search read every article, and the TITLE_WALK shortest-titled articles having a group
 *      are added, so the candidates of a common word include the articles about it. Skipped
 *      when it cannot change the result: the first pass was not capped (every article having
 *      two groups or more is ranked) and filled the window.
 * `enough` decides whether the next pass is needed (the caller counts near-duplicates out).
 */
export async function searchArticles(
  db: Db,
  centerId: string,
  plan: QueryPlan,
  today: string,
  fetch: number,
  enough: (rows: SearchRow[]) => boolean,
): Promise<SearchRow[]> {
  const n = plan.groups.length;
  if (n === 0) return [];
  const m = rankedMatch(sql.ref("c.search_vector"), plan);
  const base = () =>
    db
      .selectFrom("knowledge_articles")
      .where("center_id", "=", centerId)
      .where(currentCondition(today))
      .select([...COLUMNS, "search_vector"]);
  const pass = async (k: number) => {
    const rows = await db
      .selectFrom(
        base()
          .where(rankedMatch(sql.ref("knowledge_articles.search_vector"), plan).atLeast(k))
          .limit(PASS_CAP)
          .as("c"),
      )
      .select([...COLUMNS, m.score.as("score"), sql<number>`count(*) over ()`.as("total")])
      .orderBy("score", "desc")
      .orderBy("id")
      .limit(fetch)
      .execute();
    return {
      rows: rows as (SearchRow & { total: number })[],
      capped: Number(rows[0]?.total ?? 0) >= PASS_CAP,
    };
  };
  const merge = (a: SearchRow[], b: SearchRow[]) => {
    const seen = new Set(a.map((r) => r.id));
    return [...a, ...b.filter((r) => !seen.has(r.id))]
      .sort((x, y) => Number(y.score) - Number(x.score) || Number(x.id) - Number(y.id))
      .slice(0, fetch);
  };
  const strip = (rows: (SearchRow & { total?: number })[]): SearchRow[] =>
    rows.map(({ total: _t, ...r }) => r);

  const first = await pass(Math.min(2, n));
  let rows = strip(first.rows);
  // A capped pass ranked an arbitrary subset: the next tier (articles having one more group) is
  // a subset of it that ranks above the rest, so it is read whole unless it is capped as well.
  let capped = first.capped;
  for (let k = 3; capped && k <= n; k++) {
    if (k < n && binomial(n, k) > MAX_CLAUSES) continue;
    const next = await pass(k);
    rows = merge(strip(next.rows), rows);
    capped = next.capped;
  }
  if (enough(rows) || n === 1) return rows;
  // The last pass cannot change a full window of an uncapped first pass: that pass ranked every
  // article having two groups or more (score ≥ 2), and an article having one group scores below
  // 2 (coverage 1 + fractions < 1), so it would be cut off after the `fetch` rows already there.
  if (!first.capped && rows.length >= fetch) return rows;

  // Each group brings up to GROUP_CAP of its articles in whatever order the scan finds them
  // (all of a rare group's), and the TITLE_WALK articles with the shortest titles bring those of
  // theirs having any group: the ones about a common word, which an arbitrary 300 of its
  // thousands would mostly miss.
  const inner = rankedMatch(sql.ref("knowledge_articles.search_vector"), plan);
  const perGroup = plan.groups.map(
    (_, i) => sql`(select id from knowledge_articles where center_id = ${centerId}
        and ${currentCondition(today)} and ${inner.has(i)} limit ${GROUP_CAP})`,
  );
  const walked = rankedMatch(sql.ref("w.search_vector"), plan);
  const shortest = sql`(select w.id from (select id, search_vector from knowledge_articles
        where center_id = ${centerId} and ${currentCondition(today)}
        order by length(title), id limit ${TITLE_WALK}) w where ${walked.atLeast(1)})`;
  const ids = sql.join([...perGroup, shortest], sql` union `);
  const more = await db
    .selectFrom("knowledge_articles as c")
    .where(sql<SqlBool>`c.id in (${ids})`)
    .select([...COLUMNS.map((col) => `c.${col}` as const), m.score.as("score")])
    .orderBy("score", "desc")
    .orderBy("c.id")
    .limit(fetch)
    .execute();
  return merge(rows, more as SearchRow[]);
}
