import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../../test/db.js";
import { ensureAdmin, ensureDefaultCenter, getDefaultCenterId } from "../../bootstrap.js";
import type { DbHandle } from "../../db/database.js";
import { checkPasswordStrength, verifyPassword } from "./password.js";

describe("first start", () => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await createTestDb();
  });
  afterAll(async () => h?.close());

  it("creates the default center once", async () => {
    const id = await ensureDefaultCenter(h.db);
    expect(await ensureDefaultCenter(h.db)).toBe(id);
    expect(await getDefaultCenterId(h.db)).toBe(id);
    const centers = await h.db.selectFrom("centers").selectAll().execute();
    expect(centers).toHaveLength(1);
    expect(centers[0]).toMatchObject({
      code: "default",
      name: "政务服务中心",
      level: "county",
      timezone: "Asia/Shanghai",
    });
  });

  it("creates admin with a generated strong password when none is configured, only once", async () => {
    const centerId = await getDefaultCenterId(h.db);
    const first = await ensureAdmin(h.db, centerId, undefined);
    expect(first.created).toBe(true);
    const pw = first.generatedPassword!;
    expect(() => checkPasswordStrength(pw, "admin")).not.toThrow();
    const row = await h.db
      .selectFrom("users")
      .where("username", "=", "admin")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.roles).toEqual(["admin"]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(pw);
    expect(await verifyPassword(row.password_hash, pw)).toBe(true);

    const second = await ensureAdmin(h.db, centerId, "Other#Pass2026");
    expect(second).toEqual({ created: false });
    const users = await h.db.selectFrom("users").select("id").execute();
    expect(users).toHaveLength(1);
    const audit = await h.db.selectFrom("audit_log").select("action").execute();
    expect(audit.map((a) => a.action)).toEqual(["user.create"]);
  });
});
