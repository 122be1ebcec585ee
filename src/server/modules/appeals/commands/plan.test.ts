import { describe, expect, it } from "vitest";
import { handlingSuite } from "../../../../../test/handling.js";

// Monday 2026-03-02: a major matter has one month, to Thursday 04-02.
const t = handlingSuite("2026-03-02T09:00:00+08:00");
const { ctx, s } = t;

const milestones = [
  { title: "完成历史档案调取和现场勘查", dueDate: "2026-04-15" },
  { title: "完成不动产登记补正", dueDate: "2026-05-29" },
];

describe("重大问题解决方案 with two milestones", () => {
  it("is submitted by the lead, approved by the reviewer (deadline = last milestone), reported to completion", async () => {
    const general = await t.dispatchOk((await t.newAppeal()).id, {
      complexity: "general",
      leadDepartmentId: s.dept.a.id,
    });
    await t.act(s.h.a.token, general.id, "sign");
    const notMajor = await t.expectRefused(
      () => t.act(s.h.a.token, general.id, "plan", { summary: "分三步解决该问题", milestones }),
      409,
      "ILLEGAL_TRANSITION",
    );
    expect(notMajor.message).toBe("只有重大复杂问题可以制定解决方案和时间节点");

    const appeal = await t.newAppeal({ type: "difficulty" });
    const wo = await t.dispatchOk(appeal.id, {
      complexity: "major",
      difficultyKind: "hard_to_do",
      leadDepartmentId: s.dept.a.id,
      coDepartmentIds: [s.dept.b.id],
    });
    expect(wo.dueAt).toBe("2026-04-02T23:59:59.999+08:00");
    const submit =
      (body: unknown, token = s.h.a.token) =>
      () =>
        t.act(token, wo.id, "plan", body);
    const plan = { summary: "因历史遗留，需调取档案并补正登记，分两步解决。", milestones };
    await t.expectRefused(submit(plan), 409, "ILLEGAL_TRANSITION"); // not signed yet
    await t.act(s.h.a.token, wo.id, "sign");
    await t.act(s.h.b.token, wo.id, "sign");
    await t.expectRefused(submit(plan, s.h.b.token), 403, "FORBIDDEN");
    await t.expectRefused(
      submit({ ...plan, milestones: [milestones[1], milestones[0]] }),
      400,
      "VALIDATION_FAILED",
      "milestones.1.dueDate",
    );
    await t.expectRefused(
      submit({ ...plan, milestones: [{ title: "已过期节点", dueDate: "2026-03-01" }] }),
      400,
      "VALIDATION_FAILED",
      "milestones.0.dueDate",
    );
    await t.expectRefused(submit({ ...plan, milestones: [] }), 400, "VALIDATION_FAILED", "milestones");

    const first = await t.act(s.h.a.token, wo.id, "plan", plan);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ status: "submitted", submittedBy: "赵市场" });
    expect(first.body.milestones.map((m: { seq: number; dueAt: string }) => [m.seq, m.dueAt])).toEqual([
      [1, "2026-04-15T23:59:59.999+08:00"],
      [2, "2026-05-29T23:59:59.999+08:00"],
    ]);
    await t.expectRefused(submit(plan), 409, "CONFLICT");
    const rejected = await t.call("POST", `/api/v1/plans/${first.body.id}/reject`, {
      token: s.dispatcher.token,
      body: { note: "请细化第二个节点的责任分工" },
    });
    expect(rejected.body).toMatchObject({ status: "rejected", decisionNote: "请细化第二个节点的责任分工" });
    // Progress on an unapproved plan is refused.
    await t.expectRefused(
      () =>
        t.call("POST", `/api/v1/plans/${first.body.id}/milestones/${first.body.milestones[0].id}/progress`, {
          token: s.h.a.token,
          body: { report: "已开始" },
        }),
      409,
      "ILLEGAL_TRANSITION",
    );

    const second = await t.act(s.h.a.token, wo.id, "plan", {
      ...plan,
      summary: `${plan.summary}（已细化分工）`,
    });
    expect(second.status).toBe(201);
    await t.expectRefused(
      () => t.call("POST", `/api/v1/plans/${second.body.id}/approve`, { token: s.h.a.token, body: {} }),
      403,
      "FORBIDDEN",
    );
    const approved = await t.call("POST", `/api/v1/plans/${second.body.id}/approve`, {
      token: s.dispatcher.token,
      body: { note: "同意" },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).toBe("approved");
    const order = await t.call("GET", `/api/v1/work-orders/${wo.id}`, { token: s.h.a.token });
    expect(order.body.dueAt).toBe("2026-05-29T23:59:59.999+08:00");
    expect(order.body.plans.map((p: { status: string }) => p.status)).toEqual(["rejected", "approved"]);
    const a = await t.call("GET", `/api/v1/appeals/${appeal.id}`, { token: s.dispatcher.token });
    expect(a.body.dueAt).toBe("2026-05-29T23:59:59.999+08:00");
    const sms = (await t.smsOf(appeal.id)).at(-1)!;
    expect(sms.kind).toBe("appeal.plan_approved");
    expect(sms.text).toContain("2个时间节点");
    expect(sms.text).toContain("2026年5月29日（周五）前落实解决");

    const [m1, m2] = approved.body.milestones as { id: string }[];
    const progress = (mid: string, body: unknown, token = s.h.a.token) =>
      t.call("POST", `/api/v1/plans/${second.body.id}/milestones/${mid}/progress`, { token, body });
    await t.expectRefused(() => progress(m1!.id, { report: "协办进展" }, s.h.b.token), 403, "FORBIDDEN");
    await t.expectRefused(() => progress(m1!.id, { report: "别人的进展" }, s.h.c.token), 404, "NOT_FOUND");
    expect((await progress(m1!.id, { report: "已调取2015年至今的档案" })).body.milestones[0].status).toBe(
      "reported",
    );
    expect((await progress(m1!.id, { report: "现场勘查完成", done: true })).body.milestones[0].status).toBe(
      "done",
    );
    await t.expectRefused(() => progress(m1!.id, { report: "再报" }), 409, "ILLEGAL_TRANSITION");
    ctx.clock.set("2026-03-02T09:20:00+08:00");
    const last = await progress(m2!.id, { report: "补正登记完成", done: true });
    expect(last.body.completedAt).toBe("2026-03-02T09:20:00.000+08:00");
    const types = (await t.eventsOf(s.dispatcher.token, appeal.id)).map((e) => e.type);
    expect(types.filter((t) => t.startsWith("plan_"))).toEqual([
      "plan_submitted",
      "plan_rejected",
      "plan_submitted",
      "plan_approved",
      "plan_progress",
      "plan_progress",
      "plan_progress",
      "plan_completed",
    ]);
    const reply = await t.act(s.h.a.token, wo.id, "reply", {
      result: "按方案完成档案调取和登记补正，问题已解决。",
    });
    expect(reply.body.status).toBe("replied");
    const list = await t.call("GET", "/api/v1/plans?status=approved", { token: s.dispatcher.token });
    expect(list.body.map((p: { id: string }) => p.id)).toEqual([second.body.id]);
  });
});
