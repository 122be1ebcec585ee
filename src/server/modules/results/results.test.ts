import { describe, expect, it } from "vitest";
import { call } from "../../../../test/app.js";
import { adminToken, createStaff, login } from "../../../../test/factories.js";
import {
  act,
  dispatchOk,
  expectRefused,
  type Handling,
  handlingApp,
  newAppeal,
  relogin,
} from "../../../../test/handling.js";

/**
 * 好差评, 回访, 整改 and the figures, end to end through the API on a real database. The month
 * below is small enough to count by hand; every expected number is derived in the comments.
 */

let s: Handling;
const ctx = handlingApp("2026-03-02T09:00:00+08:00", (h) => {
  s = h;
});

const post = (url: string, body: unknown, token?: string) => call(ctx.app, "POST", url, { token, body });
const rate = (a: { trackingNo: string; queryCode: string }, body: Record<string, unknown>) =>
  post(`/api/v1/public/appeals/${a.trackingNo}/rating`, { queryCode: a.queryCode, ...body });
const count = async (table: "ratings" | "rectifications" | "follow_ups") =>
  Number(
    (
      await ctx.handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function finishThroughDepartment(appealId: string) {
  const wo = await dispatchOk(ctx, s, appealId, { complexity: "general", leadDepartmentId: s.dept.a.id });
  await act(ctx, s.h.a.token, wo.id, "sign");
  return wo;
}

async function summary(token: string, query = "from=2026-03-01&to=2026-03-31") {
  const res = await call(ctx.app, "GET", `/api/v1/stats/summary?${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe("ratings, rectification and the three rates", () => {
  // biome-ignore lint/suspicious/noExplicitAny: free-form JSON of the API
  const a: Record<string, any> = {};
  let leader = "";

  it("builds a hand-countable month", async () => {
    const lead = await createStaff(ctx, { roles: ["leader"], displayName: "李主任" });
    // A5: online appeal on Monday 09:00, first response owed by the end of Tuesday.
    const portal = await post("/api/v1/public/appeals", {
      channel: "portal",
      type: "complaint",
      requester: { name: "周五", phone: "13900001111", address: "和平街2号" },
      content: "小区门口道路破损多日无人修理",
    });
    expect(portal.status).toBe(201);
    a.a5 = portal.body;
    // A1: window → 市场监管局, replied at once, closed: on time.
    a.a1 = await newAppeal(ctx, s);
    const wo1 = await finishThroughDepartment(a.a1.id);
    expect((await act(ctx, s.h.a.token, wo1.id, "reply", { result: "已答复所需材料。" })).status).toBe(200);
    expect((await post(`/api/v1/appeals/${a.a1.id}/close`, {}, s.dispatcher.token)).status).toBe(200);
    // A3: answered on the spot. A4: refused.
    a.a3 = await newAppeal(ctx, s);
    expect(
      (await post(`/api/v1/appeals/${a.a3.id}/resolve`, { answer: "当场答复。" }, s.clerk.token)).status,
    ).toBe(200);
    a.a4 = await newAppeal(ctx, s);
    const rej = await post(
      `/api/v1/appeals/${a.a4.id}/reject`,
      { reason: "invalid", explanation: "诉求内容不明确" },
      s.clerk.token,
    );
    expect(rej.status, JSON.stringify(rej.body)).toBe(200);
    // A2: dispatched Monday (due Thursday 03-05), replied the next Monday: overdue.
    a.a2 = await newAppeal(ctx, s);
    const wo2 = await finishThroughDepartment(a.a2.id);
    ctx.clock.set("2026-03-09T10:00:00+08:00");
    await relogin(ctx, s);
    leader = (await login(ctx, lead.user.username, lead.password)).token;
    // The sweep finds A2's 工作单 and A5's first response overdue: a 督办单 each.
    const sweep = await post("/api/v1/supervision/sweep", {}, await adminToken(ctx));
    expect(sweep.body).toMatchObject({ supervisions: 2 });
    expect((await act(ctx, s.h.a.token, wo2.id, "reply", { result: "已修复。" })).status).toBe(200);
    expect((await post(`/api/v1/appeals/${a.a2.id}/close`, {}, s.dispatcher.token)).status).toBe(200);
    // A5 acknowledged a week late.
    const a5 = await ctx.handle.db
      .selectFrom("appeals")
      .select("id")
      .where("tracking_no", "=", a.a5.trackingNo)
      .executeTakeFirstOrThrow();
    a.a5.id = a5.id;
    const ack = await post(
      `/api/v1/appeals/${a5.id}/acknowledge`,
      { message: "已收到，正在核实。" },
      s.clerk.token,
    );
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
  });

  it("the closing SMS invites the rating with the portal link", async () => {
    const sms = await ctx.handle.db
      .selectFrom("notification_outbox")
      .select("text")
      .where("appeal_id", "=", a.a1.id)
      .where("kind", "=", "appeal.closed")
      .executeTakeFirstOrThrow();
    expect(sms.text).toContain(`评价：/portal/track?no=${a.a1.trackingNo}`);
  });

  it("refuses bad input with the field path, an unfinished appeal, a wrong code, a second rating — writing nothing", async () => {
    await expectRefused(ctx, () => rate(a.a1, { level: 6 }), 400, "VALIDATION_FAILED", "level");
    await expectRefused(ctx, () => rate(a.a1, { level: "5" }), 400, "VALIDATION_FAILED", "level");
    await expectRefused(
      ctx,
      () => rate(a.a1, { level: 5, comment: "好".repeat(501) }),
      400,
      "VALIDATION_FAILED",
      "comment",
    );
    await expectRefused(ctx, () => rate({ ...a.a1, queryCode: "000000" }, { level: 5 }), 404, "NOT_FOUND");
    await expectRefused(ctx, () => rate(a.a5, { level: 5 }), 409, "CONFLICT");
    expect(await count("ratings")).toBe(0);

    const ok = await rate(a.a1, { level: 5, resolved: true, comment: "很满意" });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ level: 5, levelLabel: "非常满意", round: 1, source: "portal" });
    const again = await rate(a.a1, { level: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("已评价");
    expect(await count("ratings")).toBe(1);
    expect(await count("rectifications")).toBe(0);
  });

  it("a bad rating opens a rectification for the lead department, on the supervision register", async () => {
    expect((await rate(a.a3, { level: 3, resolved: true })).status).toBe(201);
    const bad = await rate(a.a2, { level: 2, resolved: false, comment: "路面仍有坑" });
    expect(bad.status).toBe(201);
    const list = await call(ctx.app, "GET", "/api/v1/rectifications?status=open", { token: s.h.a.token });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const rect = list.body.items[0];
    // 5 working days from Monday 03-09: the end of Monday 03-16.
    expect(rect).toMatchObject({ appealId: a.a2.id, departmentId: s.dept.a.id, level: 2, status: "open" });
    expect(rect.dueAt).toBe(new Date("2026-03-16T23:59:59.999+08:00").toISOString());
    // Another department does not see it and cannot complete it.
    const other = await call(ctx.app, "GET", "/api/v1/rectifications", { token: s.h.b.token });
    expect(other.body.items).toHaveLength(0);
    await expectRefused(
      ctx,
      () => post(`/api/v1/rectifications/${rect.id}/complete`, { result: "已整改" }, s.h.b.token),
      404,
      "NOT_FOUND",
    );
    const item = await ctx.handle.db
      .selectFrom("supervision_items")
      .select(["closed_at", "department_ids"])
      .where("target_kind", "=", "rectification")
      .where("target_id", "=", rect.id)
      .executeTakeFirstOrThrow();
    expect(item.closed_at).toBeNull();

    // The requester may not rate again until the rectification is completed.
    expect((await rate(a.a2, { level: 4 })).status).toBe(409);
    await expectRefused(
      ctx,
      () => post(`/api/v1/rectifications/${rect.id}/complete`, {}, s.h.a.token),
      400,
      "VALIDATION_FAILED",
      "result",
    );
    const done = await post(
      `/api/v1/rectifications/${rect.id}/complete`,
      { result: "已重新铺设路面并回访" },
      s.h.a.token,
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: "done", completedByName: "赵市场" });
    expect(
      (await post(`/api/v1/rectifications/${rect.id}/complete`, { result: "再次" }, s.h.a.token)).status,
    ).toBe(409);
    const closed = await ctx.handle.db
      .selectFrom("supervision_items")
      .select("closed_at")
      .where("target_kind", "=", "rectification")
      .where("target_id", "=", rect.id)
      .executeTakeFirstOrThrow();
    expect(closed.closed_at).not.toBeNull();

    const state = await call(
      ctx.app,
      "GET",
      `/api/v1/public/appeals/${a.a2.trackingNo}/rating?queryCode=${a.a2.queryCode}`,
    );
    expect(state.body).toMatchObject({ canRate: true, rectification: { status: "done" } });
    const second = await rate(a.a2, { level: 4, resolved: true });
    expect(second.status).toBe(201);
    expect(second.body.round).toBe(2);
    expect((await rate(a.a2, { level: 5 })).status).toBe(409);
  });

  it("records follow-up calls; a level given on the phone is the requester's rating", async () => {
    const url = (id: string) => `/api/v1/appeals/${id}/follow-ups`;
    await expectRefused(
      ctx,
      () => post(url(a.a4.id), { method: "fax", reached: true }, s.clerk.token),
      400,
      "VALIDATION_FAILED",
      "method",
    );
    await expectRefused(
      ctx,
      () => post(url(a.a4.id), { method: "phone", reached: false, level: 4 }, s.clerk.token),
      400,
      "VALIDATION_FAILED",
      "level",
    );
    const missed = await post(
      url(a.a3.id),
      { method: "phone", reached: false, comment: "无人接听" },
      s.clerk.token,
    );
    expect(missed.status).toBe(201);
    expect(
      (await post(url(a.a3.id), { method: "phone", reached: true, level: 5 }, s.clerk.token)).status,
    ).toBe(409);
    const call4 = await post(
      url(a.a4.id),
      { method: "phone", reached: true, level: 4, resolved: false },
      s.clerk.token,
    );
    expect(call4.status, JSON.stringify(call4.body)).toBe(201);
    expect(call4.body.ratingId).not.toBeNull();
    const ratings = await call(ctx.app, "GET", `/api/v1/appeals/${a.a4.id}/ratings`, {
      token: s.dispatcher.token,
    });
    expect(ratings.body.ratings).toMatchObject([{ level: 4, source: "follow_up" }]);
  });

  it("a center marks a rating disputed (申诉复核): still visible, counted separately", async () => {
    const ratings = await call(ctx.app, "GET", `/api/v1/appeals/${a.a2.id}/ratings`, {
      token: s.dispatcher.token,
    });
    const first = ratings.body.ratings[0];
    await expectRefused(
      ctx,
      () => post(`/api/v1/ratings/${first.id}/dispute`, { reason: "" }, s.dispatcher.token),
      400,
      "VALIDATION_FAILED",
      "reason",
    );
    const d = await post(
      `/api/v1/ratings/${first.id}/dispute`,
      { reason: "诉求人所述与事实不符" },
      s.dispatcher.token,
    );
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ disputed: true, level: 2 });
    expect(
      (await post(`/api/v1/ratings/${first.id}/dispute`, { reason: "再次申诉" }, s.dispatcher.token)).status,
    ).toBe(409);
  });

  it("reproduces every figure by hand (docs/metrics.md)", async () => {
    const body = await summary(leader, "from=2026-03-01&to=2026-03-31&groupBy=department");
    // received: A1–A5. rejected: A4. resolvedOnSpot: A3. dispatched: A1, A2.
    // accepted (first decision not a refusal): A1, A2, A3. closed: A1, A2.
    // responded: A1–A5 once each; on time: all but A5 (acknowledged a week after its limit) → 4/5.
    // supervised: the 督办单 on A2's 工作单 (市场监管局) and on A5's first response (the center).
    // 按期办结: A1 replied by its limit, A2 after it → 1/2.
    // rated (first ratings): A1 5, A3 3, A2 2, A4 4 (by phone) → 4; A2's second rating is not counted.
    // satisfied = levels 5, 4 + 1.0 × level 3 = 3 → 3/4; resolved by requester: A1, A3 → 2/4.
    expect(body.totals).toMatchObject({
      received: 5,
      rejected: 1,
      resolvedOnSpot: 1,
      dispatched: 2,
      accepted: 3,
      closed: 2,
      responded: 5,
      respondedOnTime: 4,
      onTime: 1,
      overdue: 1,
      rated: 4,
      satisfied: 3,
      bad: 1,
      resolvedByRequester: 2,
      disputed: 1,
      rectificationsOpened: 1,
      rectificationsDone: 1,
      supervised: 2,
      responseRate: 0.8,
      resolutionRate: 0.5,
      satisfactionRate: 0.75,
      onTimeRate: 0.5,
    });
    // 市场监管局 answers for A1 and A2 from dispatch on: 2 dispatched, 2 closed, ratings 5 and 2.
    const dept = body.groups.find((g: { key: string }) => g.key === s.dept.a.id);
    expect(dept).toMatchObject({
      label: "市场监管局",
      dispatched: 2,
      closed: 2,
      rated: 2,
      bad: 1,
      satisfactionRate: 0.5,
      onTimeRate: 0.5,
      supervised: 1,
    });
    const center = body.groups.find((g: { key: string }) => g.key === "0");
    expect(center).toMatchObject({ label: "中心（未分办）", received: 5, rated: 2 });
    // Another month is empty: rates are null, not 0.
    const empty = await summary(leader, "from=2026-04-01&to=2026-04-30");
    expect(empty.totals).toMatchObject({ received: 0, rated: 0, satisfactionRate: null, onTimeRate: null });
  });

  it("weighs 基本满意 by the center's policy and groups by day for the trend", async () => {
    const admin = await adminToken(ctx);
    const current = await call(ctx.app, "GET", "/api/v1/time-limit-policy", { token: admin });
    const put = (policy: unknown) =>
      call(ctx.app, "PUT", "/api/v1/time-limit-policy", {
        token: admin,
        body: { policy, expectedVersion: current.body.version },
      });
    const tooLong = await put({ ...current.body.policy, rectification: { rule: "working_days", n: 20 } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].path).toBe("policy.rectification.n");
    expect((await put({ ...current.body.policy, basicSatisfiedWeight: 0.5 })).status).toBe(200);
    const half = await summary(leader);
    // 5 + 4 + 0.5 × 3 → 2.5 of 4.
    expect(half).toMatchObject({
      basicSatisfiedWeight: 0.5,
      totals: { satisfied: 2.5, satisfactionRate: 0.625 },
    });
    const days = await summary(leader, "from=2026-03-01&to=2026-03-31&groupBy=day");
    expect(days.groups.map((g: { key: string }) => g.key)).toEqual(["2026-03-02", "2026-03-09"]);
    expect(days.groups[0]).toMatchObject({ received: 5, closed: 1 });
  });

  it("two ratings at once: one is taken, the other answers 409", async () => {
    const fresh = await newAppeal(ctx, s);
    expect(
      (await post(`/api/v1/appeals/${fresh.id}/resolve`, { answer: "已答复。" }, s.clerk.token)).status,
    ).toBe(200);
    const [x, y] = await Promise.all([rate(fresh, { level: 5 }), rate(fresh, { level: 1 })]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
    expect((x.status === 409 ? x : y).body.error.code).toBe("CONFLICT");
    const rows = await ctx.handle.db
      .selectFrom("ratings")
      .select("level")
      .where("appeal_id", "=", fresh.id)
      .execute();
    expect(rows).toHaveLength(1);
    // Nothing half-written: a rectification only if the bad one won.
    const rects = await ctx.handle.db
      .selectFrom("rectifications")
      .select("id")
      .where("appeal_id", "=", fresh.id)
      .execute();
    expect(rects).toHaveLength(rows[0]!.level <= 2 ? 1 : 0);
  });

  it("guards the summary: reversed periods, bad dates, roles", async () => {
    const bad = await call(ctx.app, "GET", "/api/v1/stats/summary?from=2026-03-31&to=2026-03-01", {
      token: leader,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("to");
    const missing = await call(ctx.app, "GET", "/api/v1/stats/summary?from=2026-03-01", { token: leader });
    expect(missing.status).toBe(400);
    const clerk = await call(ctx.app, "GET", "/api/v1/stats/summary?from=2026-03-01&to=2026-03-31", {
      token: s.clerk.token,
    });
    expect(clerk.status).toBe(403);
    // A department sees its own figures only.
    const own = await summary(s.h.a.token);
    expect(own.totals).toMatchObject({ received: 0, dispatched: 2, rated: 2 });
  });
});
