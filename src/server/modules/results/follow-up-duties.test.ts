import { describe, expect, it } from "vitest";
import { adminToken } from "../../../../test/factories.js";
import { handlingSuite } from "../../../../test/handling.js";

/**
 * 回访任务 (docs/metrics.md "Follow-up duties"): a closed appeal owes a call unless the requester
 * rated; a bad rating on the portal owes one within 1 working day, tracked on the supervision
 * register; recording a follow-up discharges the appeal's duties. Monday 2026-03-02 09:00.
 */
const t = handlingSuite("2026-03-02T09:00:00+08:00");
const { ctx, s } = t;

// biome-ignore lint/suspicious/noExplicitAny: free-form JSON of the API
type Any = any;
const a: Record<string, Any> = {};

async function closedAppeal(): Promise<Any> {
  const { appeal } = await t.repliedAppeal("已答复。");
  const res = await t.call("POST", `/api/v1/appeals/${appeal.id}/close`, {
    token: s.dispatcher.token,
    body: {},
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return appeal;
}
const queue = async (query = "", token = s.clerk.token) => {
  const res = await t.call("GET", `/api/v1/follow-up-duties${query}`, { token });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: Any[]; nextCursor: string | null };
};
const rate = (appeal: Any, body: Record<string, unknown>) =>
  t.call("POST", `/api/v1/public/appeals/${appeal.trackingNo}/rating`, {
    body: { queryCode: appeal.queryCode, ...body },
  });
const followUp = (appeal: Any, body: Record<string, unknown>) =>
  t.call("POST", `/api/v1/appeals/${appeal.id}/follow-ups`, {
    token: s.clerk.token,
    body: { method: "phone", reached: true, ...body },
  });
const dutiesOf = (appealId: string) =>
  ctx.handle.db
    .selectFrom("follow_up_duties")
    .selectAll()
    .where("appeal_id", "=", appealId)
    .orderBy("id")
    .execute();

describe("follow-up duties (回访任务)", () => {
  it("every closed appeal is due a follow-up within the policy's 3 working days, queued soonest first", async () => {
    for (const k of ["a", "b", "c", "d"]) a[k] = await closedAppeal();
    const all = await queue();
    expect(all.items.map((d) => d.appealId)).toEqual([a.a.id, a.b.id, a.c.id, a.d.id]);
    expect(all.items[0]).toMatchObject({
      reason: "closed",
      reasonLabel: "办结回访",
      status: "open",
      light: "green",
      trackingNo: a.a.trackingNo,
    });
    // Closed on Monday: Tuesday, Wednesday, Thursday → due by the end of Thursday 03-05.
    expect(all.items[0].dueAt.slice(0, 10)).toBe("2026-03-05");

    // Keyset pages: disjoint, in order, the last one says so.
    const p1 = await queue("?limit=3");
    expect(p1.items).toHaveLength(3);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = await queue(`?limit=3&cursor=${p1.nextCursor}`);
    expect(p2.items.map((d) => d.appealId)).toEqual([a.d.id]);
    expect(p2.nextCursor).toBeNull();
    await t.expectRefused(
      () => t.call("GET", "/api/v1/follow-up-duties?cursor=abc", { token: s.clerk.token }),
      400,
      "VALIDATION_FAILED",
      "cursor",
    );
    // The queue is for window, dispatcher and supervisor staff.
    expect((await t.call("GET", "/api/v1/follow-up-duties", { token: s.h.a.token })).status).toBe(403);

    // The 工作台 of the window staff lists them under 待回访.
    const todos = await t.call("GET", "/api/v1/todos", { token: s.clerk.token });
    const section = todos.body.sections.find((x: Any) => x.code === "follow_ups");
    expect(section).toMatchObject({ title: "待回访", link: "/follow-ups" });
    expect(section.items.map((i: Any) => i.appealId)).toEqual([a.a.id, a.b.id, a.c.id, a.d.id]);
  });

  it("a rating on the portal makes the call unnecessary; a bad one is due a call within 1 working day", async () => {
    expect((await rate(a.a, { level: 5, resolved: true })).status).toBe(201);
    expect(await dutiesOf(a.a.id)).toEqual([expect.objectContaining({ reason: "closed", status: "waived" })]);

    ctx.clock.set("2026-03-02T09:20:00+08:00");
    const bad = await rate(a.b, { level: 1, comment: "答复敷衍" });
    expect(bad.status, JSON.stringify(bad.body)).toBe(201);
    const b = await dutiesOf(a.b.id);
    expect(b.map((d) => [d.reason, d.status])).toEqual([
      ["closed", "waived"],
      ["bad_rating", "open"],
    ]);
    const open = await queue("?reason=bad_rating");
    expect(open.items).toHaveLength(1);
    expect(open.items[0]).toMatchObject({
      appealId: a.b.id,
      reasonLabel: "差评回访",
      ratingLevel: 1,
      ratingLevelLabel: "非常不满意",
      ratingComment: "答复敷衍",
    });
    // Rated Monday 09:20 → 1 working day → the end of Tuesday 03-03.
    expect(open.items[0].dueAt.slice(0, 10)).toBe("2026-03-03");
    expect((await queue("?status=waived")).items.map((d) => d.appealId)).toEqual([a.b.id, a.a.id]);

    // Tracked on the supervision register like every limit.
    const item = await ctx.handle.db
      .selectFrom("supervision_items")
      .selectAll()
      .where("target_kind", "=", "follow_up")
      .where("target_id", "=", b[1]!.id)
      .executeTakeFirstOrThrow();
    expect(item.closed_at).toBeNull();
    expect(item.due_at.getTime()).toBe(b[1]!.due_at.getTime());
  });

  it("an overdue bad-rating follow-up surfaces on the board and is 督办 for the center, not the department", async () => {
    ctx.clock.set("2026-03-04T10:00:00+08:00");
    await t.relogin();
    const sweep = await t.call("POST", "/api/v1/supervision/sweep", { token: await adminToken(ctx) });
    expect(sweep.status).toBe(200);
    const records = await ctx.handle.db
      .selectFrom("supervision_records")
      .selectAll()
      .where("target_kind", "=", "follow_up")
      .where("kind", "=", "supervision")
      .execute();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ appeal_id: a.b.id, department_id: null, status: "open" });
    const late = (await queue("?reason=bad_rating")).items[0];
    expect(late).toMatchObject({ light: "red", countdown: "已超期 1 个工作日" });
    // The 督办单 counts for 中心（未分办）, not for 税务局 whose 工作单 it was (docs/metrics.md).
    const leader = await t.call(
      "GET",
      "/api/v1/stats/summary?from=2026-03-01&to=2026-03-31&groupBy=department",
      {
        token: await adminToken(ctx),
      },
    );
    expect(leader.status).toBe(200);
    const byKey = Object.fromEntries(leader.body.groups.map((g: Any) => [g.key, g.supervised]));
    expect(byKey["0"]).toBe(1);
    expect(byKey[s.dept.b.id]).toBe(0);
  });

  it("recording a follow-up discharges the duty, ends the tracked limit and resolves its 督办单", async () => {
    const res = await followUp(a.b, { comment: "已电话致歉并说明整改安排" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const b = await dutiesOf(a.b.id);
    expect(b[1]).toMatchObject({ reason: "bad_rating", status: "done", follow_up_id: res.body.id });
    const item = await ctx.handle.db
      .selectFrom("supervision_items")
      .select("closed_at")
      .where("target_kind", "=", "follow_up")
      .where("target_id", "=", b[1]!.id)
      .executeTakeFirstOrThrow();
    expect(item.closed_at).not.toBeNull();
    const order = await ctx.handle.db
      .selectFrom("supervision_records")
      .select("status")
      .where("target_kind", "=", "follow_up")
      .executeTakeFirstOrThrow();
    expect(order.status).toBe("resolved");
    expect((await queue("?reason=bad_rating")).items).toHaveLength(0);
    expect((await queue("?status=done")).items[0]).toMatchObject({
      appealId: a.b.id,
      followUpId: res.body.id,
    });
  });

  it("a rating given on the call is the follow-up: no further duty, even when it is bad", async () => {
    const good = await followUp(a.c, { level: 4, resolved: true });
    expect(good.status).toBe(201);
    expect((await dutiesOf(a.c.id)).map((d) => [d.reason, d.status])).toEqual([["closed", "done"]]);
    const bad = await followUp(a.d, { level: 2, resolved: false, comment: "仍未解决" });
    expect(bad.status).toBe(201);
    expect((await dutiesOf(a.d.id)).map((d) => [d.reason, d.status])).toEqual([["closed", "done"]]);
    const rect = await ctx.handle.db
      .selectFrom("rectifications")
      .select("status")
      .where("appeal_id", "=", a.d.id)
      .execute();
    expect(rect).toEqual([{ status: "open" }]);
    expect((await queue()).items).toHaveLength(0);
  });

  it("an appeal closed again after the requester rated is not due another call", async () => {
    const closedBefore = await t.call("GET", `/api/v1/appeals/${a.a.id}`, { token: s.dispatcher.token });
    const reopened = await t.call("POST", `/api/v1/appeals/${a.a.id}/reopen`, {
      token: s.dispatcher.token,
      body: { reason: "诉求人反映仍有疑问", expectedVersion: closedBefore.body.version },
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    const wo = await t.dispatchOk(a.a.id, { complexity: "simple", leadDepartmentId: s.dept.b.id });
    await t.act(s.h.b.token, wo.id, "sign");
    expect((await t.act(s.h.b.token, wo.id, "reply", { result: "再次答复。" })).status).toBe(200);
    const closed = await t.call("POST", `/api/v1/appeals/${a.a.id}/close`, {
      token: s.dispatcher.token,
      body: {},
    });
    expect(closed.status).toBe(200);
    expect((await dutiesOf(a.a.id)).map((d) => [d.reason, d.status])).toEqual([["closed", "waived"]]);
    // A fresh appeal closed now is due again (the rule, not a one-off).
    const e = await closedAppeal();
    expect((await queue()).items.map((d) => d.appealId)).toEqual([e.id]);
  });
});
