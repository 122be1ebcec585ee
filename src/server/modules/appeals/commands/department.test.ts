import { describe, expect, it } from "vitest";
import { handlingSuite } from "../../../../../test/handling.js";

// Monday 2026-03-02.
const t = handlingSuite("2026-03-02T09:00:00+08:00");
const { ctx, s } = t;

describe("department scope", () => {
  it("a department cannot read or act on another department's order (404), nor see its appeal", async () => {
    const appeal = await t.newAppeal();
    const wo = await t.dispatchOk(appeal.id, { complexity: "general", leadDepartmentId: s.dept.a.id });
    const get = (token: string, url: string) => t.call("GET", url, { token });
    expect((await get(s.h.a.token, `/api/v1/work-orders/${wo.id}`)).body.myRole).toBe("lead");
    expect((await get(s.h.a.token, `/api/v1/appeals/${appeal.id}`)).status).toBe(200);
    for (const url of [
      `/api/v1/work-orders/${wo.id}`,
      `/api/v1/work-orders/${wo.id}/print`,
      `/api/v1/appeals/${appeal.id}`,
    ]) {
      expect((await get(s.h.b.token, url)).status, url).toBe(404);
    }
    for (const [action, body] of [
      ["sign", {}],
      ["return", { reason: "不是本部门的事" }],
      ["reply", { result: "已处理完毕" }],
      ["extensions", { until: "2026-03-20", reason: "需要更多时间" }],
    ] as const) {
      await t.expectRefused(() => t.act(s.h.b.token, wo.id, action, body), 404, "NOT_FOUND");
    }
    const mine = await get(s.h.b.token, "/api/v1/work-orders?department=mine");
    expect(mine.body.items.map((x: { id: string }) => x.id)).not.toContain(wo.id);
    const inboxA = await get(s.h.a.token, "/api/v1/work-orders?department=mine&status=open");
    expect(inboxA.body.items.map((x: { id: string }) => x.id)).toContain(wo.id);
    // The dispatcher's act on a department's behalf is refused by role.
    await t.expectRefused(() => t.act(s.dispatcher.token, wo.id, "sign"), 403, "FORBIDDEN");
  });
});

