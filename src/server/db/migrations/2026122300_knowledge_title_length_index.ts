import { type Kysely, sql } from "kysely";

/**
 * Knowledge search's last pass (ADR 0013) also takes the center's current articles with the
 * shortest titles that have a part of the question: among the thousands of articles sharing a
 * common word, the one whose title is little more than that word is the one about it, where a
 * look-alike adds a matter, a place or a number. This index gives a center's articles in that
 * order, so the pass reads a bounded window of them rather than an arbitrary subset of the word's
 * articles. A plain b-tree (no pending list): about a second to build at 100,000 articles.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index knowledge_articles_title_length_idx on knowledge_articles
    (center_id, length(title), id)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists knowledge_articles_title_length_idx`.execute(db);
}
