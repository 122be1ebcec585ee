import { sql } from "kysely";
import type { Db } from "./database.js";

/**
 * Rewrites tables into new files (VACUUM FULL) and forces a checkpoint, so old row versions
 * (e.g. the plaintext a backfill just encrypted) leave the table files at once instead of
 * lingering as dead tuples until autovacuum reuses their space. Takes an exclusive lock per
 * table while it runs: only for one-time maintenance before serving, never in the request path.
 */
export async function compactTables(db: Db, tables: readonly string[]): Promise<void> {
  for (const t of tables) {
    if (!/^[a-z_]+$/.test(t)) throw new Error(`not a table name: ${t}`);
    await sql`vacuum full ${sql.table(t)}`.execute(db);
  }
  await sql`checkpoint`.execute(db);
}
