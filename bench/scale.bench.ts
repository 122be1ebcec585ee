import { pathToFileURL } from "node:url";
import pg from "pg";
import { type App, buildApp } from "../src/server/app.js";
import { systemClock } from "../src/server/clock.js";
import { testConfig } from "../src/server/config.js";
import { createDb } from "../src/server/db/database.js";
import { prepareDataKeys } from "../src/server/jobs/data-keys.js";
import { openRequesterFields } from "../src/server/modules/appeals/index.js";
import { runSweep } from "../src/server/modules/supervision/index.js";
import { BENCH_ADMIN_PASSWORD, BENCH_DATA_KEY, generate, upgrade } from "./generate.js";
import { intakeCeiling as pgbenchCeiling } from "./intake-ceiling.js";
import type { BenchOptions, BenchRow } from "./run.js";
import { busiestMonth, exportRows, lastYear, timeExport } from "./scale-results.js";

/**
 * The server on a big PostgreSQL data set (bench/generate.ts): read latencies of the hot staff
 * queries and public tracking, the dashboard's month summary, an idle sweep, and the intake
 * ceiling — pgbench committing the intake's rows (appeal + event + outbox, one transaction,
 * 16 clients) against HTTP intake at 16 clients in the same run, with the server's RSS.
 *
 *   npm run bench -- scale --scale=1000000        generate 1M appeals, then measure (full mode)
 *   npx tsx bench/scale.bench.ts --db=yousu_bench  measure an already generated database
 *        [--only=results]   only the year summary and 导出明细 (bench/scale-results.ts)
 *        [--export-rows=N]  also 导出明细 of a month of exactly N appeals (a data set of its own)
 *   npm run bench -- --quick                      CI: 2,000 appeals, a few requests each
 * Reads go through app.inject (the whole request path without the socket; each lookup from its own
 * address so the public throttle does not answer them); intake goes through a real socket.
 */

/** A word bench/generate.ts never writes (its vocabulary is service-center matters). */
const RARE_WORD = "电梯";
const RARE_WORD_ROWS = 30;

const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

let ip = 0;
const nextIp = () => `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip++ & 255}`;

