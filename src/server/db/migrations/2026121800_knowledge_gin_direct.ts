import { type Kysely, sql } from "kysely";

/**
 * Knowledge search reads its GIN index directly (ADR 0013). With GIN's default fast update,
 * new and edited articles go to a pending list that every search reads in full until a vacuum
 * merges it — and the embedded PGlite runs no autovacuum, so after a bulk import each search
 * read about 240 pending pages (2 MB) whatever its words: 0.06 ms for a rare word became tens of
 * milliseconds. Articles change rarely and are read at every keystroke of the assist, so the
 * index is updated directly on write (fastupdate off) and the pending list is merged once now.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter index knowledge_articles_search_idx set (fastupdate = off)`.execute(db);
  await sql`select gin_clean_pending_list('knowledge_articles_search_idx'::regclass)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter index knowledge_articles_search_idx reset (fastupdate)`.execute(db);
}
