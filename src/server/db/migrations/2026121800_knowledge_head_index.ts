import { type Kysely, sql } from "kysely";

/**
 * Knowledge search matches on the title, tags and question (weights A and B, ADR 0013). The GIN
 * index over the whole vector cannot see weights, so a word that every answer has (窗口, 身份证,
 * 材料) made every article a candidate to read and discard. The index is now over the A/B part
 * alone (`ts_filter`), which answers the match exactly; the whole vector still scores.
 * Fast update is off: PGlite runs no autovacuum, so with GIN's pending list every search read
 * all articles added or edited since the last vacuum (after a bulk import about 240 pages,
 * whatever the words). Articles change rarely and are read at every keystroke of the assist.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists knowledge_articles_search_idx`.execute(db);
  await sql`create index knowledge_articles_head_idx on knowledge_articles
    using gin (ts_filter(search_vector, '{a,b}'::"char"[])) with (fastupdate = off)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists knowledge_articles_head_idx`.execute(db);
  await sql`create index knowledge_articles_search_idx on knowledge_articles using gin (search_vector)`.execute(
    db,
  );
}
