import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, expect } from "vitest";
import { type App, buildApp } from "../src/server/app.js";
import { bootstrap } from "../src/server/bootstrap.js";
import { ManualClock } from "../src/server/clock.js";
import { type Config, testConfig } from "../src/server/config.js";
import type { DbHandle } from "../src/server/db/database.js";
import { createTestDb } from "./db.js";

export interface TestContext {
  app: App;
  handle: DbHandle;
  clock: ManualClock;
  config: Config;
}

/**
 * One migrated database and one in-process app per test file, bootstrapped
 * like a first start (default center, admin, shipped calendar, policy).
 * The clock is manual and starts at `start`.
 */
export function useTestApp(opts: { start?: string; config?: Partial<Config> } = {}): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    ctx.handle = await createTestDb();
    ctx.clock = new ManualClock(opts.start ?? "2026-03-02T09:00:00+08:00");
    ctx.config = testConfig(opts.config);
    ctx.app = await buildApp({ db: ctx.handle.db, config: ctx.config, clock: ctx.clock });
    await bootstrap(ctx.app.deps, ctx.app.log);
    await ctx.app.ready();
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.handle?.close();
  });
  return ctx;
}

/** inject() with JSON body and optional Bearer token; returns status and parsed body. */
export async function call(
  app: App,
  method: InjectOptions["method"],
  url: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  // biome-ignore lint/suspicious/noExplicitAny: test responses are free-form JSON
): Promise<{ status: number; body: any; res: LightMyRequestResponse }> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await app.inject({
    method,
    url,
    headers,
    ...(opts.body === undefined ? {} : { payload: opts.body as object }),
  });
  let body: unknown = res.body;
  if ((res.headers["content-type"] ?? "").toString().includes("json")) body = res.json();
  return { status: res.statusCode, body, res };
}

/** Asserts that the OpenAPI document (GET /api/openapi.json) lists every one of `paths`. */
export async function expectDocumented(app: App, paths: string[]): Promise<void> {
  const res = await call(app, "GET", "/api/openapi.json");
  expect(res.status).toBe(200);
  const documented = Object.keys(res.body.paths);
  for (const p of paths) expect(documented).toContain(p);
}
