import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../test/app.js";
import { adminToken, createStaff } from "../../../test/factories.js";

/**
 * Text PostgreSQL cannot store (a NUL byte) or UTF-8 cannot encode (an unpaired
 * UTF-16 surrogate) is refused at the validation layer with a 400 naming the
 * field — on every route, signed in or not — instead of failing in the database.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

const NUL = "王\u0000五";
const LONE_HIGH = "李\ud800四";
const LONE_LOW = "\udc00张三";

function expectRefused(
  r: { status: number; body: { error?: { code: string; details: { path: string }[] } } },
  path: string,
) {
  expect(r.status).toBe(400);
  expect(r.body.error?.code).toBe("VALIDATION_FAILED");
  expect(r.body.error?.details.map((d) => d.path)).toContain(path);
}

describe("hostile text", () => {
  it("public intake refuses a NUL byte or a lone surrogate in the requester's name and content", async () => {
    for (const bad of [NUL, LONE_HIGH, LONE_LOW]) {
      const r = await call(ctx.app, "POST", "/api/v1/public/appeals", {
        body: {
          channel: "portal",
          type: "complaint",
          requester: { name: bad, phone: "13800138000" },
          content: "小区门口路灯坏了一个月，晚上出行很不方便。",
        },
      });
      expectRefused(r, "requester.name");
    }
    const r = await call(ctx.app, "POST", "/api/v1/public/appeals", {
      body: {
        channel: "portal",
        type: "complaint",
        requester: { name: "王五", phone: "13800138000" },
        content: `路灯坏了${LONE_HIGH}很久`,
      },
    });
    expectRefused(r, "content");
  });

  it("login refuses hostile usernames and passwords with 400, not 500", async () => {
    for (const [body, path] of [
      [{ username: NUL, password: "whatever123" }, "username"],
      [{ username: "admin", password: LONE_LOW }, "password"],
    ] as const) {
      const r = await call(ctx.app, "POST", "/api/v1/auth/login", { body });
      expectRefused(r, path);
    }
  });

  it("staff writes, queries and path params refuse them too", async () => {
    const token = await adminToken(ctx);
    expectRefused(
      await call(ctx.app, "POST", "/api/v1/departments", { token, body: { code: "D1", name: NUL } }),
      "name",
    );
    const dispatcher = await createStaff(ctx, { roles: ["dispatcher"] });
    expectRefused(
      await call(ctx.app, "GET", `/api/v1/appeals?q=${encodeURIComponent("\u0000")}`, {
        token: dispatcher.token,
      }),
      "q",
    );
    expectRefused(
      await call(ctx.app, "GET", `/api/v1/public/appeals/${encodeURIComponent("A\u0000")}?queryCode=123456`),
      "trackingNo",
    );
  });

  it("a hostile object key is refused as well", async () => {
    const token = await adminToken(ctx);
    const r = await call(ctx.app, "POST", "/api/v1/departments", {
      token,
      body: { code: "D2", name: "部门", "x\u0000": 1 },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION_FAILED");
  });
});
