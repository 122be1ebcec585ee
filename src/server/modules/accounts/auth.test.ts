import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createDepartment, createStaff, login } from "../../../../test/factories.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ config: { loginMaxFailures: 3, lockoutMinutes: 15, sessionIdleMinutes: 30 } });
const MIN = 60_000;

describe("sign-in", () => {
  it("signs the admin in and answers /me with the center and roles", async () => {
    const res = await call(ctx.app, "POST", "/api/v1/auth/login", {
      body: { username: "admin", password: ctx.config.adminPassword },
    });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^yss_/);
    expect(res.body.csrfHeader).toBe("x-csrf-token");
    expect(res.body.user).toMatchObject({ username: "admin", roles: ["admin"], centerName: "政务服务中心" });
    const cookie = String(res.res.headers["set-cookie"]);
    expect(cookie).toMatch(/yousu_session=yss_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);

    const me = await call(ctx.app, "GET", "/api/v1/me", { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: "admin", roles: ["admin"], departmentId: null });
    expect(me.body.centerId).toMatch(/^\d+$/);
  });

  it("stores only the hash of the session token", async () => {
    const { token } = await login(ctx, "admin", ctx.config.adminPassword!);
    const rows = await ctx.handle.db.selectFrom("sessions").select("token_hash").execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it("gives the same answer for an unknown user and a wrong password", async () => {
    const a = await call(ctx.app, "POST", "/api/v1/auth/login", {
      body: { username: "nobody_here", password: "whatever123" },
    });
    const b = await call(ctx.app, "POST", "/api/v1/auth/login", {
      body: { username: "admin", password: "wrong-password" },
    });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.error).toEqual(b.body.error);
    expect(a.body.error).toMatchObject({ code: "INVALID_CREDENTIALS", message: "用户名或密码错误" });
    // clear admin's failure counter for the other tests
    await login(ctx, "admin", ctx.config.adminPassword!);
  });

  it("rejects requests without credentials and with a garbage token", async () => {
    expect((await call(ctx.app, "GET", "/api/v1/me")).body.error.code).toBe("UNAUTHENTICATED");
    const bad = await call(ctx.app, "GET", "/api/v1/me", { token: "yss_notatoken" });
    expect(bad.status).toBe(401);
  });
});

describe("factories", () => {
  it("create a signed-in staff member of a department", async () => {
    const dept = await createDepartment(ctx, { name: "市场监管局" });
    const s = await createStaff(ctx, { roles: ["department"], departmentId: dept.id, post: "科员" });
    const me = await call(ctx.app, "GET", "/api/v1/me", { token: s.token });
    expect(me.body).toMatchObject({
      id: s.user.id,
      roles: ["department"],
      departmentId: dept.id,
      departmentName: "市场监管局",
      post: "科员",
    });
    expect(await adminToken(ctx)).toMatch(/^yss_/);
  });
});

describe("lockout", () => {
  it("locks after N failures in a row, then lets the user in after the lockout period", async () => {
    const s = await createStaff(ctx, { roles: ["window"] });
    const attempt = (password: string) =>
      call(ctx.app, "POST", "/api/v1/auth/login", { body: { username: s.user.username, password } });
    expect((await attempt("bad-1")).status).toBe(401);
    expect((await attempt("bad-2")).status).toBe(401);
    const third = await attempt("bad-3");
    expect(third.status).toBe(423);
    expect(third.body.error.code).toBe("ACCOUNT_LOCKED");
    expect(third.body.error.message).toContain("15 分钟");
    // Even the right password is refused while locked.
    expect((await attempt(s.password)).status).toBe(423);
    ctx.clock.advance(14 * MIN);
    expect((await attempt(s.password)).status).toBe(423);
    ctx.clock.advance(1 * MIN + 1000);
    expect((await attempt(s.password)).status).toBe(200);
    // (per address: see login-lockout.test.ts for the owner signing in from elsewhere)
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .where("entity_id", "=", s.user.id)
      .select("action")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "user.create",
      "auth.login",
      "auth.login.failed",
      "auth.login.failed",
      "auth.login.failed",
      "auth.lockout",
      "auth.login.locked",
      "auth.login.locked",
      "auth.login",
    ]);
  });

  it("a successful login resets the failure count", async () => {
    const s = await createStaff(ctx, { roles: ["window"] });
    const attempt = (password: string) =>
      call(ctx.app, "POST", "/api/v1/auth/login", { body: { username: s.user.username, password } });
    await attempt("bad-1");
    await attempt("bad-2");
    expect((await attempt(s.password)).status).toBe(200);
    expect((await attempt("bad-3")).status).toBe(401);
    expect((await attempt("bad-4")).status).toBe(401);
  });
});

