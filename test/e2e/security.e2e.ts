import { networkInterfaces } from "node:os";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_USERNAME,
  launchBrowser,
  login,
  newPage,
  POLL,
  type RunningServer,
  startServer,
} from "./harness.js";

/** This machine's first non-loopback IPv4 address: how an intranet user reaches the server. */
function intranetAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return undefined;
}

const WEAK_BOOTSTRAP_PASSWORD = "Admin@12345";
const ip = intranetAddress();

describe.skipIf(!ip)("served by IP over plain HTTP, with a weak bootstrap password", () => {
  let server: RunningServer;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    server = await startServer({ env: { HOST: "0.0.0.0", YOUSU_ADMIN_PASSWORD: WEAK_BOOTSTRAP_PASSWORD } });
    baseUrl = `http://${ip}:${server.port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("renders the web app (no upgrade to HTTPS for its scripts)", async () => {
    const res = await fetch(`${baseUrl}/login`);
    expect(res.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
    const page = await newPage(browser);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/login`);
    await expect.poll(() => page.locator("#root").textContent(), POLL).toContain("工作人员登录");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("makes the admin change the weak password first, on a Chinese screen, then opens the workbench", async () => {
    const page = await newPage(browser);
    await login(page, baseUrl, ADMIN_USERNAME, WEAK_BOOTSTRAP_PASSWORD);
    const screen = page.getByTestId("password-change-required");
    await expect.poll(() => screen.isVisible(), POLL).toBe(true);
    expect(await screen.textContent()).toContain("请先修改密码");
    expect(await screen.textContent()).toContain("修改密码后才能继续使用系统");

    await page.getByLabel("当前密码").fill(WEAK_BOOTSTRAP_PASSWORD);
    await page.getByLabel("新密码", { exact: true }).fill("Qwerty1234");
    await page.getByLabel("确认新密码").fill("Qwerty1234");
    await page.getByRole("button", { name: "修改密码并继续" }).click();
    await expect.poll(() => screen.textContent(), POLL).toContain("过于常见或有规律");

    await page.getByLabel("新密码", { exact: true }).fill("Kq7#Lantern-Field");
    await page.getByLabel("确认新密码").fill("Kq7#Lantern-Field");
    await page.getByRole("button", { name: "修改密码并继续" }).click();
    await expect.poll(() => screen.count(), POLL).toBe(0);
    await expect.poll(() => page.locator("#root").textContent(), POLL).toContain("系统管理员");
    await page.context().close();
  });
});
