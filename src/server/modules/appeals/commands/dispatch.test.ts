import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { otherCenter } from "../../../../../test/appeals.js";
import { adminToken } from "../../../../../test/factories.js";
import { handlingSuite } from "../../../../../test/handling.js";
import { insertDepartment } from "../../departments/index.js";

// Tuesday 2025-09-30, the eve of National Day: 10-01 … 10-08 are holidays, Saturday 10-11 is a make-up working day.
const t = handlingSuite("2025-09-30T10:00:00+08:00");
const { ctx, s } = t;

describe("dispatch (分办)", () => {
  it("general: 3 days (calendar_days 3) from 09-30 fall on the holiday 10-03 and end on the next working day, Thursday 10-09, as the calendar core says", async () => {
    const appeal = await t.newAppeal();
    const preview = await t.call("GET", `/api/v1/appeals/${appeal.id}/dispatch-preview?complexity=general`, {
      token: s.dispatcher.token,
    });
    expect(preview.status).toBe(200);
    const core = await t.call(
      "GET",
      `/api/v1/calendar/deadline?start=${encodeURIComponent("2025-09-30T10:00:00+08:00")}&rule=calendar_days&n=3`,
      { token: s.dispatcher.token },
    );
    expect(core.status).toBe(200);
    expect(core.body.dueAt).toBe("2025-10-09T23:59:59.999+08:00");
    expect(preview.body).toMatchObject({
      rule: "calendar_days",
      n: 3,
      dueAt: core.body.dueAt,
      dueDate: "2025-10-09",
    });
    expect(preview.body.explanation).toBe(core.body.explanation);

    const wo = await t.dispatchOk(appeal.id, {
      complexity: "general",
      difficultyKind: "hard_to_do",
      leadDepartmentId: s.dept.a.id,
      note: "请于时限内答复",
      expectedVersion: appeal.version,
    });
    expect(wo).toMatchObject({
      status: "pending",
      complexity: "general",
      difficultyKind: "hard_to_do",
      dueAt: "2025-10-09T23:59:59.999+08:00",
      dueDate: "2025-10-09",
      dueRule: "calendar_days",
      dueN: 3,
      dueProvisional: false,
      leadDepartment: { id: s.dept.a.id, name: "市场监管局" },
      contact: { name: "王审核" },
      note: "请于时限内答复",
      light: "green",
      version: 1,
    });
    expect(wo.number).toMatch(/^GD20250930\d{4}$/);
    expect(wo.appeal.phone).toBe("138****5678");
    expect(wo.assignments).toEqual([
      expect.objectContaining({
        departmentId: s.dept.a.id,
        role: "lead",
        status: "pending",
        departmentLocation: "二楼 12 号窗口",
      }),
    ]);

    const after = await t.call("GET", `/api/v1/appeals/${appeal.id}`, { token: s.dispatcher.token });
    expect(after.body).toMatchObject({
      status: "dispatched",
      complexity: "general",
      dueAt: "2025-10-09T23:59:59.999+08:00",
      version: appeal.version + 1,
    });
    const sms = await t.smsOf(appeal.id);
    expect(sms.map((m) => m.kind)).toEqual(["appeal.received", "appeal.dispatched"]);
    expect(sms[1]!.text).toContain("已转市场监管局办理，办理时限至2025年10月9日（周四）");
    const events = await t.eventsOf(s.dispatcher.token, appeal.id);
    expect(events.map((e) => e.type)).toEqual(["received", "dispatched", "assignment_notified"]);
    expect(events[1]!.details).toMatchObject({
      number: wo.number,
      lead: { name: "市场监管局" },
      before: { status: "received" },
    });
  });

  it("simple: 研究部署 the same day, the reply within the general limit; multi-department: lead and co-departments all notified", async () => {
    const one = await t.newAppeal();
    const simple = await t.dispatchOk(one.id, { complexity: "simple", leadDepartmentId: s.dept.b.id });
    expect(simple.dueAt).toBe("2025-10-09T23:59:59.999+08:00");
    expect(simple.deployment).toBeNull();
    const tracked = await ctx.handle.db
      .selectFrom("supervision_items")
      .where("appeal_id", "=", one.id)
      .where("closed_at", "is", null)
      .select(["target_kind", "due_at"])
      .orderBy("target_kind")
      .execute();
    expect(tracked.map((t) => [t.target_kind, t.due_at.toISOString()])).toEqual([
      ["deployment", "2025-09-30T15:59:59.999Z"],
      ["work_order", "2025-10-09T15:59:59.999Z"],
    ]);

    const two = await t.newAppeal();
    const multi = await t.dispatchOk(two.id, {
      complexity: "multi_department",
      leadDepartmentId: s.dept.a.id,
      coDepartmentIds: [s.dept.b.id, s.dept.c.id],
    });
    // 7 days: 10-07 is a holiday, so the period ends on the next working day, 10-09.
    expect(multi.dueAt).toBe("2025-10-09T23:59:59.999+08:00");
    expect(
      multi.assignments.map((a: { role: string; departmentName: string }) => `${a.role}:${a.departmentName}`),
    ).toEqual(["lead:市场监管局", "co:税务局", "co:人社局"]);
    expect(Number(multi.number.slice(-4))).toBeGreaterThan(Number(simple.number.slice(-4)));
    const notified = (await t.eventsOf(s.dispatcher.token, two.id)).filter(
      (e) => e.type === "assignment_notified",
    );
    expect(notified.map((e) => e.details.departmentName)).toEqual(["市场监管局", "税务局", "人社局"]);
    const sms = await t.smsOf(two.id);
    expect(sms[1]!.text).toContain("已转市场监管局（牵头）、税务局、人社局办理");
  });
});

