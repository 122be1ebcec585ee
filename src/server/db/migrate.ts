import { type Kysely, type MigrationProvider, Migrator, sql } from "kysely";
import { migrations } from "./migrations/index.js";

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema to the latest migration; throws (and changes nothing further) on failure. */
// biome-ignore lint/suspicious/noExplicitAny: works on any Kysely instance
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/**
 * The migrations this code knows that the database has not run, and those the database ran that
 * this code does not know (a newer release migrated it). Both empty: the schema is current.
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any Kysely instance
export async function migrationStatus(db: Kysely<any>): Promise<{ pending: string[]; unknown: string[] }> {
  const migrator = new Migrator({ db, provider });
  const known = await migrator.getMigrations();
  const pending = known.filter((m) => !m.executedAt).map((m) => m.name);
  const exists = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(
    db,
  );
  if (!exists.rows[0]?.t) return { pending, unknown: [] };
  const rows = (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows;
  const names = new Set(known.map((m) => m.name));
  return { pending, unknown: rows.map((r) => r.name).filter((n) => !names.has(n)) };
}
