import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import pg from "pg";
import { buildApp } from "../src/server/app.js";
import { bootstrap } from "../src/server/bootstrap.js";
import { systemClock } from "../src/server/clock.js";
import { testConfig } from "../src/server/config.js";
import { createDb } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { installKeyring, Keyring } from "../src/server/lib/personal-data.js";
import { backendPids, cpuOfPids } from "./proc-cpu.js";

/**
 * What one intake sends: every statement of `POST /api/v1/appeals` (a window clerk, phone and
 * portal-free channels alternating) on a fresh PostgreSQL database, with its time as the driver
 * sees it, averaged over N intakes after a warm-up; then the whole request's time in process.
 *   npx tsx bench/intake-profile.ts [--n=200]
 */
const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ADMIN_PASSWORD = "Kq7#Lantern-Field";
const n = Number(process.argv.find((a) => a.startsWith("--n="))?.slice(4) ?? 200);

const name = `yousu_profile_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
await admin.query(`create database "${name}"`);
await admin.end();
const u = new URL(PG_URL);
u.pathname = `/${name}`;

let recording = false;
const seen: { sql: string; ms: number }[] = [];
installKeyring(Keyring.fromSecrets([randomBytes(32)]));
const handle = await createDb({
  kind: "postgres",
  url: u.toString(),
  poolSize: 10,
  onQuery: (sql, _p, ms) => {
    if (recording) seen.push({ sql, ms });
  },
});
try {
  await migrateToLatest(handle.db);
  const app = await buildApp({
    db: handle.db,
    config: testConfig({ adminPassword: ADMIN_PASSWORD, logLevel: "silent" }),
    clock: systemClock,
  });
  await bootstrap(app.deps, app.log);
  const post = async (url: string, body: unknown, token?: string) => {
    const r = await app.inject({
      method: "POST",
      url,
      payload: body as object,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: r.statusCode, body: r.json() as Record<string, unknown> };
  };
  const adminToken = (await post("/api/v1/auth/login", { username: "admin", password: ADMIN_PASSWORD })).body
    .token as string;
  const made = await post(
    "/api/v1/users",
    { username: "bench_clerk", password: "Clerk#2026pass", displayName: "压测坐席", roles: ["window"] },
    adminToken,
  );
  if (made.status !== 201) throw new Error(JSON.stringify(made.body));
  const token = (await post("/api/v1/auth/login", { username: "bench_clerk", password: "Clerk#2026pass" }))
    .body.token as string;
  const body = (i: number) => ({
    channel: i % 2 === 0 ? "onsite" : "phone",
    type: "inquiry",
    requester: {
      name: `群众${i}`,
      phone: `139${String(10_000_000 + i).slice(-8)}`,
      address: "城关镇人民路1号",
    },
    content: `我想咨询办理营业执照需要准备哪些材料，窗口说材料不全但没有一次性告知。（${i}）`,
  });
  for (let i = 0; i < 30; i++) await post("/api/v1/appeals", body(i), token);
  recording = true;
  const backends0 = cpuOfPids(await backendPids(u.toString()));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const r = await post("/api/v1/appeals", body(1000 + i), token);
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  }
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  recording = false;
  const backendsMs = cpuOfPids(await backendPids(u.toString()), backends0).total;
  const by = new Map<string, { count: number; ms: number }>();
  for (const s of seen) {
    const key = s.sql.replace(/\s+/g, " ").slice(0, 150);
    const e = by.get(key) ?? { count: 0, ms: 0 };
    e.count++;
    e.ms += s.ms;
    by.set(key, e);
  }
  console.log(`${n} intakes, one at a time: ${(total / n).toFixed(2)} ms each in process`);
  console.log(
    `CPU per intake: this process ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms, PostgreSQL backends ${(backendsMs / n).toFixed(2)} ms (load ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(`statements per intake: ${(seen.length / n).toFixed(1)} (begin/commit not included)`);
  let sum = 0;
  for (const [sql, e] of by) {
    sum += e.ms;
    console.log(`${(e.count / n).toFixed(2)}x ${(e.ms / e.count).toFixed(3)} ms  ${sql}`);
  }
  console.log(`statement time per intake: ${(sum / n).toFixed(2)} ms`);
  await app.close();
} finally {
  await handle.close();
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`drop database if exists "${name}" with (force)`);
  await c.end();
}
