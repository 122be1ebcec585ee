import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../../test/app.js";
import {
  appealBody,
  countRows,
  integrationToken,
  otherCenterClerk,
  recordOk,
  windowClerk,
} from "../../../../../test/appeals.js";
import { createStaff } from "../../../../../test/factories.js";
import { REJECT_REASON_LABELS, REJECT_REASONS } from "../../../../contracts/appeals.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });

async function smsOf(appealId: string) {
  return ctx.handle.db
    .selectFrom("notification_outbox")
    .select(["kind", "text", "recipient_phone"])
    .where("appeal_id", "=", appealId)
    .orderBy("id")
    .execute();
}

describe("non-acceptance (不予受理)", () => {
  for (const reason of REJECT_REASONS) {
    it(`refuses with reason ${reason} and tells the requester why`, async () => {
      const clerk = await windowClerk(ctx);
      const a = await recordOk(ctx, clerk.token);
      const res = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/reject`, {
        token: clerk.token,
        body: { reason, explanation: "经核实，该诉求不属于受理范围。", expectedVersion: a.version },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe("rejected");
      expect(res.body.rejection).toEqual({
        reason,
        explanation: "经核实，该诉求不属于受理范围。",
        referredTo: null,
      });
      expect(res.body.respondedAt).not.toBeNull();
      expect(res.body.version).toBe(2);
      const sms = await smsOf(a.id);
      expect(sms.map((s) => s.kind)).toEqual(["appeal.received", "appeal.rejected"]);
      expect(sms[1]!.text).toContain(REJECT_REASON_LABELS[reason]);
      expect(sms[1]!.text).toContain("经核实，该诉求不属于受理范围。");
    });
  }

  it("tells the requester of an emergency to call 110/119/120/122", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(ctx, clerk.token, appealBody({ content: "楼下有人打架，已经有人受伤了" }));
    await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/reject`, {
      token: clerk.token,
      body: { reason: "emergency", explanation: "属于紧急警情，请立即报警。" },
    });
    const [, refusal] = await smsOf(a.id);
    expect(refusal!.text).toMatch(/110.*119.*120.*122/);
  });

  it("records the unit contacted when the matter belongs elsewhere", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(ctx, clerk.token);
    const res = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/reject`, {
      token: clerk.token,
      body: {
        reason: "other",
        explanation: "不属于本级政务服务中心管辖。",
        referredTo: "市人力资源和社会保障局",
      },
    });
    expect(res.body.rejection.referredTo).toBe("市人力资源和社会保障局");
    const [, refusal] = await smsOf(a.id);
    expect(refusal!.text).toContain("已联系市人力资源和社会保障局协助受理");
    const events = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}/events`, { token: clerk.token });
    expect(events.body[1]).toMatchObject({
      type: "rejected",
      details: { reason: "other", referredTo: "市人力资源和社会保障局", before: { status: "received" } },
    });
  });

  it("refuses a refusal without explanation (400) and writes nothing", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(ctx, clerk.token);
    const before = await Promise.all([
      countRows(ctx, "appeal_events"),
      countRows(ctx, "notification_outbox"),
      countRows(ctx, "audit_log"),
    ]);
    for (const body of [
      { reason: "invalid" },
      { reason: "invalid", explanation: "   " },
      { reason: "nope", explanation: "说明说明说明" },
    ]) {
      const res = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/reject`, { token: clerk.token, body });
      expect(res.status).toBe(400);
    }
    const after = await Promise.all([
      countRows(ctx, "appeal_events"),
      countRows(ctx, "notification_outbox"),
      countRows(ctx, "audit_log"),
    ]);
    expect(after).toEqual(before);
    const detail = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}`, { token: clerk.token });
    expect(detail.body).toMatchObject({ status: "received", version: 1 });
  });
});