async function inject(app: App, url: string, token?: string, method: "GET" | "POST" = "GET", body?: unknown) {
  const res = await app.inject({
    method,
    url,
    remoteAddress: nextIp(),
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(body === undefined ? {} : { payload: body as object }),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return res.json() as Record<string, unknown>;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function timed(
  times: number,
  fn: (i: number) => Promise<unknown>,
): Promise<{ p50: number; p95: number }> {
  await fn(0); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: pct(ms, 50), p95: pct(ms, 95) };
}

async function staff(app: App, adminToken: string, role: string): Promise<string> {
  const username = `bench_${role}_${Date.now().toString(36)}`;
  const password = "Bench#2026-pass";
  const body: Record<string, unknown> = { username, password, displayName: `压测${role}`, roles: [role] };
  await inject(app, "/api/v1/users", adminToken, "POST", body);
  return (await inject(app, "/api/v1/auth/login", undefined, "POST", { username, password })).token as string;
}

export async function measure(
  url: string,
  opts: { quick: boolean; appeals: number; only?: "results" },
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const note = `${opts.appeals.toLocaleString("en-US")} appeals, PostgreSQL`;
  const add = (name: string, r: { p50: number; p95: number }) => {
    rows.push({ name: `${name} p50`, value: r.p50, unit: "ms", note });
    rows.push({ name: `${name} p95`, value: r.p95, unit: "ms", note });
  };
  const n = opts.quick ? 5 : 50;
  const handle = await createDb({ kind: "postgres", url, poolSize: 10 });
  await prepareDataKeys(handle.db, { keys: BENCH_DATA_KEY }, new Date());
  const app = await buildApp({
    db: handle.db,
    config: testConfig({ adminPassword: BENCH_ADMIN_PASSWORD, logLevel: "silent" }),
    clock: systemClock,
  });
  try {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const adminToken = (
      await inject(app, "/api/v1/auth/login", undefined, "POST", {
        username: "admin",
        password: BENCH_ADMIN_PASSWORD,
      })
    ).token as string;
    const leader = await staff(app, adminToken, "leader");
    if (opts.only === "results") {
      rows.push(...(await results(app, url, leader, n, note)));
      return rows;
    }
    const dispatcher = await staff(app, adminToken, "dispatcher");
    const clerk = await staff(app, adminToken, "window");

    add(
      "staff list, newest first",
      await timed(n, () => inject(app, "/api/v1/appeals?limit=50", dispatcher)),
    );
    add(
      "staff list by status (dispatched)",
      await timed(n, () => inject(app, "/api/v1/appeals?status=dispatched&limit=50", dispatcher)),
    );
    add(
      "staff filter channel + type",
      await timed(n, () => inject(app, "/api/v1/appeals?channel=portal&type=complaint&limit=50", dispatcher)),
    );
    add(
      "staff filter overdue",
      await timed(n, () => inject(app, "/api/v1/appeals?overdue=true&limit=50", dispatcher)),
    );
    // Keyset: twenty pages deep into the closed appeals, each page timed.
    let cursor: string | null = null;
    add(
      "staff list next page (keyset, 20 deep)",
      await timed(Math.min(n, 20), async () => {
        const page = await inject(
          app,
          `/api/v1/appeals?status=closed&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
          dispatcher,
        );
        cursor = (page.nextCursor as string | null) ?? null;
      }),
    );
    const words = ["营业执照", "社保卡", "公积金", "供暖", "物业", "停车", "噪音", "医保"];
    add(
      "staff search (word)",
      await timed(n, (i) =>
        inject(app, `/api/v1/appeals?q=${encodeURIComponent(words[i % words.length]!)}&limit=50`, dispatcher),
      ),
    );
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    // The requester fields are sealed (ADR 0015): open them as the server does, so the phone search
    // looks up a real number (a ciphertext would be searched as words).
    const picks = (
      await c.query<{ tracking_no: string; query_code: string; phone: string; requester_name: string }>(
        `select tracking_no, query_code, phone, requester_name from appeals
         where id in (select 1 + (random() * (select max(id) - 1 from appeals))::bigint from generate_series(1, 100))`,
      )
    ).rows.map((r) => openRequesterFields(r));
    // A rare word: RARE_WORD_ROWS appeals spread over the whole table get a word the generator never
    // writes, so the search must find a few matches among millions (the case an index walk newest
    // first handles worst). Made once per database; the search documents are what intake writes.
    const rare = await c.query<{ n: string }>(
      `select count(*) as n from appeals where to_tsvector('simple', search_tokens) @@ to_tsquery('simple', $1)`,
      [RARE_WORD],
    );
    if (Number(rare.rows[0]?.n ?? 0) === 0) {
      await c.query(
        `update appeals set search_tokens = search_tokens || ' ' || $1
         where id in (select (max(id) * g / $2)::bigint from appeals, generate_series(1, $2) g group by g)`,
        [RARE_WORD, RARE_WORD_ROWS],
      );
    }
    await c.end();
    add(
      "staff search (rare word, 30 matches)",
      await timed(n, () =>
        inject(app, `/api/v1/appeals?q=${encodeURIComponent(RARE_WORD)}&limit=50`, dispatcher),
      ),
    );
    add(
      "staff search (phone number)",
      await timed(n, (i) =>
        inject(app, `/api/v1/appeals?q=${picks[i % picks.length]!.phone}&limit=50`, dispatcher),
      ),
    );
    add(
      "public tracking lookup",
      await timed(n, (i) => {
        const p = picks[i % picks.length]!;
        return inject(app, `/api/v1/public/appeals/${p.tracking_no}?queryCode=${p.query_code}`);
      }),
    );
    rows.push(...(await results(app, url, leader, n, note)));
    const t = performance.now();
    await runSweep(app.deps, new Date());
    rows.push({ name: "idle supervision sweep", value: performance.now() - t, unit: "ms", note });

    const intakeFrom = new Date();
    rows.push(...(await intakeCeiling(app, url, clerk, opts)));
    await forgetBenchIntakes(url, intakeFrom);
  } finally {
    await app.close();
    await handle.close();
  }
  return rows;
}

const baseOf = (app: App) => {
  const addr = app.server.address();
  return `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
};

/** The month and year summaries (totals, per department) and 导出明细 of the busiest complete month. */
async function results(app: App, url: string, leader: string, n: number, note: string): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const add = (name: string, r: { p50: number; p95: number }) => {
    rows.push({ name: `${name} p50`, value: r.p50, unit: "ms", note });
    rows.push({ name: `${name} p95`, value: r.p95, unit: "ms", note });
  };
  const month = new Date(Date.now() - 30 * 86400_000).toISOString().slice(0, 7);
  const last = new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0).getDate();
  const monthRange = `from=${month}-01&to=${month}-${last}`;
  add(
    "dashboard month summary",
    await timed(Math.min(n, 20), () => inject(app, `/api/v1/stats/summary?${monthRange}`, leader)),
  );
  add(
    "dashboard month by department",
    await timed(Math.min(n, 20), () =>
      inject(app, `/api/v1/stats/summary?${monthRange}&groupBy=department`, leader),
    ),
  );
  const { from, to } = lastYear();
  const range = `from=${from}&to=${to}`;
  add(
    "dashboard year summary",
    await timed(Math.min(n, 20), () => inject(app, `/api/v1/stats/summary?${range}`, leader)),
  );
  add(
    "dashboard year by department",
    await timed(Math.min(n, 20), () =>
      inject(app, `/api/v1/stats/summary?${range}&groupBy=department`, leader),
    ),
  );
  const busiest = await busiestMonth(url);
  if (busiest) {
    const f = await timeExport(baseOf(app), leader, busiest.month);
    rows.push(...exportRows(`导出明细 ${busiest.month}`, f, note));
  }
  return rows;
}

/**
 * 导出明细 of exactly `appeals` rows: a data set of its own whose appeals all fall in the previous
 * month (days 1–28), since no month of the two-year set holds 100,000. Dropped afterwards.
 */
export async function measureExport(appeals: number): Promise<BenchRow[]> {
  const now = new Date();
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 28, 4)); // 12:00 local
  const month = end.toISOString().slice(0, 7);
  const g = await generate({ scale: appeals, db: `yousu_bench_export_${process.pid}`, end, spanDays: 27 });
  const handle = await createDb({ kind: "postgres", url: g.url, poolSize: 10 });
  await prepareDataKeys(handle.db, { keys: BENCH_DATA_KEY }, new Date());
  const app = await buildApp({
    db: handle.db,
    config: testConfig({ adminPassword: BENCH_ADMIN_PASSWORD, logLevel: "silent" }),
    clock: systemClock,
  });
  try {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const adminToken = (
      await inject(app, "/api/v1/auth/login", undefined, "POST", {
        username: "admin",
        password: BENCH_ADMIN_PASSWORD,
      })
    ).token as string;
    const leader = await staff(app, adminToken, "leader");
    await timeExport(baseOf(app), leader, month); // warm-up
    const f = await timeExport(baseOf(app), leader, month);
    return exportRows(`导出明细 ${month}`, f, `a month of ${appeals.toLocaleString("en-US")} appeals`);
  } finally {
    await app.close();
    await handle.close();
    await g.drop();
  }
}

/** pgbench's commit rate of the intake's rows, then HTTP intake, both at 16 clients, same database. */
/**
 * Removes what the intake step added (pgbench's and the HTTP intakes, tens of thousands of copies
 * of one text), so a later run on the same database searches the generated data and not a newest
 * stretch that is all about 营业执照. Foreign-key triggers are skipped (session_replication_role:
 * the bench runs as a superuser on a database of its own); rows of tables without a key to
 * appeals (outbox, audit) stay behind, which no read measured here looks at.
 */
async function forgetBenchIntakes(url: string, from: Date): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("set session_replication_role = replica");
    await c.query("begin");
    await c.query("create temp table bench_gone as select id from appeals where received_at >= $1", [from]);
    await c.query("delete from stats_facts where appeal_id in (select id from bench_gone)");
    await c.query("delete from appeal_events where appeal_id in (select id from bench_gone)");
    await c.query("delete from appeals where id in (select id from bench_gone)");
    await c.query("commit");
  } catch (e) {
    await c.query("rollback").catch(() => {});
    console.warn(`bench intakes left in the database: ${(e as Error).message}`);
  } finally {
    await c.end();
  }
}

async function intakeCeiling(
  app: App,
  url: string,
  token: string,
  opts: { quick: boolean },
): Promise<BenchRow[]> {
  const clients = 16;
  const seconds = opts.quick ? 3 : 20;
  const rows: BenchRow[] = [];
  let ceiling = 0;
  try {
    ceiling = await pgbenchCeiling(url, clients, seconds);
    rows.push({
      name: "intake ceiling (pgbench, same rows)",
      value: ceiling,
      unit: "tx/s",
      note: `${clients} clients, ${seconds} s`,
    });
  } catch (e) {
    rows.push({
      name: "intake ceiling (pgbench)",
      value: 0,
      unit: "tx/s",
      note: `skipped: ${(e as Error).message.slice(0, 60)}`,
    });
  }
  const base = baseOf(app);
  const body = (i: number) =>
    JSON.stringify({
      channel: i % 2 === 0 ? "onsite" : "phone",
      type: "inquiry",
      requester: {
        name: `群众${i}`,
        phone: `139${String(10_000_000 + (i % 90_000_000)).slice(-8)}`,
        address: "城关镇人民路1号",
      },
      content: `我想咨询办理营业执照需要准备哪些材料，窗口说材料不全但没有一次性告知。（${i}）`,
    });
  const post = (i: number) =>
    fetch(`${base}/api/v1/appeals`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: body(i),
    }).then(async (r) => {
      await r.arrayBuffer();
      return r.status;
    });
  for (let i = 0; i < 20; i++) await post(i);
  const latencies: number[] = [];
  let next = 20;
  let failures = 0;
  let rss = 0;
  const sampler = setInterval(() => {
    rss = Math.max(rss, process.memoryUsage().rss);
  }, 100);
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const s = performance.now();
        const status = await post(next++);
        latencies.push(performance.now() - s);
        if (status !== 201) failures++;
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const rate = latencies.length / elapsed;
  const note = `${clients} clients, ${seconds} s${failures ? `, ${failures} failed` : ""}`;
  rows.push({ name: "intake over HTTP", value: rate, unit: "appeals/s", note });
  rows.push({
    name: "intake over HTTP, share of the ceiling",
    value: ceiling ? (100 * rate) / ceiling : 0,
    unit: "%",
    note,
  });
  rows.push({ name: "intake latency p50", value: pct(latencies, 50), unit: "ms", note });
  rows.push({ name: "intake latency p99", value: pct(latencies, 99), unit: "ms", note });
  rows.push({
    name: "RSS under intake load (server + load client)",
    value: rss / 2 ** 20,
    unit: "MiB",
    note,
  });
  return rows;
}

