import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { type App, buildApp } from "../src/server/app.js";
import { bootstrap } from "../src/server/bootstrap.js";
import { systemClock } from "../src/server/clock.js";
import { testConfig } from "../src/server/config.js";
import { createDb, type DbHandle } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { installKeyring, Keyring } from "../src/server/lib/personal-data.js";
import type { BenchOptions, BenchRow } from "./run.js";

/**
 * What read-your-writes (ADR 0019) costs with a read replica, on the local PostgreSQL and a real
 * streaming standby (`scripts/replica.sh start`; BENCH_REPLICA_URL or TEST_REPLICA_URL, skipped
 * without one):
 *   1. the statement a write request adds (recordSessionWrite: the WAL position onto the session,
 *      asynchronous commit) beside the same UPDATE committed synchronously and a bare position read;
 *   2. POST /api/v1/appeals on an instance with the replica (the statement runs) and on one without
 *      (it does not), same database, alternating rounds: wall and this process's CPU per request;
 *   3. a write followed at once by the writer's list: how many such lists the standby still served.
 *   npx tsx bench/read-your-writes.bench.ts [--quick]
 */

const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REPLICA_URL = process.env.BENCH_REPLICA_URL ?? process.env.TEST_REPLICA_URL;
const ADMIN_PASSWORD = "Kq7#Lantern-Field";

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(opts: BenchOptions = { quick: false }): Promise<BenchRow[]> {
  if (!REPLICA_URL) {
    return [
      {
        name: "read-your-writes",
        value: 0,
        unit: "-",
        note: "skipped: no BENCH_REPLICA_URL/TEST_REPLICA_URL",
      },
    ];
  }
  const rounds = opts.quick ? 2 : 6;
  const perRound = opts.quick ? 20 : 100;
  const load = () => loadavg()[0]!.toFixed(2);
  const name = `yousu_bench_ryw_${randomBytes(4).toString("hex")}`;
  try {
    await admin(`create database "${name}"`);
  } catch (e) {
    return [
      {
        name: "read-your-writes",
        value: 0,
        unit: "-",
        note: `skipped: ${(e as Error).message.slice(0, 60)}`,
      },
    ];
  }
  installKeyring(Keyring.fromSecrets([randomBytes(32)]));
  const url = withDatabase(PG_URL, name);
  const handles: DbHandle[] = [];
  const apps: App[] = [];
  const rows: BenchRow[] = [];
  try {
    const plainDb = await createDb({ kind: "postgres", url, poolSize: 4 });
    handles.push(plainDb);
    await migrateToLatest(plainDb.db);
    const config = testConfig({ adminPassword: ADMIN_PASSWORD, logLevel: "silent" });
    const plain = await buildApp({ db: plainDb.db, config, clock: systemClock });
    apps.push(plain);
    await bootstrap(plain.deps, plain.log);
    const replicated = await createDb({
      kind: "postgres",
      url,
      poolSize: 4,
      replica: { url: withDatabase(REPLICA_URL, name), maxLagSeconds: 5 },
    });
    handles.push(replicated);
    const withReplica = await buildApp({
      db: replicated.db,
      readDb: replicated.readDb,
      replica: replicated.replica,
      config,
      clock: systemClock,
    });
    apps.push(withReplica);

    const inject = async (app: App, method: "GET" | "POST", path: string, token: string, body?: unknown) => {
      const res = await app.inject({
        method,
        url: path,
        headers: { authorization: `Bearer ${token}` },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      return { status: res.statusCode, body: res.json() as Record<string, unknown> };
    };
    const login = async (username: string, password: string) => {
      const r = await plain.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username, password },
      });
      return (r.json() as { token: string }).token;
    };
    const adminToken = await login("admin", ADMIN_PASSWORD);
    const clerkPassword = "Clerk#2026pass";
    const created = await inject(plain, "POST", "/api/v1/users", adminToken, {
      username: "bench_clerk",
      password: clerkPassword,
      displayName: "压测坐席",
      roles: ["window"],
    });
    if (created.status !== 201) throw new Error(`creating the clerk failed: ${JSON.stringify(created.body)}`);
    const token = await login("bench_clerk", clerkPassword);
    let seq = 0;
    const body = () => ({
      channel: "onsite",
      type: "inquiry",
      requester: {
        name: `群众${seq}`,
        phone: `139${String(10_000_000 + seq).slice(-8)}`,
        address: "人民路1号",
      },
      content: `读己之写基准：营业执照材料咨询（编号${seq++}）`,
    });

    // The standby must have the new database before the replicated instance reads from it.
    const primary = new pg.Client({ connectionString: url });
    await primary.connect();
    const standby = new pg.Client({ connectionString: REPLICA_URL });
    await standby.connect();
    try {
      const lsn = (await primary.query("select pg_current_wal_insert_lsn()::text as l")).rows[0].l as string;
      for (let i = 0; i < 600; i++) {
        const r = await standby.query(`select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as ok`);
        if (r.rows[0].ok) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      await replicated.replica!.refresh();

      // 1. The statement alone, alternating variants.
      const statements: Record<string, string> = {
        "async-commit UPDATE (recordSessionWrite)": `update sessions set read_after_lsn = pg_current_wal_insert_lsn()
          where token_hash = $1 and set_config('synchronous_commit', 'off', true) is not null`,
        "sync-commit UPDATE":
          "update sessions set read_after_lsn = pg_current_wal_insert_lsn() where token_hash = $1",
        "select pg_current_wal_insert_lsn()": "select pg_current_wal_insert_lsn() where $1::text is not null",
      };
      const hash = "0".repeat(64);
      await primary.query(
        `insert into sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
         select $1, id, 'x', now(), now(), now() + interval '1 hour' from users where username = 'admin'`,
        [hash],
      );
      const timing: Record<string, number[]> = Object.fromEntries(
        Object.keys(statements).map((k) => [k, []]),
      );
      const n = opts.quick ? 50 : 500;
      for (let r = 0; r < rounds; r++) {
        for (const [label, text] of Object.entries(statements)) {
          const t0 = performance.now();
          for (let i = 0; i < n; i++) await primary.query(text, [hash]);
          timing[label]!.push(((performance.now() - t0) * 1000) / n);
        }
      }
      for (const [label, xs] of Object.entries(timing)) {
        rows.push({
          name: `statement: ${label}`,
          value: mean(xs),
          unit: "µs",
          note: `${rounds}×${n}, load ${load()}`,
        });
      }

      // 2. POST /appeals with and without the replica (and so with and without the statement).
      for (let i = 0; i < 20; i++) {
        await inject(plain, "POST", "/api/v1/appeals", token, body());
        await inject(withReplica, "POST", "/api/v1/appeals", token, body());
      }
      // Request by request, alternating which instance goes first, so drift and GC debt fall on both.
      const wall: Record<string, number[]> = { replica: [], none: [] };
      const cpu: Record<string, number[]> = { replica: [], none: [] };
      const pairsOf: (readonly ["replica" | "none", App])[] = [
        ["replica", withReplica],
        ["none", plain],
      ];
      for (let i = 0; i < rounds * perRound; i++) {
        for (const [label, app] of i % 2 === 0 ? pairsOf : [...pairsOf].reverse()) {
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          const res = await inject(app, "POST", "/api/v1/appeals", token, body());
          const c = process.cpuUsage(c0);
          wall[label]!.push(performance.now() - t0);
          cpu[label]!.push((c.user + c.system) / 1000);
          if (res.status !== 201) throw new Error(`intake failed: ${JSON.stringify(res.body)}`);
        }
      }
      const note = `${rounds * perRound} each, sequential, interleaved, load ${load()}`;
      rows.push(
        {
          name: "POST /appeals wall p50, replica configured",
          value: median(wall.replica!),
          unit: "ms",
          note,
        },
        { name: "POST /appeals wall p50, no replica", value: median(wall.none!), unit: "ms", note },
        { name: "POST /appeals node CPU, replica configured", value: mean(cpu.replica!), unit: "ms", note },
        { name: "POST /appeals node CPU, no replica", value: mean(cpu.none!), unit: "ms", note },
      );

      // 3. Write, then the writer's list at once: where did the list run?
      const routes: Record<string, number> = {};
      replicated.replica!.listen({ routed: (route) => (routes[route] = (routes[route] ?? 0) + 1) });
      const pairs = opts.quick ? 20 : 200;
      let standbyServed = 0;
      for (let i = 0; i < pairs; i++) {
        const res = await inject(withReplica, "POST", "/api/v1/appeals", token, body());
        const before = routes.replica ?? 0;
        const list = await inject(withReplica, "GET", "/api/v1/appeals?limit=20", token);
        const ids = (list.body.items as { id: string }[]).map((x) => x.id);
        if (!ids.includes((res.body as { id: string }).id))
          throw new Error("the writer's list missed its write");
        if ((routes.replica ?? 0) > before) standbyServed++;
      }
      rows.push({
        name: "write then own list at once: lists served by the standby",
        value: (100 * standbyServed) / pairs,
        unit: "%",
        note: `${pairs} pairs; statements by route ${JSON.stringify(routes)}; load ${load()}`,
      });
    } finally {
      await primary.end();
      await standby.end();
    }
  } finally {
    for (const a of apps) await a.close();
    for (const h of handles) await h.close();
    await admin(`drop database if exists "${name}" with (force)`);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await run({ quick: process.argv.includes("--quick") });
  for (const r of rows)
    console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.note ? ` (${r.note})` : ""}`);
}
