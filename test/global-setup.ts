import pg from "pg";

/**
 * With TEST_DATABASE_URL set, every suite runs on PostgreSQL: each test file
 * gets its own database created from a migrated template (see test/db.ts).
 * Here we only drop templates left over by an earlier run so the schema is fresh.
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'yousu_t_%'",
    );
    for (const r of rows) await client.query(`drop database if exists "${r.datname}" with (force)`);
  } finally {
    await client.end();
  }
}
