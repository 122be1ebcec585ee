import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "../test/e2e/harness.js";
import type { BenchOptions, BenchRow } from "./run.js";

/**
 * Server start time, measured as an operator sees it: from spawning
 * `node scripts/start.mjs serve` (what `npm start` runs: build check, then the compiled
 * dist/server/main.js in the same process) to the first healthy GET /api/health. "Empty" starts create the PGlite cluster,
 * run every migration and bootstrap (admin, default center, calendar, policy);
 * a "restart" reopens a data dir that an earlier start initialised.
 * Wall time depends on what else the machine does, so the CPU time the server
 * process used until it was healthy is reported beside it.
 */
export async function run(opts: BenchOptions): Promise<BenchRow[]> {
  const times = opts.quick ? 1 : 3;
  const dirs = Array.from({ length: times }, () => mkdtempSync(join(tmpdir(), "yousu-bench-")));
  const empty: Sample[] = [];
  const restarts: Sample[] = [];
  try {
    for (const dir of dirs) {
      const server = await startServer({ dataDir: dir });
      empty.push(sample(server));
      await server.stop();
    }
    // Restarts reuse the first data dir, initialised (and cleanly closed) above.
    for (let i = 0; i < times; i++) {
      const again = await startServer({ dataDir: dirs[0]! });
      restarts.push(sample(again));
      await again.stop();
    }
  } finally {
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}.key`, { force: true }); // the personal-data key file made on the first start
    }
  }

  return [
    ...rows("start on an empty data dir", empty),
    ...rows("restart on an initialised data dir", restarts),
  ];
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function sample(server: RunningServer): Sample {
  return { wallMs: server.startMs, cpuMs: cpuMsOf(server.pid) };
}

/** user + system CPU time of a live process, from /proc (Linux); NaN elsewhere. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

function rows(name: string, samples: Sample[]): BenchRow[] {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const list = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(2)).join(", ");
  const wall = samples.map((s) => s.wallMs);
  const cpu = samples.map((s) => s.cpuMs);
  return [
    { name: `${name} (wall)`, value: median(wall) / 1000, unit: "s, median", note: `runs: ${list(wall)}` },
    {
      name: `${name} (server CPU)`,
      value: median(cpu) / 1000,
      unit: "s, median",
      note: `runs: ${list(cpu)}`,
    },
  ];
}
