import { describe, expect, it } from "vitest";
import { call } from "../../../../../test/app.js";
import {
  dispatchOk,
  eventsOf,
  type Handling,
  handlingApp,
  newAppeal,
  relogin,
} from "../../../../../test/handling.js";
import type { UserActor } from "../../../http/actor.js";
import { importCalendarYear } from "../../calendar/index.js";

// Monday 2026-12-28; from Tuesday 12-29 the general limit (3 days) reaches into 2027, whose holiday notice is not loaded yet.
let s: Handling;
const ctx = handlingApp("2026-12-28T10:00:00+08:00", (h) => {
  s = h;
});

async function adminActor(): Promise<UserActor> {
  const a = await ctx.handle.db
    .selectFrom("users")
    .where("username", "=", "admin")
    .select(["id", "username", "display_name", "center_id"])
    .executeTakeFirstOrThrow();
  return {
    kind: "user",
    userId: a.id,
    username: a.username,
    displayName: a.display_name,
    post: null,
    roles: ["admin"],
    centerId: a.center_id,
    departmentId: null,
    via: "bearer",
    sessionTokenHash: "",
  };
}

describe("provisional handling deadlines (ADR 0005)", () => {
  it("are recomputed for the order, its departments' inbox and the appeal when the year is loaded", async () => {
    const settled = await dispatchOk(ctx, s, (await newAppeal(ctx, s)).id, {
      complexity: "simple",
      leadDepartmentId: s.dept.a.id,
    });
    // Simple: the reply within the general limit, 12-31 — inside the loaded year.
    expect(settled).toMatchObject({ dueAt: "2026-12-31T23:59:59.999+08:00", dueProvisional: false });

    ctx.clock.set("2026-12-29T10:00:00+08:00");
    await relogin(ctx, s);
    const appeal = await newAppeal(ctx, s);
    const wo = await dispatchOk(ctx, s, appeal.id, { complexity: "general", leadDepartmentId: s.dept.b.id });
    // 3 days: 2027-01-01, which looks like a working day until the notice is loaded.
    expect(wo).toMatchObject({ dueAt: "2027-01-01T23:59:59.999+08:00", dueProvisional: true });

    await importCalendarYear(
      ctx.handle.db,
      ctx.app.deps.events,
      await adminActor(),
      {
        year: 2027,
        source: "国务院办公厅关于2027年部分节假日安排的通知（测试）",
        days: [
          { date: "2027-01-01", kind: "holiday", name: "元旦" },
          { date: "2027-01-02", kind: "holiday", name: "元旦" },
          { date: "2027-01-03", kind: "holiday", name: "元旦" },
        ],
      },
      { now: ctx.clock.now(), ip: null },
    );

    const order = await call(ctx.app, "GET", `/api/v1/work-orders/${wo.id}`, { token: s.h.b.token });
    expect(order.body).toMatchObject({
      dueAt: "2027-01-04T23:59:59.999+08:00",
      dueProvisional: false,
      version: wo.version + 1,
    });
    expect(order.body.dueExplanation).toContain("元旦");
    const inbox = await call(ctx.app, "GET", "/api/v1/work-orders?department=mine", { token: s.h.b.token });
    expect(inbox.body.items.find((x: { id: string }) => x.id === wo.id).dueAt).toBe(
      "2027-01-04T23:59:59.999+08:00",
    );
    const a = await call(ctx.app, "GET", `/api/v1/appeals/${appeal.id}`, { token: s.dispatcher.token });
    expect(a.body).toMatchObject({ dueAt: "2027-01-04T23:59:59.999+08:00", dueProvisional: false });
    const event = (await eventsOf(ctx, s.dispatcher.token, appeal.id)).at(-1)!;
    expect(event).toMatchObject({
      type: "deadline_reconciled",
      details: { field: "dueAt", workOrderId: wo.id, kept: "recomputed", year: 2027 },
    });
    const untouched = await call(ctx.app, "GET", `/api/v1/work-orders/${settled.id}`, {
      token: s.dispatcher.token,
    });
    expect(untouched.body.version).toBe(settled.version);
  });
});
