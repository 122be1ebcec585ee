import { type SqlBool, sql } from "kysely";
import type { Db } from "../../../db/database.js";
import type { KnowledgeChange } from "../../../db/schema/knowledge.js";
import type { Row } from "../../../db/schema.js";
import { decodeCursor, encodeCursor } from "../../../lib/cursor.js";

export const articleColumns = [
  "id",
  "center_id",
  "version",
  "status",
  "title",
  "question",
  "answer",
  "department_ids",
  "tags",
  "source",
  "valid_from",
  "valid_to",
  "review_by",
  "example",
  "use_count",
  "last_used_at",
  "published_at",
  "created_at",
  "updated_at",
] as const;

export type ArticleRow = Pick<Row<"knowledge_articles">, (typeof articleColumns)[number]>;

/** The fields every version row copies. */
export interface ArticleContent {
  status: "draft" | "published";
  title: string;
  question: string;
  answer: string;
  department_ids: string[];
  tags: string[];
  source: string | null;
  valid_from: string | null;
  valid_to: string | null;
  review_by: string | null;
}

/** The tsvector of an article: title and tags weigh most, then the citizen's question, then the answer. */
export function searchVector(t: { title: string; tags: string; question: string; answer: string }) {
  return sql`setweight(to_tsvector('simple', ${t.title}), 'A') || setweight(to_tsvector('simple', ${t.tags}), 'A')
    || setweight(to_tsvector('simple', ${t.question}), 'B') || setweight(to_tsvector('simple', ${t.answer}), 'C')`;
}

export async function insertArticle(
  db: Db,
  a: ArticleContent & {
    centerId: string;
    example: boolean;
    vector: ReturnType<typeof searchVector>;
    now: Date;
  },
): Promise<ArticleRow> {
  return db
    .insertInto("knowledge_articles")
    .values({
      center_id: a.centerId,
      version: 1,
      status: a.status,
      title: a.title,
      question: a.question,
      answer: a.answer,
      department_ids: a.department_ids,
      tags: a.tags,
      source: a.source,
      valid_from: a.valid_from,
      valid_to: a.valid_to,
      review_by: a.review_by,
      example: a.example,
      search_vector: a.vector,
      published_at: a.status === "published" ? a.now : null,
      created_at: a.now,
      updated_at: a.now,
    })
    .returning(articleColumns)
    .executeTakeFirstOrThrow();
}

export async function findArticle(db: Db, centerId: string, id: string, forUpdate = false) {
  let q = db
    .selectFrom("knowledge_articles")
    .where("id", "=", id)
    .where("center_id", "=", centerId)
    .select(articleColumns);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Writes the next version (optimistic: only when the row is still at `fromVersion`); undefined when it moved on. */
export async function updateArticle(
  db: Db,
  id: string,
  fromVersion: number,
  c: ArticleContent & { vector: ReturnType<typeof searchVector>; publishedAt: Date | null; now: Date },
): Promise<ArticleRow | undefined> {
  return db
    .updateTable("knowledge_articles")
    .set({
      version: fromVersion + 1,
      status: c.status,
      title: c.title,
      question: c.question,
      answer: c.answer,
      department_ids: c.department_ids,
      tags: c.tags,
      source: c.source,
      valid_from: c.valid_from,
      valid_to: c.valid_to,
      review_by: c.review_by,
      search_vector: c.vector,
      published_at: c.publishedAt,
      updated_at: c.now,
    })
    .where("id", "=", id)
    .where("version", "=", fromVersion)
    .returning(articleColumns)
    .executeTakeFirst();
}

export async function insertVersion(
  db: Db,
  v: ArticleContent & {
    articleId: string;
    version: number;
    change: KnowledgeChange;
    editedBy: string | null;
    editedByName: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto("knowledge_article_versions")
    .values({
      article_id: v.articleId,
      version: v.version,
      change: v.change,
      status: v.status,
      title: v.title,
      question: v.question,
      answer: v.answer,
      department_ids: v.department_ids,
      tags: v.tags,
      source: v.source,
      valid_from: v.valid_from,
      valid_to: v.valid_to,
      review_by: v.review_by,
      edited_by: v.editedBy,
      edited_by_name: v.editedByName,
      edited_at: v.at,
    })
    .execute();
}

export async function listVersions(db: Db, articleId: string) {
  return db
    .selectFrom("knowledge_article_versions")
    .where("article_id", "=", articleId)
    .selectAll()
    .orderBy("version", "desc")
    .execute();
}

/** Not current on `today`: published but outside its validity or past its review date. */
export function flaggedCondition(today: string) {
  return sql<SqlBool>`(knowledge_articles.valid_to < ${today}::date or knowledge_articles.valid_from > ${today}::date
    or knowledge_articles.review_by < ${today}::date)`;
}

/** Published, valid on `today` and not past its review date. */
export function currentCondition(today: string) {
  return sql<SqlBool>`(knowledge_articles.status = 'published'
    and (knowledge_articles.valid_from is null or knowledge_articles.valid_from <= ${today}::date)
    and (knowledge_articles.valid_to is null or knowledge_articles.valid_to >= ${today}::date)
    and (knowledge_articles.review_by is null or knowledge_articles.review_by >= ${today}::date))`;
}

/** The admin list, most recently edited first, keyset-paginated. */
export async function listArticles(
  db: Db,
  centerId: string,
  f: { status?: "draft" | "published"; flaggedOn?: string; limit: number; cursor?: string },
): Promise<{ rows: ArticleRow[]; nextCursor: string | null }> {
  let q = db.selectFrom("knowledge_articles").where("center_id", "=", centerId).select(articleColumns);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.flaggedOn) q = q.where(flaggedCondition(f.flaggedOn));
  if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor, "knowledge.updated", ["instant", "id"] as const);
    q = q.where(
      sql<SqlBool>`(knowledge_articles.updated_at, knowledge_articles.id) < (${at}::timestamptz, ${id}::bigint)`,
    );
  }
  const rows = await q
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .limit(f.limit + 1)
    .execute();
  const more = rows.length > f.limit;
  const page = more ? rows.slice(0, f.limit) : rows;
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor:
      more && last ? encodeCursor("knowledge.updated", last.updated_at.toISOString(), last.id) : null,
  };
}

