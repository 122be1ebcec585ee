import { describe, expect, it } from "vitest";
import { call } from "../../../../../test/app.js";
import { createStaff } from "../../../../../test/factories.js";
import { dispatchOk, type Handling, handlingApp, newAppeal } from "../../../../../test/handling.js";

/**
 * The requester's full phone number only through the reveal rule (a permitted
 * role, a reason, a timeline event and an audit entry): not on a printed
 * 工作单 by default, and a search by number confirms nothing to a role that
 * may not reveal it.
 */
let s: Handling;
const ctx = handlingApp("2026-03-02T09:00:00+08:00", (h) => {
  s = h;
});

const PHONE = "13987654321";

async function order() {
  const appeal = await newAppeal(ctx, s, {
    requester: { name: "赵六", phone: PHONE, address: "和平街 2 号" },
  });
  const wo = await dispatchOk(ctx, s, appeal.id, { complexity: "general", leadDepartmentId: s.dept.a.id });
  return { appeal, wo };
}

describe("phone numbers on the printed 工作单", () => {
  it("prints the masked number for every role by default", async () => {
    const { wo } = await order();
    const leader = await createStaff(ctx, { roles: ["leader"] });
    for (const token of [s.h.a.token, s.dispatcher.token, leader.token]) {
      const res = await call(ctx.app, "GET", `/api/v1/work-orders/${wo.id}/print`, { token });
      expect(res.status).toBe(200);
      expect(res.body).not.toContain(PHONE);
      expect(res.body).toContain("139****4321");
    }
  });

  it("prints the full number for a role that may reveal it, with a reason, logged like a reveal", async () => {
    const { appeal, wo } = await order();
    const res = await call(
      ctx.app,
      "GET",
      `/api/v1/work-orders/${wo.id}/print?revealReason=${encodeURIComponent("部门需电话联系诉求人")}`,
      { token: s.dispatcher.token },
    );
    expect(res.status).toBe(200);
    expect(res.body).toContain(`<td>${PHONE}</td>`);
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("entity_id", "=", appeal.id)
      .where("action", "=", "appeal.phone.reveal")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ reason: "部门需电话联系诉求人" });

    for (const token of [s.h.a.token, (await createStaff(ctx, { roles: ["leader"] })).token]) {
      const refused = await call(
        ctx.app,
        "GET",
        `/api/v1/work-orders/${wo.id}/print?revealReason=${encodeURIComponent("想看看")}`,
        { token },
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("FORBIDDEN");
    }
  });
});

describe("searching by phone number", () => {
  it("finds the appeal for a role that may reveal the number, and confirms nothing to one that may not", async () => {
    const { appeal } = await order();
    const q = `/api/v1/appeals?q=${PHONE}`;
    const found = await call(ctx.app, "GET", q, { token: s.dispatcher.token });
    expect(found.body.items.map((a: { id: string }) => a.id)).toContain(appeal.id);
    const leader = await createStaff(ctx, { roles: ["leader"] });
    const none = await call(ctx.app, "GET", q, { token: leader.token });
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
  });
});
