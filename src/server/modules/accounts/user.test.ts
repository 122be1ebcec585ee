import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createDepartment, createStaff, login } from "../../../../test/factories.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();
const strong = "Strong#Pass2026";

async function countUsers(username: string): Promise<number> {
  const rows = await ctx.handle.db
    .selectFrom("users")
    .where("username", "=", username)
    .select("id")
    .execute();
  return rows.length;
}

/** POST /api/v1/users as the admin (or as `token`). */
async function postUser(body: Record<string, unknown>, token?: string) {
  return call(ctx.app, "POST", "/api/v1/users", { token: token ?? (await adminToken(ctx)), body });
}

/** POST /api/v1/me/password as the signed-in user. */
const changePassword = (token: string, currentPassword: string, newPassword: string) =>
  call(ctx.app, "POST", "/api/v1/me/password", { token, body: { currentPassword, newPassword } });

/** GET /api/v1/me: who the token is, or 401 once its session has ended. */
const me = (token: string) => call(ctx.app, "GET", "/api/v1/me", { token });

describe("creating users", () => {
  it("creates a window clerk and never returns the password hash", async () => {
    const token = await adminToken(ctx);
    const res = await postUser(
      { username: "zhang.san", password: strong, displayName: "张三", roles: ["window"], post: "窗口" },
      token,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: "zhang.san",
      displayName: "张三",
      roles: ["window"],
      active: true,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon|hash|password/i);
    const stored = await ctx.handle.db
      .selectFrom("users")
      .where("id", "=", res.body.id)
      .select("password_hash")
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    const got = await call(ctx.app, "GET", `/api/v1/users/${res.body.id}`, { token });
    expect(got.body).toEqual(res.body);
    await login(ctx, "zhang.san", strong);
  });

  it("rejects a duplicate username whatever its case, writing nothing", async () => {
    const token = await adminToken(ctx);
    const res = await postUser(
      { username: "Zhang.San", password: strong, displayName: "另一个张三", roles: ["window"] },
      token,
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "DUPLICATE", details: [{ path: "username" }] });
    expect(await countUsers("Zhang.San")).toBe(0);
  });

  it.each([
    ["short1#A", "至少 10 位"],
    ["alllowercaseletters", "至少三类"],
    ["li.si#Secure2026", "不能包含用户名"],
  ])("rejects the weak password %s", async (password, hint) => {
    const res = await postUser({ username: "li.si", password, displayName: "李四", roles: ["window"] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("WEAK_PASSWORD");
    expect(res.body.error.details[0].path).toBe("password");
    expect(res.body.error.message).toContain(hint);
    expect(await countUsers("li.si")).toBe(0);
  });

  it("validates usernames and roles with field paths", async () => {
    const token = await adminToken(ctx);
    const bad = await postUser(
      { username: "a b", password: strong, displayName: "X", roles: ["wizard"] },
      token,
    );
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain("username");
    expect(paths.some((p: string) => p.startsWith("roles"))).toBe(true);
  });

  it("keeps admin and auditor apart (三员分立)", async () => {
    const res = await postUser({
      username: "both.roles",
      password: strong,
      displayName: "双角色",
      roles: ["admin", "auditor"],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe("roles");
    expect(await countUsers("both.roles")).toBe(0);
  });

  it("ties the department role to a department of the same center", async () => {
    const deptUser = (over: Record<string, unknown> = {}) =>
      postUser({
        username: "dept.user",
        password: strong,
        displayName: "部门",
        roles: ["department"],
        ...over,
      });
    const noDept = await deptUser();
    expect(noDept.status).toBe(400);
    expect(noDept.body.error.details[0].path).toBe("departmentId");
    const dept = await createDepartment(ctx);
    expect((await deptUser({ roles: ["window"], departmentId: dept.id })).status).toBe(400);
    expect((await deptUser({ departmentId: "999999" })).status).toBe(400);
    const ok = await deptUser({ departmentId: dept.id });
    expect(ok.status).toBe(201);
    expect(ok.body.departmentId).toBe(dept.id);
  });

  it("is for admins only", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const res = await postUser(
      { username: "sneaky", password: strong, displayName: "X", roles: ["admin"] },
      clerk.token,
    );
    expect(res.status).toBe(403);
    expect(await countUsers("sneaky")).toBe(0);
    expect((await call(ctx.app, "GET", "/api/v1/users", { token: clerk.token })).status).toBe(403);
  });
});

describe("managing users", () => {
  it("pages through users with a cursor", async () => {
    const token = await adminToken(ctx);
    for (let i = 0; i < 3; i++) await createStaff(ctx, { roles: ["leader"] });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = await call(ctx.app, "GET", `/api/v1/users?limit=2${q}`, { token });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((u: { id: string }) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await ctx.handle.db.selectFrom("users").select("id").orderBy("id").execute();
    expect(seen).toEqual(all.map((u) => u.id));
  });

  it("changes roles, and deactivating a user ends their sessions", async () => {
    const token = await adminToken(ctx);
    const s = await createStaff(ctx, { roles: ["window"] });
    const patched = await call(ctx.app, "PATCH", `/api/v1/users/${s.user.id}`, {
      token,
      body: { roles: ["dispatcher"], displayName: "王五", post: "分办员" },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ roles: ["dispatcher"], displayName: "王五", post: "分办员" });
    // Roles apply at once to the existing session.
    expect((await me(s.token)).body.roles).toEqual(["dispatcher"]);
    const off = await call(ctx.app, "PATCH", `/api/v1/users/${s.user.id}`, {
      token,
      body: { active: false },
    });
    expect(off.body.active).toBe(false);
    expect((await me(s.token)).status).toBe(401);
    const relogin = await call(ctx.app, "POST", "/api/v1/auth/login", {
      body: { username: s.user.username, password: s.password },
    });
    expect(relogin.status).toBe(401);
  });

  it("does not let an admin remove their own admin role or deactivate themselves", async () => {
    const a = await createStaff(ctx, { roles: ["admin"] });
    const drop = await call(ctx.app, "PATCH", `/api/v1/users/${a.user.id}`, {
      token: a.token,
      body: { roles: ["window"] },
    });
    expect(drop.status).toBe(400);
    const off = await call(ctx.app, "PATCH", `/api/v1/users/${a.user.id}`, {
      token: a.token,
      body: { active: false },
    });
    expect(off.status).toBe(400);
    expect((await me(a.token)).body.roles).toEqual(["admin"]);
  });

  it("resets a password (ending sessions) and unlocks an account", async () => {
    const token = await adminToken(ctx);
    const s = await createStaff(ctx, { roles: ["window"] });
    for (let i = 0; i < ctx.config.loginMaxFailures; i++) {
      await call(ctx.app, "POST", "/api/v1/auth/login", {
        body: { username: s.user.username, password: "nope" },
      });
    }
    const locked = await call(ctx.app, "GET", `/api/v1/users/${s.user.id}`, { token });
    expect(locked.body.lockedUntil).not.toBeNull();
    const unlocked = await call(ctx.app, "POST", `/api/v1/users/${s.user.id}/unlock`, { token });
    expect(unlocked.body.lockedUntil).toBeNull();
    await login(ctx, s.user.username, s.password);

    const weak = await call(ctx.app, "POST", `/api/v1/users/${s.user.id}/reset-password`, {
      token,
      body: { password: "abc" },
    });
    expect(weak.body.error.code).toBe("WEAK_PASSWORD");
    const reset = await call(ctx.app, "POST", `/api/v1/users/${s.user.id}/reset-password`, {
      token,
      body: { password: "Reset#Pass2026" },
    });
    expect(reset.status).toBe(200);
    expect((await me(s.token)).status).toBe(401);
    await login(ctx, s.user.username, "Reset#Pass2026");
  });

  it("lets a user change their own password, ending their other sessions", async () => {
    const s = await createStaff(ctx, { roles: ["window"] });
    const other = await login(ctx, s.user.username, s.password);
    const wrong = await changePassword(s.token, "not-it", "Changed#Pass2026");
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe("currentPassword");
    const weak = await changePassword(s.token, s.password, "short");
    expect(weak.body.error).toMatchObject({ code: "WEAK_PASSWORD", details: [{ path: "newPassword" }] });
    const ok = await changePassword(s.token, s.password, "Changed#Pass2026");
    expect(ok.status).toBe(200);
    expect((await me(s.token)).status).toBe(200);
    expect((await me(other.token)).status).toBe(401);
    await login(ctx, s.user.username, "Changed#Pass2026");
  });
});

describe("center scope", () => {
  it("hides users of another center (404) and does not list them", async () => {
    const token = await adminToken(ctx);
    const child = await call(ctx.app, "POST", "/api/v1/centers", {
      token,
      body: {
        code: "town-1",
        name: "某某镇便民服务中心",
        level: "township",
        parentId: (await me(token)).body.centerId,
      },
    });
    expect(child.status).toBe(201);
    const outsider = await createStaff(ctx, { roles: ["admin"], centerId: child.body.id });
    expect(outsider.user.centerId).toBe(child.body.id);
    expect((await call(ctx.app, "GET", `/api/v1/users/${outsider.user.id}`, { token })).status).toBe(404);
    const patch = await call(ctx.app, "PATCH", `/api/v1/users/${outsider.user.id}`, {
      token,
      body: { displayName: "改名" },
    });
    expect(patch.status).toBe(404);
    const list = await call(ctx.app, "GET", "/api/v1/users?limit=200", { token });
    expect(list.body.items.map((u: { id: string }) => u.id)).not.toContain(outsider.user.id);
    // …and the child center's admin cannot see the parent center's admin either.
    const self = await me(token);
    expect(
      (await call(ctx.app, "GET", `/api/v1/users/${self.body.id}`, { token: outsider.token })).status,
    ).toBe(404);
  });
});
