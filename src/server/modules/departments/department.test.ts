import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createDepartment, createStaff } from "../../../../test/factories.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

describe("department directory", () => {
  it("creates a department with its directory fields and audits it", async () => {
    const token = await adminToken(ctx);
    const res = await call(ctx.app, "POST", "/api/v1/departments", {
      token,
      body: {
        code: "SCJG",
        name: "市场监督管理局",
        phone: "0571-87654321",
        location: "一楼 5 号窗口",
        services: ["食品经营许可", "营业执照变更", "食品经营许可"],
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: "SCJG",
      name: "市场监督管理局",
      phone: "0571-87654321",
      location: "一楼 5 号窗口",
      services: ["食品经营许可", "营业执照变更"],
      active: true,
    });
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .where("entity", "=", "department")
      .where("entity_id", "=", res.body.id)
      .select("action")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["department.create"]);
  });

  it("rejects a duplicate code in the same center, writing nothing", async () => {
    const before = await ctx.handle.db.selectFrom("audit_log").select("id").execute();
    const res = await call(ctx.app, "POST", "/api/v1/departments", {
      token: await adminToken(ctx),
      body: { code: "SCJG", name: "重复的部门" },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "DUPLICATE", details: [{ path: "code" }] });
    const named = await ctx.handle.db
      .selectFrom("departments")
      .where("name", "=", "重复的部门")
      .select("id")
      .execute();
    expect(named).toHaveLength(0);
    // Only the admin's login was audited, not a department write.
    const after = await ctx.handle.db.selectFrom("audit_log").select("action").orderBy("id").execute();
    expect(after.slice(before.length).map((a) => a.action)).toEqual(["auth.login"]);
  });

  it.each([
    ["13812345678", true],
    ["0571-87654321", true],
    ["010-12345678-123", true],
    ["02112345678", true],
    ["12345", false],
    ["23812345678", false],
    ["0571-123", false],
  ])("phone %s valid=%s", async (phone, valid) => {
    const res = await call(ctx.app, "POST", "/api/v1/departments", {
      token: await adminToken(ctx),
      body: { code: `P${phone.replace(/\D/g, "").slice(0, 12)}`, name: "电话测试", phone },
    });
    expect(res.status).toBe(valid ? 201 : 400);
    if (!valid) expect(res.body.error.details[0].path).toBe("phone");
  });

  it("lets any staff member search the directory by name, window or service", async () => {
    await createDepartment(ctx, {
      code: "RSJ",
      name: "人力资源和社会保障局",
      location: "二楼 12 号窗口",
      services: ["社保卡补办"],
    });
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const all = await call(ctx.app, "GET", "/api/v1/departments", { token: clerk.token });
    expect(all.status).toBe(200);
    expect(all.body.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(["RSJ", "SCJG"]));
    for (const q of ["社保卡", "12 号窗口", "人力资源", "rsj"]) {
      const r = await call(ctx.app, "GET", `/api/v1/departments?q=${encodeURIComponent(q)}`, {
        token: clerk.token,
      });
      expect(r.body.map((d: { code: string }) => d.code)).toEqual(["RSJ"]);
    }
    const pct = await call(ctx.app, "GET", `/api/v1/departments?q=${encodeURIComponent("%")}`, {
      token: clerk.token,
    });
    expect(pct.body).toEqual([]);
    expect((await call(ctx.app, "GET", "/api/v1/departments")).status).toBe(401);
  });

  it("deactivates instead of deleting; inactive departments are hidden unless asked for", async () => {
    const token = await adminToken(ctx);
    const d = await createDepartment(ctx, { code: "OLD", name: "已撤并部门" });
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const denied = await call(ctx.app, "PATCH", `/api/v1/departments/${d.id}`, {
      token: clerk.token,
      body: { active: false },
    });
    expect(denied.status).toBe(403);
    const off = await call(ctx.app, "PATCH", `/api/v1/departments/${d.id}`, {
      token,
      body: { active: false, phone: "13900001111" },
    });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, phone: "13900001111", code: "OLD" });
    const list = await call(ctx.app, "GET", "/api/v1/departments", { token });
    expect(list.body.map((x: { id: string }) => x.id)).not.toContain(d.id);
    const withInactive = await call(ctx.app, "GET", "/api/v1/departments?includeInactive=true", { token });
    expect(withInactive.body.map((x: { id: string }) => x.id)).toContain(d.id);
    expect((await call(ctx.app, "GET", `/api/v1/departments/${d.id}`, { token })).body.active).toBe(false);
    // A deactivated department takes no new handlers.
    const u = await call(ctx.app, "POST", "/api/v1/users", {
      token,
      body: {
        username: "old.dept",
        password: "Strong#Pass2026",
        displayName: "X",
        roles: ["department"],
        departmentId: d.id,
      },
    });
    expect(u.status).toBe(400);
  });

  it("answers 404 for a department of another center", async () => {
    const token = await adminToken(ctx);
    const me = await call(ctx.app, "GET", "/api/v1/me", { token });
    const child = await call(ctx.app, "POST", "/api/v1/centers", {
      token,
      body: { code: "town-d", name: "某镇中心", level: "township", parentId: me.body.centerId },
    });
    const otherAdmin = await createStaff(ctx, { roles: ["admin"], centerId: child.body.id });
    const theirs = await call(ctx.app, "POST", "/api/v1/departments", {
      token: otherAdmin.token,
      body: { code: "SCJG", name: "镇市场监管所" },
    });
    expect(theirs.status).toBe(201); // same code, other center: allowed
    expect((await call(ctx.app, "GET", `/api/v1/departments/${theirs.body.id}`, { token })).status).toBe(404);
    const patch = await call(ctx.app, "PATCH", `/api/v1/departments/${theirs.body.id}`, {
      token,
      body: { name: "改名" },
    });
    expect(patch.status).toBe(404);
    const list = await call(ctx.app, "GET", "/api/v1/departments", { token });
    expect(list.body.map((x: { id: string }) => x.id)).not.toContain(theirs.body.id);
  });
});
