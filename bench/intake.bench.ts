import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { buildApp } from "../src/server/app.js";
import { bootstrap } from "../src/server/bootstrap.js";
import { systemClock } from "../src/server/clock.js";
import { testConfig } from "../src/server/config.js";
import { createDb, type DbConfig } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { installKeyring, Keyring } from "../src/server/lib/personal-data.js";
import { intakeCeiling } from "./intake-ceiling.js";
import { type ClientJob, type ClientResult, intakeBody } from "./intake-client.js";
import { backendPids, cpuOfPids } from "./proc-cpu.js";
import type { BenchOptions, BenchRow } from "./run.js";

/**
 * Appeals recorded per second through the HTTP API (POST /api/v1/appeals over
 * a real socket, Bearer token of a window clerk), on PGlite (a data directory
 * on disk, as `npm start` uses) and on the local PostgreSQL (a fresh database,
 * skipped if none answers). Half the appeals are on-site, half arrive by
 * portal/letter so the first-response deadline is computed too. Reports
 * throughput and latency percentiles at a fixed concurrency (16 clients, as issue 14 measures).
 * The load client runs in a process of its own (bench/intake-client.ts), so the server's process
 * does only the server's work; the bench reports the CPU time the server process (and, on
 * PostgreSQL, the database's backends) spent per intake, a figure other jobs on a shared machine
 * inflate far less than wall time.
 * On PostgreSQL, PostgreSQL's own ceiling is measured first on the same database, at the same
 * concurrency: pgbench committing the same rows (appeal + event + outbox SMS, one transaction
 * each; bench/intake-ceiling.ts), and the HTTP rate is reported as a share of it.
 *   npx tsx bench/intake.bench.ts [--quick] [--requests=N] [--clients=N] [--only=pglite|postgres]
 *        [--ceiling-seconds=N]
 */

const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ADMIN_PASSWORD = "Kq7#Lantern-Field";

