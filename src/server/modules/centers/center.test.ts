import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createStaff } from "../../../../test/factories.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

describe("centers", () => {
  it("starts with one default county-level center", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const res = await call(ctx.app, "GET", "/api/v1/centers", { token: clerk.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        code: "default",
        name: "政务服务中心",
        level: "county",
        timezone: "Asia/Shanghai",
      }),
    ]);
  });

  it("adds a township below the county and refuses a level at or above the parent", async () => {
    const token = await adminToken(ctx);
    const [root] = (await call(ctx.app, "GET", "/api/v1/centers", { token })).body;
    const same = await call(ctx.app, "POST", "/api/v1/centers", {
      token,
      body: { code: "c2", name: "另一个县", level: "county", parentId: root.id },
    });
    expect(same.status).toBe(400);
    expect(same.body.error.details[0].path).toBe("level");
    const up = await call(ctx.app, "POST", "/api/v1/centers", {
      token,
      body: { code: "c3", name: "某市", level: "city", parentId: root.id },
    });
    expect(up.status).toBe(400);
    const badTz = await call(ctx.app, "POST", "/api/v1/centers", {
      token,
      body: { code: "c4", name: "某镇", level: "township", parentId: root.id, timezone: "Mars/Olympus" },
    });
    expect(badTz.body.error.details[0].path).toBe("timezone");
    const ok = await call(ctx.app, "POST", "/api/v1/centers", {
      token,
      body: {
        code: "town",
        name: "城关镇便民服务中心",
        level: "township",
        parentId: root.id,
        phone: "0571-88886666",
      },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ parentId: root.id, level: "township", timezone: "Asia/Shanghai" });
    const dup = await call(ctx.app, "POST", "/api/v1/centers", {
      token,
      body: { code: "town", name: "重复", level: "township", parentId: root.id },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].path).toBe("code");
    const n = await ctx.handle.db.selectFrom("centers").select("id").execute();
    expect(n).toHaveLength(2);

    // The new center starts with the shipped holiday notices and the default time limits.
    const townAdmin = await createStaff(ctx, { roles: ["dispatcher"], centerId: ok.body.id });
    const due = await call(
      ctx.app,
      "GET",
      "/api/v1/calendar/deadline?start=2025-09-30T10:00:00%2B08:00&rule=working_days&n=3",
      { token: townAdmin.token },
    );
    expect(due.status).toBe(200);
    expect(due.body).toMatchObject({ dueDate: "2025-10-11", provisional: false });
    const policy = await call(ctx.app, "GET", "/api/v1/time-limit-policy", { token: townAdmin.token });
    expect(policy.body.policy.general).toEqual({ rule: "calendar_days", n: 3 });
  });

  it("lets an admin edit its own and lower centers only", async () => {
    const token = await adminToken(ctx);
    const centers = (await call(ctx.app, "GET", "/api/v1/centers", { token })).body;
    const root = centers.find((c: { code: string }) => c.code === "default");
    const town = centers.find((c: { code: string }) => c.code === "town");
    const renamed = await call(ctx.app, "PATCH", `/api/v1/centers/${town.id}`, {
      token,
      body: { address: "城关镇人民路 1 号" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.address).toBe("城关镇人民路 1 号");
    const townAdmin = await createStaff(ctx, { roles: ["admin"], centerId: town.id });
    const up = await call(ctx.app, "PATCH", `/api/v1/centers/${root.id}`, {
      token: townAdmin.token,
      body: { name: "被篡改" },
    });
    expect(up.status).toBe(404);
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const denied = await call(ctx.app, "POST", "/api/v1/centers", {
      token: clerk.token,
      body: { code: "x", name: "x", level: "township", parentId: root.id },
    });
    expect(denied.status).toBe(403);
  });
});