describe("multi-department order: sign, opinions, a co-department leaving, the lead's reply", () => {
  it("only the lead replies, after signing; co-departments give opinions", async () => {
    const appeal = await t.newAppeal();
    const wo = await t.dispatchOk(appeal.id, {
      complexity: "multi_department",
      leadDepartmentId: s.dept.a.id,
      coDepartmentIds: [s.dept.b.id, s.dept.c.id],
    });
    // Out of order: opinion and reply before signing.
    const notSigned = await t.expectRefused(
      () => t.act(s.h.a.token, wo.id, "reply", { result: "已办理" }),
      409,
      "ILLEGAL_TRANSITION",
    );
    expect(notSigned.message).toBe("本部门尚未签收，不能提交答复，请先签收工作单");
    await t.expectRefused(
      () => t.act(s.h.b.token, wo.id, "opinion", { opinion: "同意" }),
      409,
      "ILLEGAL_TRANSITION",
    );

    const signedB = await t.act(s.h.b.token, wo.id, "sign", { expectedVersion: wo.version });
    expect(signedB.status, JSON.stringify(signedB.body)).toBe(200);
    expect(signedB.body.status).toBe("pending"); // a co-department's signature does not sign the order
    expect(signedB.body.assignments[1]).toMatchObject({
      departmentName: "税务局",
      status: "signed",
      signedBy: "钱税务",
    });
    // Stale version after B's signature.
    await t.expectRefused(
      () => t.act(s.h.a.token, wo.id, "sign", { expectedVersion: wo.version }),
      409,
      "VERSION_CONFLICT",
    );
    await t.expectRefused(() => t.act(s.h.b.token, wo.id, "sign"), 409, "ILLEGAL_TRANSITION");

    const signedA = await t.act(s.h.a.token, wo.id, "sign", { expectedVersion: signedB.body.version });
    expect(signedA.body).toMatchObject({ status: "signed", myRole: "lead" });
    expect(signedA.body.signedAt).not.toBeNull();

    const opinion = await t.act(s.h.b.token, wo.id, "opinion", {
      opinion: "经核查，企业纳税信息无异常。",
    });
    expect(opinion.body.assignments[1]).toMatchObject({
      status: "opinion_submitted",
      opinion: "经核查，企业纳税信息无异常。",
    });
    await t.expectRefused(
      () => t.act(s.h.a.token, wo.id, "opinion", { opinion: "牵头意见" }),
      409,
      "ILLEGAL_TRANSITION",
    );

    // C leaves the order with a reason and no longer sees it.
    const left = await t.act(s.h.c.token, wo.id, "return", { reason: "不涉及社保业务" });
    expect(left.status).toBe(200);
    expect(left.body.status).toBe("signed");
    expect((await t.call("GET", `/api/v1/work-orders/${wo.id}`, { token: s.h.c.token })).status).toBe(404);
    expect((await t.call("GET", `/api/v1/appeals/${appeal.id}`, { token: s.h.c.token })).status).toBe(404);

    // A co-department acting as lead is refused with the way forward.
    const asLead = await t.expectRefused(
      () => t.act(s.h.b.token, wo.id, "reply", { result: "已办理完毕" }),
      403,
      "FORBIDDEN",
    );
    expect(asLead.message).toContain("只有牵头部门可以提交答复");

    const pendingExt = await t.act(s.h.a.token, wo.id, "extensions", {
      until: "2026-03-31",
      reason: "需补充材料",
    });
    expect(pendingExt.status).toBe(201);
    const replied = await t.act(s.h.a.token, wo.id, "reply", {
      result: "已督促窗口依法办理，企业执照已于今日发放。",
    });
    expect(replied.status, JSON.stringify(replied.body)).toBe(200);
    expect(replied.body).toMatchObject({
      status: "replied",
      result: "已督促窗口依法办理，企业执照已于今日发放。",
      light: null,
    });
    // The pending extension request has no object any more.
    expect(replied.body.extensions[0]).toMatchObject({
      status: "denied",
      decisionNote: "工作单已答复，申请自动失效",
    });
    const a = await t.call("GET", `/api/v1/appeals/${appeal.id}`, { token: s.dispatcher.token });
    expect(a.body).toMatchObject({ status: "replied", answer: "已督促窗口依法办理，企业执照已于今日发放。" });
    const sms = await t.smsOf(appeal.id);
    expect(sms.at(-1)!.kind).toBe("appeal.replied");
    expect(sms.at(-1)!.text).toContain("已由市场监管局答复：已督促窗口依法办理");
    const types = (await t.eventsOf(s.dispatcher.token, appeal.id)).map((e) => e.type);
    expect(types).toEqual([
      "received",
      "dispatched",
      "assignment_notified",
      "assignment_notified",
      "assignment_notified",
      "signed",
      "signed",
      "opinion_submitted",
      "co_returned",
      "extension_requested",
      "replied",
    ]);
    const repliedEvent = (await t.eventsOf(s.dispatcher.token, appeal.id)).at(-1)!;
    expect(repliedEvent.details.opinions).toEqual([
      { departmentName: "税务局", opinion: "经核查，企业纳税信息无异常。" },
    ]);
    // Nothing more to do on a replied order.
    await t.expectRefused(
      () => t.act(s.h.a.token, wo.id, "reply", { result: "再次答复" }),
      409,
      "ILLEGAL_TRANSITION",
    );
  });
});