describe("dispatch: bad input writes nothing", () => {
  it("refuses a missing lead, a co-department equal to the lead or repeated, and multi-department without co", async () => {
    const a = await t.newAppeal();
    const post = (body: unknown) => () =>
      t.call("POST", `/api/v1/appeals/${a.id}/dispatch`, { token: s.dispatcher.token, body });
    const e1 = await t.expectRefused(
      post({ complexity: "general" }),
      400,
      "VALIDATION_FAILED",
      "leadDepartmentId",
    );
    expect(e1.message).toContain("请选择牵头部门");
    const lead = s.dept.a.id;
    await t.expectRefused(
      post({ complexity: "general", leadDepartmentId: lead, coDepartmentIds: [lead] }),
      400,
      "VALIDATION_FAILED",
      "coDepartmentIds.0",
    );
    await t.expectRefused(
      post({ complexity: "general", leadDepartmentId: lead, coDepartmentIds: [s.dept.b.id, s.dept.b.id] }),
      400,
      "VALIDATION_FAILED",
      "coDepartmentIds.1",
    );
    await t.expectRefused(
      post({ complexity: "multi_department", leadDepartmentId: lead }),
      400,
      "VALIDATION_FAILED",
      "coDepartmentIds",
    );
    await t.expectRefused(
      post({ complexity: "urgent", leadDepartmentId: lead }),
      400,
      "VALIDATION_FAILED",
      "complexity",
    );
    await t.expectRefused(
      post({ complexity: "general", leadDepartmentId: "999999" }),
      400,
      "VALIDATION_FAILED",
      "leadDepartmentId",
    );
  });

  it("refuses departments of another center and inactive ones", async () => {
    const other = await otherCenter(ctx, "另一中心");
    const foreign = await insertDepartment(ctx.handle.db, {
      centerId: other.id,
      code: "F1",
      name: "外中心部门",
      phone: null,
      location: null,
      services: [],
      now: ctx.clock.now(),
    });
    const appeal = await t.newAppeal();
    const post = (body: unknown) => () =>
      t.call("POST", `/api/v1/appeals/${appeal.id}/dispatch`, { token: s.dispatcher.token, body });
    const e = await t.expectRefused(
      post({ complexity: "general", leadDepartmentId: foreign.id }),
      400,
      "VALIDATION_FAILED",
      "leadDepartmentId",
    );
    expect(e.message).toBe("部门不存在或不属于本中心");
    await t.expectRefused(
      post({ complexity: "general", leadDepartmentId: s.dept.a.id, coDepartmentIds: [foreign.id] }),
      400,
      "VALIDATION_FAILED",
      "coDepartmentIds.0",
    );
    const admin = await adminToken(ctx);
    const d = await t.call("POST", "/api/v1/departments", {
      token: admin,
      body: { code: `X${randomBytes(2).toString("hex")}`, name: "撤销部门" },
    });
    expect(
      (
        await t.call("PATCH", `/api/v1/departments/${d.body.id}`, {
          token: admin,
          body: { active: false },
        })
      ).status,
    ).toBe(200);
    const inactive = await t.expectRefused(
      post({ complexity: "general", leadDepartmentId: d.body.id }),
      400,
      "VALIDATION_FAILED",
      "leadDepartmentId",
    );
    expect(inactive.message).toBe("该部门已停用，不能分办");
  });

  it("refuses a stale version, a second dispatch, a rejected appeal, the wrong role and another center's appeal", async () => {
    const a = await t.newAppeal();
    const body = { complexity: "general", leadDepartmentId: s.dept.a.id };
    const post =
      (b: unknown, token = s.dispatcher.token, id = a.id) =>
      () =>
        t.call("POST", `/api/v1/appeals/${id}/dispatch`, { token, body: b });
    await t.expectRefused(post({ ...body, expectedVersion: a.version + 1 }), 409, "VERSION_CONFLICT");
    await t.expectRefused(post(body, s.clerk.token), 403, "FORBIDDEN");
    // Sign-in and role are checked before input.
    await t.expectRefused(post({ complexity: "nope" }, ""), 401, "UNAUTHENTICATED");
    await t.expectRefused(post({ complexity: "nope" }, s.h.a.token), 403, "FORBIDDEN");
    const anon = await t.call("POST", "/api/v1/work-orders/1/reply", { body: { result: 1 } });
    expect(anon.status).toBe(401);
    await t.expectRefused(post(body, s.h.a.token), 403, "FORBIDDEN");
    await t.dispatchOk(a.id, body);
    const twice = await t.expectRefused(post(body), 409, "ILLEGAL_TRANSITION");
    expect(twice.message).toMatch(/已有工作单（GD\d+）在办理中/);

    const r = await t.newAppeal();
    await t.call("POST", `/api/v1/appeals/${r.id}/reject`, {
      token: s.clerk.token,
      body: { reason: "invalid", explanation: "诉求表达不清，无实质内容。" },
    });
    const rejected = await t.expectRefused(post(body, s.dispatcher.token, r.id), 409, "ILLEGAL_TRANSITION");
    expect(rejected.message).toBe("诉求已不予受理，不能再分办");
    await t.expectRefused(post(body, s.dispatcher.token, "987654321"), 404, "NOT_FOUND");
  });
});

describe("dispatch: concurrency", () => {
  it("two simultaneous dispatches of one appeal issue one work order", async () => {
    const a = await t.newAppeal();
    const body = { complexity: "general", leadDepartmentId: s.dept.a.id };
    const both = await Promise.all(
      [0, 1].map(() =>
        t.call("POST", `/api/v1/appeals/${a.id}/dispatch`, { token: s.dispatcher.token, body }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const orders = await ctx.handle.db
      .selectFrom("work_orders")
      .select("id")
      .where("appeal_id", "=", a.id)
      .execute();
    expect(orders).toHaveLength(1);
    const sms = await t.smsOf(a.id);
    expect(sms.filter((m) => m.kind === "appeal.dispatched")).toHaveLength(1);
  });
});
