import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createStaff } from "../../../../test/factories.js";
import { getDefaultCenterId } from "../../bootstrap.js";
import { deliverOutboxOnce } from "../../jobs/outbox-worker.js";
import { enqueueNotification } from "./outbox.repository.js";
import { RecordingSmsProvider } from "./sms-provider.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

async function seed(centerId: string, phone: string, n: number, tag: string) {
  for (let i = 0; i < n; i++) {
    await enqueueNotification(ctx.handle.db, {
      centerId,
      appealId: null,
      kind: "appeal.received",
      recipientPhone: phone,
      text: `【政务服务中心】您的诉求已受理 ${tag}-${i}`,
      dedupeKey: `${tag}:${i}`,
      now: ctx.clock.now(),
    });
  }
}

describe("SMS log and outbox for admins", () => {
  it("lists sent SMS newest first with masked phones, paginated, filtered by phone, scoped to the center", async () => {
    const db = ctx.handle.db;
    const home = await getDefaultCenterId(db);
    const other = await db
      .insertInto("centers")
      .values({ code: "other-sms", name: "另一中心", level: "county" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await seed(home, "13800138000", 3, "a");
    await seed(home, "136-1234-5678", 2, "b");
    await seed(other.id, "13900139000", 2, "c");
    // One lane: the log's order is then the outbox order.
    await deliverOutboxOnce(db, ctx.clock, new RecordingSmsProvider(db, ctx.clock), { concurrency: 1 });
    const token = await adminToken(ctx);

    const p1 = await call(ctx.app, "GET", "/api/v1/sms-messages?limit=3", { token });
    expect(p1.status).toBe(200);
    expect(p1.body.items).toHaveLength(3);
    expect(p1.body.items.map((m: { phone: string }) => m.phone)).toEqual([
      "136****5678",
      "136****5678",
      "138****8000",
    ]);
    expect(p1.body.items[0].text).toBe("【政务服务中心】您的诉求已受理 b-1");
    expect(p1.body.items[0].sentAt).toBe("2026-03-02T09:00:00.000+08:00");
    const p2 = await call(ctx.app, "GET", `/api/v1/sms-messages?limit=3&cursor=${p1.body.nextCursor}`, {
      token,
    });
    expect(p2.body.items).toHaveLength(2);
    expect(p2.body.nextCursor).toBeNull();
    expect(JSON.stringify([...p1.body.items, ...p2.body.items])).not.toContain("139");

    const byPhone = await call(ctx.app, "GET", "/api/v1/sms-messages?phone=138-0013-8000", { token });
    expect(byPhone.body.items).toHaveLength(3);

    const otherAdmin = await createStaff(ctx, { roles: ["admin"], centerId: other.id });
    const theirs = await call(ctx.app, "GET", "/api/v1/sms-messages", { token: otherAdmin.token });
    expect(theirs.body.items.map((m: { phone: string }) => m.phone)).toEqual(["139****9000", "139****9000"]);
  });

  it("reveals full numbers only on request and logs the reveal", async () => {
    const token = await adminToken(ctx);
    const before = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "sms.phone.reveal")
      .select("id")
      .execute();
    const r = await call(ctx.app, "GET", "/api/v1/sms-messages?reveal=true&phone=13800138000", { token });
    expect(r.status).toBe(200);
    expect(r.body.items.map((m: { phone: string }) => m.phone)).toEqual([
      "13800138000",
      "13800138000",
      "13800138000",
    ]);
    const after = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "sms.phone.reveal")
      .select(["details", "actor_name"])
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)?.actor_name).toBe("admin");
    expect((after.at(-1)?.details as { ids: string[] } | undefined)?.ids).toHaveLength(3);
  });

  it("shows the outbox by status with masked recipients", async () => {
    const token = await adminToken(ctx);
    const home = await getDefaultCenterId(ctx.handle.db);
    await seed(home, "13700137000", 1, "d");
    const pending = await call(ctx.app, "GET", "/api/v1/notifications/outbox?status=pending", { token });
    expect(pending.status).toBe(200);
    expect(pending.body.items).toHaveLength(1);
    expect(pending.body.items[0]).toMatchObject({
      kind: "appeal.received",
      channel: "sms",
      recipientPhone: "137****7000",
      status: "pending",
      attempts: 0,
      sentAt: null,
    });
    const sent = await call(ctx.app, "GET", "/api/v1/notifications/outbox?status=sent", { token });
    expect(sent.body.items).toHaveLength(5);
    expect(sent.body.items.every((m: { sentAt: string | null }) => m.sentAt !== null)).toBe(true);
  });

  it("refuses non-admins and bad input", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    expect((await call(ctx.app, "GET", "/api/v1/sms-messages", { token: clerk.token })).status).toBe(403);
    expect((await call(ctx.app, "GET", "/api/v1/notifications/outbox", { token: clerk.token })).status).toBe(
      403,
    );
    expect((await call(ctx.app, "GET", "/api/v1/sms-messages")).status).toBe(401);
    const token = await adminToken(ctx);
    const bad = await call(ctx.app, "GET", "/api/v1/notifications/outbox?status=lost", { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toContain("status");
    expect((await call(ctx.app, "GET", "/api/v1/sms-messages?cursor=abc", { token })).status).toBe(400);
    expect((await call(ctx.app, "GET", "/api/v1/sms-messages?reveal=yes", { token })).status).toBe(400);
  });
});