/** Counts one use (an answer inserted into a reply); atomic under concurrency. */
export async function countUse(db: Db, centerId: string, id: string, today: string, now: Date) {
  return db
    .updateTable("knowledge_articles")
    .set({ use_count: sql`use_count + 1`, last_used_at: now })
    .where("id", "=", id)
    .where("center_id", "=", centerId)
    .where(currentCondition(today))
    .returning(["id", "title", "answer", "use_count"])
    .executeTakeFirst();
}

export async function mostUsed(db: Db, centerId: string, today: string, limit: number) {
  return db
    .selectFrom("knowledge_articles")
    .where("center_id", "=", centerId)
    .where("status", "=", "published")
    .where("use_count", ">", 0)
    .where(currentCondition(today))
    .select(["id", "title", "use_count"])
    .orderBy("use_count", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function countArticles(db: Db, centerId: string): Promise<boolean> {
  const r = await db
    .selectFrom("knowledge_articles")
    .where("center_id", "=", centerId)
    .select("id")
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function loadSynonyms(db: Db, centerId: string): Promise<string[][]> {
  const rows = await db
    .selectFrom("knowledge_synonyms")
    .where("center_id", "=", centerId)
    .select("terms")
    .orderBy("position")
    .execute();
  return rows.map((r) => r.terms);
}

export async function replaceSynonyms(
  db: Db,
  centerId: string,
  groups: string[][],
  now: Date,
): Promise<void> {
  await db.deleteFrom("knowledge_synonyms").where("center_id", "=", centerId).execute();
  if (groups.length === 0) return;
  await db
    .insertInto("knowledge_synonyms")
    .values(groups.map((terms, i) => ({ center_id: centerId, position: i, terms, updated_at: now })))
    .execute();
}

export async function hasSynonyms(db: Db, centerId: string): Promise<boolean> {
  const r = await db
    .selectFrom("knowledge_synonyms")
    .where("center_id", "=", centerId)
    .select("id")
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Many published articles at once (bulk import, benchmarks): one statement per batch, each with its version 1. */
export async function insertArticlesBatch(
  db: Db,
  centerId: string,
  items: (ArticleContent & { vector: ReturnType<typeof searchVector> })[],
  editedByName: string,
  now: Date,
): Promise<number> {
  if (items.length === 0) return 0;
  const rows = await db
    .insertInto("knowledge_articles")
    .values(
      items.map((a) => ({
        center_id: centerId,
        version: 1,
        status: a.status,
        title: a.title,
        question: a.question,
        answer: a.answer,
        department_ids: a.department_ids,
        tags: a.tags,
        source: a.source,
        valid_from: a.valid_from,
        valid_to: a.valid_to,
        review_by: a.review_by,
        search_vector: a.vector,
        published_at: a.status === "published" ? now : null,
        created_at: now,
        updated_at: now,
      })),
    )
    .returning("id")
    .execute();
  await db
    .insertInto("knowledge_article_versions")
    .values(
      items.map((a, i) => ({
        article_id: rows[i]?.id as string,
        version: 1,
        change: "create" as const,
        status: a.status,
        title: a.title,
        question: a.question,
        answer: a.answer,
        department_ids: a.department_ids,
        tags: a.tags,
        source: a.source,
        valid_from: a.valid_from,
        valid_to: a.valid_to,
        review_by: a.review_by,
        edited_by: null,
        edited_by_name: editedByName,
        edited_at: now,
      })),
    )
    .execute();
  return rows.length;
}
