import { spawnSync } from "node:child_process";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { appealBody, countRows, recordOk, windowClerk } from "../../../../test/appeals.js";
import { ConfigError, loadConfig } from "../../config.js";
import { addressMatcher } from "./metrics.service.js";

/** GET /metrics (Prometheus text), GET /api/ready, and configuration errors an operator meets. */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

/** The value of one sample line `name{labels} value`, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? "").matchAll(/([a-z_]+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

async function scrape(remoteAddress = "127.0.0.1", headers: Record<string, string> = {}) {
  const res = await ctx.app.inject({ method: "GET", url: "/metrics", remoteAddress, headers });
  return { status: res.statusCode, text: res.body, type: String(res.headers["content-type"]) };
}

describe("GET /metrics", () => {
  it("counts requests per route pattern and times them in a histogram", async () => {
    const clerk = await windowClerk(ctx);
    for (let i = 0; i < 3; i++) await recordOk(ctx, clerk.token);
    await call(ctx.app, "GET", "/api/v1/appeals/999999", { token: clerk.token });
    const m = await scrape();
    expect(m.status).toBe(200);
    expect(m.type).toContain("text/plain; version=0.0.4");
    const route = { route: "/api/v1/appeals", method: "POST" };
    expect(sample(m.text, "yousu_http_requests_total", { ...route, status: "201" })).toBe(3);
    expect(sample(m.text, "yousu_http_request_duration_seconds_count", route)).toBe(3);
    expect(sample(m.text, "yousu_http_request_duration_seconds_bucket", { ...route, le: "+Inf" })).toBe(3);
    // The pattern, not the id: one series for every appeal.
    expect(
      sample(m.text, "yousu_http_requests_total", {
        route: "/api/v1/appeals/:id",
        method: "GET",
        status: "404",
      }),
    ).toBe(1);
    expect(m.text).not.toContain("/api/v1/appeals/999999");
    expect(sample(m.text, "yousu_process_resident_memory_bytes")).toBeGreaterThan(1_000_000);
  });

  it("reads open appeals, open and overdue limits and the outbox backlog from the database", async () => {
    const clerk = await windowClerk(ctx);
    // Online appeals wait for a first response: each opens a tracked limit (1 working day).
    for (let i = 0; i < 2; i++) await recordOk(ctx, clerk.token, appealBody({ channel: "phone" }));
    const db = ctx.handle.db;
    const open = await sql<{
      n: string;
    }>`select count(*) as n from appeals where status = 'received'`.execute(db);
    const pending = await sql<{ n: string }>`
      select count(*) as n from notification_outbox where status = 'pending' and channel = 'sms'`.execute(db);
    const limits = await sql<{
      n: string;
    }>`select count(*) as n from supervision_items where closed_at is null`.execute(db);
    const center = (await sql<{ id: string }>`select id from centers order by id limit 1`.execute(db))
      .rows[0]!.id;
    let m = await scrape();
    expect(sample(m.text, "yousu_appeals_open", { center, status: "received" })).toBe(
      Number(open.rows[0]!.n),
    );
    expect(sample(m.text, "yousu_appeals_open", { center, status: "dispatched" })).toBe(0);
    expect(sample(m.text, "yousu_outbox_messages", { channel: "sms", status: "pending" })).toBe(
      Number(pending.rows[0]!.n),
    );
    const openLimits = Number(limits.rows[0]!.n);
    expect(openLimits).toBeGreaterThanOrEqual(2);
    expect(sample(m.text, "yousu_tracked_limits_open", { center })).toBe(openLimits);
    expect(sample(m.text, "yousu_tracked_limits_overdue", { center })).toBe(0);

    // A week later every one of them is overdue.
    ctx.clock.advance(7 * 24 * 3600_000);
    m = await scrape();
    expect(sample(m.text, "yousu_tracked_limits_overdue", { center })).toBe(openLimits);
    expect(await countRows(ctx, "appeals")).toBeGreaterThanOrEqual(2);
  });

  it("answers only the allowed addresses (default: this machine)", async () => {
    expect((await scrape("127.0.0.1")).status).toBe(200);
    expect((await scrape("::1")).status).toBe(200);
    const refused = await scrape("10.1.2.3");
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).error.code).toBe("FORBIDDEN");
    // A proxy on this machine forwards an outside client: refused (every hop must be allowed).
    expect((await scrape("127.0.0.1", { "x-forwarded-for": "203.0.113.9" })).status).toBe(403);
    expect((await scrape("127.0.0.1", { "x-forwarded-for": "127.0.0.1, 203.0.113.9" })).status).toBe(403);
    expect((await scrape("127.0.0.1", { forwarded: "for=127.0.0.1" })).status).toBe(403);
    // A forged loopback header from outside does not open it either.
    expect((await scrape("10.1.2.3", { "x-forwarded-for": "127.0.0.1" })).status).toBe(403);
  });

  it("matches addresses and CIDR blocks, IPv4 clients on dual-stack sockets included", () => {
    const allowed = addressMatcher(["10.0.0.0/8", "192.168.1.7", "fd00::/8"]);
    expect(allowed("10.20.30.40")).toBe(true);
    expect(allowed("::ffff:10.20.30.40")).toBe(true);
    expect(allowed("192.168.1.7")).toBe(true);
    expect(allowed("192.168.1.8")).toBe(false);
    expect(allowed("fd12::1")).toBe(true);
    expect(allowed("127.0.0.1")).toBe(false);
    expect(allowed("not an address")).toBe(false);
    expect(addressMatcher([])("127.0.0.1")).toBe(false);
  });
});

describe("GET /api/ready", () => {
  it("is ready when the database answers and every migration ran; 503 with the reason otherwise", async () => {
    const ok = await call(ctx.app, "GET", "/api/ready");
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: "ready", problems: [] });

    const db = ctx.handle.db;
    const last = (
      await sql<{ name: string; timestamp: string }>`
      select name, timestamp from kysely_migration order by name desc limit 1`.execute(db)
    ).rows[0]!;
    await sql`delete from kysely_migration where name = ${last.name}`.execute(db);
    try {
      const pending = await call(ctx.app, "GET", "/api/ready");
      expect(pending.status).toBe(503);
      expect(pending.body.status).toBe("not_ready");
      expect(pending.body.problems[0]).toContain(last.name);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(
        db,
      );
    }
    await sql`insert into kysely_migration (name, timestamp) values ('2099010100_from_the_future', '2099-01-01')`.execute(
      db,
    );
    try {
      const newer = await call(ctx.app, "GET", "/api/ready");
      expect(newer.status).toBe(503);
      expect(newer.body.problems[0]).toContain("2099010100_from_the_future");
    } finally {
      await sql`delete from kysely_migration where name = '2099010100_from_the_future'`.execute(db);
    }
    expect((await call(ctx.app, "GET", "/api/ready")).status).toBe(200);
  });
});

describe("configuration errors", () => {
  it("are one line naming the variable, in Chinese and English", () => {
    const bad = () => loadConfig({ PORT: "eighty", YOUSU_METRICS_ALLOW: "10.0.0.0/99" });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (e) {
      const message = (e as Error).message;
      expect(message).not.toContain("\n");
      expect(message).toMatch(/^配置有误 \/ invalid configuration: /);
      expect(message).toContain("PORT");
      expect(message).toContain("YOUSU_METRICS_ALLOW");
    }
    expect(loadConfig({}).metricsAllow).toEqual(["127.0.0.1", "::1"]);
    expect(loadConfig({ YOUSU_METRICS_ALLOW: "none" }).metricsAllow).toEqual([]);
    expect(loadConfig({ YOUSU_METRICS_ALLOW: " 10.0.0.0/8 , ::1" }).metricsAllow).toEqual([
      "10.0.0.0/8",
      "::1",
    ]);
  });

  it("refuse a read replica in embedded mode and take it with DATABASE_URL", () => {
    const embedded = () => loadConfig({ DATABASE_REPLICA_URL: "postgres://postgres@127.0.0.1:5433/yousu" });
    expect(embedded).toThrow(ConfigError);
    expect(embedded).toThrow(/^配置有误 \/ invalid configuration: DATABASE_REPLICA_URL: .*DATABASE_URL/);
    const pgMode = loadConfig({
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/yousu",
      DATABASE_REPLICA_URL: "postgres://postgres@127.0.0.1:5433/yousu",
      DATABASE_REPLICA_MAX_LAG: "2.5",
    });
    expect(pgMode.database).toEqual({
      kind: "postgres",
      url: "postgres://postgres@127.0.0.1:5432/yousu",
      replica: { url: "postgres://postgres@127.0.0.1:5433/yousu", maxLagSeconds: 2.5 },
    });
    expect(loadConfig({ DATABASE_URL: "postgres://h/yousu" }).database).toEqual({
      kind: "postgres",
      url: "postgres://h/yousu",
    });
  });

  it("stop the server in one line, without a stack trace (read replica in embedded mode)", {
    timeout: 120_000,
  }, () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_REPLICA_URL: "postgres://postgres@127.0.0.1:5433/yousu",
      YOUSU_SCHEDULER: "off",
      LOG_LEVEL: "silent",
    };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/server/main.ts", "serve"], {
      env,
      encoding: "utf8",
      timeout: 110_000,
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /^无法启动 \/ cannot start: 配置有误 \/ invalid configuration: DATABASE_REPLICA_URL/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
