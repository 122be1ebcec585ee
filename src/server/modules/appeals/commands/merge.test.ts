import { describe, expect, it } from "vitest";
import { createStaff } from "../../../../../test/factories.js";
import { handlingSuite } from "../../../../../test/handling.js";
import { insertCenter } from "../../centers/index.js";
import { foldRollups } from "../../results/index.js";

const t = handlingSuite("2026-03-02T09:00:00+08:00");
const { s, ctx } = t;

const repeatOf = (phone: string) =>
  t.newAppeal({
    content: "幸福小区三号楼门口的路灯坏了三个月没人修，晚上很黑",
    requester: { name: "孙七", phone, addressDeclined: true },
  });
const merge = (id: string, body: Record<string, unknown>, token = s.dispatcher.token) =>
  t.call("POST", `/api/v1/appeals/${id}/merge`, { token, body });

async function statsRow(): Promise<{
  received: number;
  merged: number;
  accepted: number;
  dispatched: number;
}> {
  // The rollup as the background fold leaves it (requests append deltas).
  await foldRollups(ctx.handle.db);
  const r = await ctx.handle.db
    .selectFrom("stats_daily")
    .select((eb) => [
      eb.fn.sum<string>("received").as("received"),
      eb.fn.sum<string>("merged").as("merged"),
      eb.fn.sum<string>("accepted").as("accepted"),
      eb.fn.sum<string>("dispatched").as("dispatched"),
    ])
    .executeTakeFirstOrThrow();
  return {
    received: Number(r.received),
    merged: Number(r.merged),
    accepted: Number(r.accepted),
    dispatched: Number(r.dispatched),
  };
}

