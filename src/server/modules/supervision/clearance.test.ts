import { describe, expect, it } from "vitest";
import { handlingSuite } from "../../../../test/handling.js";

// Monday 2026-03-02.
const t = handlingSuite("2026-03-02T09:00:00+08:00");
const { ctx, s } = t;
const report = (qs: string, token = s.dispatcher.token) =>
  t.call("GET", `/api/v1/reports/clearance?${qs}`, { token });

describe("销号清零: a period's appeals until every one is finished", () => {
  it("counts received, finished and open, and lists the open ones with their limits, oldest first", async () => {
    const answered = await t.newAppeal();
    await t.call("POST", `/api/v1/appeals/${answered.id}/resolve`, {
      token: s.clerk.token,
      body: { answer: "已当场答复。", expectedVersion: answered.version },
    });
    const waiting = await t.newAppeal();
    const handled = await t.newAppeal();
    const wo = await t.dispatchOk(handled.id, { complexity: "simple", leadDepartmentId: s.dept.a.id });
    // The next day's appeal is outside the period.
    ctx.clock.set("2026-03-03T09:00:00+08:00");
    await t.relogin();
    const nextDay = await t.newAppeal();

    const r = await report("from=2026-03-02&to=2026-03-02");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ received: 3, finished: 1, open: 2, cleared: false });
    expect(r.body.byStatus.find((b: { status: string }) => b.status === "dispatched").count).toBe(1);
    expect(r.body.items.map((i: { appealId: string }) => i.appealId)).toEqual([waiting.id, handled.id]);
    expect(r.body.items[0].limits.map((l: { kind: string }) => l.kind)).toEqual(["review"]);
    // The simple order: 研究部署 (due 03-02, now overdue) and the reply (3 days).
    expect(r.body.items[1].limits.map((l: { kind: string; light: string }) => [l.kind, l.light])).toEqual([
      ["deployment", "red"],
      ["work_order", "green"],
    ]);
    expect(r.body.items.map((i: { appealId: string }) => i.appealId)).not.toContain(nextDay.id);

    // Keyset pages give every open appeal once.
    const p1 = await report("from=2026-03-02&to=2026-03-03&limit=2");
    const p2 = await report(`from=2026-03-02&to=2026-03-03&limit=2&cursor=${p1.body.nextCursor}`);
    expect([...p1.body.items, ...p2.body.items].map((i: { appealId: string }) => i.appealId)).toEqual([
      waiting.id,
      handled.id,
      nextDay.id,
    ]);
    expect(p2.body.nextCursor).toBeNull();

    // Finishing the rest clears the period.
    await t.call("POST", `/api/v1/appeals/${waiting.id}/reject`, {
      token: s.dispatcher.token,
      body: { reason: "other", explanation: "不属于受理范围。", expectedVersion: waiting.version },
    });
    await t.act(s.h.a.token, wo.id, "sign", {
      deployment: { handler: "赵市场", measures: "电话联系并核实" },
    });
    await t.act(s.h.a.token, wo.id, "reply", { result: "已核实并答复。" });
    const replied = await t.call("GET", `/api/v1/appeals/${handled.id}`, {
      token: s.dispatcher.token,
    });
    expect(
      (
        await t.call("POST", `/api/v1/appeals/${handled.id}/close`, {
          token: s.dispatcher.token,
          body: { note: "已核实", expectedVersion: replied.body.version },
        })
      ).status,
    ).toBe(200);
    const done = await report("from=2026-03-02&to=2026-03-02");
    expect(done.body).toMatchObject({ received: 3, finished: 3, open: 0, cleared: true, items: [] });

    const xlsx = await t.call("GET", "/api/v1/reports/clearance/export?from=2026-03-02&to=2026-03-03", {
      token: s.dispatcher.token,
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.res.headers["content-type"]).toContain("spreadsheetml");
    expect(xlsx.res.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("refuses a bad period with the field, and roles without the report", async () => {
    const bad = async (qs: string, path: string) => {
      const r = await report(qs);
      expect(r.status, qs).toBe(400);
      expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await bad("from=2026-03-05&to=2026-03-02", "to");
    await bad("from=2026-02-30&to=2026-03-02", "from");
    await bad("to=2026-03-02", "from");
    await bad("from=2026-03-01&to=03/02", "to");
    expect((await report("from=2026-03-02&to=2026-03-02", s.h.a.token)).status).toBe(403);
  });
});
