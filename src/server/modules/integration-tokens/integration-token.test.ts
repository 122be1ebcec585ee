import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createStaff } from "../../../../test/factories.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

describe("integration tokens", () => {
  it("are shown once, stored hashed, work as Bearer, and stop working when revoked", async () => {
    const token = await adminToken(ctx);
    const created = await call(ctx.app, "POST", "/api/v1/integration-tokens", {
      token,
      body: { name: "12345 热线平台", source: "hotline_12345" },
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^ysi_[A-Za-z0-9_-]{43}$/);
    const secret: string = created.body.token;

    const stored = await ctx.handle.db.selectFrom("integration_tokens").select("token_hash").execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(secret);

    const list = await call(ctx.app, "GET", "/api/v1/integration-tokens", { token });
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ name: "12345 热线平台", source: "hotline_12345", revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const read = await call(ctx.app, "GET", "/api/v1/centers", { token: secret });
    expect(read.status).toBe(200);
    const used = await call(ctx.app, "GET", "/api/v1/integration-tokens", { token });
    expect(used.body[0].lastUsedAt).toBe(ctx.clock.now().toISOString());

    // Not a staff member: admin and staff endpoints are closed to it.
    for (const [method, url] of [
      ["POST", "/api/v1/users"],
      ["GET", "/api/v1/users"],
      ["POST", "/api/v1/integration-tokens"],
      ["GET", "/api/v1/departments"],
      ["GET", "/api/v1/me"],
      ["GET", "/api/v1/audit"],
    ] as const) {
      const r = await call(ctx.app, method, url, { token: secret, body: method === "POST" ? {} : undefined });
      expect(r.status, `${method} ${url}`).toBe(403);
    }

    const revoked = await call(ctx.app, "DELETE", `/api/v1/integration-tokens/${created.body.id}`, { token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await call(ctx.app, "GET", "/api/v1/centers", { token: secret });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("UNAUTHENTICATED");
    const again = await call(ctx.app, "DELETE", `/api/v1/integration-tokens/${created.body.id}`, { token });
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);

    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .where("entity", "=", "integration_token")
      .select("action")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["integration_token.create", "integration_token.revoke"]);
  });

  it("are managed by admins only, and validated", async () => {
    const clerk = await createStaff(ctx, { roles: ["dispatcher"] });
    const denied = await call(ctx.app, "POST", "/api/v1/integration-tokens", {
      token: clerk.token,
      body: { name: "x", source: "x" },
    });
    expect(denied.status).toBe(403);
    const bad = await call(ctx.app, "POST", "/api/v1/integration-tokens", {
      token: await adminToken(ctx),
      body: { name: "", source: "Bad Source" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["name", "source"]);
    expect(
      (await call(ctx.app, "DELETE", "/api/v1/integration-tokens/999999", { token: await adminToken(ctx) }))
        .status,
    ).toBe(404);
  });

  it("rejects unknown Bearer tokens", async () => {
    for (const t of ["ysi_unknown", "something-else"]) {
      const r = await call(ctx.app, "GET", "/api/v1/centers", { token: t });
      expect(r.status).toBe(401);
    }
    const malformed = await call(ctx.app, "GET", "/api/v1/centers", {
      headers: { authorization: "Basic abc" },
    });
    expect(malformed.status).toBe(401);
  });
});
