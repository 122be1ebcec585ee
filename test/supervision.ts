import { beforeAll, expect } from "vitest";
import { runSweep } from "../src/server/modules/supervision/index.js";
import { call, type TestContext, useTestApp } from "./app.js";
import { createStaff, login } from "./factories.js";
import { dispatchOk, type Handling, newAppeal, relogin, type Staff, setupHandling } from "./handling.js";

/** Shared set-up of the supervision suites: departments and handlers, a supervisor, a leader. */
export interface SupervisionSuite {
  ctx: TestContext;
  s: Handling;
  sup: Staff;
  leader: Staff;
  /** Sets the clock and runs one sweep. */
  sweepAt(iso: string): ReturnType<typeof runSweep>;
  /** New sessions for everyone (after a clock jump past the idle timeout). */
  reloginAll(): Promise<void>;
  inbox(
    token: string,
  ): Promise<{ items: { id: string; title: string; body: string; kind: string }[]; unread: number }>;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are free-form JSON
  records(q: string, token?: string): Promise<any[]>;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are free-form JSON
  freshOrder(complexity?: string): Promise<{ appeal: any; wo: any }>;
}

export function useSupervisionSuite(start: string): SupervisionSuite {
  const ctx = useTestApp({ start });
  const t = { ctx } as SupervisionSuite;
  beforeAll(async () => {
    t.s = await setupHandling(ctx);
    t.sup = await createStaff(ctx, { roles: ["supervisor"], displayName: "周督办" });
    t.leader = await createStaff(ctx, { roles: ["leader"], displayName: "吴主任" });
  });
  t.sweepAt = (iso) => {
    ctx.clock.set(iso);
    return runSweep(ctx.app.deps, ctx.clock.now());
  };
  t.reloginAll = async () => {
    await relogin(ctx, t.s);
    t.sup.token = (await login(ctx, t.sup.user.username, t.sup.password)).token;
    t.leader.token = (await login(ctx, t.leader.user.username, t.leader.password)).token;
  };
  t.inbox = async (token) => {
    const r = await call(ctx.app, "GET", "/api/v1/notifications/inbox?limit=100", { token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  t.records = async (q, token = t.sup.token) => {
    const r = await call(ctx.app, "GET", `/api/v1/supervision/items?${q}`, { token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items;
  };
  t.freshOrder = async (complexity = "general") => {
    const appeal = await newAppeal(ctx, t.s);
    const wo = await dispatchOk(ctx, t.s, appeal.id, { complexity, leadDepartmentId: t.s.dept.a.id });
    return { appeal, wo };
  };
  return t;
}
