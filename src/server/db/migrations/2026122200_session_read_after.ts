import { type Kysely, sql } from "kysely";

/**
 * Read-your-writes with a read replica (ADR 0019): the primary's WAL position after the session's
 * last write. The session lookup that runs on every request already reads the row, so the reads
 * that follow learn it without another query; they use the standby only once it has replayed
 * that far. Null = no write yet (or no replica configured: the column is then never written).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table sessions add column read_after_lsn pg_lsn`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table sessions drop column read_after_lsn`.execute(db);
}
