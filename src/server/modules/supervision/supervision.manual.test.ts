import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../../../../test/app.js";
import { adminToken } from "../../../../test/factories.js";
import { type Handling, type Staff, smsOf } from "../../../../test/handling.js";
import { useSupervisionSuite } from "../../../../test/supervision.js";

// biome-ignore lint/correctness/useHookAtTopLevel: a vitest helper, not a React hook
const t = useSupervisionSuite("2026-09-29T10:00:00+08:00");
const { ctx, reloginAll, inbox, records, freshOrder } = t;
let s: Handling;
let sup: Staff;
let leader: Staff;
beforeAll(() => {
  ({ s, sup, leader } = t);
});

describe("manual 催办 / 督办 / 通报, scope and the inbox", () => {
  it("a supervisor reminds and supervises by hand; the department sees it in its inbox and records", async () => {
    ctx.clock.set("2027-03-01T10:00:00+08:00");
    await reloginAll();
    const { appeal, wo } = await freshOrder();
    const body = { targetKind: "work_order", targetId: wo.id, note: "请务必本周内办结" };
    const remind = await call(ctx.app, "POST", "/api/v1/supervision/reminders", { token: sup.token, body });
    expect(remind.status, JSON.stringify(remind.body)).toBe(201);
    expect(remind.body).toMatchObject({ kind: "reminder", manual: true, note: "请务必本周内办结" });

    const order = await call(ctx.app, "POST", "/api/v1/supervision/orders", { token: sup.token, body });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body.number).toMatch(/^DB20270301\d{4}$/);
    expect(order.body.createdByName).toBe("周督办");
    // Issued before the limit: the facts and the requester's SMS do not claim a delay.
    expect(order.body.facts).toContain("尚未办结");
    expect(order.body.facts).not.toContain("已超过时限");
    const sms = (await smsOf(ctx, appeal.id)).filter((m) => m.kind === "supervision.order");
    expect(sms).toHaveLength(1);
    expect(sms[0]?.text).toContain("正由服务中心督办");
    expect(sms[0]?.text).not.toContain("未在原定时限内办结");
    // One open order per item.
    const dup = await call(ctx.app, "POST", "/api/v1/supervision/orders", { token: sup.token, body });
    expect(dup.status).toBe(409);

    const msgs = await inbox(s.h.a.token);
    expect(msgs.items[0]?.title).toContain(order.body.number);
    expect(msgs.items[0]?.body).toContain("请务必本周内办结");
    // Department a sees its records; department b neither its records nor the print.
    expect((await records(`appealId=${appeal.id}`, s.h.a.token)).length).toBe(2);
    expect(await records(`appealId=${appeal.id}`, s.h.b.token)).toHaveLength(0);
    const foreign = await call(ctx.app, "GET", `/api/v1/supervision/records/${order.body.id}/print`, {
      token: s.h.b.token,
    });
    expect(foreign.status).toBe(404);
    // The window clerk may not read supervision records; a department may not supervise.
    expect((await call(ctx.app, "GET", "/api/v1/supervision/items", { token: s.clerk.token })).status).toBe(
      403,
    );
    expect(
      (await call(ctx.app, "POST", "/api/v1/supervision/orders", { token: s.h.a.token, body })).status,
    ).toBe(403);

    // Manual 通报 of the open order, with the center's configured recipients.
    const admin = await adminToken(ctx);
    const pol = await call(ctx.app, "GET", "/api/v1/time-limit-policy", { token: admin });
    const put = await call(ctx.app, "PUT", "/api/v1/time-limit-policy", {
      token: admin,
      body: {
        expectedVersion: pol.body.version,
        policy: {
          ...pol.body.policy,
          escalation: {
            government: "某市人民政府",
            disciplineCommission: "某市纪委监委",
            copyTo: ["某市政务服务管理局"],
          },
        },
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const notice = await call(ctx.app, "POST", `/api/v1/supervision/orders/${order.body.id}/notice`, {
      token: sup.token,
      body: { note: "多次督办仍未办结" },
    });
    expect(notice.status, JSON.stringify(notice.body)).toBe(201);
    expect(notice.body.recipients.government).toBe("某市人民政府");
    const print = await call(ctx.app, "GET", `/api/v1/supervision/records/${notice.body.id}/print`, {
      token: sup.token,
    });
    expect(print.body).toContain("抄送：某市纪委监委、某市政务服务管理局");
    const again = await call(ctx.app, "POST", `/api/v1/supervision/orders/${order.body.id}/notice`, {
      token: sup.token,
      body: { note: "再次通报" },
    });
    expect(again.status).toBe(409);
  });

  it("bad input gets a field error and writes nothing", async () => {
    const bad = await call(ctx.app, "POST", "/api/v1/supervision/orders", {
      token: sup.token,
      body: { targetKind: "appeal", targetId: "x", note: "" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(["targetKind", "targetId", "note"]),
    );
    const missing = await call(ctx.app, "POST", "/api/v1/supervision/reminders", {
      token: sup.token,
      body: { targetKind: "work_order", targetId: "999999", note: "催" },
    });
    expect(missing.status).toBe(404);
    const signedOut = await call(ctx.app, "POST", "/api/v1/supervision/sweep", { body: {} });
    expect(signedOut.status).toBe(401);
  });

  it("the inbox: unread count, mark read (own messages only), read all", async () => {
    const mine = await inbox(s.h.a.token);
    expect(mine.unread).toBeGreaterThan(0);
    const first = mine.items[0]?.id as string;
    const other = await call(ctx.app, "POST", `/api/v1/notifications/inbox/${first}/read`, {
      token: s.h.b.token,
    });
    expect(other.status).toBe(404);
    const read = await call(ctx.app, "POST", `/api/v1/notifications/inbox/${first}/read`, {
      token: s.h.a.token,
    });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const count = await call(ctx.app, "GET", "/api/v1/notifications/inbox/unread-count", {
      token: s.h.a.token,
    });
    expect(count.body.unread).toBe(mine.unread - 1);
    await call(ctx.app, "POST", "/api/v1/notifications/inbox/read-all", { token: s.h.a.token, body: {} });
    expect((await inbox(s.h.a.token)).unread).toBe(0);
  });
});

describe("the board", () => {
  it("shows open items with lights and server-side working-day countdowns, grouped by department", async () => {
    ctx.clock.set("2027-04-06T10:00:00+08:00");
    await reloginAll();
    const { wo } = await freshOrder();
    ctx.clock.set("2027-04-20T10:00:00+08:00");
    await reloginAll();
    const res = await call(ctx.app, "GET", "/api/v1/supervision/board?light=red&limit=200", {
      token: sup.token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const item = res.body.items.find((i: { targetId: string }) => i.targetId === wo.id);
    expect(item).toMatchObject({ targetKind: "work_order", light: "red", departmentName: s.dept.a.name });
    expect(item.countdown).toMatch(/^已超期 \d+ 个工作日$/);
    const row = res.body.summary.find((r: { departmentId: string }) => r.departmentId === s.dept.a.id);
    expect(row.red).toBeGreaterThan(0);
    // Leaders read the board; a department does not.
    expect((await call(ctx.app, "GET", "/api/v1/supervision/board", { token: leader.token })).status).toBe(
      200,
    );
    expect((await call(ctx.app, "GET", "/api/v1/supervision/board", { token: s.h.a.token })).status).toBe(
      403,
    );
    // Keyset paging walks every item once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: {
        status: number;
        body: { items: { targetKind: string; targetId: string }[]; nextCursor: string | null };
      } = await call(
        ctx.app,
        "GET",
        `/api/v1/supervision/board?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        {
          token: sup.token,
        },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i) => `${i.targetKind}:${i.targetId}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(`work_order:${wo.id}`);
  });
});
