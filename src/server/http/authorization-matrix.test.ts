import { beforeAll, describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../test/app.js";
import { integrationToken } from "../../../test/appeals.js";
import { adminToken, createStaff } from "../../../test/factories.js";
import { dispatchOk, newAppeal, setupHandling } from "../../../test/handling.js";
import type { Role } from "../../contracts/enums.js";

/**
 * The authorization matrix, generated from the route table (等保 2.0 access control, 三员分立).
 * Every API route the app registers must have a rule below — a new route without one fails
 * this test — and its guard must declare exactly that rule. Then every route is called by every
 * caller (anonymous, each staff role, an integration token): callers outside the rule must be
 * refused (401 anonymous, 403 otherwise) before input is read, callers inside it must get past
 * the guard. Scope (center, department) is checked by the services: the last test shows a
 * department reaching another department's work order gets 404.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

type Rule =
  /** No sign-in (public portal, login, health, API docs). */
  | "public"
  /** Any signed-in staff user, checked in the handler (no guard): /me. */
  | "self"
  /** Any signed-in staff user (allow([])). */
  | "staff"
  /** These staff roles (and integration tokens when `integration`). */
  | { roles: Role[]; integration?: true };

const r = (...roles: Role[]): Rule => ({ roles });
const READERS = r("window", "dispatcher", "supervisor", "leader", "admin", "department");
const ORDER_READERS = r("dispatcher", "supervisor", "leader", "admin", "department");

/** The declared rules. Adding a route means adding its line here, on purpose. */
const ROUTE_RULES: Record<string, Rule> = {
  "GET /api/docs": "public",
  "GET /api/docs/static/index.html": "public",
  "GET /api/docs/static/swagger-initializer.js": "public",
  "GET /api/docs/json": "public",
  "GET /api/docs/yaml": "public",
  "GET /api/docs/static/*": "public",
  "GET /api/openapi.json": "public",
  "GET /api/health": "public",
  "POST /api/v1/auth/login": "public",
  "POST /api/v1/auth/logout": "public",
  "GET /api/v1/auth/csrf": "staff",
  "GET /api/v1/me": "self",
  "POST /api/v1/me/password": "staff",
  "POST /api/v1/users": r("admin"),
  "GET /api/v1/users": r("admin"),
  "GET /api/v1/users/:id": r("admin"),
  "PATCH /api/v1/users/:id": r("admin"),
  "POST /api/v1/users/:id/reset-password": r("admin"),
  "POST /api/v1/users/:id/unlock": r("admin"),
  "GET /api/v1/me/profile": "staff",
  "PATCH /api/v1/me/profile": "staff",
  "GET /api/v1/me/mfa": "staff",
  "POST /api/v1/me/mfa/totp": "staff",
  "POST /api/v1/me/mfa/totp/confirm": "staff",
  "POST /api/v1/users/:id/mfa/reset": r("admin"),
  "GET /api/v1/security/settings": r("admin", "auditor", "security_officer"),
  // The admin only while no security officer is designated (checked in the service, tested below).
  "PUT /api/v1/security/settings": r("admin", "security_officer"),
  "POST /api/v1/departments": r("admin"),
  "GET /api/v1/departments": "staff",
  "GET /api/v1/departments/:id": "staff",
  "PATCH /api/v1/departments/:id": r("admin"),
  "GET /api/v1/centers": { roles: [], integration: true },
  "POST /api/v1/centers": r("admin"),
  "PATCH /api/v1/centers/:id": r("admin"),
  "POST /api/v1/integration-tokens": r("admin"),
  "GET /api/v1/integration-tokens": r("admin"),
  "DELETE /api/v1/integration-tokens/:id": r("admin"),
  "GET /api/v1/audit": r("auditor"),
  "GET /api/v1/audit/export": r("auditor"),
  "GET /api/v1/audit/verify": r("auditor"),
  "GET /api/v1/calendar/deadline": "staff",
  "GET /api/v1/calendar/days": "staff",
  "PUT /api/v1/calendar/days/:date": r("admin"),
  "GET /api/v1/calendar/years": "staff",
  "PUT /api/v1/calendar/years/:year": r("admin"),
  "POST /api/v1/calendar/import": r("admin"),
  "GET /api/v1/calendar/export": "staff",
  "GET /api/v1/time-limit-policy": "staff",
  "PUT /api/v1/time-limit-policy": r("admin"),
  "GET /api/v1/sms-messages": r("admin"),
  "GET /api/v1/notifications/outbox": r("admin"),
  "POST /api/v1/public/appeals": "public",
  "GET /api/v1/public/appeals/:trackingNo": "public",
  "GET /api/v1/public/notice": "public",
  "POST /api/v1/intake/hints": r("window", "dispatcher"),
  "POST /api/v1/appeals": { roles: ["window", "dispatcher"], integration: true },
  "GET /api/v1/appeals": READERS,
  "GET /api/v1/appeals/inbox": r("window", "dispatcher"),
  "GET /api/v1/appeals/:id": READERS,
  "GET /api/v1/appeals/:id/events": READERS,
  "GET /api/v1/appeals/:id/receipt": READERS,
  "POST /api/v1/appeals/:id/acknowledge": r("window", "dispatcher"),
  "POST /api/v1/appeals/:id/reject": r("window", "dispatcher"),
  "POST /api/v1/appeals/:id/resolve": r("window", "dispatcher"),
  "POST /api/v1/appeals/:id/reveal-phone": r("window", "dispatcher", "supervisor", "admin"),
  "GET /api/v1/appeals/:id/dispatch-preview": r("dispatcher"),
  "POST /api/v1/appeals/:id/dispatch": r("dispatcher"),
  "GET /api/v1/appeals/:id/work-orders": READERS,
  "GET /api/v1/appeals/:id/transfers": READERS,
  "POST /api/v1/appeals/:id/transfer": r("dispatcher"),
  "POST /api/v1/appeals/:id/refer": r("dispatcher"),
  "POST /api/v1/appeals/:id/close": r("dispatcher"),
  "POST /api/v1/appeals/:id/rework": r("dispatcher"),
  "POST /api/v1/appeals/:id/reopen": r("dispatcher"),
  "GET /api/v1/work-orders": ORDER_READERS,
  "GET /api/v1/work-orders/:id": ORDER_READERS,
  "GET /api/v1/work-orders/:id/print": ORDER_READERS,
  "GET /api/v1/work-orders/:id/export": ORDER_READERS,
  "POST /api/v1/work-orders/:id/sign": r("department"),
  "POST /api/v1/work-orders/:id/deployment": r("department"),
  "POST /api/v1/work-orders/:id/return": r("department"),
  "POST /api/v1/work-orders/:id/opinion": r("department"),
  "POST /api/v1/work-orders/:id/reply": r("department"),
  "POST /api/v1/work-orders/:id/extensions": r("department"),
  "GET /api/v1/extensions": ORDER_READERS,
  "POST /api/v1/extensions/:id/approve": r("dispatcher"),
  "POST /api/v1/extensions/:id/deny": r("dispatcher"),
  "POST /api/v1/work-orders/:id/plan": r("department"),
  "GET /api/v1/plans": ORDER_READERS,
  "GET /api/v1/plans/:id": ORDER_READERS,
  "POST /api/v1/plans/:id/approve": r("dispatcher"),
  "POST /api/v1/plans/:id/reject": r("dispatcher"),
  "POST /api/v1/plans/:id/milestones/:mid/progress": r("department"),
  "GET /api/v1/requesters/export": r("auditor", "admin"),
  "POST /api/v1/supervision/sweep": r("supervisor", "admin"),
  "GET /api/v1/supervision/board": r("supervisor", "leader", "admin"),
  "GET /api/v1/supervision/items": r("supervisor", "leader", "admin", "department"),
  "GET /api/v1/supervision/items/export": r("supervisor", "leader", "admin"),
  "GET /api/v1/supervision/records/:id": r("supervisor", "leader", "admin", "department"),
  "GET /api/v1/supervision/records/:id/print": r("supervisor", "leader", "admin", "department"),
  "POST /api/v1/supervision/reminders": r("supervisor"),
  "POST /api/v1/supervision/orders": r("supervisor"),
  "POST /api/v1/supervision/orders/:id/notice": r("supervisor"),
  "GET /api/v1/reports/clearance": r("supervisor", "leader", "dispatcher", "admin"),
  "GET /api/v1/reports/clearance/export": r("supervisor", "leader", "dispatcher", "admin"),
  "GET /api/v1/notifications/inbox": "staff",
  "GET /api/v1/notifications/inbox/unread-count": "staff",
  "POST /api/v1/notifications/inbox/:id/read": "staff",
  "POST /api/v1/notifications/inbox/read-all": "staff",
  "GET /api/v1/calls": r("window", "dispatcher", "admin"),
  "POST /api/v1/calls/:id/outcome": r("window", "dispatcher", "admin"),
  "GET /api/v1/todos": "staff",
  "GET /api/v1/public/appeals/:trackingNo/rating": "public",
  "POST /api/v1/public/appeals/:trackingNo/rating": "public",
  "POST /api/v1/appeals/:id/follow-ups": r("window", "dispatcher", "supervisor"),
  "GET /api/v1/appeals/:id/ratings": r("window", "dispatcher", "supervisor", "leader"),
  "POST /api/v1/ratings/:id/dispute": r("dispatcher", "supervisor", "leader"),
  "GET /api/v1/rectifications": r("dispatcher", "supervisor", "leader", "department"),
  "POST /api/v1/rectifications/:id/complete": r("department", "dispatcher"),
  "GET /api/v1/stats/summary": r("leader", "supervisor", "admin", "department"),
  "GET /api/ready": "public",
  "POST /api/v1/assist/suggest": r("window", "dispatcher"),
  "POST /api/v1/assist/retrain": r("admin"),
  "POST /api/v1/appeals/:id/merge": r("dispatcher"),
  "GET /api/v1/follow-up-duties": r("window", "dispatcher", "supervisor"),
  "GET /api/v1/stats/assessment": r("leader", "supervisor", "admin", "department"),
  "GET /api/v1/stats/assessment/weights": r("leader", "supervisor", "admin", "department"),
  "PUT /api/v1/stats/assessment/weights": r("admin"),
  "POST /api/v1/stats/assessment/publish": r("leader", "supervisor"),
  "GET /api/v1/stats/assessment/publications": r("leader", "supervisor", "admin", "department"),
  "GET /api/v1/stats/assessment/print": r("leader", "supervisor"),
  "GET /api/v1/stats/assessment/export": r("leader", "supervisor"),
  "GET /api/v1/stats/hot-topics": r("leader", "supervisor"),
  "GET /api/v1/stats/appeals": r("leader", "supervisor", "admin", "department"),
  "GET /api/v1/reports/monthly": r("leader", "supervisor"),
  "GET /api/v1/reports/monthly/export": r("leader", "supervisor"),
  "GET /api/v1/reports/monthly/appeals-export": r("leader", "supervisor"),
  "GET /api/v1/categories": "staff",
  "POST /api/v1/categories": r("admin"),
  "PATCH /api/v1/categories/:code": r("admin"),
  "GET /api/v1/knowledge/search": "staff",
  "GET /api/v1/knowledge/most-used": "staff",
  "GET /api/v1/knowledge/articles": r("admin"),
  "POST /api/v1/knowledge/articles": r("admin"),
  "GET /api/v1/knowledge/articles/:id": "staff",
  "PATCH /api/v1/knowledge/articles/:id": r("admin"),
  "POST /api/v1/knowledge/articles/:id/publish": r("admin"),
  "POST /api/v1/knowledge/articles/:id/unpublish": r("admin"),
  "GET /api/v1/knowledge/articles/:id/versions": r("admin"),
  "POST /api/v1/knowledge/articles/:id/use": READERS,
  "GET /api/v1/knowledge/synonyms": "staff",
  "PUT /api/v1/knowledge/synonyms": r("admin"),
};

const STAFF_ROLES: Role[] = [
  "admin",
  "window",
  "dispatcher",
  "department",
  "supervisor",
  "leader",
  "auditor",
  "security_officer",
];
type Caller = Role | "anonymous" | "integration";
const CALLERS: Caller[] = ["anonymous", ...STAFF_ROLES, "integration"];

function admits(rule: Rule, caller: Caller): boolean {
  if (rule === "public") return true;
  if (caller === "anonymous") return false;
  if (rule === "self" || rule === "staff") return caller !== "integration";
  if (caller === "integration") return rule.integration === true;
  return rule.roles.length === 0 || rule.roles.includes(caller);
}

const tokens = new Map<Caller, string>();
let address = 0;

beforeAll(async () => {
  tokens.set("admin", await adminToken(ctx));
  for (const role of STAFF_ROLES.filter((x) => x !== "admin")) {
    const dept = role === "department" ? { departmentId: (await setupDepartment()).id } : {};
    tokens.set(role, (await createStaff(ctx, { roles: [role], ...dept })).token);
  }
  tokens.set("integration", await integrationToken(ctx));
}, 60_000);

let department: { id: string } | undefined;
async function setupDepartment() {
  if (!department) {
    const res = await call(ctx.app, "POST", "/api/v1/departments", {
      token: tokens.get("admin"),
      body: { code: "MTX1", name: "矩阵测试部门" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    department = res.body;
  }
  return department as { id: string };
}

/** A URL for the route with values that pass the parameter schemas but name nothing that exists. */
function urlOf(url: string): string {
  return url
    .replace(":trackingNo", "20260101-9999")
    .replace(":date", "2026-01-01")
    .replace(":year", "2099")
    .replace("*", "nothing.js")
    .replace(/:[a-zA-Z]+/g, "999999999");
}

async function send(method: string, url: string, caller: Caller) {
  address++;
  const token = tokens.get(caller);
  const res = await ctx.app.inject({
    method: method as "GET",
    url: urlOf(url),
    // A fresh client address per request keeps the per-address rate limits out of the way.
    remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    // A body no schema accepts: admitted callers stop at validation and change nothing.
    ...(method === "GET" || method === "DELETE" ? {} : { payload: { "\u0000": 1 } }),
  });
  let code: string | undefined;
  try {
    code = res.json()?.error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.statusCode, code };
}

describe("authorization matrix", () => {
  it("every registered API route has a declared rule, and every rule a route", () => {
    const registered = ctx.app.routeTable.map((e) => `${e.method} ${e.url}`);
    const missing = registered.filter((k) => !(k in ROUTE_RULES));
    expect(missing, "routes without a rule in ROUTE_RULES (add one)").toEqual([]);
    const stale = Object.keys(ROUTE_RULES).filter((k) => !registered.includes(k));
    expect(stale, "rules of routes that no longer exist").toEqual([]);
    expect(registered.length).toBeGreaterThan(100);
  });

  it("each route's guard declares exactly its rule", () => {
    for (const e of ctx.app.routeTable) {
      const key = `${e.method} ${e.url}`;
      const rule = ROUTE_RULES[key];
      if (rule === "public" || rule === "self") {
        expect(e.access, `${key} has a guard but its rule says ${rule}`).toBeNull();
      } else if (rule === "staff") {
        expect(e.access, key).toEqual({ roles: [], integration: false });
      } else if (rule) {
        expect(e.access, `${key} has no allow() guard`).not.toBeNull();
        expect([...(e.access?.roles ?? [])].sort(), key).toEqual([...rule.roles].sort());
        expect(e.access?.integration, key).toBe(rule.integration === true);
      }
    }
  });

  it("every route × every caller: refused outside the rule, admitted inside it", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const e of ctx.app.routeTable) {
      const key = `${e.method} ${e.url}`;
      const rule = ROUTE_RULES[key] as Rule;
      if (e.url.startsWith("/api/docs")) continue;
      for (const caller of CALLERS) {
        // Signing out with a caller's token would end the session the rest of the matrix uses.
        if (key === "POST /api/v1/auth/logout" && caller !== "anonymous") continue;
        const res = await send(e.method, e.url, caller);
        checked++;
        const expected = admits(rule, caller) ? "admitted" : caller === "anonymous" ? 401 : 403;
        const ok =
          expected === "admitted"
            ? res.status !== 401 && res.status !== 403 && res.status < 500
            : res.status === expected && (expected === 401 || res.code === "FORBIDDEN");
        if (!ok) wrong.push(`${key} as ${caller}: ${res.status} ${res.code ?? ""} (expected ${expected})`);
      }
    }
    expect(wrong).toEqual([]);
    // 8 staff roles + the anonymous caller + an integration token, over every route.
    expect(checked).toBeGreaterThan(900);
  }, 300_000);

  it("the auditor changes no business data: every write it may call is its own account's", () => {
    const auditorWrites = ctx.app.routeTable
      .filter((e) => e.method !== "GET" && admits(ROUTE_RULES[`${e.method} ${e.url}`] as Rule, "auditor"))
      .map((e) => `${e.method} ${e.url}`)
      .filter((k) => !/^POST \/api\/v1\/(auth\/|public\/)/.test(k));
    expect(auditorWrites.sort()).toEqual(
      [
        "PATCH /api/v1/me/profile",
        "POST /api/v1/me/mfa/totp",
        "POST /api/v1/me/mfa/totp/confirm",
        "POST /api/v1/me/password",
        "POST /api/v1/notifications/inbox/:id/read",
        "POST /api/v1/notifications/inbox/read-all",
      ].sort(),
    );
    // And the admin reads no audit record.
    for (const k of ["GET /api/v1/audit", "GET /api/v1/audit/export", "GET /api/v1/audit/verify"]) {
      expect(admits(ROUTE_RULES[k] as Rule, "admin"), k).toBe(false);
    }
    // No route edits or erases audit records, for anyone.
    const auditWrites = ctx.app.routeTable.filter(
      (e) => e.url.startsWith("/api/v1/audit") && e.method !== "GET",
    );
    expect(auditWrites).toEqual([]);
  });
});

describe("department scope", () => {
  it("a department reaching another department's work order or appeal gets 404", async () => {
    const s = await setupHandling(ctx);
    const appeal = await newAppeal(ctx, s);
    const wo = await dispatchOk(ctx, s, appeal.id, { complexity: "general", leadDepartmentId: s.dept.a.id });
    expect((await call(ctx.app, "GET", `/api/v1/work-orders/${wo.id}`, { token: s.h.a.token })).status).toBe(
      200,
    );
    for (const url of [
      `/api/v1/work-orders/${wo.id}`,
      `/api/v1/work-orders/${wo.id}/print`,
      `/api/v1/appeals/${appeal.id}`,
      `/api/v1/appeals/${appeal.id}/events`,
    ]) {
      const res = await call(ctx.app, "GET", url, { token: s.h.b.token });
      expect(res.status, url).toBe(404);
    }
    const sign = await call(ctx.app, "POST", `/api/v1/work-orders/${wo.id}/sign`, {
      token: s.h.b.token,
      body: { expectedVersion: wo.version },
    });
    expect(sign.status).toBe(404);
  });
});
