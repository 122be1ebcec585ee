import { beforeAll, expect } from "vitest";
import { decryptField } from "../src/server/lib/personal-data.js";
import { call, type TestContext, useTestApp } from "./app.js";
import { appealBody, recordOk, windowClerk } from "./appeals.js";
import { createDepartment, createStaff, login } from "./factories.js";

/** Shared set-up for the work-order suites (test-only module). */

export interface Staff {
  token: string;
  password: string;
  user: { id: string; username: string };
}

export interface Handling {
  dispatcher: Staff;
  clerk: Staff;
  dept: { a: { id: string; name: string }; b: { id: string; name: string }; c: { id: string; name: string } };
  /** One department handler per department. */
  h: { a: Staff; b: Staff; c: Staff };
}

/** A dispatcher, a window clerk, three departments with one handler each. */
export async function setupHandling(ctx: TestContext): Promise<Handling> {
  const dispatcher = await createStaff(ctx, {
    roles: ["dispatcher"],
    displayName: "王审核",
    post: "审核分办员",
  });
  const clerk = await windowClerk(ctx);
  const a = await createDepartment(ctx, {
    name: "市场监管局",
    phone: "010-88886666",
    location: "二楼 12 号窗口",
  });
  const b = await createDepartment(ctx, { name: "税务局", location: "二楼 14 号窗口" });
  const c = await createDepartment(ctx, { name: "人社局" });
  const handler = (departmentId: string, displayName: string) =>
    createStaff(ctx, { roles: ["department"], departmentId, displayName, post: "部门经办人" });
  return {
    dispatcher,
    clerk,
    dept: { a, b, c },
    h: {
      a: await handler(a.id, "赵市场"),
      b: await handler(b.id, "钱税务"),
      c: await handler(c.id, "孙人社"),
    },
  };
}

/**
 * Signs everyone in again after the manual clock jumped past the session
 * idle limit (tests of overdue lights and deadlines days later).
 */
export async function relogin(ctx: TestContext, s: Handling): Promise<void> {
  for (const staff of [s.dispatcher, s.clerk, s.h.a, s.h.b, s.h.c]) {
    staff.token = (await login(ctx, staff.user.username, staff.password)).token;
  }
}

/** Records an appeal (window) and returns it. */
export async function newAppeal(
  ctx: TestContext,
  s: Handling,
  over: Record<string, unknown> = {},
  // biome-ignore lint/suspicious/noExplicitAny: test responses are free-form JSON
): Promise<any> {
  return recordOk(ctx, s.clerk.token, appealBody(over));
}

/** Dispatches and asserts 201. */
export async function dispatchOk(
  ctx: TestContext,
  s: Handling,
  appealId: string,
  body: Record<string, unknown>,
  // biome-ignore lint/suspicious/noExplicitAny: test responses are free-form JSON
): Promise<any> {
  const res = await call(ctx.app, "POST", `/api/v1/appeals/${appealId}/dispatch`, {
    token: s.dispatcher.token,
    body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** POST /api/v1/work-orders/{id}/{action}. */
export function act(ctx: TestContext, token: string, orderId: string, action: string, body: unknown = {}) {
  return call(ctx.app, "POST", `/api/v1/work-orders/${orderId}/${action}`, { token, body });
}

/** What the requester is (or will be) told: every message of the appeal but the withdrawn ones. */
export async function smsOf(ctx: TestContext, appealId: string) {
  return ctx.handle.db
    .selectFrom("notification_outbox")
    .select(["kind", "text", "recipient_phone", "channel", "status", "next_attempt_at"])
    .where("appeal_id", "=", appealId)
    .where("status", "<>", "cancelled")
    .orderBy("id")
    .execute()
    .then((rows) =>
      // Stored encrypted (lib/personal-data.ts); what the requester is told goes to the plaintext.
      rows.map((r) => ({
        ...r,
        recipient_phone: decryptField(r.recipient_phone, "notification_outbox.recipient_phone"),
      })),
    );
}

export async function eventsOf(
  ctx: TestContext,
  token: string,
  appealId: string,
): Promise<{ type: string; details: Record<string, unknown> }[]> {
  const res = await call(ctx.app, "GET", `/api/v1/appeals/${appealId}/events`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

const TABLES = [
  "appeals",
  "appeal_events",
  "notification_outbox",
  "audit_log",
  "work_orders",
  "work_order_assignments",
  "work_order_counters",
  "extension_requests",
  "plans",
  "plan_milestones",
  "appeal_transfers",
] as const;

/** Row counts of every table an action may write, to prove a refused request wrote nothing. */
export async function snapshot(ctx: TestContext): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await ctx.handle.db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

/** Asserts a 4xx with the code (and field path), and that nothing was written. */
export async function expectRefused(
  ctx: TestContext,
  request: () => Promise<{ status: number; body: { error?: { code: string; details: { path: string }[] } } }>,
  status: number,
  code: string,
  path?: string,
): Promise<{ message: string }> {
  const before = await snapshot(ctx);
  const res = await request();
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error?.code).toBe(code);
  if (path) expect(res.body.error?.details.map((d) => d.path)).toContain(path);
  expect(await snapshot(ctx)).toEqual(before);
  return res.body.error as unknown as { message: string };
}

/**
 * One app per test file with the handling set-up (a dispatcher, a clerk, three departments with a
 * handler each) made before the tests; `ready` receives it.
 */
export function handlingApp(start: string, ready: (s: Handling) => void): TestContext {
  // biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
  const ctx = useTestApp({ start });
  beforeAll(async () => ready(await setupHandling(ctx)));
  return ctx;
}

/**
 * A handling suite: one app per test file (clock at `start`) with the handling set-up made before
 * the tests, and the helpers above bound to it. `s` is filled in before the first test.
 */
export function handlingSuite(start: string) {
  // biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
  const ctx = useTestApp({ start });
  const s = {} as Handling;
  beforeAll(async () => {
    Object.assign(s, await setupHandling(ctx));
  });
  return {
    ctx,
    s,
    call: (method: Parameters<typeof call>[1], url: string, opts?: Parameters<typeof call>[3]) =>
      call(ctx.app, method, url, opts),
    newAppeal: (over?: Record<string, unknown>) => newAppeal(ctx, s, over),
    dispatchOk: (appealId: string, body: Record<string, unknown>) => dispatchOk(ctx, s, appealId, body),
    act: (token: string, orderId: string, action: string, body?: unknown) =>
      act(ctx, token, orderId, action, body),
    expectRefused: (
      request: Parameters<typeof expectRefused>[1],
      status: number,
      code: string,
      path?: string,
    ) => expectRefused(ctx, request, status, code, path),
    eventsOf: (token: string, appealId: string) => eventsOf(ctx, token, appealId),
    smsOf: (appealId: string) => smsOf(ctx, appealId),
    relogin: () => relogin(ctx, s),
    /** A new appeal whose simple work order 税务局 (department b) signed and replied with `result`. */
    async repliedAppeal(result: string) {
      const appeal = await newAppeal(ctx, s);
      const wo = await dispatchOk(ctx, s, appeal.id, { complexity: "simple", leadDepartmentId: s.dept.b.id });
      await act(ctx, s.h.b.token, wo.id, "sign");
      await act(ctx, s.h.b.token, wo.id, "reply", { result });
      return { appeal, wo };
    },
  };
}
