#!/usr/bin/env node
// Two server processes on one PostgreSQL database, both sweeping every second, under intake load:
//   - a session signed in on one instance is valid on the other (sessions live in the database);
//   - every acknowledged appeal (201) is there once, with its own tracking number, none extra;
//   - two conflicting writes of one appeal, one to each instance: exactly one wins (no lost update);
//   - no supervision step, staff message or SMS was made twice.
// Duplicate-free 催办/督办/通报 across two instances with work due is also tested in process, with a
// simulated clock (src/server/modules/supervision/supervision.sweep.test.ts, "two instances").
//
//   node scripts/multi-instance.mjs [--appeals=200] [--clients=8]
// Needs PostgreSQL (MULTI_DATABASE_URL or TEST_DATABASE_URL, default the local server); creates and
// drops a database of its own. Exit code 0 when every check holds; prints one line per check.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const server =
  process.env.MULTI_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const arg = (k, d) => Number(process.argv.find((a) => a.startsWith(`--${k}=`))?.split("=")[1] ?? d);
const APPEALS = arg("appeals", 200);
const CLIENTS = arg("clients", 8);
const PASSWORD = "Kq7#Lantern-Field";

async function admin(query) {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    return await c.query(query);
  } finally {
    await c.end();
  }
}

const name = `yousu_multi_${randomBytes(4).toString("hex")}`;
const url = new URL(server);
url.pathname = `/${name}`;
const procs = [];
let failed = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failed++;
};

// Every instance of a deployment shares one personal-data key (docs/security.md).
const DATA_KEY = process.env.YOUSU_DATA_KEY ?? randomBytes(32).toString("base64");

function start(port) {
  const p = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts", "serve"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      YOUSU_DATA_KEY: DATA_KEY,
      PORT: String(port),
      HOST: "127.0.0.1",
      YOUSU_ADMIN_PASSWORD: PASSWORD,
      YOUSU_SWEEP_INTERVAL_SECONDS: "1",
      YOUSU_WEB_DIR: join(root, "dist", "web"),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  procs.push(p);
  return `http://127.0.0.1:${port}`;
}

async function ready(base) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${base} never became ready`);
}

async function call(base, method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

try {
  await admin(`create database "${name}"`);
  // The first migrates the empty database; the second starts once the schema is there (both
  // starting at once is also safe: Kysely's migrator takes a lock).
  const a = start(18000 + Math.floor(Math.random() * 1000));
  await ready(a);
  const b = start(19000 + Math.floor(Math.random() * 1000));
  await ready(b);

  const login = await call(a, "POST", "/api/v1/auth/login", null, { username: "admin", password: PASSWORD });
  const adminToken = login.body.token;
  const meOnB = await call(b, "GET", "/api/v1/me", adminToken);
  check(meOnB.status === 200 && meOnB.body.username === "admin", "a session from instance A is valid on B");
  const clerkPassword = "Clerk#2026-multi";
  await call(b, "POST", "/api/v1/users", adminToken, {
    username: "multi_clerk",
    password: clerkPassword,
    displayName: "多实例坐席",
    roles: ["window"],
  });
  const clerk = (
    await call(b, "POST", "/api/v1/auth/login", null, { username: "multi_clerk", password: clerkPassword })
  ).body.token;

  // Intake load over both instances while both sweep every second.
  const acknowledged = [];
  let next = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < APPEALS) {
        const i = next++;
        const r = await call(i % 2 ? a : b, "POST", "/api/v1/appeals", clerk, {
          channel: i % 3 === 0 ? "phone" : "onsite",
          type: "inquiry",
          requester: {
            name: `群众${i}`,
            phone: `139${String(10_000_000 + i).slice(-8)}`,
            address: "城关镇人民路1号",
          },
          content: `多实例测试诉求第${i}件：咨询营业执照办理材料。`,
        });
        if (r.status === 201) acknowledged.push(r.body);
        else if (refused++ === 0) console.error(`refused: ${r.status} ${JSON.stringify(r.body)}`);
      }
    }),
  );
  check(
    refused === 0,
    `${APPEALS} appeals over both instances: ${acknowledged.length} acknowledged, ${refused} refused`,
  );

  // Two conflicting writes of one appeal, one to each instance, at once.
  const target = acknowledged.find((x) => x.status === "received");
  const [r1, r2] = await Promise.all(
    [a, b].map((base) =>
      call(base, "POST", `/api/v1/appeals/${target.id}/reject`, clerk, {
        reason: "legal_procedure",
        explanation: "属于诉讼程序处理范围，已告知依法申请",
        expectedVersion: target.version,
      }),
    ),
  );
  const statuses = [r1.status, r2.status].sort();
  check(
    statuses[0] === 200 && statuses[1] === 409,
    `conflicting writes on A and B: ${statuses.join(" and ")}`,
  );

  await new Promise((r) => setTimeout(r, 2500)); // a few more sweeps on both
  const db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  const one = async (q) => Number((await db.query(q)).rows[0].n);
  const ids = acknowledged.map((x) => x.id);
  check(
    (await one(`select count(*) as n from appeals where id = any('{${ids.join(",")}}'::bigint[])`)) ===
      ids.length && (await one("select count(*) as n from appeals")) === ids.length,
    `every acknowledged appeal is there, and nothing else (${ids.length})`,
  );
  check(
    (await one("select count(*) - count(distinct tracking_no) as n from appeals")) === 0,
    "tracking numbers are unique",
  );
  check(
    (await one(
      `select count(*) as n from appeal_events where appeal_id = ${target.id} and type = 'rejected'`,
    )) === 1,
    "the appeal written on both instances was refused once",
  );
  check(
    (await one(
      "select count(*) as n from (select kind, target_kind, target_id from supervision_records group by 1, 2, 3 having count(*) > 1) d",
    )) === 0,
    "no supervision step twice",
  );
  check(
    (await one(
      "select count(*) as n from (select record_id, user_id from staff_notifications where record_id is not null group by 1, 2 having count(*) > 1) d",
    )) === 0,
    "no staff message twice",
  );
  check(
    (await one(
      "select count(*) as n from (select appeal_id, kind from notification_outbox where kind = 'appeal.received' group by 1, 2 having count(*) > 1) d",
    )) === 0,
    "no receipt SMS twice",
  );
  await db.end();
} catch (e) {
  console.error(e);
  failed++;
} finally {
  await Promise.all(
    procs.map(
      (p) =>
        new Promise((resolve) => {
          if (p.exitCode !== null) return resolve();
          p.once("exit", resolve);
          p.kill("SIGTERM");
        }),
    ),
  );
  await admin(`drop database if exists "${name}" with (force)`).catch(() => {});
}
console.log(failed === 0 ? "multi-instance: all checks passed" : `multi-instance: ${failed} check(s) failed`);
process.exit(failed === 0 ? 0 : 1);
