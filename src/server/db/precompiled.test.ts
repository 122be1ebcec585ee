import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../test/db.js";
import type { DbHandle } from "./database.js";
import { precompiled } from "./precompiled.js";

describe("precompiled", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h.close());

  it("runs one statement with each call's arguments, one compiled form per column list", async () => {
    let builds = 0;
    const insert = precompiled(
      (db, p: { code: string; name: string; level: "county" | "city"; phone?: string | null }) => {
        builds++;
        return db.insertInto("centers").values(p).returning(["code", "name", "phone"]);
      },
    );
    expect(await insert(h.db, { code: "PC1", name: "一号", level: "county" })).toEqual([
      { code: "PC1", name: "一号", phone: null },
    ]);
    expect(await insert(h.db, { code: "PC2", name: "二号", level: "city", phone: undefined })).toEqual([
      { code: "PC2", name: "二号", phone: null },
    ]);
    expect(builds).toBe(1);
    // Another set of keys is another statement (the insert's column list).
    expect(await insert(h.db, { code: "PC3", name: "三号", level: "city", phone: "0571-1" })).toEqual([
      { code: "PC3", name: "三号", phone: "0571-1" },
    ]);
    expect(builds).toBe(2);
    const byCode = precompiled((db, p: { code: string }) =>
      db.selectFrom("centers").select("name").where("code", "=", p.code),
    );
    expect(await byCode(h.db, { code: "PC2" })).toEqual([{ name: "二号" }]);
    expect(await byCode(h.db, { code: "nope" })).toEqual([]);
  });

  it("refuses a builder that does not pass an argument through as a value", async () => {
    const transformed = precompiled((db, p: { code: string }) =>
      db
        .selectFrom("centers")
        .select("name")
        .where("code", "=", sql<string>`${String(p.code)}`),
    );
    await expect(transformed(h.db, { code: "PC1" })).rejects.toThrow(
      /every argument must reach the statement/,
    );
  });
});