describe("on-the-spot answers (即时办结) and the workflow guard", () => {
  it("answers and closes an appeal on the spot", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(ctx, clerk.token);
    const res = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/resolve`, {
      token: clerk.token,
      body: { answer: "需携带身份证、经营场所证明，可在3号窗口办理。" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: "resolved",
      answer: "需携带身份证、经营场所证明，可在3号窗口办理。",
    });
    expect(res.body.resolvedAt).toBe("2026-03-02T09:00:00.000+08:00");
    const sms = await smsOf(a.id);
    expect(sms[1]!.text).toContain("3号窗口");
  });

  it("refuses to act on an appeal in a final state (409, in Chinese)", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(ctx, clerk.token);
    await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/resolve`, {
      token: clerk.token,
      body: { answer: "已当场答复" },
    });
    const res = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/reject`, {
      token: clerk.token,
      body: { reason: "invalid", explanation: "诉求表达不清。" },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: "ILLEGAL_TRANSITION",
      message: "诉求已办结，不能再不予受理",
    });
    const again = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/resolve`, {
      token: clerk.token,
      body: { answer: "再次答复" },
    });
    expect(again.status).toBe(409);
  });

  it("answers 409 VERSION_CONFLICT to a stale expectedVersion", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(ctx, clerk.token);
    const res = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/resolve`, {
      token: clerk.token,
      body: { answer: "答复内容", expectedVersion: 7 },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "VERSION_CONFLICT", message: "已被他人处理，请刷新" });
  });

  it("lets exactly one of two concurrent actions win", async () => {
    const clerk = await windowClerk(ctx);
    const other = await windowClerk(ctx);
    for (let round = 0; round < 3; round++) {
      const a = await recordOk(ctx, clerk.token);
      const [r1, r2] = await Promise.all([
        call(ctx.app, "POST", `/api/v1/appeals/${a.id}/resolve`, {
          token: clerk.token,
          body: { answer: "当场答复", expectedVersion: 1 },
        }),
        call(ctx.app, "POST", `/api/v1/appeals/${a.id}/reject`, {
          token: other.token,
          body: { reason: "invalid", explanation: "无实质内容。", expectedVersion: 1 },
        }),
      ]);
      expect([r1.status, r2.status].sort()).toEqual([200, 409]);
      const loser = r1.status === 409 ? r1 : r2;
      expect(["VERSION_CONFLICT", "ILLEGAL_TRANSITION"]).toContain(loser.body.error.code);
      const events = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}/events`, { token: clerk.token });
      expect(events.body).toHaveLength(2);
      expect((await smsOf(a.id)).length).toBe(2);
    }
    // Same action twice at once: one resolves, the other is refused.
    const b = await recordOk(ctx, clerk.token);
    const both = await Promise.all(
      [clerk, other].map((c) =>
        call(ctx.app, "POST", `/api/v1/appeals/${b.id}/resolve`, {
          token: c.token,
          body: { answer: "答复" },
        }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});

describe("first response to online appeals", () => {
  it("stops the respondBy clock and tells the requester", async () => {
    const token = await integrationToken(ctx);
    const clerk = await windowClerk(ctx);
    const a = await recordOk(ctx, token, appealBody({ channel: "portal" }));
    ctx.clock.set("2026-03-02T09:20:00+08:00");
    const res = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/acknowledge`, {
      token: clerk.token,
      body: { message: "您好，您的诉求已收到，我们正在核实，3个工作日内答复。" },
    });
    ctx.clock.set("2026-03-02T09:00:00+08:00");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "received", respondedAt: "2026-03-02T09:20:00.000+08:00" });
    const sms = await smsOf(a.id);
    expect(sms[1]).toMatchObject({ kind: "appeal.acknowledged" });
    const twice = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/acknowledge`, {
      token: clerk.token,
      body: { message: "再次回应" },
    });
    expect(twice.status).toBe(409);
  });

  it("has nothing to acknowledge on an on-site appeal", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(ctx, clerk.token);
    const res = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/acknowledge`, {
      token: clerk.token,
      body: { message: "已收到" },
    });
    expect(res.status).toBe(409);
  });
});

describe("personal data and scope", () => {
  it("masks the phone in list and detail; a reveal returns it and is logged", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(
      ctx,
      clerk.token,
      appealBody({ requester: { name: "孙八", phone: "13987654321", address: "东风路 2 号" } }),
    );
    const detail = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}`, { token: clerk.token });
    expect(detail.body.requester.phone).toBe("139****4321");
    const list = await call(ctx.app, "GET", "/api/v1/appeals?limit=200", { token: clerk.token });
    const listed = list.body.items.find((x: { id: string }) => x.id === a.id);
    expect(listed.requester.phone).toBe("139****4321");
    expect(JSON.stringify(list.body)).not.toContain("13987654321");

    const auditBefore = await countRows(ctx, "audit_log");
    const reveal = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/reveal-phone`, {
      token: clerk.token,
      body: { reason: "回访核实诉求" },
    });
    expect(reveal.status).toBe(200);
    expect(reveal.body).toEqual({ phone: "13987654321" });
    expect(await countRows(ctx, "audit_log")).toBe(auditBefore + 1);
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .select(["action", "entity_id", "details"])
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "appeal.phone.reveal", entity_id: a.id });
    const events = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}/events`, { token: clerk.token });
    expect(events.body.at(-1)).toMatchObject({ type: "phone_revealed", details: { reason: "回访核实诉求" } });

    const noReason = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/reveal-phone`, {
      token: clerk.token,
      body: {},
    });
    expect(noReason.status).toBe(400);
    const leader = await createStaff(ctx, { roles: ["leader"] });
    const denied = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/reveal-phone`, {
      token: leader.token,
      body: { reason: "想看看" },
    });
    expect(denied.status).toBe(403);
  });

  it("hides an appeal from another center's window (404) and from department users", async () => {
    const clerk = await windowClerk(ctx);
    const a = await recordOk(ctx, clerk.token);
    const stranger = await otherCenterClerk(ctx);
    for (const path of ["", "/events", "/receipt"]) {
      const res = await call(ctx.app, "GET", `/api/v1/appeals/${a.id}${path}`, { token: stranger.token });
      expect(res.status).toBe(404);
    }
    const act = await call(ctx.app, "POST", `/api/v1/appeals/${a.id}/resolve`, {
      token: stranger.token,
      body: { answer: "越权答复" },
    });
    expect(act.status).toBe(404);
    const theirs = await call(ctx.app, "GET", "/api/v1/appeals", { token: stranger.token });
    expect(theirs.body.items.map((x: { id: string }) => x.id)).not.toContain(a.id);

    const { createDepartment } = await import("../../../../../test/factories.js");
    const dept = await createDepartment(ctx);
    const handler = await createStaff(ctx, { roles: ["department"], departmentId: dept.id });
    const list = await call(ctx.app, "GET", "/api/v1/appeals", { token: handler.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    expect((await call(ctx.app, "GET", `/api/v1/appeals/${a.id}`, { token: handler.token })).status).toBe(
      404,
    );

    const auditor = await createStaff(ctx, { roles: ["auditor"] });
    expect((await call(ctx.app, "GET", "/api/v1/appeals", { token: auditor.token })).status).toBe(403);
    const system = await integrationToken(ctx);
    expect((await call(ctx.app, "GET", `/api/v1/appeals/${a.id}`, { token: system })).status).toBe(403);
  });
});
