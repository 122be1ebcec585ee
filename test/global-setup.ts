import pg from "pg";

/**
 * With TEST_DATABASE_URL set, every suite runs on PostgreSQL: each test file
 * gets its own database `yousu_t_<pid>_<random>` (see test/db.ts). Here we drop
 * databases left over by runs whose process is gone (a crashed run), never those
 * of a run still in progress on the same machine.
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
    for (const r of rows) {
      const pid = Number(/^yousu_t_(\d+)_/.exec(r.datname)?.[1]);
      if (pid && isAlive(pid)) continue;
      await client.query(`drop database if exists "${r.datname}" with (force)`);
    }
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
