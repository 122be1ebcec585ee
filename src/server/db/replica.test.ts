import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type TestContext, useTestApp } from "../../../test/app.js";
import { appealBody, recordOk, windowClerk } from "../../../test/appeals.js";
import { createTestDb } from "../../../test/db.js";
import { createStaff, login } from "../../../test/factories.js";
import { type App, buildApp } from "../app.js";
import { bootstrap } from "../bootstrap.js";
import { ManualClock } from "../clock.js";
import { testConfig } from "../config.js";
import { CSRF_HEADER, sha256 } from "../lib/secrets.js";
import { createDb, type DbHandle } from "./database.js";
import { parseLsn, ReplicaRouter, type ReplicaState, runWithReadAfter, setReadAfter } from "./replica.js";

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

    /** The primary's WAL insert position (what a session's read floor records, ADR 0019). */
    async function primaryLsn(): Promise<string> {
      const rows = await oneShot<{ lsn: string }>(
        primaryUrl!,
        "select pg_current_wal_insert_lsn()::text as lsn",
      );
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

    it("keeps the appeal detail on the primary while another user's search sees the standby's (older) state", async () => {
      const clerk = await windowClerk(ctx);
      const colleague = await windowClerk(ctx, { displayName: "王窗口" });
      await caughtUp();
      await oneShot(standbyAdmin(), "select pg_wal_replay_pause()");
      try {
        const a = await recordOk(ctx, clerk.token, appealBody({ content: "副本测试：暂停回放期间受理" }));
        await received();
        // The staff member who just recorded it opens it: the primary answers.
        const detail = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}`, { token: clerk.token });
        expect(detail.status).toBe(200);
        expect(detail.body.id).toBe(a.id);
        // A colleague's search went to the standby, whose replay is paused (lag well under the hour
        // allowed). (The clerk's own search would not: read-your-writes, tested below.)
        await ctx.routed.replica!.refresh();
        expect(ctx.routed.replica!.state.route).toBe("replica");
        const stale = await call(ctx.app, "GET", "/api/v1/appeals?limit=50", { token: colleague.token });
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

    describe("read-your-writes (ADR 0019)", () => {
      const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((i) => i.id);
      const reads = async () => {
        const m = await metrics(ctx);
        return {
          replica: sample(m, "yousu_db_replica_reads_total", { route: "replica" }),
          fresh: sample(m, "yousu_db_replica_reads_total", { route: "fresh" }),
        };
      };
      async function readFloor(token: string): Promise<string | null> {
        const r = await sql<{ lsn: string | null }>`select read_after_lsn::text as lsn from sessions
          where token_hash = ${sha256(token)}`.execute(ctx.routed.db);
        return r.rows[0]!.lsn;
      }

      it("sends the writer's next list to the primary while the standby's replay is paused, a colleague's to the standby", async () => {
        const clerk = await windowClerk(ctx);
        const colleague = await windowClerk(ctx, { displayName: "王窗口" });
        await caughtUp();
        expect(await readFloor(clerk.token)).toBeNull();
        await oneShot(standbyAdmin(), "select pg_wal_replay_pause()");
        try {
          const a = await recordOk(ctx, clerk.token, appealBody({ content: "副本测试：受理后立即查看列表" }));
          // The write recorded the primary's position on the session, past the standby's replay.
          const floor = parseLsn(await readFloor(clerk.token));
          expect(floor).not.toBeNull();
          await received();
          const [standby] = await oneShot<{ lsn: string }>(
            standbyAdmin(),
            "select pg_last_wal_replay_lsn()::text as lsn",
          );
          expect(parseLsn(standby!.lsn)! < floor!).toBe(true);

          const before = await reads();
          const own = await call(ctx.app, "GET", "/api/v1/appeals?limit=50", { token: clerk.token });
          expect(own.status).toBe(200);
          expect(ids(own)).toContain(a.id);
          const afterOwn = await reads();
          expect(afterOwn.fresh).toBeGreaterThan(before.fresh);
          expect(afterOwn.replica).toBe(before.replica);
          // The standby is in use all along: only the writer's reads skip it.
          expect(ctx.routed.replica!.state.route).toBe("replica");

          const other = await call(ctx.app, "GET", "/api/v1/appeals?limit=50", { token: colleague.token });
          expect(other.status).toBe(200);
          expect(ids(other)).not.toContain(a.id);
          const afterOther = await reads();
          expect(afterOther.replica).toBeGreaterThan(afterOwn.replica);
          expect(afterOther.fresh).toBe(afterOwn.fresh);

          // Once the standby has replayed the write, the writer's reads go back to it.
          await oneShot(standbyAdmin(), "select pg_wal_replay_resume()");
          await caughtUp();
          const later = await call(ctx.app, "GET", "/api/v1/appeals?limit=50", { token: clerk.token });
          expect(ids(later)).toContain(a.id);
          const afterCatchUp = await reads();
          expect(afterCatchUp.replica).toBeGreaterThan(afterOther.replica);
          expect(afterCatchUp.fresh).toBe(afterOther.fresh);
        } finally {
          await oneShot(standbyAdmin(), "select pg_wal_replay_resume()");
        }
      });

      it("holds for a browser session (cookie) and across server instances sharing the database", async () => {
        const clerk = await windowClerk(ctx);
        const browser = await login(ctx, clerk.user.username, clerk.password);
        // A second instance: its own pools and router, the same primary and standby.
        const other = await createDb({
          kind: "postgres",
          url: withDatabase(primaryUrl!, ctx.dbName),
          poolSize: 2,
          replica: { url: withDatabase(replicaUrl!, ctx.dbName), maxLagSeconds: 3600, checkIntervalMs: 0 },
        });
        let app2: App | undefined;
        try {
          app2 = await buildApp({
            db: other.db,
            readDb: other.readDb,
            replica: other.replica,
            config: ctx.config,
            clock: ctx.clock,
          });
          await app2.ready();
          await caughtUp();
          await other.replica!.refresh();
          await oneShot(standbyAdmin(), "select pg_wal_replay_pause()");
          try {
            const res = await ctx.app.inject({
              method: "POST",
              url: "/api/v1/appeals",
              headers: { cookie: browser.cookie, [CSRF_HEADER]: browser.csrfToken },
              payload: appealBody({ content: "副本测试：浏览器会话受理后在另一实例查看" }),
            });
            expect(res.statusCode, res.body).toBe(201);
            const id = (res.json() as { id: string }).id;
            await received();
            // The next list of that browser, answered by the other instance, has it.
            const list = await app2.inject({
              method: "GET",
              url: "/api/v1/appeals?limit=50",
              headers: { cookie: browser.cookie },
            });
            expect(list.statusCode).toBe(200);
            expect((list.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(id);
            const m2 = (await app2.inject({ method: "GET", url: "/metrics", remoteAddress: "127.0.0.1" }))
              .body;
            expect(sample(m2, "yousu_db_replica_reads_total", { route: "fresh" })).toBeGreaterThanOrEqual(1);
            // The clerk's other session (Bearer, no write of its own) reads the standby: the
            // floor is per session.
            const bearer = await call(app2, "GET", "/api/v1/appeals?limit=50", { token: clerk.token });
            expect(ids(bearer)).not.toContain(id);
          } finally {
            await oneShot(standbyAdmin(), "select pg_wal_replay_resume()");
          }
        } finally {
          await app2?.close();
          await other.close();
        }
      });

      it("records nothing for a failed write or a read", async () => {
        const clerk = await windowClerk(ctx);
        const bad = await call(ctx.app, "POST", "/api/v1/appeals", {
          token: clerk.token,
          body: { channel: "onsite" },
        });
        expect(bad.status).toBe(400);
        const list = await call(ctx.app, "GET", "/api/v1/appeals?limit=5", { token: clerk.token });
        expect(list.status).toBe(200);
        expect(await readFloor(clerk.token)).toBeNull();
      });
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

describe("read floor routing (ReplicaRouter, no server needed)", () => {
  /** A standby whose probe answers `replay` as its replay position (lag 0). */
  function fakeStandby(replay: { lsn: string }) {
    let probes = 0;
    const pool = {
      query: async () => {
        probes++;
        return { rows: [{ standby: true, lag: 0, replay_lsn: replay.lsn }] };
      },
    } as unknown as pg.Pool;
    return { pool, probes: () => probes };
  }

  it("parses WAL positions and orders them across the 32-bit halves", () => {
    expect(parseLsn("0/0")).toBe(0n);
    expect(parseLsn("16/B374D848")).toBe((0x16n << 32n) | 0xb374d848n);
    expect(parseLsn("1/0")! > parseLsn("0/FFFFFFFF")!).toBe(true);
    expect(parseLsn("nonsense")).toBeNull();
    expect(parseLsn(null)).toBeNull();
  });

  it("routes a read to the standby only once it has replayed the session's floor, rechecking at most every recheckMs", async () => {
    const replay = { lsn: "0/2000" };
    const s = fakeStandby(replay);
    const router = new ReplicaRouter(s.pool, {
      maxLagSeconds: 5,
      checkIntervalMs: 60_000,
      recheckMs: 60_000,
    });
    expect(await router.route(null)).toBe("replica");
    expect(await router.route("0/1FFF")).toBe("replica");
    expect(await router.route("0/2000")).toBe("replica");
    expect(s.probes()).toBe(1);
    // Past the last position seen, and the last check is recent: the primary, no new probe.
    expect(await router.route("0/2001")).toBe("fresh");
    expect(s.probes()).toBe(1);

    const eager = new ReplicaRouter(s.pool, { maxLagSeconds: 5, checkIntervalMs: 60_000, recheckMs: 0 });
    expect(await eager.route(null)).toBe("replica");
    const probes = s.probes();
    // Rechecked: still behind.
    expect(await eager.route("0/3000")).toBe("fresh");
    expect(s.probes()).toBe(probes + 1);
    // The standby moves on: the recheck finds it there.
    replay.lsn = "0/3000";
    expect(await eager.route("0/3000")).toBe("replica");
    expect(eager.state.replayLsn).toBe("0/3000");
  });

  it("takes the floor from the request's context", async () => {
    const s = fakeStandby({ lsn: "0/10" });
    const router = new ReplicaRouter(s.pool, {
      maxLagSeconds: 5,
      checkIntervalMs: 60_000,
      recheckMs: 60_000,
    });
    expect(await router.route()).toBe("replica");
    expect(
      await runWithReadAfter(async () => {
        setReadAfter("0/20");
        await Promise.resolve();
        return router.route();
      }),
    ).toBe("fresh");
    // Outside any request (jobs, CLI) and in another request: no floor.
    expect(await router.route()).toBe("replica");
    expect(await runWithReadAfter(() => router.route())).toBe("replica");
  });
});

describe("without a read replica (PGlite or PostgreSQL alone)", () => {
  const ctx = useTestApp();

  it("keeps no read floor: a write adds no statement to the session", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(ctx, clerk.token, appealBody({ content: "无副本：受理后查看列表" }));
    const list = await call(ctx.app, "GET", "/api/v1/appeals?limit=50", { token: clerk.token });
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(a.id);
    const r = await ctx.handle.db
      .selectFrom("sessions")
      .select((eb) => eb.fn.count<string>("read_after_lsn").as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(r.n)).toBe(0);
    expect(ctx.app.deps.replica).toBeUndefined();
    expect(ctx.app.deps.readDb).toBe(ctx.app.deps.db);
  });
});