describe("退单 and re-dispatch", () => {
  it("the lead's return puts the appeal back to the reviewer, who dispatches it again", async () => {
    const appeal = await t.newAppeal();
    const first = await t.dispatchOk(appeal.id, {
      complexity: "multi_department",
      leadDepartmentId: s.dept.a.id,
      coDepartmentIds: [s.dept.b.id],
    });
    await t.act(s.h.a.token, first.id, "sign");
    await t.expectRefused(
      () => t.act(s.h.a.token, first.id, "return", { reason: "" }),
      400,
      "VALIDATION_FAILED",
      "reason",
    );
    const ret = await t.act(s.h.a.token, first.id, "return", { reason: "该事项属于税务局职责" });
    expect(ret.status, JSON.stringify(ret.body)).toBe(200);
    expect(ret.body.status).toBe("returned");
    // Handed back: no longer the department's.
    expect((await t.call("GET", `/api/v1/work-orders/${first.id}`, { token: s.h.a.token })).status).toBe(404);
    const order = await t.call("GET", `/api/v1/work-orders/${first.id}`, {
      token: s.dispatcher.token,
    });
    expect(order.body).toMatchObject({ status: "returned", returnedReason: "该事项属于税务局职责" });
    expect(order.body.assignments[0]).toMatchObject({
      status: "returned",
      returnedReason: "该事项属于税务局职责",
    });
    const back = await t.call("GET", `/api/v1/appeals/${appeal.id}`, { token: s.dispatcher.token });
    expect(back.body).toMatchObject({ status: "received", dueAt: null, complexity: "multi_department" });
    const queue = await t.call("GET", "/api/v1/appeals?status=received", {
      token: s.dispatcher.token,
    });
    expect(queue.body.items.map((x: { id: string }) => x.id)).toContain(appeal.id);
    for (const h of [s.h.a, s.h.b]) {
      expect((await t.call("GET", `/api/v1/appeals/${appeal.id}`, { token: h.token })).status).toBe(404);
    }

    const second = await t.dispatchOk(appeal.id, {
      complexity: "general",
      leadDepartmentId: s.dept.b.id,
    });
    expect(second.number).not.toBe(first.number);
    expect((await t.call("GET", `/api/v1/work-orders/${second.id}`, { token: s.h.b.token })).status).toBe(
      200,
    );
    const history = await t.call("GET", `/api/v1/appeals/${appeal.id}/work-orders`, {
      token: s.dispatcher.token,
    });
    expect(history.body.map((w: { status: string }) => w.status)).toEqual(["returned", "pending"]);
    const types = (await t.eventsOf(s.dispatcher.token, appeal.id)).map((e) => e.type);
    expect(types.filter((t) => t !== "assignment_notified")).toEqual([
      "received",
      "dispatched",
      "signed",
      "returned",
      "dispatched",
    ]);
  });
});

describe("lists", () => {
  it("the department inbox is sorted by due date with lights; the dispatcher sees the whole center", async () => {
    ctx.clock.set("2026-03-03T09:00:00+08:00");
    await t.relogin();
    const multi = await t.dispatchOk((await t.newAppeal()).id, {
      complexity: "multi_department",
      leadDepartmentId: s.dept.c.id,
      coDepartmentIds: [s.dept.a.id],
    });
    const general = await t.dispatchOk((await t.newAppeal()).id, {
      complexity: "general",
      leadDepartmentId: s.dept.c.id,
    });
    const inbox = await t.call("GET", "/api/v1/work-orders?status=open&limit=1", {
      token: s.h.c.token,
    });
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
    // general: 3 days to Friday 03-06; multi-department: 7 days to Tuesday 03-10 — soonest due first.
    expect(inbox.body.items.map((x: { id: string; light: string }) => [x.id, x.light])).toEqual([
      [general.id, "green"],
    ]);
    const next = await t.call(
      "GET",
      `/api/v1/work-orders?status=open&limit=1&cursor=${inbox.body.nextCursor}`,
      {
        token: s.h.c.token,
      },
    );
    expect(next.body.items.map((x: { id: string }) => x.id)).toEqual([multi.id]);
    ctx.clock.set("2026-03-06T09:00:00+08:00");
    await t.relogin();
    const dueDay = await t.call("GET", "/api/v1/work-orders?department=mine&status=open", {
      token: s.h.c.token,
    });
    expect(dueDay.body.items.map((x: { light: string; overdue: boolean }) => [x.light, x.overdue])).toEqual([
      ["yellow", false],
      ["green", false],
    ]);
    ctx.clock.set("2026-03-11T09:00:00+08:00");
    await t.relogin();
    const later = await t.call("GET", "/api/v1/work-orders?department=mine&status=open", {
      token: s.h.c.token,
    });
    expect(later.body.items.map((x: { light: string; overdue: boolean }) => [x.light, x.overdue])).toEqual([
      ["red", true],
      ["red", true],
    ]);
    const all = await t.call("GET", "/api/v1/work-orders?limit=200", { token: s.dispatcher.token });
    const depts = new Set(
      all.body.items.map((x: { leadDepartment: { name: string } }) => x.leadDepartment.name),
    );
    expect([...depts].sort()).toEqual(["人社局", "市场监管局", "税务局"].sort());
    const bad = await t.call("GET", "/api/v1/work-orders?cursor=nonsense", {
      token: s.dispatcher.token,
    });
    expect(bad.status).toBe(400);
  });
});
