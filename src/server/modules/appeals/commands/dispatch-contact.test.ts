import { describe, expect, it } from "vitest";
import { call } from "../../../../../test/app.js";
import { adminToken } from "../../../../../test/factories.js";
import { dispatchOk, type Handling, handlingApp, newAppeal } from "../../../../../test/handling.js";

let s: Handling;
const ctx = handlingApp("2026-03-02T09:00:00+08:00", (h) => {
  s = h;
});

async function print(orderId: string): Promise<string> {
  const res = await call(ctx.app, "GET", `/api/v1/work-orders/${orderId}/print`, {
    token: s.dispatcher.token,
  });
  expect(res.status).toBe(200);
  return res.body as string;
}

async function setCenterPhone(phone: string | null) {
  const me = await call(ctx.app, "GET", "/api/v1/me", { token: s.dispatcher.token });
  const res = await call(ctx.app, "PATCH", `/api/v1/centers/${me.body.centerId}`, {
    token: await adminToken(ctx),
    body: { phone },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** 附录A: 工作单联系人 and 联系电话 — the dispatcher, their office phone, else the center's phone. */
describe("工作单联系人 and 联系电话", () => {
  it("defaults to the dispatcher's office phone, else the center's phone; both editable", async () => {
    await setCenterPhone("010-12345000");
    const first = await dispatchOk(ctx, s, (await newAppeal(ctx, s)).id, {
      complexity: "general",
      leadDepartmentId: s.dept.a.id,
    });
    expect(first.contact).toMatchObject({ name: "王审核", phone: "010-12345000" });

    // 个人中心: the dispatcher sets an office phone; it is the default from now on.
    const bad = await call(ctx.app, "PATCH", "/api/v1/me/profile", {
      token: s.dispatcher.token,
      body: { phone: "12345" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("phone");
    const set = await call(ctx.app, "PATCH", "/api/v1/me/profile", {
      token: s.dispatcher.token,
      body: { phone: "010-66661234" },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({
      displayName: "王审核",
      phone: "010-66661234",
      centerPhone: "010-12345000",
    });
    const second = await dispatchOk(ctx, s, (await newAppeal(ctx, s)).id, {
      complexity: "general",
      leadDepartmentId: s.dept.a.id,
    });
    expect(second.contact).toMatchObject({ name: "王审核", phone: "010-66661234" });
    const html = await print(second.id);
    expect(html).toContain('<td colspan="2">王审核</td><th>联系电话</th><td colspan="2">010-66661234</td>');

    // Edited in the drawer.
    const third = await dispatchOk(ctx, s, (await newAppeal(ctx, s)).id, {
      complexity: "general",
      leadDepartmentId: s.dept.a.id,
      contactName: "李联络",
      contactPhone: "13900009999",
    });
    expect(third.contact).toMatchObject({ name: "李联络", phone: "13900009999" });
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "user.profile.update")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("refuses an empty contact name or a bad phone with the field path", async () => {
    const appeal = await newAppeal(ctx, s);
    for (const [body, path] of [
      [{ contactName: "  " }, "contactName"],
      [{ contactPhone: "abc" }, "contactPhone"],
    ] as const) {
      const res = await call(ctx.app, "POST", `/api/v1/appeals/${appeal.id}/dispatch`, {
        token: s.dispatcher.token,
        body: { complexity: "general", leadDepartmentId: s.dept.a.id, ...body },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });

  it("prints 诉求人不愿提供 as the address when the requester declined to give one", async () => {
    const appeal = await newAppeal(ctx, s, {
      requester: { name: "张三", phone: "13812345678", addressDeclined: true },
    });
    const wo = await dispatchOk(ctx, s, appeal.id, { complexity: "general", leadDepartmentId: s.dept.a.id });
    expect(wo.appeal).toMatchObject({ address: null, addressDeclined: true });
    expect(await print(wo.id)).toContain("<th>联系地址</th><td>诉求人不愿提供</td>");
  });

  it("lets the admin set a user's office phone", async () => {
    const admin = await adminToken(ctx);
    const res = await call(ctx.app, "PATCH", `/api/v1/users/${s.clerk.user.id}`, {
      token: admin,
      body: { phone: "010-55556666" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.phone).toBe("010-55556666");
    const mine = await call(ctx.app, "GET", "/api/v1/me/profile", { token: s.clerk.token });
    expect(mine.body.phone).toBe("010-55556666");
  });
});