async function one(
  kind: "pglite" | "postgres",
  requests: number,
  concurrency: number,
  ceilingSeconds: number,
): Promise<BenchRow[] | null> {
  let cleanup: () => Promise<void> = async () => {};
  let dbConfig: DbConfig;
  if (kind === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "yousu-bench-"));
    dbConfig = { kind: "pglite", dataDir: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `yousu_bench_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    try {
      await admin.connect();
      await admin.query(`create database "${name}"`);
    } catch {
      await admin.end().catch(() => {});
      return null; // no PostgreSQL here
    }
    await admin.end();
    const u = new URL(PG_URL);
    u.pathname = `/${name}`;
    dbConfig = { kind: "postgres", url: u.toString(), poolSize: 10 };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    };
  }

  // Personal data is encrypted as in production (main.ts loads the ring at start-up).

  installKeyring(Keyring.fromSecrets([randomBytes(32)]));

  const handle = await createDb(dbConfig);
  const config = testConfig({ adminPassword: ADMIN_PASSWORD, logLevel: "silent" });
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await migrateToLatest(handle.db);
    app = await buildApp({ db: handle.db, config, clock: systemClock });
    await bootstrap(app.deps, app.log);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;

    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(base + path, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const adminLogin = await post("/api/v1/auth/login", { username: "admin", password: ADMIN_PASSWORD });
    const adminToken = adminLogin.body.token as string;
    const clerkPassword = "Clerk#2026pass";
    const created = await post(
      "/api/v1/users",
      { username: "bench_clerk", password: clerkPassword, displayName: "压测坐席", roles: ["window"] },
      adminToken,
    );
    if (created.status !== 201) throw new Error(`creating the clerk failed: ${JSON.stringify(created.body)}`);
    const clerk = await post("/api/v1/auth/login", { username: "bench_clerk", password: clerkPassword });
    const token = clerk.body.token as string;

    const body = intakeBody;
    // Warm-up: caches (calendar, policy, jieba dictionary), JIT.
    for (let i = 0; i < 20; i++) await post("/api/v1/appeals", body(i), token);

    const rows: BenchRow[] = [];
    let ceiling = 0;
    if (kind === "postgres") {
      try {
        ceiling = await intakeCeiling((dbConfig as { url: string }).url, concurrency, ceilingSeconds);
        rows.push({
          name: "intake ceiling (pgbench, same rows), PostgreSQL",
          value: ceiling,
          unit: "tx/s",
          note: `${concurrency} clients, ${ceilingSeconds} s, same database`,
        });
      } catch (e) {
        rows.push({
          name: "intake ceiling (pgbench), PostgreSQL",
          value: 0,
          unit: "tx/s",
          note: `skipped: ${(e as Error).message.slice(0, 60)}`,
        });
      }
    }

    const backends = kind === "postgres" ? await backendPids((dbConfig as { url: string }).url) : [];
    const dbCpu0 = cpuOfPids(backends);
    const cpu0 = process.cpuUsage();
    const client = await runClientProcess({ base, token, from: 20, to: 20 + requests, concurrency });
    const cpu = process.cpuUsage(cpu0);
    const serverCpuMs = (cpu.user + cpu.system) / 1000;
    const dbCpuMs =
      kind === "postgres" ? cpuOfPids(await backendPids((dbConfig as { url: string }).url), dbCpu0).total : 0;
    const { latencies, seconds, failures } = client;
    if (failures > 0)
      throw new Error(`${failures} of ${requests} intake requests failed: ${client.firstFailure}`);
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
    const label = kind === "pglite" ? "PGlite" : "PostgreSQL";
    const note = `${requests} appeals, concurrency ${concurrency}`;
    const rate = requests / seconds;
    if (ceiling) {
      rows.push({
        name: "intake over HTTP, share of the ceiling",
        value: (100 * rate) / ceiling,
        unit: "%",
        note,
      });
    }
    return [
      ...rows,
      { name: `intake over HTTP, ${label}`, value: rate, unit: "appeals/s", note },
      { name: `intake latency p50, ${label}`, value: pct(50), unit: "ms", note },
      { name: `intake latency p95, ${label}`, value: pct(95), unit: "ms", note },
      { name: `intake latency p99, ${label}`, value: pct(99), unit: "ms", note },
      {
        name: `server process CPU per intake, ${label}`,
        value: serverCpuMs / requests,
        unit: "ms",
        note: kind === "pglite" ? "the database runs in it" : "the load client has its own process",
      },
      ...(kind === "postgres"
        ? [{ name: "PostgreSQL backends CPU per intake", value: dbCpuMs / requests, unit: "ms", note }]
        : []),
      { name: `load client CPU per intake, ${label}`, value: client.cpuMs / requests, unit: "ms", note },
    ];
  } finally {
    await app?.close();
    await handle.close();
    await cleanup();
  }
}

/** Runs the load client (bench/intake-client.ts) in a process of its own, with this process's loader. */
async function runClientProcess(job: ClientJob): Promise<ClientResult> {
  const file = fileURLToPath(new URL("./intake-client.ts", import.meta.url));
  const child = spawn(process.execPath, [...process.execArgv, file], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (d: string) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  child.stdin.end(JSON.stringify(job));
  const code = await exited;
  if (code !== 0) throw new Error(`the load client exited with ${code}`);
  return JSON.parse(out) as ClientResult;
}

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

export async function run(opts: BenchOptions = { quick: false }): Promise<BenchRow[]> {
  const requests = Number(arg("requests") ?? (opts.quick ? 100 : 1000));
  const concurrency = Number(arg("clients") ?? 16);
  const ceilingSeconds = Number(arg("ceiling-seconds") ?? (opts.quick ? 3 : 10));
  const only = arg("only");
  const rows: BenchRow[] = [];
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  rows.push({ name: "load average at start (1, 5, 15 min)", value: loadavg()[0]!, unit: "", note: load() });
  for (const kind of ["pglite", "postgres"] as const) {
    if (only && only !== kind) continue;
    const r = await one(kind, requests, concurrency, ceilingSeconds);
    if (r) rows.push(...r);
    else
      rows.push({
        name: "intake over HTTP, PostgreSQL",
        value: 0,
        unit: "appeals/s",
        note: "skipped: no PostgreSQL",
      });
  }
  rows.push({ name: "load average at end (1, 5, 15 min)", value: loadavg()[0]!, unit: "", note: load() });
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await run({ quick: process.argv.includes("--quick") });
  for (const r of rows) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit} (${r.note ?? ""})`);
}