describe("sessions", () => {
  it("expire after the idle timeout but stay alive while used", async () => {
    const s = await createStaff(ctx, { roles: ["window"] });
    ctx.clock.advance(29 * MIN);
    expect((await call(ctx.app, "GET", "/api/v1/me", { token: s.token })).status).toBe(200);
    ctx.clock.advance(29 * MIN);
    expect((await call(ctx.app, "GET", "/api/v1/me", { token: s.token })).status).toBe(200);
    ctx.clock.advance(30 * MIN);
    const r = await call(ctx.app, "GET", "/api/v1/me", { token: s.token });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: "SESSION_EXPIRED", message: "登录已超时，请重新登录" });
  });

  it("end after 12 hours whatever the activity", async () => {
    const s = await createStaff(ctx, { roles: ["window"] });
    for (let i = 0; i < 24; i++) {
      ctx.clock.advance(29 * MIN);
      expect((await call(ctx.app, "GET", "/api/v1/me", { token: s.token })).status).toBe(200);
    }
    ctx.clock.advance(29 * MIN);
    expect((await call(ctx.app, "GET", "/api/v1/me", { token: s.token })).body.error.code).toBe(
      "SESSION_EXPIRED",
    );
  });

  it("logout revokes the session and clears the cookie", async () => {
    const s = await createStaff(ctx, { roles: ["window"] });
    const out = await call(ctx.app, "POST", "/api/v1/auth/logout", { token: s.token });
    expect(out.status).toBe(200);
    expect(String(out.res.headers["set-cookie"])).toMatch(/yousu_session=;/);
    expect((await call(ctx.app, "GET", "/api/v1/me", { token: s.token })).status).toBe(401);
  });
});

describe("CSRF", () => {
  it("requires the header on cookie writes, not on reads or Bearer writes", async () => {
    const s = await createStaff(ctx, { roles: ["admin"] });
    const { cookie, csrfToken, token } = await login(ctx, s.user.username, s.password);
    const body = { code: "CSRF1", name: "CSRF 测试部门" };
    expect((await call(ctx.app, "GET", "/api/v1/me", { headers: { cookie } })).status).toBe(200);
    const without = await call(ctx.app, "POST", "/api/v1/departments", { headers: { cookie }, body });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe("CSRF_FAILED");
    const wrong = await call(ctx.app, "POST", "/api/v1/departments", {
      headers: { cookie, "x-csrf-token": "nope" },
      body,
    });
    expect(wrong.status).toBe(403);
    const n = await ctx.handle.db
      .selectFrom("departments")
      .where("code", "=", "CSRF1")
      .select("id")
      .execute();
    expect(n).toHaveLength(0);
    const ok = await call(ctx.app, "POST", "/api/v1/departments", {
      headers: { cookie, "x-csrf-token": csrfToken },
      body,
    });
    expect(ok.status).toBe(201);
    const bearer = await call(ctx.app, "POST", "/api/v1/departments", {
      token,
      body: { code: "CSRF2", name: "Bearer 部门" },
    });
    expect(bearer.status).toBe(201);
    // A new tab with only the cookie can fetch the CSRF token again.
    const again = await call(ctx.app, "GET", "/api/v1/auth/csrf", { headers: { cookie } });
    expect(again.body).toEqual({ csrfToken, csrfHeader: "x-csrf-token" });
    // Logout by cookie needs the header too.
    expect((await call(ctx.app, "POST", "/api/v1/auth/logout", { headers: { cookie } })).status).toBe(403);
  });
});

describe("login rate limit", () => {
  it("answers 429 after 20 attempts a minute from one address", async () => {
    // Password spraying: a different username each time, so no (username, address) lock trips first.
    const attempt = (i: number) =>
      ctx.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: `sprayed_user_${i}`, password: "guess-guess" },
        remoteAddress: "192.0.2.77",
      });
    for (let i = 0; i < 20; i++) expect((await attempt(i)).statusCode).toBe(401);
    const limited = await attempt(20);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("RATE_LIMITED");
  });
});
