import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../test/e2e/harness.js";
import type { BenchOptions, BenchRow } from "./run.js";

/**
 * Server start time, measured as an operator sees it: from spawning
 * `src/server/main.ts serve` (through tsx, as `npm start` does after its build check)
 * to the first healthy GET /api/health. "Empty" starts create the PGlite cluster,
 * run every migration and bootstrap (admin, default center, calendar, policy);
 * a "restart" reopens a data dir that an earlier start initialised.
 */
export async function run(opts: BenchOptions): Promise<BenchRow[]> {
  const times = opts.quick ? 1 : 3;
  const empty: number[] = [];
  for (let i = 0; i < times; i++) {
    const server = await startServer();
    empty.push(server.startMs);
    await server.stop();
  }

  const dir = mkdtempSync(join(tmpdir(), "yousu-bench-"));
  const restarts: number[] = [];
  try {
    const first = await startServer({ dataDir: dir });
    await first.stop();
    for (let i = 0; i < times; i++) {
      const again = await startServer({ dataDir: dir });
      restarts.push(again.startMs);
      await again.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  return [row("start on an empty data dir", empty), row("restart on an initialised data dir", restarts)];
}

function row(name: string, samples: number[]): BenchRow {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return {
    name,
    value: median / 1000,
    unit: "s (median)",
    note: `runs: ${samples.map((s) => (s / 1000).toFixed(2)).join(", ")} s`,
  };
}
