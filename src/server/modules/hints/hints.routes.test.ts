import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { createStaff, login } from "../../../../test/factories.js";
import { insertCenter } from "../centers/index.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });

const PHONE = "13812345678";

async function record(username: string, password: string, at: string, phone: string, content: string) {
  ctx.clock.set(at);
  const { token } = await login(ctx, username, password);
  const r = await call(ctx.app, "POST", "/api/v1/appeals", {
    token,
    body: {
      channel: "phone",
      type: "complaint",
      requester: { name: "赵先生", phone, addressDeclined: true },
      content,
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; trackingNo: string };
}

describe("POST /api/v1/intake/hints", () => {
  it("finds earlier appeals of the same phone in the last 30 days with similar content, best first", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const u = clerk.user.username;
    const p = clerk.password;
    await record(u, p, "2026-01-20T10:00:00+08:00", PHONE, "小区路灯坏了三个月没人修，晚上很黑"); // > 30 days ago
    const lamp = await record(u, p, "2026-02-25T10:00:00+08:00", PHONE, "小区路灯坏了三个月没人修");
    const lamp2 = await record(
      u,
      p,
      "2026-02-27T10:00:00+08:00",
      PHONE,
      "小区的路灯还是坏的，晚上很黑，一直没人修理",
    );
    await record(u, p, "2026-02-28T10:00:00+08:00", PHONE, "办理营业执照需要什么材料");
    await record(u, p, "2026-02-28T11:00:00+08:00", "13900001111", "小区路灯坏了三个月没人修");

    ctx.clock.set("2026-03-02T09:00:00+08:00");
    const { token } = await login(ctx, u, p);
    const r = await call(ctx.app, "POST", "/api/v1/intake/hints", {
      token,
      body: { phone: "138-1234-5678", content: "小区的路灯坏了，晚上很黑，三个月了没人修理" },
    });
    expect(r.status).toBe(200);
    expect(r.body.hints).toEqual([]);
    const repeats = r.body.possibleRepeats as {
      id: string;
      similarity: number;
      receivedAt: string;
      contentPreview: string;
    }[];
    expect(repeats.map((x) => x.id).sort()).toEqual([lamp.id, lamp2.id].sort());
    expect(repeats[0]?.similarity).toBeGreaterThanOrEqual(repeats[1]?.similarity ?? 0);
    for (const x of repeats) expect(x.similarity).toBeGreaterThanOrEqual(0.3);
    const first = repeats.find((x) => x.id === lamp.id);
    expect(first).toMatchObject({
      trackingNo: lamp.trackingNo,
      receivedAt: "2026-02-25T10:00:00.000+08:00",
      status: "received",
      contentPreview: "小区路灯坏了三个月没人修",
    });
  });

  it("does not show another center's appeals", async () => {
    const db = ctx.handle.db;
    const other = await insertCenter(db, {
      code: "hints-other",
      name: "另一中心",
      level: "county",
      parentId: null,
      timezone: "Asia/Shanghai",
      address: null,
      phone: null,
      now: ctx.clock.now(),
    });
    const theirClerk = await createStaff(ctx, { roles: ["window"], centerId: other.id });
    const r = await call(ctx.app, "POST", "/api/v1/intake/hints", {
      token: theirClerk.token,
      body: { phone: PHONE, content: "小区路灯坏了三个月没人修" },
    });
    expect(r.status).toBe(200);
    expect(r.body.possibleRepeats).toEqual([]);
  });

  it("suggests emergency lines and statutory procedures as the clerk types", async () => {
    const clerk = await createStaff(ctx, { roles: ["dispatcher"] });
    const r = await call(ctx.app, "POST", "/api/v1/intake/hints", {
      token: clerk.token,
      body: { content: "楼下饭店着火了，还有人受伤，另外我已经向法院起诉了物业" },
    });
    expect(r.status).toBe(200);
    expect(r.body.hints.map((h: { number?: string; kind: string }) => h.number ?? h.kind)).toEqual([
      "119",
      "120",
      "legal_procedure",
    ]);
    expect(r.body.possibleRepeats).toEqual([]);
    const partial = await call(ctx.app, "POST", "/api/v1/intake/hints", {
      token: clerk.token,
      body: { phone: "138", content: "" },
    });
    expect(partial.body).toEqual({ hints: [], possibleRepeats: [] });
  });

  it("is for front-desk staff only and validates its input", async () => {
    const dept = await createStaff(ctx, { roles: ["supervisor"] });
    expect(
      (
        await call(ctx.app, "POST", "/api/v1/intake/hints", {
          token: dept.token,
          body: { content: "着火了" },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(ctx.app, "POST", "/api/v1/intake/hints", { body: { content: "着火了" } })).status,
    ).toBe(401);
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const bad = await call(ctx.app, "POST", "/api/v1/intake/hints", {
      token: clerk.token,
      body: { phone: "abc", content: "x" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("phone");
    const long = await call(ctx.app, "POST", "/api/v1/intake/hints", {
      token: clerk.token,
      body: { content: "长".repeat(4001) },
    });
    expect(long.status).toBe(400);
  });
});
