import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../test/db.js";
import type { DbHandle } from "../db/database.js";
import { queryTerms, searchTokens, toSearchDocument, tsQueryFor } from "./text-search.js";

describe("jieba tokenisation for search", () => {
  it("keeps compounds and their parts, drops punctuation", () => {
    expect(searchTokens("我想咨询办理营业执照需要什么材料")).toEqual(
      expect.arrayContaining(["营业", "执照", "营业执照", "材料"]),
    );
    expect(searchTokens("，。！？ ")).toEqual([]);
    expect(toSearchDocument("Hello 世界", null, "张三")).toBe("hello 世界 张三");
  });

  it("turns a compound query word into the word or its adjacent parts", () => {
    expect(queryTerms("营业执照")).toEqual([{ word: "营业执照", phrase: "营业 执照" }]);
    expect(queryTerms("  ")).toEqual([]);
    expect(tsQueryFor("！！")).toBeUndefined();
  });
});

describe("search on the database", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
    await sql`create table search_probe (id int primary key, search_tokens text not null)`.execute(h.db);
    await sql`create index search_probe_idx on search_probe using gin (to_tsvector('simple', search_tokens))`.execute(
      h.db,
    );
    const docs = [
      "我想咨询办理营业执照需要什么材料",
      "营业时间太短，执照办理窗口人太多",
      "食品经营许可证怎么办",
    ];
    for (const [i, d] of docs.entries()) {
      await sql`insert into search_probe values (${i + 1}, ${toSearchDocument(d)})`.execute(h.db);
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  async function find(q: string): Promise<number[]> {
    const tsq = tsQueryFor(q)!;
    const r = await sql<{ id: number }>`select id from search_probe
      where to_tsvector('simple', search_tokens) @@ ${tsq} order by id`.execute(h.db);
    return r.rows.map((x) => x.id);
  }

  it("finds words, not scattered characters", async () => {
    expect(await find("营业执照")).toEqual([1]);
    expect(await find("执照")).toEqual([1, 2]);
    expect(await find("许可证 食品")).toEqual([3]);
    expect(await find("不存在的词")).toEqual([]);
  });

  it("can use the GIN index (on PGlite as on PostgreSQL)", async () => {
    const plan = await h.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const tsq = tsQueryFor("营业执照")!;
      const r = await sql<{ "QUERY PLAN": string }>`explain select id from search_probe
        where to_tsvector('simple', search_tokens) @@ ${tsq}`.execute(trx);
      return r.rows.map((x) => x["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("search_probe_idx");
  });
});
