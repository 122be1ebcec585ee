import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../test/app.js";
import { appealBody, recordOk, windowClerk } from "../../../test/appeals.js";
import { adminToken, createStaff, login } from "../../../test/factories.js";
import { decryptField } from "../lib/personal-data.js";
import { openRequesterFields } from "../modules/appeals/index.js";
import { foldRollups } from "../modules/results/index.js";
import { runRetention } from "./retention.js";

/**
 * Retention (PIPL art. 19) and the requester's access right (art. 45): finished appeals lose
 * their personal fields after the center's period, statistics and audit records stay; one
 * requester's data is exported on request, with a reason, audited.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });
const DAY = 86_400_000;

async function settings(token: string) {
  return (await call(ctx.app, "GET", "/api/v1/security/settings", { token })).body;
}

async function resolve(token: string, appeal: { id: string; version: number }) {
  const r = await call(ctx.app, "POST", `/api/v1/appeals/${appeal.id}/resolve`, {
    token,
    body: { answer: "已当场答复办理材料清单", expectedVersion: appeal.version },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

/** The stored row with its personal fields opened (they are encrypted at rest, ADR 0015). */
const row = async (id: string) =>
  openRequesterFields(
    await ctx.handle.db.selectFrom("appeals").selectAll().where("id", "=", id).executeTakeFirstOrThrow(),
  );
const outboxPhone = (v: string) => decryptField(v, "notification_outbox.recipient_phone");

describe("security settings", () => {
  it("are changed by the admin only, within bounds, with a version, and audited; the auditor reads them", async () => {
    const admin = await adminToken(ctx);
    const auditor = await createStaff(ctx, { roles: ["auditor"] });
    const s = await settings(admin);
    expect(s).toMatchObject({ mfaRequired: false, retentionDays: 1095, minRetentionDays: 180, version: 0 });
    expect((await settings(auditor.token)).retentionDays).toBe(1095);
    const put = (token: string, body: unknown) =>
      call(ctx.app, "PUT", "/api/v1/security/settings", { token, body });
    expect(
      (await put(auditor.token, { mfaRequired: false, retentionDays: 400, expectedVersion: 0 })).status,
    ).toBe(403);
    const tooShort = await put(admin, { mfaRequired: false, retentionDays: 179, expectedVersion: 0 });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.details[0].path).toBe("retentionDays");
    const ok = await put(admin, { mfaRequired: false, retentionDays: 400, expectedVersion: 0 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ retentionDays: 400, version: 1 });
    expect((await put(admin, { mfaRequired: false, retentionDays: 500, expectedVersion: 0 })).status).toBe(
      409,
    );
    const logged = await call(ctx.app, "GET", "/api/v1/audit?action=security.settings.update", {
      token: auditor.token,
    });
    expect(logged.body.items[0]).toMatchObject({
      actorName: "admin",
      details: { before: { retentionDays: 1095 }, after: { retentionDays: 400 } },
    });
  });
});

