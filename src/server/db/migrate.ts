import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import { migrations as shipped } from "./migrations/index.js";

const providerOf = (list: Record<string, Migration>): MigrationProvider => ({
  getMigrations: async () => list,
});

/**
 * The names recorded in kysely_migration, in order, or null when the table does not exist yet.
 * One cheap query: Kysely's Migrator first introspects every table of the schema (about a second
 * on PGlite, for nothing on a current database).
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any Kysely instance
async function recordedMigrations(db: Kysely<any>): Promise<string[] | null> {
  const exists = await sql<{ t: string | null }>`select to_regclass('kysely_migration')::text as t`.execute(
    db,
  );
  if (!exists.rows[0]?.t) return null;
  // Sorted here, as Kysely sorts: the database's collation may order punctuation differently.
  return (await sql<{ name: string }>`select name from kysely_migration`.execute(db)).rows
    .map((r) => r.name)
    .sort();
}

/**
 * Brings the schema to the latest migration; throws (and changes nothing further) on failure.
 * A database that recorded exactly this code's migrations is left alone without starting the
 * Migrator (every restart); anything else (pending, unknown or no migrations) goes through it.
 */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: works on any Kysely instance
  db: Kysely<any>,
  list: Record<string, Migration> = shipped,
): Promise<string[]> {
  const recorded = await recordedMigrations(db);
  const known = Object.keys(list).sort();
  if (recorded && recorded.length === known.length && recorded.every((n, i) => n === known[i])) return [];
  const migrator = new Migrator({ db, provider: providerOf(list) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/**
 * The migrations this code knows that the database has not run, and those the database ran that
 * this code does not know (a newer release migrated it). Both empty: the schema is current.
 */
export async function migrationStatus(
  // biome-ignore lint/suspicious/noExplicitAny: works on any Kysely instance
  db: Kysely<any>,
  list: Record<string, Migration> = shipped,
): Promise<{ pending: string[]; unknown: string[] }> {
  const recorded = (await recordedMigrations(db)) ?? [];
  const done = new Set(recorded);
  const names = new Set(Object.keys(list));
  return {
    pending: Object.keys(list)
      .sort()
      .filter((n) => !done.has(n)),
    unknown: recorded.filter((n) => !names.has(n)),
  };
}
