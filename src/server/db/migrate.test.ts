import { Migrator, NO_MIGRATIONS, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testBackend } from "../../../test/db.js";
import type { DbHandle } from "./database.js";
import { migrateToLatest } from "./migrate.js";
import { migrations } from "./migrations/index.js";

async function publicTables(h: DbHandle): Promise<string[]> {
  const r = await sql<{ t: string }>`
    select table_name as t from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by 1`.execute(h.db);
  return r.rows.map((x) => x.t);
}

describe(`migrations (${testBackend})`, () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h?.close());

  it("run down to nothing and back up again", async () => {
    const before = await publicTables(h);
    expect(before).toEqual(expect.arrayContaining(["users", "sessions", "audit_log", "departments"]));

    const migrator = new Migrator({ db: h.db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(down.results?.every((r) => r.status === "Success")).toBe(true);
    expect(down.results).toHaveLength(Object.keys(migrations).length);
    expect(await publicTables(h)).toEqual([]);

    const applied = await migrateToLatest(h.db);
    expect(applied).toEqual(Object.keys(migrations).sort());
    expect(await publicTables(h)).toEqual(before);
    // A second run is a no-op.
    expect(await migrateToLatest(h.db)).toEqual([]);
  });
});
