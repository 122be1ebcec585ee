import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "../test/e2e/harness.js";
import type { BenchOptions, BenchRow } from "./run.js";

/**
 * Server start time, measured as an operator sees it: from spawning
 * `node scripts/start.mjs serve` (what `npm start` runs: build check, then the compiled
 * dist/server/main.js in the same process) to the first healthy GET /api/health. "Empty" starts
 * fill a new data directory from the pre-initialised PGlite cluster that `npm run build` leaves
 * (src/server/db/template.ts; the harness makes sure it exists, as it makes sure the build does),
 * then run the migration check and bootstrap (admin, default center, calendar, policy, categories,
 * starter knowledge); the full mode adds one empty start with the template switched off
 * (YOUSU_PGLITE_TEMPLATE=off: PGlite's initdb and every migration, as before issue 14).
 * A "restart" reopens a data dir that an earlier start initialised.
 * Wall time depends on what else the machine does, so the CPU time the server process used until
 * it was healthy is reported beside it, and its resident memory (RSS) when healthy and after
 * IDLE_MS of idling (the scheduler's first runs included).
 */
const IDLE_MS = 5_000;

export async function run(opts: BenchOptions): Promise<BenchRow[]> {
  const times = opts.quick ? 1 : 3;
  const dirs = Array.from({ length: times }, () => mkdtempSync(join(tmpdir(), "yousu-bench-")));
  const empty: Sample[] = [];
  const restarts: Sample[] = [];
  const noTemplate: Sample[] = [];
  const load = [loadAverage()];
  try {
    for (const dir of dirs) {
      const server = await startServer({ dataDir: dir });
      empty.push(sample(server));
      await server.stop();
    }
    // Restarts reuse the first data dir, initialised (and cleanly closed) above.
    for (let i = 0; i < times; i++) {
      const again = await startServer({ dataDir: dirs[0]! });
      const s = sample(again);
      if (i === 0) {
        await new Promise((ok) => setTimeout(ok, IDLE_MS));
        s.idleRssMb = rssMbOf(again.pid);
      }
      restarts.push(s);
      await again.stop();
    }
    if (!opts.quick) {
      const server = await startServer({ env: { YOUSU_PGLITE_TEMPLATE: "off" } });
      noTemplate.push(sample(server));
      await server.stop();
    }
  } finally {
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}.key`, { force: true }); // the personal-data key file made on the first start
    }
  }
  load.push(loadAverage());

  const mb = (xs: Array<number | undefined>) =>
    xs
      .filter((x): x is number => x !== undefined)
      .map((x) => x.toFixed(0))
      .join(", ");
  return [
    ...rows("start on an empty data dir", empty),
    ...rows("restart on an initialised data dir", restarts),
    ...(noTemplate.length ? rows("start on an empty data dir, no template (initdb)", noTemplate) : []),
    {
      name: "RSS when healthy (empty starts · restarts)",
      value: Math.max(...empty.map((s) => s.rssMb)),
      unit: "MB, max",
      note: `runs: ${mb(empty.map((s) => s.rssMb))} · ${mb(restarts.map((s) => s.rssMb))}${noTemplate.length ? `; no template: ${mb(noTemplate.map((s) => s.rssMb))}` : ""}`,
    },
    {
      name: `RSS after ${IDLE_MS / 1000} s idle (first restart)`,
      value: restarts[0]?.idleRssMb ?? Number.NaN,
      unit: "MB",
      note: `1-minute load average ${load.join(" → ")} (start → end of this benchmark)`,
    },
  ];
}

interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
  idleRssMb?: number;
}

function sample(server: RunningServer): Sample {
  return { wallMs: server.startMs, cpuMs: cpuMsOf(server.pid), rssMb: rssMbOf(server.pid) };
}

/** Resident set size of a live process in MB, from /proc (Linux); NaN elsewhere. */
function rssMbOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

const loadAverage = () => loadavg()[0]!.toFixed(1);

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
