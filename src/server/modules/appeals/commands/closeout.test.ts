import { describe, expect, it } from "vitest";
import { handlingSuite } from "../../../../../test/handling.js";

const t = handlingSuite("2026-03-02T09:00:00+08:00");
const { ctx, s } = t;

const appealPost =
  (id: string, action: string, body: unknown, token = s.dispatcher.token) =>
  () =>
    t.call("POST", `/api/v1/appeals/${id}/${action}`, { token, body });

describe("销号: rework then close", () => {
  it("sends an unconvincing reply back with a reason, then closes the second reply and tells the requester", async () => {
    const appeal = await t.newAppeal();
    const wo = await t.dispatchOk(appeal.id, { complexity: "general", leadDepartmentId: s.dept.a.id });
    await t.expectRefused(appealPost(appeal.id, "close", {}), 409, "ILLEGAL_TRANSITION");
    await t.expectRefused(
      appealPost(appeal.id, "rework", { reason: "答复不具体" }),
      409,
      "ILLEGAL_TRANSITION",
    );
    await t.act(s.h.a.token, wo.id, "sign");
    await t.act(s.h.a.token, wo.id, "reply", { result: "已处理。" });

    await t.expectRefused(appealPost(appeal.id, "rework", {}), 400, "VALIDATION_FAILED", "reason");
    await t.expectRefused(
      appealPost(appeal.id, "rework", { reason: "答复未说明办理结果" }, s.h.a.token),
      403,
      "FORBIDDEN",
    );
    await t.expectRefused(
      appealPost(appeal.id, "rework", { reason: "答复未说明办理结果", expectedVersion: 1 }),
      409,
      "VERSION_CONFLICT",
    );
    const rework = await t.call("POST", `/api/v1/appeals/${appeal.id}/rework`, {
      token: s.dispatcher.token,
      body: { reason: "答复未说明办理结果和依据" },
    });
    expect(rework.status, JSON.stringify(rework.body)).toBe(200);
    expect(rework.body).toMatchObject({ status: "dispatched", answer: null });

    // The department sees why and works on it again.
    const seen = await t.call("GET", `/api/v1/work-orders/${wo.id}`, { token: s.h.a.token });
    expect(seen.body).toMatchObject({
      status: "signed",
      reworkReason: "答复未说明办理结果和依据",
      light: "green",
    });
    expect(seen.body.assignments[0].status).toBe("signed");
    const again = await t.act(s.h.a.token, wo.id, "reply", {
      result: "经核实，窗口已按《营业执照办理规定》当场补办执照，并对经办人员进行了批评教育。",
    });
    expect(again.body).toMatchObject({ status: "replied", reworkReason: null });

    const current = await t.call("GET", `/api/v1/appeals/${appeal.id}`, { token: s.dispatcher.token });
    expect(current.body.status).toBe("replied");
    const closed = await t.call("POST", `/api/v1/appeals/${appeal.id}/close`, {
      token: s.dispatcher.token,
      body: { note: "已电话回访，诉求人认可", expectedVersion: current.body.version },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe("closed");
    expect(closed.body.closedAt).not.toBeNull();
    const order = await t.call("GET", `/api/v1/work-orders/${wo.id}`, { token: s.dispatcher.token });
    expect(order.body).toMatchObject({ status: "closed", closeNote: "已电话回访，诉求人认可" });
    const sms = await t.smsOf(appeal.id);
    expect(sms.map((m) => m.kind)).toEqual([
      "appeal.received",
      "appeal.dispatched",
      "appeal.replied",
      "appeal.replied",
      "appeal.closed",
    ]);
    expect(sms.at(-1)!.text).toContain("已办结销号。办理结果：经核实，窗口已按");
    const types = (await t.eventsOf(s.dispatcher.token, appeal.id)).map((e) => e.type);
    expect(types).toEqual([
      "received",
      "dispatched",
      "assignment_notified",
      "signed",
      "replied",
      "reworked",
      "replied",
      "closed",
    ]);
    await t.expectRefused(appealPost(appeal.id, "close", {}), 409, "ILLEGAL_TRANSITION");
    await t.expectRefused(
      () => t.act(s.h.a.token, wo.id, "reply", { result: "再答复" }),
      409,
      "ILLEGAL_TRANSITION",
    );
  });
});

describe("重新办理", () => {
  it("reopens a closed appeal with a logged reason; it can then be dispatched again", async () => {
    const { appeal } = await t.repliedAppeal("已当场解决。");
    const closed = await t.call("POST", `/api/v1/appeals/${appeal.id}/close`, {
      token: s.dispatcher.token,
      body: {},
    });
    expect(closed.status).toBe(200);
    await t.expectRefused(appealPost(appeal.id, "reopen", {}), 400, "VALIDATION_FAILED", "reason");
    await t.expectRefused(
      appealPost(appeal.id, "reopen", {
        reason: "诉求人反映问题仍未解决",
        expectedVersion: closed.body.version - 1,
      }),
      409,
      "VERSION_CONFLICT",
    );
    const reopened = await t.call("POST", `/api/v1/appeals/${appeal.id}/reopen`, {
      token: s.dispatcher.token,
      body: { reason: "诉求人反映问题仍未解决", expectedVersion: closed.body.version },
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body).toMatchObject({ status: "received", closedAt: null, dueAt: null });
    const events = await t.eventsOf(s.dispatcher.token, appeal.id);
    expect(events.at(-1)).toMatchObject({
      type: "reopened",
      details: { reason: "诉求人反映问题仍未解决", previousStatus: "closed" },
    });
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .select(["action", "entity_id"])
      .where("action", "=", "appeal.reopen")
      .where("entity_id", "=", appeal.id)
      .execute();
    expect(audit).toHaveLength(1);
    await t.expectRefused(appealPost(appeal.id, "reopen", { reason: "再次重办" }), 409, "ILLEGAL_TRANSITION");
    const second = await t.dispatchOk(appeal.id, {
      complexity: "general",
      leadDepartmentId: s.dept.a.id,
    });
    expect(second.status).toBe("pending");
  });
});
