import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../../test/app.js";
import { appealBody, integrationToken, recordOk, windowClerk } from "../../../../../test/appeals.js";
import { loadTestNotice2027 } from "../../../../../test/factories.js";

// New Year's Eve 2026: the 2027 holiday notice is not out yet.
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-12-31T20:00:00+08:00" });

describe("provisional first-response deadlines", () => {
  it("are recomputed when the next year's holiday notice is loaded, with a timeline event", async () => {
    const system = await integrationToken(ctx);
    const clerk = await windowClerk(ctx);
    const open = await recordOk(ctx, system, appealBody({ channel: "hotline_12345" }));
    const answered = await recordOk(ctx, system, appealBody({ channel: "portal" }));
    // Without the 2027 notice, Friday 2027-01-01 looks like a working day.
    expect(open.respondBy).toBe("2027-01-01T23:59:59.999+08:00");
    expect(open.respondByProvisional).toBe(true);
    expect(open.receipt.respondBy.provisional).toBe(true);
    const ack = await call(ctx.app, "POST", `/api/v1/appeals/${answered.id}/acknowledge`, {
      token: clerk.token,
      body: { message: "已收到您的诉求，正在核实。" },
    });
    expect(ack.status).toBe(200);

    await loadTestNotice2027(ctx);

    const after = await call(ctx.app, "GET", `/api/v1/appeals/${open.id}`, { token: clerk.token });
    expect(after.body.respondBy).toBe("2027-01-04T23:59:59.999+08:00");
    expect(after.body.respondByProvisional).toBe(false);
    expect(after.body.version).toBe(open.version + 1);
    const events = await call(ctx.app, "GET", `/api/v1/appeals/${open.id}/events`, { token: clerk.token });
    const reconciled = events.body.find((e: { type: string }) => e.type === "deadline_reconciled");
    expect(reconciled).toMatchObject({
      actor: { kind: "system" },
      details: { field: "respondBy", year: 2027, kept: "recomputed" },
    });
    expect(reconciled.details.note).toContain("2027年1月4日");

    // The one already answered keeps its (now irrelevant) deadline and gets no event.
    const untouched = await call(ctx.app, "GET", `/api/v1/appeals/${answered.id}/events`, {
      token: clerk.token,
    });
    expect(untouched.body.map((e: { type: string }) => e.type)).toEqual(["received", "acknowledged"]);

    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("action", "=", "appeal.deadline.reconcile")
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ year: 2027, appeals: 1 });
  });
});
