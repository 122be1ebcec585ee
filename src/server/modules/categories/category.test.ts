import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createStaff } from "../../../../test/factories.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });

const appeal = (categoryCode?: string) => ({
  channel: "onsite",
  type: "inquiry",
  requester: { name: "钱女士", phone: "13912345678", addressDeclined: true },
  content: "咨询公积金提取需要哪些材料",
  ...(categoryCode === undefined ? {} : { categoryCode }),
});

type Cat = { code: string; name: string; parentCode: string | null; active: boolean };

describe("category taxonomy (分类)", () => {
  it("starts every center with a two-level default that staff can read", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const r = await call(ctx.app, "GET", "/api/v1/categories", { token: clerk.token });
    expect(r.status).toBe(200);
    const items = r.body.items as Cat[];
    const top = items.filter((c) => c.parentCode === null).map((c) => c.name);
    expect(top).toEqual(
      expect.arrayContaining(["行政审批", "政务服务", "窗口服务", "收费", "社会保障", "住房", "其他"]),
    );
    expect(items.find((c) => c.code === "07.01")).toMatchObject({ name: "住房公积金", parentCode: "07" });
    for (const c of items.filter((x) => x.parentCode)) {
      expect(items.some((p) => p.code === c.parentCode && p.parentCode === null)).toBe(true);
    }
  });

  it("validates categoryCode at intake against the active taxonomy, writing nothing when unknown", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const before = await ctx.handle.db.selectFrom("appeals").select("id").execute();
    const unknown = await call(ctx.app, "POST", "/api/v1/appeals", {
      token: clerk.token,
      body: appeal("77.77"),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({
      code: "VALIDATION_FAILED",
      details: [{ path: "categoryCode" }],
    });
    const malformed = await call(ctx.app, "POST", "/api/v1/appeals", {
      token: clerk.token,
      body: appeal("住房"),
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe("categoryCode");
    expect(await ctx.handle.db.selectFrom("appeals").select("id").execute()).toHaveLength(before.length);

    const ok = await call(ctx.app, "POST", "/api/v1/appeals", { token: clerk.token, body: appeal("07.01") });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const stored = await ctx.handle.db
      .selectFrom("appeals")
      .where("id", "=", ok.body.id)
      .select("category_code")
      .executeTakeFirstOrThrow();
    expect(stored.category_code).toBe("07.01");
    // A first-level code is an acceptable initial classification; none at all still is for the API.
    expect(
      (await call(ctx.app, "POST", "/api/v1/appeals", { token: clerk.token, body: appeal("07") })).status,
    ).toBe(201);
    expect(
      (await call(ctx.app, "POST", "/api/v1/appeals", { token: clerk.token, body: appeal() })).status,
    ).toBe(201);
  });

  it("lets the admin add second-level items and disable (never delete) codes", async () => {
    const admin = await adminToken(ctx);
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const add = await call(ctx.app, "POST", "/api/v1/categories", {
      token: admin,
      body: { code: "07.05", name: "老旧小区改造", parentCode: "07" },
    });
    expect(add.status, JSON.stringify(add.body)).toBe(201);
    expect(add.body).toMatchObject({ code: "07.05", parentCode: "07", active: true });
    const third = await call(ctx.app, "POST", "/api/v1/categories", {
      token: admin,
      body: { code: "07.05.01", name: "加装电梯", parentCode: "07.05" },
    });
    expect(third.status).toBe(400);
    expect(third.body.error.details[0].path).toBe("parentCode");
    const dup = await call(ctx.app, "POST", "/api/v1/categories", {
      token: admin,
      body: { code: "07.05", name: "重复" },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].path).toBe("code");
    expect(
      (
        await call(ctx.app, "POST", "/api/v1/categories", {
          token: clerk.token,
          body: { code: "X", name: "窗口加的" },
        })
      ).status,
    ).toBe(403);

    const off = await call(ctx.app, "PATCH", "/api/v1/categories/07.05", {
      token: admin,
      body: { active: false },
    });
    expect(off.body).toMatchObject({ active: false });
    const refused = await call(ctx.app, "POST", "/api/v1/appeals", {
      token: clerk.token,
      body: appeal("07.05"),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({ path: "categoryCode" });
    expect(refused.body.error.message).toContain("已停用");
    const active = await call(ctx.app, "GET", "/api/v1/categories", { token: clerk.token });
    expect(active.body.items.map((c: Cat) => c.code)).not.toContain("07.05");
    const all = await call(ctx.app, "GET", "/api/v1/categories?includeInactive=true", { token: admin });
    expect(all.body.items.find((c: Cat) => c.code === "07.05")).toMatchObject({ active: false });
    // Disabling a first-level code closes its second-level items too.
    await call(ctx.app, "PATCH", "/api/v1/categories/09", { token: admin, body: { active: false } });
    expect(
      (await call(ctx.app, "POST", "/api/v1/appeals", { token: clerk.token, body: appeal("09.01") })).status,
    ).toBe(400);
    // …and the intake list no longer offers them (a window clerk would pick one and be refused).
    const offered = (await call(ctx.app, "GET", "/api/v1/categories", { token: clerk.token })).body.items.map(
      (c: Cat) => c.code,
    );
    expect(offered.filter((c: string) => c === "09" || c.startsWith("09."))).toEqual([]);
    expect(offered.length).toBeGreaterThan(0);
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .where("entity", "=", "category")
      .select(["action", "entity_id"])
      .orderBy("id")
      .execute();
    expect(audit.map((a) => `${a.action}:${a.entity_id}`)).toEqual([
      "category.create:07.05",
      "category.deactivate:07.05",
      "category.deactivate:09",
    ]);
  });

  it("labels statistics grouped by category with the taxonomy's names", async () => {
    const leader = await createStaff(ctx, { roles: ["leader"] });
    const r = await call(
      ctx.app,
      "GET",
      "/api/v1/stats/summary?from=2026-03-01&to=2026-03-31&groupBy=category",
      {
        token: leader.token,
      },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const labels = Object.fromEntries(
      r.body.groups.map((g: { key: string; label: string }) => [g.key, g.label]),
    );
    expect(labels).toMatchObject({ "07.01": "住房 / 住房公积金", "07": "住房", "": "未分类" });
  });
});
