import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createStaff } from "../../../../test/factories.js";

/**
 * 三员分立, the third duty: the security settings are changed by whoever the center designates.
 * With no security officer (安全管理员) the system administrator keeps them; once the admin
 * designates one (audited), only security officers change them; the auditor only reads.
 */
describe("security officer (安全管理员) designation", () => {
  const ctx = useTestApp();

  const put = (token: string, version: number, retentionDays: number) =>
    call(ctx.app, "PUT", "/api/v1/security/settings", {
      token,
      body: { mfaRequired: false, retentionDays, expectedVersion: version },
    });

  it("admin changes the settings until a security officer is designated, then only the officer", async () => {
    const admin = await adminToken(ctx);
    const auditor = await createStaff(ctx, { roles: ["auditor"], displayName: "审计甲" });

    let s = await call(ctx.app, "GET", "/api/v1/security/settings", { token: admin });
    expect(s.status).toBe(200);
    expect(s.body.editors.role).toBe("admin");
    expect(s.body.canEdit).toBe(true);
    expect((await put(admin, s.body.version, 400)).status).toBe(200);

    // The admin designates a security officer: a user with that role (audited as user.create).
    const officer = await createStaff(ctx, { roles: ["security_officer"], displayName: "安全员乙" });
    s = await call(ctx.app, "GET", "/api/v1/security/settings", { token: admin });
    expect(s.body.editors).toEqual({ role: "security_officer", names: ["安全员乙"] });
    expect(s.body.canEdit).toBe(false);
    const refused = await put(admin, s.body.version, 500);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
    expect(refused.body.error.message).toContain("安全管理员");

    const byOfficer = await put(officer.token, s.body.version, 500);
    expect(byOfficer.status, JSON.stringify(byOfficer.body)).toBe(200);
    expect(byOfficer.body).toMatchObject({ retentionDays: 500, canEdit: true });

    // The auditor reads (and sees who may change), never writes.
    const asAuditor = await call(ctx.app, "GET", "/api/v1/security/settings", { token: auditor.token });
    expect(asAuditor.body).toMatchObject({ retentionDays: 500, canEdit: false });
    expect((await put(auditor.token, asAuditor.body.version, 600)).status).toBe(403);

    // Every change audited under its actor; the designation itself too.
    const audit = await call(ctx.app, "GET", "/api/v1/audit?limit=100", { token: auditor.token });
    expect(audit.status).toBe(200);
    const actions = (audit.body.items as { action: string; actorName?: string }[]).map((a) => a.action);
    expect(actions.filter((a) => a === "security.settings.update")).toHaveLength(2);
    expect(actions).toContain("user.create");

    // Deactivating the only officer gives the settings back to the admin.
    const off = await call(ctx.app, "PATCH", `/api/v1/users/${officer.user.id}`, {
      token: admin,
      body: { active: false },
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    s = await call(ctx.app, "GET", "/api/v1/security/settings", { token: admin });
    expect(s.body.editors.role).toBe("admin");
    expect((await put(admin, s.body.version, 700)).status).toBe(200);
  });

  it("a security officer holds no other role", async () => {
    const admin = await adminToken(ctx);
    for (const roles of [
      ["security_officer", "admin"],
      ["security_officer", "auditor"],
    ]) {
      const res = await call(ctx.app, "POST", "/api/v1/users", {
        token: admin,
        body: { username: `so_${roles[1]}`, password: "Kq7#Lantern-Field9", displayName: "兼任", roles },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain("安全管理员须由单独账号担任");
    }
  });
});
