import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Path of a dumped, migrated PGlite data directory that each test file starts from. */
    pgliteTemplate: string;
  }
}

/**
 * With TEST_DATABASE_URL set, every suite runs on PostgreSQL: each test file
 * gets its own database `yousu_t_<pid>_<random>` (see test/db.ts). Here we drop
 * databases left over by runs whose process is gone (a crashed run), never those
 * of a run still in progress on the same machine.
 */
export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return preparePgliteTemplate(project);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'yousu_t_%'",
    );
    for (const r of rows) {
      const pid = Number(/^yousu_t_(\d+)_/.exec(r.datname)?.[1]);
      if (pid && isAlive(pid)) continue;
      await client.query(`drop database if exists "${r.datname}" with (force)`);
    }
  } finally {
    await client.end();
  }
  return undefined;
}

/**
 * PGlite's initdb dominates a fresh in-memory database (seconds, far more on a
 * loaded machine). Migrate once per run, dump the data directory, and let every
 * test file load that dump: same schema, a fraction of the start-up time.
 */
async function preparePgliteTemplate(project: TestProject): Promise<() => void> {
  const handle = await createDb({ kind: "pglite", dataDir: undefined });
  await migrateToLatest(handle.db);
  const file = join(tmpdir(), `yousu-pglite-template-${process.pid}.tar`);
  const dump = await handle.dumpDataDir!();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("pgliteTemplate", file);
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