export async function run(opts: BenchOptions = { quick: false }): Promise<BenchRow[]> {
  const scale = opts.scale ?? (opts.quick ? 2_000 : 100_000);
  const probe = new pg.Client({ connectionString: PG_URL });
  try {
    await probe.connect();
    await probe.end();
  } catch {
    return [{ name: "scale benchmark", value: 0, unit: "", note: "skipped: no PostgreSQL" }];
  }
  const db = `yousu_bench_${process.pid}`;
  const g = await generate({ scale, db, log: opts.quick ? () => {} : console.log });
  try {
    const total = Object.values(g.rows).reduce((a, b) => a + b, 0);
    const note = `${scale.toLocaleString("en-US")} appeals, ${total.toLocaleString("en-US")} rows in all`;
    return [
      { name: "generate + load", value: scale / g.seconds, unit: "appeals/s", note },
      { name: "generate + load, all rows", value: total / g.seconds, unit: "rows/s", note },
      ...(await measure(g.url, { quick: opts.quick, appeals: scale })),
    ];
  } finally {
    await g.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const db = process.argv.find((a) => a.startsWith("--db="))?.split("=")[1];
  const quick = process.argv.includes("--quick");
  const only = process.argv.includes("--only=results") ? ("results" as const) : undefined;
  const exportArg = process.argv.find((a) => a.startsWith("--export-rows="))?.split("=")[1];
  let rows: BenchRow[];
  if (db) {
    const u = new URL(PG_URL);
    u.pathname = `/${db}`;
    const c = new pg.Client({ connectionString: u.toString() });
    await c.connect();
    const appeals = Number((await c.query<{ n: string }>("select count(*) as n from appeals")).rows[0]!.n);
    await c.end();
    await upgrade(u.toString());
    rows = await measure(u.toString(), { quick, appeals, ...(only ? { only } : {}) });
  } else {
    rows = await run({ quick });
  }
  if (exportArg) rows.push(...(await measureExport(Number(exportArg))));
  for (const r of rows) console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit} (${r.note ?? ""})`);
}
