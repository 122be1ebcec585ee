import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type TestContext } from "../../../test/app.js";
import { appealBody, recordOk, windowClerk } from "../../../test/appeals.js";
import { createTestDb } from "../../../test/db.js";
import { createStaff } from "../../../test/factories.js";
import { buildApp } from "../app.js";
import { bootstrap } from "../bootstrap.js";
import { ManualClock } from "../clock.js";
import { testConfig } from "../config.js";
import { createDb, type DbHandle } from "./database.js";
import type { ReplicaState } from "./replica.js";

/**
 * The read replica (docs/operations.md, "Read replica") on a real streaming standby:
 * `scripts/replica.sh start` gives TEST_REPLICA_URL (CI does it before `npm run test:pg`). The
 * outage fallback needs only PostgreSQL (the "replica" is a port nobody listens on).
 */
const primaryUrl = process.env.TEST_DATABASE_URL;
const replicaUrl = process.env.TEST_REPLICA_URL;
/** In the task's port range, never listened on: a standby that is down. */
const DEAD_REPLICA = "postgres://postgres@127.0.0.1:18299/postgres";
const DAY = "2026-03-02";

function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split("\n")) {
    const m = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries(
      [...(m[2] ?? "").matchAll(/([a-z_]+)="([^"]*)"/g)].map((x) => [x[1], x[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return 0;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function oneShot<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

/**
 * A migrated test database on the primary, and an app whose readDb routes to `replica` for that
 * same database (a streaming standby holds every database of its primary).
 */
function useReplicaApp(replica: (dbName: string) => { url: string; maxLagSeconds: number }) {
  const ctx = {} as TestContext & { routed: DbHandle; dbName: string; changes: ReplicaState[] };
  beforeAll(async () => {
    ctx.handle = await createTestDb();
    const r = await sql<{ name: string }>`select current_database() as name`.execute(ctx.handle.db);
    ctx.dbName = r.rows[0]!.name;
    ctx.routed = await createDb({
      kind: "postgres",
      url: withDatabase(primaryUrl!, ctx.dbName),
      poolSize: 4,
      replica: { ...replica(ctx.dbName), checkIntervalMs: 0 },
    });
    ctx.changes = [];
    ctx.routed.replica!.listen({ changed: (s) => ctx.changes.push(s) });
    ctx.clock = new ManualClock(`${DAY}T09:00:00+08:00`);
    ctx.config = testConfig();
    ctx.app = await buildApp({
      db: ctx.routed.db,
      readDb: ctx.routed.readDb,
      replica: ctx.routed.replica,
      config: ctx.config,
      clock: ctx.clock,
    });
    await bootstrap(ctx.app.deps, ctx.app.log);
    await ctx.app.ready();
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.routed?.close();
    await ctx.handle?.close();
  });
  return ctx;
}

async function metrics(ctx: TestContext) {
  return (await ctx.app.inject({ method: "GET", url: "/metrics", remoteAddress: "127.0.0.1" })).body;
}

describe.skipIf(!primaryUrl || !replicaUrl)(
  "read replica on a streaming standby (TEST_REPLICA_URL)",
  {
    timeout: 180_000,
  },
  () => {
    const ctx = useReplicaApp((name) => ({ url: withDatabase(replicaUrl!, name), maxLagSeconds: 3600 }));
    const standbyAdmin = () => replicaUrl!;

    async function primaryLsn(): Promise<string> {
      const rows = await oneShot<{ lsn: string }>(primaryUrl!, "select pg_current_wal_lsn()::text as lsn");
      return rows[0]!.lsn;
    }

    /** Waits until the standby has replayed everything the primary has written so far. */
    async function caughtUp(): Promise<void> {
      const lsn = await primaryLsn();
      for (const until = Date.now() + 120_000; Date.now() < until; ) {
        const [row] = await oneShot<{ ok: boolean }>(
          standbyAdmin(),
          `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as ok`,
        );
        if (row?.ok) {
          await ctx.routed.replica!.refresh();
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("the standby did not catch up within 120 s");
    }

    /** Waits until the standby has received (not necessarily replayed) the primary's WAL so far. */
    async function received(): Promise<void> {
      const lsn = await primaryLsn();
      for (const until = Date.now() + 120_000; Date.now() < until; ) {
        const [row] = await oneShot<{ ok: boolean }>(
          standbyAdmin(),
          `select pg_last_wal_receive_lsn() >= '${lsn}'::pg_lsn as ok`,
        );
        if (row?.ok) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error("the standby did not receive the WAL within 120 s");
    }

    it("serves dashboards and searches from the standby once it has caught up", async () => {
      const clerk = await windowClerk(ctx);
      const leader = await createStaff(ctx, { roles: ["leader"] });
      const before = await metrics(ctx);
      const a = await recordOk(ctx, clerk.token, appealBody({ content: "副本测试：路灯不亮需要维修" }));
      await caughtUp();
      expect(ctx.routed.replica!.state.route).toBe("replica");

      const list = await call(ctx.app, "GET", "/api/v1/appeals?limit=50", { token: clerk.token });
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: { id: string }) => i.id)).toContain(a.id);
      const stats = await call(ctx.app, "GET", `/api/v1/stats/summary?from=${DAY}&to=${DAY}`, {
        token: leader.token,
      });
      expect(stats.status).toBe(200);
      expect(stats.body.totals.received).toBeGreaterThanOrEqual(1);

      const after = await metrics(ctx);
      const routed = (t: string) => sample(t, "yousu_db_replica_reads_total", { route: "replica" });
      expect(routed(after)).toBeGreaterThan(routed(before));
      expect(sample(after, "yousu_db_replica_in_use")).toBe(1);
    });

    it("keeps the appeal detail on the primary while searches see the standby's (older) state", async () => {
      const clerk = await windowClerk(ctx);
      await caughtUp();
      await oneShot(standbyAdmin(), "select pg_wal_replay_pause()");
      try {
        const a = await recordOk(ctx, clerk.token, appealBody({ content: "副本测试：暂停回放期间受理" }));
        await received();
        // The staff member who just recorded it opens it: the primary answers.
        const detail = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}`, { token: clerk.token });
        expect(detail.status).toBe(200);
        expect(detail.body.id).toBe(a.id);
        // The search went to the standby, whose replay is paused (lag well under the hour allowed).
        await ctx.routed.replica!.refresh();
        expect(ctx.routed.replica!.state.route).toBe("replica");
        const stale = await call(ctx.app, "GET", "/api/v1/appeals?limit=50", { token: clerk.token });
        expect(stale.status).toBe(200);
        expect(stale.body.items.map((i: { id: string }) => i.id)).not.toContain(a.id);

        // A router allowing no lag at all sends the same read to the primary (lag fallback).
        const strict = await createDb({
          kind: "postgres",
          url: withDatabase(primaryUrl!, ctx.dbName),
          poolSize: 2,
          replica: { url: withDatabase(replicaUrl!, ctx.dbName), maxLagSeconds: 0, checkIntervalMs: 0 },
        });
        try {
          const row = await strict
            .readDb!.selectFrom("appeals")
            .select("id")
            .where("id", "=", a.id)
            .executeTakeFirst();
          expect(row?.id).toBe(a.id);
          expect(strict.replica!.state.route).toBe("lag");
          expect(strict.replica!.state.lagSeconds).toBeGreaterThan(0);
        } finally {
          await strict.close();
        }

        await oneShot(standbyAdmin(), "select pg_wal_replay_resume()");
        await caughtUp();
        const fresh = await call(ctx.app, "GET", "/api/v1/appeals?limit=50", { token: clerk.token });
        expect(fresh.body.items.map((i: { id: string }) => i.id)).toContain(a.id);
      } finally {
        await oneShot(standbyAdmin(), "select pg_wal_replay_resume()");
      }
    });

    it("re-runs a read on the primary when the standby drops it mid-query, and returns to the standby", async () => {
      await caughtUp();
      expect(ctx.routed.replica!.state.route).toBe("replica");
      const before = ctx.changes.length;
      const running = sql<{ x: number }>`select 1 as x from pg_sleep(1.5)`.execute(ctx.routed.readDb!);
      let pid: number | undefined;
      for (const until = Date.now() + 60_000; !pid && Date.now() < until; ) {
        const rows = await oneShot<{ pid: number }>(
          standbyAdmin(),
          `select pid from pg_stat_activity where datname = '${ctx.dbName}' and query like '%pg_sleep(1.5)%'
           and pid <> pg_backend_pid()`,
        );
        pid = rows[0]?.pid;
      }
      expect(pid, "the read never reached the standby").toBeDefined();
      await oneShot(standbyAdmin(), `select pg_terminate_backend(${pid})`);
      const r = await running;
      expect(r.rows[0]!.x).toBe(1);
      expect(ctx.routed.replica!.state.route).toBe("down");
      expect(
        sample(await metrics(ctx), "yousu_db_replica_reads_total", { route: "down" }),
      ).toBeGreaterThanOrEqual(1);
      // The next probe finds it again.
      await ctx.routed.replica!.refresh();
      expect(ctx.routed.replica!.state.route).toBe("replica");
      expect(ctx.changes.slice(before).map((c) => c.route)).toEqual(["down", "replica"]);
    });
  },
);

describe.runIf(process.env.CI && primaryUrl)("CI", () => {
  it("runs the standby tests on PostgreSQL (.ci/run starts scripts/replica.sh and sets TEST_REPLICA_URL)", () => {
    expect(replicaUrl, "TEST_REPLICA_URL is not set: the standby did not start").toBeTruthy();
  });
});

describe.skipIf(!primaryUrl)("read replica unreachable", () => {
  const ctx = useReplicaApp(() => ({ url: DEAD_REPLICA, maxLagSeconds: 5 }));

  it("falls back to the primary, counts the fallbacks and reports the change once", async () => {
    const clerk = await windowClerk(ctx);
    const leader = await createStaff(ctx, { roles: ["leader"] });
    const a = await recordOk(ctx, clerk.token, appealBody({ content: "副本测试：副本不可用时检索" }));
    for (let i = 0; i < 3; i++) {
      const list = await call(ctx.app, "GET", "/api/v1/appeals?limit=50", { token: clerk.token });
      expect(list.status).toBe(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(a.id);
    }
    const stats = await call(ctx.app, "GET", `/api/v1/stats/summary?from=${DAY}&to=${DAY}`, {
      token: leader.token,
    });
    expect(stats.status).toBe(200);
    expect(stats.body.totals.received).toBe(1);
    expect(ctx.routed.replica!.state.route).toBe("down");
    const m = await metrics(ctx);
    expect(sample(m, "yousu_db_replica_reads_total", { route: "down" })).toBeGreaterThanOrEqual(4);
    expect(sample(m, "yousu_db_replica_reads_total", { route: "replica" })).toBe(0);
    expect(sample(m, "yousu_db_replica_in_use")).toBe(0);
    // Logged once, not once per read.
    expect(ctx.changes.map((c) => c.route)).toEqual(["down"]);
  });
});
