import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../test/db.js";
import type { DbHandle } from "./database.js";

describe("database layer", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h.close());

  it("returns ids as strings, dates as YYYY-MM-DD and timestamps as Date on both backends", async () => {
    const c = await h.db
      .insertInto("centers")
      .values({ code: "T1", name: "测试中心", level: "county" })
      .returning(["id", "created_at"])
      .executeTakeFirstOrThrow();
    expect(typeof c.id).toBe("string");
    expect(c.created_at).toBeInstanceOf(Date);
    await h.db
      .insertInto("calendar_days")
      .values({ center_id: c.id, date: "2026-10-01", kind: "holiday", name: "国庆节" })
      .execute();
    const d = await h.db.selectFrom("calendar_days").selectAll().executeTakeFirstOrThrow();
    expect(d.date).toBe("2026-10-01");
  });

  it("rolls back every write of a failed transaction", async () => {
    await expect(
      h.db.transaction().execute(async (trx) => {
        await trx.insertInto("centers").values({ code: "T2", name: "回滚", level: "city" }).execute();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const n = await h.db.selectFrom("centers").where("code", "=", "T2").select("id").execute();
    expect(n).toHaveLength(0);
  });

  it("serialises concurrent transactions on one database without interleaving", async () => {
    const runs = Array.from({ length: 20 }, (_, i) =>
      h.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("centers")
          .values({ code: `C${i}`, name: `并发${i}`, level: "township" })
          .execute();
        const r = await sql<{
          n: string;
        }>`select count(*)::text as n from centers where code like 'C%'`.execute(trx);
        return Number(r.rows[0]?.n);
      }),
    );
    const counts = await Promise.all(runs);
    expect(new Set(counts).size).toBeGreaterThan(0);
    const total = await h.db.selectFrom("centers").where("code", "like", "C%").select("id").execute();
    expect(total).toHaveLength(20);
  });
});

describe("one server per embedded data directory", () => {
  it("refuses a second opener while the first runs, and opens again once it has closed", async () => {
    const { mkdtempSync, rmSync, writeFileSync, existsSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { createDb } = await import("./database.js");
    const root = mkdtempSync(join(tmpdir(), "yousu-lock-"));
    const dir = join(root, "data");
    try {
      const first = await createDb({ kind: "pglite", dataDir: dir });
      await expect(createDb({ kind: "pglite", dataDir: dir })).rejects.toThrow(/正由另一个服务进程使用/);
      await first.close();
      expect(existsSync(`${dir}.lock`)).toBe(false);
      // A lock left by a process that is gone (kill -9) is taken over.
      writeFileSync(
        `${dir}.lock`,
        JSON.stringify({
          pid: 2 ** 22 + 12345,
          host: (await import("node:os")).hostname(),
          since: "2026-12-01T00:00:00Z",
        }),
      );
      const again = await createDb({ kind: "pglite", dataDir: dir });
      await sql`select 1`.execute(again.db);
      await again.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("embedded buffer pool", () => {
  it("opens PGlite with a 32 MB shared_buffers by default, or the configured size", async () => {
    const { createDb, PGLITE_SHARED_BUFFERS_MB } = await import("./database.js");
    const shown = async (sharedBuffersMb?: number) => {
      const h = await createDb({ kind: "pglite", dataDir: undefined, sharedBuffersMb });
      try {
        return (await sql<{ shared_buffers: string }>`show shared_buffers`.execute(h.db)).rows[0]
          ?.shared_buffers;
      } finally {
        await h.close();
      }
    };
    expect(PGLITE_SHARED_BUFFERS_MB).toBe(32);
    expect(await shown()).toBe("32MB");
    expect(await shown(8)).toBe("8MB");
  }, 60_000);
});