describe("POST /api/v1/appeals/{id}/merge (重复诉求并单)", () => {
  it("merges a repeat into the original: status, link, events, audit, SMS, tracking, stats", async () => {
    const original = await repeatOf("13811110001");
    await t.dispatchOk(original.id, { complexity: "simple", leadDepartmentId: s.dept.a.id });
    const repeat = await repeatOf("13922220002");
    const before = await statsRow();

    const r = await merge(repeat.id, { intoAppealId: original.id, expectedVersion: 1 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id: repeat.id, status: "merged", mergedIntoId: original.id, version: 2 });

    const link = await ctx.handle.db
      .selectFrom("appeal_links")
      .selectAll()
      .where("repeat_appeal_id", "=", repeat.id)
      .executeTakeFirstOrThrow();
    expect(link).toMatchObject({
      main_appeal_id: original.id,
      kind: "merged",
      created_by: s.dispatcher.user.id,
    });
    const evRepeat = await t.eventsOf(s.dispatcher.token, repeat.id);
    expect(evRepeat.at(-1)).toMatchObject({
      type: "merged",
      details: { intoTrackingNo: original.trackingNo },
    });
    const evOriginal = await t.eventsOf(s.dispatcher.token, original.id);
    expect(evOriginal.at(-1)).toMatchObject({
      type: "repeat_merged",
      details: { repeatTrackingNo: repeat.trackingNo },
    });
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "appeal.merge")
      .where("entity_id", "=", repeat.id)
      .execute();
    expect(audit).toHaveLength(1);

    // The repeat's requester is told, through the outbox like every status message.
    const sms = await t.smsOf(repeat.id);
    const merged = sms.find((m) => m.kind === "appeal.merged");
    expect(merged?.recipient_phone).toBe("13922220002");
    expect(merged?.text).toContain(repeat.trackingNo);
    expect(merged?.text).toContain("合并办理");

    // The public page of the repeat follows the original's progress.
    const page = await t.call(
      "GET",
      `/api/v1/public/appeals/${repeat.trackingNo}?queryCode=${repeat.queryCode}`,
    );
    expect(page.status).toBe(200);
    expect(page.body.status).toBe("merged");
    expect(page.body.statusText).toBe("已与相同诉求合并办理");
    expect(page.body.following).toMatchObject({ status: "dispatched", statusText: "正在办理" });
    expect(page.body.following.steps.map((x: { text: string }) => x.text)).toContain("已交相关部门办理");
    expect(JSON.stringify(page.body)).not.toContain(original.trackingNo);

    // Counted once: received as a contact, merged, never accepted or dispatched on its own.
    const after = await statsRow();
    expect(after.merged - before.merged).toBe(1);
    expect(after.accepted - before.accepted).toBe(0);
    expect(after.dispatched - before.dispatched).toBe(0);
    expect(after.received - before.received).toBe(0);
    const leader = await createStaff(ctx, { roles: ["leader"] });
    const sum = await t.call("GET", "/api/v1/stats/summary?from=2026-03-01&to=2026-03-31", {
      token: leader.token,
    });
    expect(sum.status).toBe(200);
    expect(sum.body.totals).toMatchObject({ received: 2, merged: 1, accepted: 1, dispatched: 1 });
  });

  it("tells the repeat's requester when the original ends (办结), once, under the repeat's number", async () => {
    const original = await repeatOf("13811110021");
    const wo = await t.dispatchOk(original.id, { complexity: "simple", leadDepartmentId: s.dept.a.id });
    const repeat = await repeatOf("13922220022");
    expect((await merge(repeat.id, { intoAppealId: original.id })).status).toBe(200);
    await t.act(s.h.a.token, wo.id, "sign");
    await t.act(s.h.a.token, wo.id, "reply", { result: "路灯已更换并恢复照明" });
    const shown = await t.call("GET", `/api/v1/appeals/${original.id}`, { token: s.dispatcher.token });
    const close = await t.call("POST", `/api/v1/appeals/${original.id}/close`, {
      token: s.dispatcher.token,
      body: { expectedVersion: shown.body.version },
    });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    const told = (await t.smsOf(repeat.id)).filter((m) => m.kind === "appeal.merged_outcome");
    expect(told).toHaveLength(1);
    expect(told[0]?.recipient_phone).toBe("13922220022");
    expect(told[0]?.text).toContain(repeat.trackingNo);
    expect(told[0]?.text).toContain("合并办理的诉求已办结");
    expect(told[0]?.text).not.toContain(original.trackingNo);
    // The original's requester gets the usual close-out text.
    expect((await t.smsOf(original.id)).some((m) => m.kind === "appeal.closed")).toBe(true);
  });

  it("refuses bad merges with clear errors and writes nothing", async () => {
    const original = await repeatOf("13811110011");
    const repeat = await repeatOf("13811110012");
    await t.expectRefused(
      () => merge(repeat.id, { intoAppealId: repeat.id }),
      400,
      "VALIDATION_FAILED",
      "intoAppealId",
    );
    await t.expectRefused(
      () => merge(repeat.id, { intoAppealId: "99999999" }),
      404,
      "NOT_FOUND",
      "intoAppealId",
    );
    await t.expectRefused(() => merge(repeat.id, { intoAppealId: "abc" }), 400, "VALIDATION_FAILED");
    await t.expectRefused(
      () => merge(repeat.id, { intoAppealId: original.id, expectedVersion: 7 }),
      409,
      "VERSION_CONFLICT",
    );
    await t.expectRefused(
      () => merge(repeat.id, { intoAppealId: original.id }, s.clerk.token),
      403,
      "FORBIDDEN",
    );

    // Into a finished appeal.
    const finished = await repeatOf("13811110013");
    const resolved = await t.call("POST", `/api/v1/appeals/${finished.id}/resolve`, {
      token: s.clerk.token,
      body: { answer: "已当场解答" },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const e1 = await t.expectRefused(
      () => merge(repeat.id, { intoAppealId: finished.id }),
      409,
      "ILLEGAL_TRANSITION",
    );
    expect(e1.message).toMatch(/已办结/);

    // A repeat already dispatched keeps its own 工作单.
    const dispatched = await repeatOf("13811110014");
    await t.dispatchOk(dispatched.id, { complexity: "simple", leadDepartmentId: s.dept.b.id });
    const e2 = await t.expectRefused(
      () => merge(dispatched.id, { intoAppealId: original.id }),
      409,
      "ILLEGAL_TRANSITION",
    );
    expect(e2.message).toMatch(/尚未分办/);

    // Into an appeal of another center: invisible.
    const other = await insertCenter(ctx.handle.db, {
      code: "merge-other",
      name: "另一中心",
      level: "county",
      parentId: null,
      timezone: "Asia/Shanghai",
      address: null,
      phone: null,
      now: ctx.clock.now(),
    });
    const theirClerk = await createStaff(ctx, { roles: ["window"], centerId: other.id });
    const theirs = await t.call("POST", "/api/v1/appeals", {
      token: theirClerk.token,
      body: {
        channel: "onsite",
        type: "complaint",
        requester: { name: "外中心", phone: "13800009999", addressDeclined: true },
        content: "幸福小区三号楼门口的路灯坏了三个月没人修",
      },
    });
    expect(theirs.status).toBe(201);
    await t.expectRefused(
      () => merge(repeat.id, { intoAppealId: theirs.body.id }),
      404,
      "NOT_FOUND",
      "intoAppealId",
    );

    // Merged already, into a merged one, and chains.
    const third = await repeatOf("13811110015");
    expect((await merge(repeat.id, { intoAppealId: original.id })).status).toBe(200);
    await t.expectRefused(() => merge(repeat.id, { intoAppealId: original.id }), 409, "ILLEGAL_TRANSITION");
    const e3 = await t.expectRefused(
      () => merge(third.id, { intoAppealId: repeat.id }),
      409,
      "ILLEGAL_TRANSITION",
    );
    expect(e3.message).toMatch(/已并单/);
    await t.expectRefused(() => merge(original.id, { intoAppealId: third.id }), 409, "ILLEGAL_TRANSITION");
  });

  it("lets one of two concurrent merges of the same repeat win; the other gets 409", async () => {
    const a = await repeatOf("13811110021");
    const b = await repeatOf("13811110022");
    const repeat = await repeatOf("13811110023");
    const results = await Promise.all([
      merge(repeat.id, { intoAppealId: a.id, expectedVersion: 1 }),
      merge(repeat.id, { intoAppealId: b.id, expectedVersion: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const links = await ctx.handle.db
      .selectFrom("appeal_links")
      .selectAll()
      .where("repeat_appeal_id", "=", repeat.id)
      .execute();
    expect(links).toHaveLength(1);
  });
});
