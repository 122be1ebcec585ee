import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";

/**
 * A weak bootstrap password (YOUSU_ADMIN_PASSWORD) — or any password that no
 * longer meets the policy — signs in to one thing only: changing it.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ config: { adminPassword: "Admin@12345" } });

describe("forced password change", () => {
  it("refuses the weak password examples of the policy", async () => {
    const login = await call(ctx.app, "POST", "/api/v1/auth/login", {
      body: { username: "admin", password: "Admin@12345" },
    });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    for (const newPassword of ["Password12", "Admin@12345x", "Qwerty1234", "Aaaaaaaaa1"]) {
      const r = await call(ctx.app, "POST", "/api/v1/me/password", {
        token,
        body: { currentPassword: "Admin@12345", newPassword },
      });
      expect(r.status, newPassword).toBe(400);
      expect(r.body.error.code).toBe("WEAK_PASSWORD");
    }
  });

  it("lets the admin with a weak bootstrap password do nothing but change it", async () => {
    const login = await call(ctx.app, "POST", "/api/v1/auth/login", {
      body: { username: "admin", password: "Admin@12345" },
    });
    expect(login.status).toBe(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const token = login.body.token as string;

    const blocked = await call(ctx.app, "GET", "/api/v1/departments", { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toMatchObject({ code: "PASSWORD_CHANGE_REQUIRED" });
    expect(blocked.body.error.message).toContain("修改密码");
    expect((await call(ctx.app, "GET", "/api/v1/me", { token })).body.mustChangePassword).toBe(true);

    const changed = await call(ctx.app, "POST", "/api/v1/me/password", {
      token,
      body: { currentPassword: "Admin@12345", newPassword: "Kq7#Lantern-Field" },
    });
    expect(changed.status).toBe(200);
    expect((await call(ctx.app, "GET", "/api/v1/me", { token })).body.mustChangePassword).toBe(false);
    expect((await call(ctx.app, "GET", "/api/v1/departments", { token })).status).toBe(200);
  });
});
