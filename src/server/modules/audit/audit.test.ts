import { type RawBuilder, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createDepartment, createStaff } from "../../../../test/factories.js";
import { appendAudit } from "./audit.repository.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

/**
 * Edits the trail as someone with owner rights on the database would: the guard trigger
 * (migration 2026121100) refuses edits and deletions, so it is switched off first.
 */
async function tamper(statement: RawBuilder<unknown>): Promise<void> {
  await sql`alter table audit_log disable trigger audit_log_guard`.execute(ctx.handle.db);
  try {
    await statement.execute(ctx.handle.db);
  } finally {
    await sql`alter table audit_log enable trigger audit_log_guard`.execute(ctx.handle.db);
  }
}

describe("audit log", () => {
  it("is readable by the auditor only, newest first, filtered and paged", async () => {
    const admin = await adminToken(ctx);
    await createDepartment(ctx, { code: "AUD1", name: "审计测试部门" });
    const auditor = await createStaff(ctx, { roles: ["auditor"] });
    expect((await call(ctx.app, "GET", "/api/v1/audit", { token: admin })).status).toBe(403);

    const page1 = await call(ctx.app, "GET", "/api/v1/audit?limit=3", { token: auditor.token });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(3);
    const ids = page1.body.items.map((i: { id: string }) => Number(i.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page2 = await call(ctx.app, "GET", `/api/v1/audit?limit=3&cursor=${page1.body.nextCursor}`, {
      token: auditor.token,
    });
    expect(Number(page2.body.items[0].id)).toBeLessThan(ids[2]);

    const created = await call(ctx.app, "GET", "/api/v1/audit?action=department.create", {
      token: auditor.token,
    });
    expect(created.body.items).toHaveLength(1);
    expect(created.body.items[0]).toMatchObject({
      action: "department.create",
      actorName: "admin",
      entity: "department",
      details: { code: "AUD1", name: "审计测试部门" },
    });
    const byActor = await call(ctx.app, "GET", `/api/v1/audit?actorId=${auditor.user.id}`, {
      token: auditor.token,
    });
    expect(byActor.body.items.map((i: { action: string }) => i.action)).toContain("auth.login");
  });

  it("verifies the hash chain and finds the first tampered row", async () => {
    const auditor = await createStaff(ctx, { roles: ["auditor"] });
    // Details with keys in non-sorted order and nesting: jsonb reorders them; the hash must not care.
    await ctx.handle.db.transaction().execute((trx) =>
      appendAudit(trx, {
        centerId: auditor.user.centerId,
        actorId: null,
        actorName: "system",
        action: "center.update",
        details: { zeta: 1, alpha: { b: [3, { y: 1, x: 2 }], a: "中文" }, mid: null },
        at: ctx.clock.now(),
      }),
    );
    const ok = await call(ctx.app, "GET", "/api/v1/audit/verify", { token: auditor.token });
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    const total = await ctx.handle.db.selectFrom("audit_log").select("id").execute();
    expect(ok.body.checked).toBe(total.length);

    const victim = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "department.create")
      .select(["id", sql<string>`details::text`.as("original")])
      .executeTakeFirstOrThrow();
    await tamper(sql`update audit_log set details = '{"code":"FAKE"}'::jsonb where id = ${victim.id}`);
    const broken = await call(ctx.app, "GET", "/api/v1/audit/verify", { token: auditor.token });
    expect(broken.body).toMatchObject({ ok: false, firstBrokenId: victim.id });
    expect(broken.body.checked).toBe(total.filter((r) => Number(r.id) < Number(victim.id)).length);

    // Putting the original content back makes the chain whole again.
    await tamper(sql`update audit_log set details = ${victim.original}::jsonb where id = ${victim.id}`);
    expect((await call(ctx.app, "GET", "/api/v1/audit/verify", { token: auditor.token })).body.ok).toBe(true);
  });

  it("detects a deleted row at the row that follows it", async () => {
    const auditor = await createStaff(ctx, { roles: ["auditor"] });
    const rows = await ctx.handle.db.selectFrom("audit_log").select("id").orderBy("id").execute();
    const gone = rows[3]!.id;
    await tamper(sql`delete from audit_log where id = ${gone}`);
    const r = await call(ctx.app, "GET", "/api/v1/audit/verify", { token: auditor.token });
    expect(r.body).toMatchObject({ ok: false, firstBrokenId: rows[4]!.id, checked: 3 });
  });
});
