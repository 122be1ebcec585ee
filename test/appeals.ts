import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { insertCenter } from "../src/server/modules/centers/index.js";
import { call, type TestContext } from "./app.js";
import { adminToken, createStaff } from "./factories.js";

/** Shared set-up for the appeal suites (test-only module). */

let seq = 0;

/** A valid create body; override any field. */
export function appealBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq++;
  return {
    channel: "onsite",
    type: "inquiry",
    requester: { name: "张三", phone: "13812345678", address: "幸福路1号" },
    content: `我想咨询办理营业执照需要什么材料（${seq}）`,
    ...over,
  };
}

/** An integration token (12345 hotline by default) created through the admin API. */
export async function integrationToken(ctx: TestContext, source = "hotline_12345"): Promise<string> {
  const res = await call(ctx.app, "POST", "/api/v1/integration-tokens", {
    token: await adminToken(ctx),
    body: { name: `对接-${source}-${randomBytes(2).toString("hex")}`, source },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.token as string;
}

export async function windowClerk(ctx: TestContext, over: { displayName?: string; post?: string } = {}) {
  return createStaff(ctx, {
    roles: ["window"],
    displayName: over.displayName ?? "李窗口",
    post: over.post ?? "有诉即办窗口受理员",
  });
}

/** A second center (for scope tests), inserted directly. */
export async function otherCenter(ctx: TestContext, name = "另一政务服务中心") {
  return insertCenter(ctx.handle.db, {
    code: `c${randomBytes(3).toString("hex")}`,
    name,
    level: "county",
    parentId: null,
    timezone: "Asia/Shanghai",
    address: null,
    phone: null,
    now: ctx.clock.now(),
  });
}

/** A window clerk of a second center (for scope tests). */
export async function otherCenterClerk(ctx: TestContext) {
  const center = await otherCenter(ctx);
  const staff = await createStaff(ctx, { roles: ["window"], centerId: center.id });
  return { ...staff, centerId: center.id, centerCode: center.code };
}

/** Records an appeal and asserts 201. */
// biome-ignore lint/suspicious/noExplicitAny: test responses are free-form JSON
export async function recordOk(ctx: TestContext, token: string, body = appealBody()): Promise<any> {
  const res = await call(ctx.app, "POST", "/api/v1/appeals", { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export async function countRows(
  ctx: TestContext,
  table: "appeals" | "appeal_events" | "notification_outbox" | "audit_log",
): Promise<number> {
  const r = await ctx.handle.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
