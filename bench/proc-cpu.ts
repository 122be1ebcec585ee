import { readFileSync } from "node:fs";
import pg from "pg";

/** CPU time of PostgreSQL's backends, for benches on a shared machine (bench/intake*.ts). */

/** The server processes (backends) of the database at `url` (the bench's own pool). */
export async function backendPids(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>(
      "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    );
    return r.rows.map((x) => x.pid);
  } finally {
    await c.end();
  }
}

const TICK_MS = 10; // USER_HZ 100 on Linux

/**
 * CPU time (user + system, ms) of local processes from /proc, minus `since` for those it saw (a
 * backend started later counts from zero). Zero where /proc is not readable.
 */
export function cpuOfPids(pids: number[], since?: { byPid: Map<number, number> }) {
  const byPid = new Map<number, number>();
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
      byPid.set(pid, ms);
      total += ms - (since?.byPid.get(pid) ?? 0);
    } catch {
      // gone, or no /proc here
    }
  }
  return { byPid, total };
}
