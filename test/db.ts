import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type DbHandle } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";

/** Which backend the suites run on: PGlite (default) or PostgreSQL (TEST_DATABASE_URL). */
export const testBackend = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or on
 * PostgreSQL a new database of its own (dropped by close()). Never a mock.
 */
export async function createTestDb(): Promise<DbHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = pgliteTemplate();
    const handle = await createDb({ kind: "pglite", dataDir: undefined, loadDataDir: template });
    // A no-op when started from the template; migrates fully otherwise.
    await migrateToLatest(handle.db);
    return handle;
  }
  const name = `yousu_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(url, `create database "${name}"`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = await createDb({ kind: "postgres", url: dbUrl.toString(), poolSize: 5 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await adminQuery(url, `drop database if exists "${name}" with (force)`);
    },
  };
}

/** A second, independent connection pool to the same PostgreSQL test database (two "instances"). */
export function postgresUrlOf(handleName: string): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return undefined;
  const u = new URL(url);
  u.pathname = `/${handleName}`;
  return u.toString();
}

async function adminQuery(url: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

let templateBlob: Blob | undefined;
function pgliteTemplate(): Blob | undefined {
  if (templateBlob) return templateBlob;
  let path: string | undefined;
  try {
    path = inject("pgliteTemplate");
  } catch {
    path = undefined; // not under the unit-test config (no global setup)
  }
  if (!path) return undefined;
  templateBlob = new Blob([readFileSync(path)]);
  return templateBlob;
}
