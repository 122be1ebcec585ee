import { describe, expect, it } from "vitest";
import { handlingSuite } from "../../../../../test/handling.js";

// Monday 2026-03-02: a general order is due Thursday 03-05.
const t = handlingSuite("2026-03-02T09:00:00+08:00");
const { s } = t;

const decide =
  (id: string, action: "approve" | "deny", body: unknown, token = s.dispatcher.token) =>
  () =>
    t.call("POST", `/api/v1/extensions/${id}/${action}`, { token, body });

describe("延期 approved", () => {
  it("moves the order's and the appeal's deadline to the end of the date (rolled to a working day) and tells the requester the new limit and the reason", async () => {
    const appeal = await t.newAppeal();
    const wo = await t.dispatchOk(appeal.id, {
      complexity: "multi_department",
      leadDepartmentId: s.dept.a.id,
      coDepartmentIds: [s.dept.b.id],
    });
    // 7 days from Monday 03-02: Monday 03-09.
    expect(wo.dueAt).toBe("2026-03-09T23:59:59.999+08:00");
    const ask =
      (body: unknown, token = s.h.a.token) =>
      () =>
        t.act(token, wo.id, "extensions", body);
    const notAfter = await t.expectRefused(
      ask({ until: "2026-03-09", reason: "需要现场核查" }),
      400,
      "VALIDATION_FAILED",
      "until",
    );
    expect(notAfter.message).toBe("延期日期应晚于当前办理时限（2026年3月9日）");
    await t.expectRefused(
      ask({ until: "2026-03-05", reason: "需要现场核查" }),
      400,
      "VALIDATION_FAILED",
      "until",
    );
    await t.expectRefused(
      ask({ until: "2026-02-30", reason: "需要现场核查" }),
      400,
      "VALIDATION_FAILED",
      "until",
    );
    await t.expectRefused(ask({ until: "2026-03-20" }), 400, "VALIDATION_FAILED", "reason");
    await t.expectRefused(
      ask({ until: "2026-03-20", reason: "需要现场核查" }, s.h.c.token),
      404,
      "NOT_FOUND",
    );

    // Extensions, like replies and plans, belong to the lead: a co-department may not file one.
    const co = await t.expectRefused(
      ask({ until: "2026-03-21", reason: "需要调取三年纳税记录并现场核查" }, s.h.b.token),
      403,
      "FORBIDDEN",
    );
    expect(co.message).toBe(
      "只有牵头部门可以申请延期；协办部门如需更多时间，请与牵头部门沟通，由牵头部门申请",
    );

    // Saturday 03-21 rolls forward to Monday 03-23.
    const req = await t.act(s.h.a.token, wo.id, "extensions", {
      until: "2026-03-21",
      reason: "需要调取三年纳税记录并现场核查",
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(req.body).toMatchObject({
      status: "pending",
      until: "2026-03-21",
      departmentName: "市场监管局",
      requestedBy: "赵市场",
    });
    const one = await t.expectRefused(ask({ until: "2026-03-25", reason: "另行申请" }), 409, "CONFLICT");
    expect(one.message).toContain("已有待审批的延期申请");
    const queue = await t.call("GET", "/api/v1/extensions?status=pending", {
      token: s.dispatcher.token,
    });
    expect(queue.body.map((x: { id: string }) => x.id)).toContain(req.body.id);
    await t.expectRefused(decide(req.body.id, "approve", {}, s.h.a.token), 403, "FORBIDDEN");

    const ok = await t.call("POST", `/api/v1/extensions/${req.body.id}/approve`, {
      token: s.dispatcher.token,
      body: { note: "同意" },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      status: "approved",
      oldDueAt: "2026-03-09T23:59:59.999+08:00",
      newDueAt: "2026-03-23T23:59:59.999+08:00",
      decidedBy: "王审核",
    });
    const order = await t.call("GET", `/api/v1/work-orders/${wo.id}`, { token: s.h.a.token });
    expect(order.body).toMatchObject({ dueAt: "2026-03-23T23:59:59.999+08:00", dueRule: "calendar_days" });
    expect(order.body.dueExplanation).toContain("需要调取三年纳税记录并现场核查");
    expect(order.body.extensions).toHaveLength(1);
    const a = await t.call("GET", `/api/v1/appeals/${appeal.id}`, { token: s.dispatcher.token });
    expect(a.body.dueAt).toBe("2026-03-23T23:59:59.999+08:00");
    const inbox = await t.call("GET", "/api/v1/work-orders?department=mine", { token: s.h.b.token });
    expect(inbox.body.items.find((x: { id: string }) => x.id === wo.id).dueAt).toBe(
      "2026-03-23T23:59:59.999+08:00",
    );
    const sms = (await t.smsOf(appeal.id)).at(-1)!;
    expect(sms.kind).toBe("appeal.extension_approved");
    expect(sms.text).toContain("办理时限延长至2026年3月23日（周一）");
    expect(sms.text).toContain("延期理由：需要调取三年纳税记录并现场核查");
    await t.expectRefused(decide(req.body.id, "approve", {}), 409, "ILLEGAL_TRANSITION");
    await t.expectRefused(decide(req.body.id, "deny", { note: "不同意" }), 409, "ILLEGAL_TRANSITION");
  });
});

describe("延期 denied", () => {
  it("keeps the deadline and tells the department through the order's timeline", async () => {
    const appeal = await t.newAppeal();
    const wo = await t.dispatchOk(appeal.id, { complexity: "general", leadDepartmentId: s.dept.c.id });
    const req = await t.act(s.h.c.token, wo.id, "extensions", { until: "2026-03-13", reason: "人手不足" });
    expect(req.status).toBe(201);
    await t.expectRefused(decide(req.body.id, "deny", {}), 400, "VALIDATION_FAILED", "note");
    const denied = await t.call("POST", `/api/v1/extensions/${req.body.id}/deny`, {
      token: s.dispatcher.token,
      body: { note: "理由不充分，请按期办结" },
    });
    expect(denied.body).toMatchObject({
      status: "denied",
      decisionNote: "理由不充分，请按期办结",
      newDueAt: null,
    });
    const order = await t.call("GET", `/api/v1/work-orders/${wo.id}`, { token: s.h.c.token });
    expect(order.body.dueAt).toBe(wo.dueAt);
    const events = await t.eventsOf(s.h.c.token, appeal.id);
    expect(events.at(-1)).toMatchObject({
      type: "extension_denied",
      details: { note: "理由不充分，请按期办结" },
    });
    expect((await t.smsOf(appeal.id)).map((m) => m.kind)).toEqual(["appeal.received", "appeal.dispatched"]);
    // A new request after the denial is allowed.
    const again = await t.act(s.h.c.token, wo.id, "extensions", {
      until: "2026-03-12",
      reason: "需补充材料",
    });
    expect(again.status).toBe(201);
    // Returned order: the pending request dies with it.
    await t.act(s.h.c.token, wo.id, "return", { reason: "不属于本部门" });
    const list = await t.call("GET", `/api/v1/extensions?limit=200`, { token: s.dispatcher.token });
    expect(list.body.find((x: { id: string }) => x.id === again.body.id)).toMatchObject({
      status: "denied",
      decidedBy: "系统",
    });
  });
});
