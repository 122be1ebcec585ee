import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrap } from "../bootstrap.js";
import { ManualClock } from "../clock.js";
import { testConfig } from "../config.js";
import { createDeps } from "../context.js";
import { copyTemplate, needsCluster, TEMPLATE_MARKER } from "./cluster-copy.js";
import { createDb, type Db } from "./database.js";
import { migrateToLatest } from "./migrate.js";
import { migrations } from "./migrations/index.js";
import { ensureTemplate, findTemplate, templateInfo } from "./template.js";

/**
 * The pre-initialised cluster (db/template.ts) must give a new data directory exactly what initdb
 * plus every migration gives, and must never be used for another migration list. PGlite only:
 * these are embedded data directories (so also under TEST_DATABASE_URL).
 */

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;

/** Everything a start leaves in the schema and its rows, minus what differs by design. */
async function snapshot(db: Db) {
  const migrationsRun = (
    await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  ).rows;
  const columns = (
    await sql<Record<string, unknown>>`
      select table_name, column_name, data_type, column_default, is_nullable
      from information_schema.columns where table_schema = 'public'
      order by table_name, ordinal_position`.execute(db)
  ).rows;
  const indexes = (
    await sql<{
      indexdef: string;
    }>`select indexdef from pg_indexes where schemaname = 'public' order by indexdef`.execute(db)
  ).rows;
  const constraints = (
    await sql<{ def: string }>`
      select conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) as def from pg_constraint
      where connamespace = 'public'::regnamespace order by 1`.execute(db)
  ).rows;
  const tables = (
    await sql<{ t: string }>`
      select table_name as t from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
      order by 1`.execute(db)
  ).rows.map((r) => r.t);
  const rows: Record<string, unknown[]> = {};
  for (const t of tables) {
    const r = await sql<{
      j: Record<string, unknown>;
    }>`select to_jsonb(x) as j from ${sql.table(t)} x`.execute(db);
    rows[t] = r.rows
      .map(({ j }) => {
        // The admin's Argon2id hash has a random salt; columns defaulting to now() hold the wall
        // clock of the run (the set-up's own times come from the fixed clock and stay compared).
        const { password_hash: _p, ...rest } = j;
        for (const [k, v] of Object.entries(rest)) {
          if (
            typeof v === "string" &&
            WALL_CLOCK.test(v) &&
            Math.abs(Date.parse(v) - Date.now()) < 3_600_000
          ) {
            rest[k] = "(now)";
          }
        }
        return JSON.stringify(rest, Object.keys(rest).sort());
      })
      .sort();
  }
  return { migrationsRun, columns, indexes, constraints, rows };
}

async function startLike(dataDir: string, template?: string) {
  const handle = await createDb({ kind: "pglite", dataDir, ...(template ? { template } : {}) });
  try {
    const applied = await migrateToLatest(handle.db);
    const deps = createDeps({
      db: handle.db,
      config: testConfig(),
      clock: new ManualClock("2026-03-02T09:00:00+08:00"),
    });
    await bootstrap(deps, pino({ level: "silent" }));
    return { applied, snap: await snapshot(handle.db) };
  } finally {
    await handle.close();
  }
}

describe("PGlite template for new data directories", () => {
  const root = mkdtempSync(join(tmpdir(), "yousu-template-test-"));
  const cache = join(root, "cache");
  let template: string;
  beforeAll(async () => {
    const t = await ensureTemplate(cache);
    expect(t.created).toBe(true);
    template = t.dir;
  }, 300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("is found again, without rebuilding, and records its key and migration list", async () => {
    const again = await ensureTemplate(cache);
    expect(again).toEqual({ dir: template, created: false });
    const marker = JSON.parse(readFileSync(join(template, TEMPLATE_MARKER), "utf8"));
    expect(marker.key).toBe(templateInfo().key);
    expect(marker.migrations).toEqual(Object.keys(migrations).sort());
  });

  it("gives a data directory equal to a fresh initdb + migrations (schema, migrations, seed rows)", async () => {
    const fresh = await startLike(join(root, "fresh"));
    const copied = await startLike(join(root, "copied"), template);
    expect(fresh.applied).toEqual(Object.keys(migrations).sort());
    expect(copied.applied).toEqual([]); // nothing left to migrate on the copy
    expect(existsSync(join(root, "copied", TEMPLATE_MARKER))).toBe(false);
    expect(copied.snap.migrationsRun).toEqual(fresh.snap.migrationsRun);
    expect(copied.snap.columns).toEqual(fresh.snap.columns);
    expect(copied.snap.indexes).toEqual(fresh.snap.indexes);
    expect(copied.snap.constraints).toEqual(fresh.snap.constraints);
    expect(Object.keys(copied.snap.rows)).toEqual(Object.keys(fresh.snap.rows));
    const differing = Object.keys(fresh.snap.rows).filter(
      (t) => JSON.stringify(copied.snap.rows[t]) !== JSON.stringify(fresh.snap.rows[t]),
    );
    expect(differing).toEqual([]);
    // Seeded for real: the bootstrap rows are there in both.
    expect(fresh.snap.rows.centers?.length).toBe(1);
    expect(fresh.snap.rows.users?.length).toBe(1);
  }, 300_000);

  it("is not used for another migration list or changed migration code", () => {
    const names = Object.keys(migrations).sort();
    const fewer = Object.fromEntries(names.slice(0, -1).map((n) => [n, migrations[n]!]));
    const last = names.at(-1)!;
    const edited = { ...migrations, [last]: { up: async () => {} } };
    expect(templateInfo(fewer).key).not.toBe(templateInfo().key);
    expect(templateInfo(edited).key).not.toBe(templateInfo().key);
    expect(findTemplate(cache, templateInfo(fewer))).toBeUndefined();
    expect(findTemplate(cache, templateInfo(edited))).toBeUndefined();

    // A template stored under this code's key but recording another list (a stale or foreign
    // directory) is refused too: the marker must match, not only the directory name.
    const other = join(root, "other-cache");
    cpSync(template, join(other, templateInfo().key), { recursive: true });
    const markerPath = join(other, templateInfo().key, TEMPLATE_MARKER);
    const marker = JSON.parse(readFileSync(markerPath, "utf8"));
    writeFileSync(markerPath, JSON.stringify({ ...marker, migrations: names.slice(0, -1) }));
    expect(findTemplate(other)).toBeUndefined();
    writeFileSync(markerPath, JSON.stringify(marker));
    expect(findTemplate(other)).toBe(join(other, templateInfo().key));
  });

  it("fills only a directory without a cluster, PG_VERSION last (a cut-short copy is redone)", () => {
    const dir = join(root, "partial");
    copyTemplate(template, dir);
    expect(needsCluster(dir)).toBe(false);
    rmSync(join(dir, "PG_VERSION")); // as if the copy had stopped before its last file
    expect(needsCluster(dir)).toBe(true);
    copyTemplate(template, dir); // over the leftovers
    expect(needsCluster(dir)).toBe(false);
  });
});
