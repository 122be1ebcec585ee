import { describe, expect, it } from "vitest";
import { call } from "../../../../../test/app.js";
import {
  act,
  dispatchOk,
  eventsOf,
  expectRefused,
  type Handling,
  handlingApp,
  newAppeal,
  smsOf,
} from "../../../../../test/handling.js";

// Monday 2026-03-02: a general order is due Thursday 03-05.
let s: Handling;
const ctx = handlingApp("2026-03-02T09:00:00+08:00", (h) => {
  s = h;
});

const decide =
  (id: string, action: "approve" | "deny", body: unknown, token = s.dispatcher.token) =>
  () =>
    call(ctx.app, "POST", `/api/v1/extensions/${id}/${action}`, { token, body });

describe("延期 approved", () => {
  it("moves the order's and the appeal's deadline to the end of the date (rolled to a working day) and tells the requester the new limit and the reason", async () => {
    const appeal = await newAppeal(ctx, s);
    const wo = await dispatchOk(ctx, s, appeal.id, {
      complexity: "multi_department",
      leadDepartmentId: s.dept.a.id,
      coDepartmentIds: [s.dept.b.id],
    });
    // 7 working days from Monday 03-02: Wednesday 03-11.
    expect(wo.dueAt).toBe("2026-03-11T23:59:59.999+08:00");
    const ask =
      (body: unknown, token = s.h.a.token) =>
      () =>
        act(ctx, token, wo.id, "extensions", body);
    const notAfter = await expectRefused(
      ctx,
      ask({ until: "2026-03-11", reason: "需要现场核查" }),
      400,
      "VALIDATION_FAILED",
      "until",
    );
    expect(notAfter.message).toBe("延期日期应晚于当前办理时限（2026年3月11日）");
    await expectRefused(
      ctx,
      ask({ until: "2026-03-10", reason: "需要现场核查" }),
      400,
      "VALIDATION_FAILED",
      "until",
    );
    await expectRefused(
      ctx,
      ask({ until: "2026-02-30", reason: "需要现场核查" }),
      400,
      "VALIDATION_FAILED",
      "until",
    );
    await expectRefused(ctx, ask({ until: "2026-03-20" }), 400, "VALIDATION_FAILED", "reason");
    await expectRefused(
      ctx,
      ask({ until: "2026-03-20", reason: "需要现场核查" }, s.h.c.token),
      404,
      "NOT_FOUND",
    );

    // Extensions, like replies and plans, belong to the lead: a co-department may not file one.
    const co = await expectRefused(
      ctx,
      ask({ until: "2026-03-21", reason: "需要调取三年纳税记录并现场核查" }, s.h.b.token),
      403,
      "FORBIDDEN",
    );
    expect(co.message).toBe(
      "只有牵头部门可以申请延期；协办部门如需更多时间，请与牵头部门沟通，由牵头部门申请",
    );

    // Saturday 03-21 rolls forward to Monday 03-23.
    const req = await act(ctx, s.h.a.token, wo.id, "extensions", {
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
    const one = await expectRefused(ctx, ask({ until: "2026-03-25", reason: "另行申请" }), 409, "CONFLICT");
    expect(one.message).toContain("已有待审批的延期申请");
    const queue = await call(ctx.app, "GET", "/api/v1/extensions?status=pending", {
      token: s.dispatcher.token,
    });
    expect(queue.body.map((x: { id: string }) => x.id)).toContain(req.body.id);
    await expectRefused(ctx, decide(req.body.id, "approve", {}, s.h.a.token), 403, "FORBIDDEN");

    const ok = await call(ctx.app, "POST", `/api/v1/extensions/${req.body.id}/approve`, {
      token: s.dispatcher.token,
      body: { note: "同意" },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      status: "approved",
      oldDueAt: "2026-03-11T23:59:59.999+08:00",
      newDueAt: "2026-03-23T23:59:59.999+08:00",
      decidedBy: "王审核",
    });
    const order = await call(ctx.app, "GET", `/api/v1/work-orders/${wo.id}`, { token: s.h.a.token });
    expect(order.body).toMatchObject({ dueAt: "2026-03-23T23:59:59.999+08:00", dueRule: "calendar_days" });
    expect(order.body.dueExplanation).toContain("需要调取三年纳税记录并现场核查");
    expect(order.body.extensions).toHaveLength(1);
    const a = await call(ctx.app, "GET", `/api/v1/appeals/${appeal.id}`, { token: s.dispatcher.token });
    expect(a.body.dueAt).toBe("2026-03-23T23:59:59.999+08:00");
    const inbox = await call(ctx.app, "GET", "/api/v1/work-orders?department=mine", { token: s.h.b.token });
    expect(inbox.body.items.find((x: { id: string }) => x.id === wo.id).dueAt).toBe(
      "2026-03-23T23:59:59.999+08:00",
    );
    const sms = (await smsOf(ctx, appeal.id)).at(-1)!;
    expect(sms.kind).toBe("appeal.extension_approved");
    expect(sms.text).toContain("办理时限延长至2026年3月23日（周一）");
    expect(sms.text).toContain("延期理由：需要调取三年纳税记录并现场核查");
    await expectRefused(ctx, decide(req.body.id, "approve", {}), 409, "ILLEGAL_TRANSITION");
    await expectRefused(ctx, decide(req.body.id, "deny", { note: "不同意" }), 409, "ILLEGAL_TRANSITION");
  });
});

describe("延期 denied", () => {
  it("keeps the deadline and tells the department through the order's timeline", async () => {
    const appeal = await newAppeal(ctx, s);
    const wo = await dispatchOk(ctx, s, appeal.id, { complexity: "general", leadDepartmentId: s.dept.c.id });
    const req = await act(ctx, s.h.c.token, wo.id, "extensions", { until: "2026-03-13", reason: "人手不足" });
    expect(req.status).toBe(201);
    await expectRefused(ctx, decide(req.body.id, "deny", {}), 400, "VALIDATION_FAILED", "note");
    const denied = await call(ctx.app, "POST", `/api/v1/extensions/${req.body.id}/deny`, {
      token: s.dispatcher.token,
      body: { note: "理由不充分，请按期办结" },
    });
    expect(denied.body).toMatchObject({
      status: "denied",
      decisionNote: "理由不充分，请按期办结",
      newDueAt: null,
    });
    const order = await call(ctx.app, "GET", `/api/v1/work-orders/${wo.id}`, { token: s.h.c.token });
    expect(order.body.dueAt).toBe(wo.dueAt);
    const events = await eventsOf(ctx, s.h.c.token, appeal.id);
    expect(events.at(-1)).toMatchObject({
      type: "extension_denied",
      details: { note: "理由不充分，请按期办结" },
    });
    expect((await smsOf(ctx, appeal.id)).map((m) => m.kind)).toEqual([
      "appeal.received",
      "appeal.dispatched",
    ]);
    // A new request after the denial is allowed.
    const again = await act(ctx, s.h.c.token, wo.id, "extensions", {
      until: "2026-03-12",
      reason: "需补充材料",
    });
    expect(again.status).toBe(201);
    // Returned order: the pending request dies with it.
    await act(ctx, s.h.c.token, wo.id, "return", { reason: "不属于本部门" });
    const list = await call(ctx.app, "GET", `/api/v1/extensions?limit=200`, { token: s.dispatcher.token });
    expect(list.body.find((x: { id: string }) => x.id === again.body.id)).toMatchObject({
      status: "denied",
      decidedBy: "系统",
    });
  });
});
