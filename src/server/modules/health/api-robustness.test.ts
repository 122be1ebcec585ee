import { describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createStaff } from "../../../../test/factories.js";

/**
 * Bad ids and cursors on the foundation endpoints: always a 400 (or 404) with
 * the API.md error shape, never a 500 from the database (bigint overflow).
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

/** One more than the largest bigint (9223372036854775807), and 19 nines. */
const OVERFLOW = ["9223372036854775808", "9999999999999999999"];

describe("ids and cursors beyond bigint", () => {
  it("id path params answer 400 with the field path, never 500", async () => {
    const token = await adminToken(ctx);
    for (const id of ["abc", "-1", "1.5", ...OVERFLOW]) {
      const reqs: [string, string, unknown?][] = [
        ["GET", `/api/v1/departments/${id}`],
        ["PATCH", `/api/v1/departments/${id}`, { name: "改名" }],
        ["GET", `/api/v1/users/${id}`],
        ["PATCH", `/api/v1/users/${id}`, { displayName: "x" }],
        ["POST", `/api/v1/users/${id}/unlock`, {}],
        ["PATCH", `/api/v1/centers/${id}`, { name: "x" }],
        ["DELETE", `/api/v1/integration-tokens/${id}`],
      ];
      for (const [method, url, body] of reqs) {
        const r = await call(ctx.app, method as "GET", url, { token, body });
        expect(r.status, `${method} ${url}`).toBe(400);
        expect(r.body.error.code).toBe("VALIDATION_FAILED");
        expect(r.body.error.details[0].path).toBe("id");
      }
    }
  });

  it("the largest bigint is a valid id: 404, not 400 or 500", async () => {
    const token = await adminToken(ctx);
    const r = await call(ctx.app, "GET", "/api/v1/departments/9223372036854775807", { token });
    expect(r.status).toBe(404);
  });

  it("id fields in bodies and queries beyond bigint answer 400", async () => {
    const token = await adminToken(ctx);
    const r = await call(ctx.app, "POST", "/api/v1/users", {
      token,
      body: {
        username: "overflow_user",
        password: "Strong#Pass2026x",
        displayName: "溢出",
        roles: ["department"],
        departmentId: OVERFLOW[1],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe("departmentId");
  });

  it("list cursors beyond bigint answer 400", async () => {
    const token = await adminToken(ctx);
    const auditor = await createStaff(ctx, { roles: ["auditor"] });
    for (const c of OVERFLOW) {
      const urls: [string, string][] = [
        [`/api/v1/users?cursor=${c}`, token],
        [`/api/v1/audit?cursor=${c}`, auditor.token],
        [`/api/v1/audit?actorId=${c}`, auditor.token],
        [`/api/v1/sms-messages?cursor=${c}`, token],
        [`/api/v1/notifications/outbox?cursor=${c}`, token],
      ];
      for (const [url, t] of urls) {
        const r = await call(ctx.app, "GET", url, { token: t });
        expect(r.status, url).toBe(400);
        expect(r.body.error.code).toBe("VALIDATION_FAILED");
      }
    }
  });

  it("crafted appeal and work-order cursors and a lead department beyond bigint answer 400", async () => {
    const dispatcher = await createStaff(ctx, { roles: ["dispatcher"] });
    const appealCursor = Buffer.from(
      JSON.stringify(["received", "2026-03-02T01:00:00.000Z", OVERFLOW[0]]),
    ).toString("base64url");
    const orderCursor = Buffer.from(JSON.stringify(["2026-03-02T01:00:00.000Z", OVERFLOW[0]])).toString(
      "base64url",
    );
    for (const url of [
      `/api/v1/appeals?cursor=${appealCursor}`,
      `/api/v1/work-orders?cursor=${orderCursor}`,
    ]) {
      const r = await call(ctx.app, "GET", url, { token: dispatcher.token });
      expect(r.status, url).toBe(400);
    }
    const r = await call(ctx.app, "POST", "/api/v1/appeals/1/dispatch", {
      token: dispatcher.token,
      body: { complexity: "general", leadDepartmentId: OVERFLOW[1] },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe("leadDepartmentId");
  });
});

describe("sign-in is checked before input", () => {
  it("anonymous calls with bad input answer 401, not a validation error", async () => {
    const reqs: [string, string, unknown?][] = [
      ["PUT", "/api/v1/calendar/days/2026-02-30", { kind: "nope" }],
      ["GET", "/api/v1/calendar/deadline?rule=nope"],
      ["GET", "/api/v1/calendar/days?from=x&to=y"],
      ["POST", "/api/v1/calendar/import?year=abc", { year: "x" }],
      ["GET", "/api/v1/calendar/export?year=abc"],
      ["PUT", "/api/v1/time-limit-policy", { policy: 1 }],
      ["POST", "/api/v1/intake/hints", { phone: 1 }],
      ["GET", "/api/v1/sms-messages?cursor=abc"],
      ["GET", "/api/v1/notifications/outbox?cursor=abc"],
      ["POST", "/api/v1/appeals", { channel: "nope" }],
      ["GET", "/api/v1/appeals?limit=abc"],
      ["GET", "/api/v1/appeals/abc"],
      ["POST", "/api/v1/appeals/abc/reject", { reason: 1 }],
      ["POST", "/api/v1/supervision/orders", { targetKind: "x" }],
      ["GET", "/api/v1/supervision/board?light=purple"],
      ["GET", "/api/v1/supervision/items?kind=x"],
      ["GET", "/api/v1/notifications/inbox?cursor=abc"],
      ["POST", "/api/v1/notifications/inbox/abc/read", {}],
    ];
    for (const [method, url, body] of reqs) {
      const r = await call(ctx.app, method as "GET", url, { body });
      expect(r.status, `${method} ${url}`).toBe(401);
      expect(r.body.error.code).toBe("UNAUTHENTICATED");
    }
  });
});

describe("unreadable bodies", () => {
  it("malformed or empty JSON answers 400 VALIDATION_FAILED with the body path", async () => {
    const token = await adminToken(ctx);
    for (const payload of ["{bad", ""]) {
      const res = await ctx.app.inject({
        method: "POST",
        url: "/api/v1/departments",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        payload,
      });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body.error.code).toBe("VALIDATION_FAILED");
      expect(body.error.details).toEqual([{ path: "body", message: expect.stringContaining("JSON") }]);
    }
  });
});
