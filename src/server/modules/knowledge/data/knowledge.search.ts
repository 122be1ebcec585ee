import { type SqlBool, sql } from "kysely";
import { anyTsQuery, groupTsQuery, type QueryPlan } from "../../../../core/search-text.js";
import type { Db } from "../../../db/database.js";
import { currentCondition } from "./knowledge.repository.js";

/**
 * Ranked full-text match over a `tsvector` built from jieba tokens with the 'simple'
 * configuration (ADR 0013). A document matches when it has any group of the plan (the GIN
 * index answers that); its score is the number of groups it covers plus ts_rank (title and
 * tags weigh most), so an article that answers every part of the question comes first.
 */
export function rankedMatch(vector: ReturnType<typeof sql.ref>, plan: QueryPlan, weights = "AB") {
  // Matching and coverage look at what describes the document (weights A and B: title, tags,
  // the citizen's question); words that only occur in a long answer do not make it a candidate.
  const any = sql`to_tsquery('simple', ${anyTsQuery(plan, weights)})`;
  const anyAll = sql`to_tsquery('simple', ${anyTsQuery(plan)})`;
  const coverage = sql.join(
    plan.groups.map((g) => sql`(${vector} @@ to_tsquery('simple', ${groupTsQuery(g, weights)}))::int`),
    sql` + `,
  );
  const all = sql`to_tsquery('simple', ${plan.groups.map((g) => groupTsQuery(g, weights)).join(" & ")})`;
  return {
    where: sql<SqlBool>`${vector} @@ ${any}`,
    /** Documents covering every group: the top of the ranking whenever there are enough of them. */
    whereAll: sql<SqlBool>`${vector} @@ ${all}`,
    score: sql<number>`(${coverage}) + least(ts_rank(${vector}, ${anyAll}, 1), 0.999)`,
  };
}

export async function searchArticles(
  db: Db,
  centerId: string,
  plan: QueryPlan,
  today: string,
  limit: number,
) {
  if (plan.groups.length === 0) return [];
  const m = rankedMatch(sql.ref("knowledge_articles.search_vector"), plan);
  return db
    .selectFrom("knowledge_articles")
    .where("center_id", "=", centerId)
    .where(m.where)
    .where(currentCondition(today))
    .select(["id", "title", "question", "answer", "department_ids", "example", m.score.as("score")])
    .orderBy("score", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}
