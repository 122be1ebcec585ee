import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_USERNAME,
  api,
  apiLogin,
  launchBrowser,
  newPage,
  POLL,
  type RunningServer,
  startServer,
} from "./harness.js";

describe("a fresh server (npm start on an empty data dir)", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("answers the health check", async () => {
    const res = await fetch(`${server.baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("serves the Chinese web app that renders in Chromium", async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const res = await page.goto(server.baseUrl);
    expect(res?.status()).toBe(200);
    expect(await page.title()).toContain("有诉即办");
    // The React app mounted and drew something into #root (not just the static HTML shell).
    await page.waitForFunction(() => (document.getElementById("root")?.childElementCount ?? 0) > 0);
    await expect.poll(() => page.locator("#root").textContent(), POLL).toContain("有诉即办");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("publishes an OpenAPI document that lists /api/health", async () => {
    const res = await fetch(`${server.baseUrl}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain("/api/health");
  });

  it("renders the interactive API documentation at /api/docs", async () => {
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.baseUrl}/api/docs`);
    // Swagger UI loads its scripts under the app's Content-Security-Policy and renders the spec.
    await expect
      .poll(() => page.locator(".swagger-ui .info .title").textContent(), POLL)
      .toContain("有诉即办");
    await expect.poll(() => page.locator(".opblock").count(), POLL).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("answers unknown API paths with the API.md error shape", async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/no-such-thing`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("NOT_FOUND");
  });

  it("lets the bootstrapped admin sign in with YOUSU_ADMIN_PASSWORD", async () => {
    const token = await apiLogin(server.baseUrl);
    const me = await api<{ username: string; roles: string[] }>(server.baseUrl, token, "GET", "/api/v1/me");
    expect(me.status).toBe(200);
    expect(me.body.username).toBe(ADMIN_USERNAME);
    expect(me.body.roles).toContain("admin");
  });
});
