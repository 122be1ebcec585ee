import { describe, expect, it } from "vitest";
import { call } from "../../../../test/app.js";
import { adminToken, createStaff } from "../../../../test/factories.js";
import { dispatchOk, type Handling, handlingApp, newAppeal } from "../../../../test/handling.js";

let s: Handling;
const ctx = handlingApp("2026-03-02T09:00:00+08:00", (h) => {
  s = h;
});

const PROFILE = {
  name: "海星区政务服务中心",
  address: "海星区人民路 88 号一楼",
  phone: "0571-88886666",
  hours: "工作日 9:00—12:00，13:30—17:00",
};

async function centerId(): Promise<string> {
  const me = await call(ctx.app, "GET", "/api/v1/me", { token: s.dispatcher.token });
  return me.body.centerId as string;
}

/** 中心信息: name, address, phone and service hours feed the notice, receipts and 工作单. */
describe("the center profile", () => {
  it("is set by the admin only, with clear errors", async () => {
    const id = await centerId();
    const admin = await adminToken(ctx);
    const tooLong = await call(ctx.app, "PATCH", `/api/v1/centers/${id}`, {
      token: admin,
      body: { hours: "时".repeat(101) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0]).toEqual({ path: "hours", message: "服务时间不能超过 100 个字" });
    const badPhone = await call(ctx.app, "PATCH", `/api/v1/centers/${id}`, {
      token: admin,
      body: { phone: "123" },
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details[0].path).toBe("phone");
    const supervisor = await createStaff(ctx, { roles: ["supervisor"] });
    const denied = await call(ctx.app, "PATCH", `/api/v1/centers/${id}`, {
      token: supervisor.token,
      body: { phone: PROFILE.phone },
    });
    expect(denied.status).toBe(403);

    const ok = await call(ctx.app, "PATCH", `/api/v1/centers/${id}`, { token: admin, body: PROFILE });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject(PROFILE);
    const listed = await call(ctx.app, "GET", "/api/v1/centers", { token: admin });
    expect(listed.body.find((c: { id: string }) => c.id === id)).toMatchObject(PROFILE);
  });

  it("feeds the public notice: channels with the phone, address and hours; departments with window and phone", async () => {
    const res = await ctx.app.inject({ method: "GET", url: "/api/v1/public/notice" });
    expect(res.statusCode).toBe(200);
    const n = res.json();
    expect(n.center).toMatchObject(PROFILE);
    expect(res.body).not.toContain("见导引服务台公示");
    const phone = n.channels.find((c: { code: string }) => c.code === "phone");
    expect(phone.contact).toBe(PROFILE.phone);
    expect(phone.howTo).toContain(`服务时间（${PROFILE.hours}）内拨打中心咨询电话 ${PROFILE.phone}`);
    expect(n.channels.find((c: { code: string }) => c.code === "onsite").howTo).toContain(PROFILE.address);
    expect(n.departments).toContainEqual({
      name: s.dept.a.name,
      location: "二楼 12 号窗口",
      phone: "010-88886666",
      services: [],
      hours: null,
    });
  });

  it("feeds the receipt and the printed 工作单", async () => {
    const appeal = await newAppeal(ctx, s);
    const receipt = await call(ctx.app, "GET", `/api/v1/appeals/${appeal.id}/receipt`, {
      token: s.clerk.token,
    });
    expect(receipt.status).toBe(200);
    const html = receipt.body as string;
    expect(html).toContain(`咨询电话：${PROFILE.phone}`);
    expect(html).toContain(`服务时间：${PROFILE.hours}`);
    const wo = await dispatchOk(ctx, s, appeal.id, { complexity: "general", leadDepartmentId: s.dept.a.id });
    // No office phone of the dispatcher's own: the center's phone is the 工作单联系电话.
    expect(wo.contact.phone).toBe(PROFILE.phone);
    const print = await call(ctx.app, "GET", `/api/v1/work-orders/${wo.id}/print`, {
      token: s.dispatcher.token,
    });
    expect(print.body).toContain(`地址：${PROFILE.address}`);
    expect(print.body).toContain(`服务时间：${PROFILE.hours}`);
  });
});
