import ExcelJS from "exceljs";
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

  it("the auditor exports a period as a workbook, and the export is audited; the admin cannot", async () => {
    const auditor = await createStaff(ctx, { roles: ["auditor"] });
    const admin = await adminToken(ctx);
    const from = new Date(ctx.clock.now().getTime() - 86_400_000).toISOString();
    const to = new Date(ctx.clock.now().getTime() + 60_000).toISOString();
    const url = `/api/v1/audit/export?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    expect((await call(ctx.app, "GET", url, { token: admin })).status).toBe(403);
    const res = await ctx.app.inject({
      method: "GET",
      url,
      headers: { authorization: `Bearer ${auditor.token}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.getRow(1).getCell(4).value).toBe("操作");
    const exported = (sheet?.rowCount ?? 0) - 1;
    expect(exported).toBeGreaterThan(3);
    const logged = await call(ctx.app, "GET", "/api/v1/audit?action=audit.export", { token: auditor.token });
    expect(logged.body.items[0]).toMatchObject({
      actorName: auditor.user.username,
      details: { rows: exported },
    });
    const tooLong = `/api/v1/audit/export?from=${encodeURIComponent("2026-01-01T00:00:00+08:00")}&to=${encodeURIComponent("2026-06-01T00:00:00+08:00")}`;
    expect((await call(ctx.app, "GET", tooLong, { token: auditor.token })).status).toBe(400);
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
