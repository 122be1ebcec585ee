import { describe, expect, it } from "vitest";
import { loadTestNotice2027 } from "../../../../../test/factories.js";
import { handlingSuite } from "../../../../../test/handling.js";

// Monday 2026-12-28; from Tuesday 12-29 the general limit (3 days) reaches into 2027, whose holiday notice is not loaded yet.
const t = handlingSuite("2026-12-28T10:00:00+08:00");
const { ctx, s } = t;

describe("provisional handling deadlines (ADR 0005)", () => {
  it("are recomputed for the order, its departments' inbox and the appeal when the year is loaded", async () => {
    const settled = await t.dispatchOk((await t.newAppeal()).id, {
      complexity: "simple",
      leadDepartmentId: s.dept.a.id,
    });
    // Simple: the reply within the general limit, 12-31 — inside the loaded year.
    expect(settled).toMatchObject({ dueAt: "2026-12-31T23:59:59.999+08:00", dueProvisional: false });

    ctx.clock.set("2026-12-29T10:00:00+08:00");
    await t.relogin();
    const appeal = await t.newAppeal();
    const wo = await t.dispatchOk(appeal.id, { complexity: "general", leadDepartmentId: s.dept.b.id });
    // 3 days: 2027-01-01, which looks like a working day until the notice is loaded.
    expect(wo).toMatchObject({ dueAt: "2027-01-01T23:59:59.999+08:00", dueProvisional: true });

    await loadTestNotice2027(ctx);

    const order = await t.call("GET", `/api/v1/work-orders/${wo.id}`, { token: s.h.b.token });
    expect(order.body).toMatchObject({
      dueAt: "2027-01-04T23:59:59.999+08:00",
      dueProvisional: false,
      version: wo.version + 1,
    });
    expect(order.body.dueExplanation).toContain("元旦");
    const inbox = await t.call("GET", "/api/v1/work-orders?department=mine", { token: s.h.b.token });
    expect(inbox.body.items.find((x: { id: string }) => x.id === wo.id).dueAt).toBe(
      "2027-01-04T23:59:59.999+08:00",
    );
    const a = await t.call("GET", `/api/v1/appeals/${appeal.id}`, { token: s.dispatcher.token });
    expect(a.body).toMatchObject({ dueAt: "2027-01-04T23:59:59.999+08:00", dueProvisional: false });
    const event = (await t.eventsOf(s.dispatcher.token, appeal.id)).at(-1)!;
    expect(event).toMatchObject({
      type: "deadline_reconciled",
      details: { field: "dueAt", workOrderId: wo.id, kept: "recomputed", year: 2027 },
    });
    const untouched = await t.call("GET", `/api/v1/work-orders/${settled.id}`, {
      token: s.dispatcher.token,
    });
    expect(untouched.body.version).toBe(settled.version);
  });
});