describe("retention job and requester export", () => {
  it("anonymises only finished appeals past the period, keeps statistics and audit records, and is idempotent", async () => {
    const admin = await adminToken(ctx);
    const clerk = await windowClerk(ctx);
    const auditor = await createStaff(ctx, { roles: ["auditor"] });
    const cur = await settings(admin);
    await call(ctx.app, "PUT", "/api/v1/security/settings", {
      token: admin,
      body: { mfaRequired: false, retentionDays: 180, expectedVersion: cur.version },
    });
    const phone = "13911112222";
    const requester = { name: "王小明", phone, address: "和平街8号" };
    const oldDone = await resolve(clerk.token, await recordOk(ctx, clerk.token, appealBody({ requester })));
    const oldOpen = await recordOk(ctx, clerk.token, appealBody({ requester }));
    const org = await recordOk(
      ctx,
      clerk.token,
      appealBody({
        requester: {
          kind: "organization",
          name: "某某有限公司",
          orgName: "某某有限公司",
          contactPerson: "赵联系",
          phone,
          address: "工业园1号",
        },
      }),
    );
    const orgDone = await resolve(clerk.token, org);
    ctx.clock.advance(100 * DAY);
    clerk.token = (await login(ctx, clerk.user.username, clerk.password)).token;
    auditor.token = (await login(ctx, auditor.user.username, auditor.password)).token;
    const recentDone = await resolve(
      clerk.token,
      await recordOk(ctx, clerk.token, appealBody({ requester })),
    );

    // The requester asks for their data: the auditor exports it, with a reason.
    const url = (reason?: string) =>
      `/api/v1/requesters/export?phone=${phone}${reason === undefined ? "" : `&reason=${encodeURIComponent(reason)}`}`;
    expect((await call(ctx.app, "GET", url(), { token: auditor.token })).status).toBe(400);
    expect((await call(ctx.app, "GET", url("本人申请查阅"), { token: clerk.token })).status).toBe(403);
    const exported = await call(ctx.app, "GET", url("本人申请查阅"), { token: auditor.token });
    expect(exported.status).toBe(200);
    expect(exported.body.appeals).toHaveLength(4);
    expect(exported.body.appeals[0]).toMatchObject({ requesterName: "王小明", phone, address: "和平街8号" });
    expect(exported.body.appeals[0].events.length).toBeGreaterThan(0);
    const exportAudit = await call(ctx.app, "GET", "/api/v1/audit?action=requester.export", {
      token: auditor.token,
    });
    expect(exportAudit.body.items[0].details).toMatchObject({
      phone: "139****2222",
      reason: "本人申请查阅",
      appeals: 4,
    });
    expect(JSON.stringify(exportAudit.body.items[0])).not.toContain(phone);

    await foldRollups(ctx.handle.db); // the rollup as the background fold leaves it
    const statsBefore = await ctx.handle.db
      .selectFrom("stats_daily")
      .selectAll()
      .orderBy(["center_id", "day"])
      .execute();
    expect(statsBefore.length).toBeGreaterThan(0);
    const auditBefore = await ctx.handle.db.selectFrom("audit_log").select("id").execute();

    // 181 days after the first two ended: those two are due, the recent one (81 days) and the open one are not.
    ctx.clock.advance(81 * DAY);
    clerk.token = (await login(ctx, clerk.user.username, clerk.password)).token;
    auditor.token = (await login(ctx, auditor.user.username, auditor.password)).token;
    expect(await runRetention(ctx.handle.db, ctx.clock.now(), 1)).toBe(2);
    for (const a of [oldDone, orgDone]) {
      const r = await row(a.id);
      expect(r).toMatchObject({
        requester_name: "（已匿名）",
        phone: "",
        phone_bidx: null,
        name_bidx: null,
        address: null,
        contact_person: null,
      });
      expect(r.anonymized_at).not.toBeNull();
      expect(r.search_tokens).not.toContain("王小明");
      // What statistics need stays.
      expect(r).toMatchObject({
        status: "resolved",
        type: "inquiry",
        channel: "onsite",
        tracking_no: a.trackingNo,
      });
      expect(r.content).toBe(a.content);
    }
    expect((await row(orgDone.id)).org_name).toBe("某某有限公司");
    for (const a of [oldOpen, recentDone]) expect((await row(a.id)).phone).toBe(phone);
    const outbox = await ctx.handle.db
      .selectFrom("notification_outbox")
      .select(["appeal_id", "recipient_phone", "status"])
      .where("appeal_id", "in", [oldDone.id, recentDone.id])
      .execute();
    expect(
      outbox.filter((o) => o.appeal_id === oldDone.id).every((o) => outboxPhone(o.recipient_phone) === ""),
    ).toBe(true);
    // Nothing of an anonymised appeal is left waiting to be sent to a number it no longer has.
    expect(outbox.filter((o) => o.appeal_id === oldDone.id && o.status === "pending")).toEqual([]);
    expect(
      outbox
        .filter((o) => o.appeal_id === recentDone.id)
        .every((o) => outboxPhone(o.recipient_phone) === phone),
    ).toBe(true);
    // The presented appeal reads anonymised, not broken.
    const shown = await call(ctx.app, "GET", `/api/v1/appeals/${oldDone.id}`, { token: clerk.token });
    expect(shown.status).toBe(200);
    expect(shown.body.requester.name).toBe("（已匿名）");

    await foldRollups(ctx.handle.db);
    expect(
      await ctx.handle.db.selectFrom("stats_daily").selectAll().orderBy(["center_id", "day"]).execute(),
    ).toEqual(statsBefore);
    const auditAfter = await ctx.handle.db
      .selectFrom("audit_log")
      .select(["id", "action", "entity_id"])
      .execute();
    const afterIds = new Set(auditAfter.map((r) => r.id));
    expect(auditBefore.every((r) => afterIds.has(r.id))).toBe(true);
    expect(
      auditAfter
        .filter((r) => r.action === "appeal.anonymize")
        .map((r) => r.entity_id)
        .sort(),
    ).toEqual([oldDone.id, orgDone.id].sort());

    // Again: nothing left to do.
    expect(await runRetention(ctx.handle.db, ctx.clock.now())).toBe(0);
    // The export now finds only what still carries the phone.
    const later = await call(ctx.app, "GET", url("本人再次申请"), { token: auditor.token });
    expect(later.body.appeals.map((a: { trackingNo: string }) => a.trackingNo).sort()).toEqual(
      [oldOpen.trackingNo, recentDone.trackingNo].sort(),
    );
  });
});
