import { describe, expect, it } from "vitest";
import { handlingSuite } from "../../../../../test/handling.js";
import { deliverOutboxOnce } from "../../../jobs/outbox-worker.js";
import { RecordingSmsProvider } from "../../notifications/index.js";

// What the requester is told, scenario by scenario (有诉即办: 如实告知).
const t = handlingSuite("2026-03-02T09:00:00+08:00");
const { ctx, s } = t;
const deliver = () =>
  deliverOutboxOnce(ctx.handle.db, ctx.clock, new RecordingSmsProvider(ctx.handle.db, ctx.clock));
const onAppeal = (token: string, id: string, action: string, body: unknown) =>
  t.call("POST", `/api/v1/appeals/${id}/${action}`, { token, body });
const texts = async (id: string) => (await t.smsOf(id)).map((m) => `${m.kind}|${m.channel}|${m.text}`);

describe("one coherent text per event", () => {
  it("a refusal at the window replaces the held receipt: one text, with the tracking number and query code", async () => {
    const a = await t.newAppeal();
    const [receipt] = await t.smsOf(a.id);
    expect(receipt?.text).toContain("您的诉求已登记");
    // Held ten minutes for the window's decision.
    expect(receipt!.next_attempt_at.getTime() - ctx.clock.now().getTime()).toBe(10 * 60_000);
    expect((await deliver()).sent).toBe(0);
    const res = await t.call("POST", `/api/v1/appeals/${a.id}/reject`, {
      token: s.clerk.token,
      body: {
        reason: "petition",
        explanation: "属于信访事项，请向信访部门反映。",
        expectedVersion: a.version,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const told = await t.smsOf(a.id);
    expect(told.map((m) => m.kind)).toEqual(["appeal.rejected"]);
    expect(told[0]!.text).toContain(`受理编号${a.trackingNo}，查询码`);
    expect(told[0]!.text).toContain("不予受理");
    expect(told[0]!.text).not.toContain("已受理");
    const withdrawn = await ctx.handle.db
      .selectFrom("notification_outbox")
      .where("appeal_id", "=", a.id)
      .where("kind", "=", "appeal.received")
      .select("status")
      .executeTakeFirstOrThrow();
    expect(withdrawn.status).toBe("cancelled");
  });

  it("an answer on the spot replaces the held receipt; later, the receipt has gone out and the answer refers to it", async () => {
    const now = await t.newAppeal();
    await onAppeal(s.clerk.token, now.id, "resolve", {
      answer: "需携带身份证和经营场所证明。",
      expectedVersion: now.version,
    });
    expect((await t.smsOf(now.id)).map((m) => m.kind)).toEqual(["appeal.resolved"]);
    expect((await t.smsOf(now.id))[0]!.text).toContain("查询码");

    const later = await t.newAppeal();
    ctx.clock.advance(11 * 60_000);
    expect((await deliver()).sent).toBeGreaterThanOrEqual(1);
    await onAppeal(s.clerk.token, later.id, "resolve", {
      answer: "已电话答复。",
      expectedVersion: later.version,
    });
    const told = await t.smsOf(later.id);
    expect(told.map((m) => [m.kind, m.status])).toEqual([
      ["appeal.received", "sent"],
      ["appeal.resolved", "pending"],
    ]);
    expect(told[1]!.text).toContain(`（受理编号${later.trackingNo}）已办结`);
    expect(told[1]!.text).not.toContain("查询码");
  });

  it("an online appeal's receipt goes at once; only the closing text invites the rating (好差评)", async () => {
    const a = await t.newAppeal({ channel: "letter" });
    const [receipt] = await t.smsOf(a.id);
    expect(receipt!.next_attempt_at.getTime()).toBe(ctx.clock.now().getTime());
    const wo = await t.dispatchOk(a.id, { complexity: "general", leadDepartmentId: s.dept.a.id });
    await t.act(s.h.a.token, wo.id, "sign");
    await t.act(s.h.a.token, wo.id, "reply", { result: "已上门核实并处理。" });
    const appeal = await t.call("GET", `/api/v1/appeals/${a.id}`, { token: s.dispatcher.token });
    const closed = await onAppeal(s.dispatcher.token, a.id, "close", {
      note: "已核实",
      expectedVersion: appeal.body.version,
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const all = await texts(a.id);
    for (const t of all.slice(0, -1)) expect(t).not.toContain("评价");
    expect(all.at(-1)).toContain(`欢迎对办理结果作出评价：/portal/track?no=${a.trackingNo}`);
  });
});

describe("the texts of a whole handling, in order", () => {
  it("receipt → dispatched with its limit → extension with reason and new limit → answer → 销号 with the result", async () => {
    ctx.clock.set("2026-03-02T09:00:00+08:00");
    await t.relogin();
    const a = await t.newAppeal({ content: "小区门口路灯损坏已两周，夜间出行不便，请尽快维修。" });
    const wo = await t.dispatchOk(a.id, { complexity: "general", leadDepartmentId: s.dept.a.id });
    await t.act(s.h.a.token, wo.id, "sign");
    const req = await t.act(s.h.a.token, wo.id, "extensions", {
      until: "2026-03-12",
      reason: "需协调供电部门更换线路",
    });
    expect(req.status, JSON.stringify(req.body)).toBe(201);
    expect(
      (
        await t.call("POST", `/api/v1/extensions/${req.body.id}/approve`, {
          token: s.dispatcher.token,
          body: {},
        })
      ).status,
    ).toBe(200);
    await t.act(s.h.a.token, wo.id, "reply", { result: "已更换线路，路灯恢复照明。" });
    const replied = await t.call("GET", `/api/v1/appeals/${a.id}`, { token: s.dispatcher.token });
    await onAppeal(s.dispatcher.token, a.id, "close", {
      note: "已电话回访核实",
      expectedVersion: replied.body.version,
    });

    const told = await t.smsOf(a.id);
    expect(told.map((m) => m.kind)).toEqual([
      "appeal.received",
      "appeal.dispatched",
      "appeal.extension_approved",
      "appeal.replied",
      "appeal.closed",
    ]);
    const [received, dispatched, extended, answer, closed] = told.map((m) => m.text);
    expect(received).toContain(`您的诉求已登记，受理编号${a.trackingNo}，查询码`);
    // General: 3 days from Monday 03-02 → Thursday 03-05.
    expect(dispatched).toContain("已转市场监管局办理，办理时限至2026年3月5日（周四）");
    expect(extended).toContain("办理时限延长至2026年3月12日（周四），延期理由：需协调供电部门更换线路。");
    expect(answer).toContain("已由市场监管局答复：已更换线路，路灯恢复照明。");
    expect(closed).toContain("已办结销号。办理结果：已更换线路，路灯恢复照明。");
    for (const t of told.map((m) => m.text)) {
      expect(t.startsWith("【")).toBe(true);
      expect(t).not.toContain("已受理");
    }
    // Only the closing text invites the rating (好差评), with the link to rate.
    expect(told.slice(0, -1).some((m) => m.text.includes("评价"))).toBe(false);
    expect(closed).toContain("评价");
  });
});

describe("a landline cannot receive SMS: staff call instead (电话告知)", () => {
  it("puts the call on the to-do list after the hold, never sends it as SMS, and records each call once", async () => {
    const a = await t.newAppeal({
      requester: { name: "王五", phone: "010-62345678", address: "和平街3号" },
    });
    const [task] = await t.smsOf(a.id);
    expect(task).toMatchObject({ kind: "appeal.received", channel: "call", status: "pending" });
    const list = () => t.call("GET", "/api/v1/calls", { token: s.clerk.token });
    expect((await list()).body.items.map((t: { appealId: string }) => t.appealId)).not.toContain(a.id);

    ctx.clock.advance(10 * 60_000);
    await deliver();
    expect((await t.smsOf(a.id))[0]!.status).toBe("pending");
    const due = (await list()).body.items.find((t: { appealId: string }) => t.appealId === a.id);
    expect(due).toMatchObject({ kindLabel: "受理告知", phone: "010-****5678", attempts: 0 });
    expect(due.text).toContain(a.trackingNo);

    const record = (body: unknown, token = s.clerk.token) =>
      t.call("POST", `/api/v1/calls/${due.id}/outcome`, { token, body });
    const missed = await record({ reached: false, note: "无人接听", expectedAttempts: 0 });
    expect(missed.status, JSON.stringify(missed.body)).toBe(200);
    expect(missed.body.attempts).toBe(1);
    // Called again two hours later: off the list until then.
    expect((await list()).body.items.map((t: { id: string }) => t.id)).not.toContain(due.id);
    const stale = await record({ reached: true, expectedAttempts: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("VERSION_CONFLICT");
    ctx.clock.advance(2 * 3600_000);
    await t.relogin();
    expect((await list()).body.items.map((t: { id: string }) => t.id)).toContain(due.id);
    expect((await record({ reached: true, note: "已告知受理编号", expectedAttempts: 1 })).status).toBe(200);
    expect((await list()).body.items.map((t: { id: string }) => t.id)).not.toContain(due.id);
    expect((await t.smsOf(a.id))[0]!.status).toBe("sent");

    const called = (await t.eventsOf(s.dispatcher.token, a.id)).filter((e) => e.type === "requester_called");
    expect(called.map((e) => e.details.reached)).toEqual([false, true]);
    // Bad input and scope: a clear 400, 404 for an unknown task, 403 for a department.
    expect((await record({ reached: "yes", expectedAttempts: 2 })).status).toBe(400);
    expect(
      (
        await t.call("POST", "/api/v1/calls/999999/outcome", {
          token: s.clerk.token,
          body: { reached: true, expectedAttempts: 0 },
        })
      ).status,
    ).toBe(404);
    expect((await list().then(() => t.call("GET", "/api/v1/calls", { token: s.h.a.token }))).status).toBe(
      403,
    );
  });
});
