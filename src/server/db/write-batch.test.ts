import { type KyselyPlugin, type QueryCreator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../test/db.js";
import type { DbHandle } from "./database.js";
import type { Database } from "./schema.js";
import { WriteBatch } from "./write-batch.js";

/** Counts the statements sent through the Kysely instance it is plugged into. */
function counter() {
  const seen = { n: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (a) => {
      seen.n++;
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
  return { seen, plugin };
}

describe("WriteBatch", () => {
  let h: DbHandle;
  let centerId: string;
  beforeAll(async () => {
    h = await createTestDb();
    centerId = (
      await h.db
        .insertInto("centers")
        .values({ code: "WB1", name: "批量写中心", level: "county" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => h.close());

  const days = (trx: QueryCreator<Database>) =>
    trx
      .selectFrom("calendar_days")
      .select(["date", "name"])
      .where("center_id", "=", centerId)
      .orderBy("date");

  it("sends builder and raw multi-CTE parts as one statement at flush, and nothing before", async () => {
    const { seen, plugin } = counter();
    await h.db.transaction().execute(async (trx) => {
      const counted = trx.withPlugin(plugin);
      const batch = new WriteBatch(counted);
      batch.add(() => [
        {
          name: "day",
          query: (db) =>
            db
              .insertInto("calendar_days")
              .values({ center_id: centerId, date: "2026-10-01", kind: "holiday", name: "国庆节" }),
        },
      ]);
      // Two parts using the same local names: the batch keeps them apart.
      for (const [date, name] of [
        ["2026-10-02", "国庆节二"],
        ["2026-10-03", "国庆节三"],
      ] as const) {
        batch.add((ref) => [
          {
            name: "v",
            query: () => sql`select ${date}::date as date, ${name}::text as name`,
            materialized: true,
          },
          {
            name: "ins",
            query: () => sql`insert into calendar_days (center_id, date, kind, name)
              select ${centerId}::bigint, v.date, 'holiday', v.name from ${sql.table(ref("v"))} as v`,
          },
        ]);
      }
      expect(batch.pending).toBe(3);
      expect(await days(trx).execute()).toEqual([]);
      expect(seen.n).toBe(0);
      await batch.flush();
      expect(seen.n).toBe(1);
      expect(batch.pending).toBe(0);
      await batch.flush(); // empty: sends nothing
      expect(seen.n).toBe(1);
    });
    expect(await days(h.db).execute()).toEqual([
      { date: "2026-10-01", name: "国庆节" },
      { date: "2026-10-02", name: "国庆节二" },
      { date: "2026-10-03", name: "国庆节三" },
    ]);
  });

  it("commits or rolls back with its transaction", async () => {
    await expect(
      h.db.transaction().execute(async (trx) => {
        const batch = new WriteBatch(trx);
        batch.add(() => [
          {
            name: "day",
            query: (db) =>
              db
                .insertInto("calendar_days")
                .values({ center_id: centerId, date: "2026-12-31", kind: "holiday", name: "回滚" }),
          },
        ]);
        await batch.flush();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await days(h.db).execute()).map((d) => d.name)).not.toContain("回滚");
  });
});
