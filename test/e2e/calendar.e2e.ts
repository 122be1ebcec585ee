import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, login, POLL, screenshot, startConsole } from "./harness.js";

/**
 * The issue-2 browser walk: an administrator signs in, opens the working calendar, turns a day into a
 * holiday and sees the deadline calculator take it into account (National Day 2026 with its make-up
 * Saturday, from the State Council notice shipped with the server).
 */
describe("staff console: calendar and deadline", () => {
  let app: Console;
  let page: Page;

  beforeAll(async () => {
    app = await startConsole();
    page = await app.page();
  });
  afterAll(() => app?.close());

  const day = (date: string) => page.locator(`[data-testid="cal-day"][data-date="${date}"]`);

  async function computeDeadline(start: string, n: number): Promise<string> {
    await page.getByTestId("deadline-start").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type(start);
    await page.keyboard.press("Enter");
    await page.getByTestId("deadline-rule").click();
    await page.locator(".ant-select-item-option", { hasText: /^工作日$/ }).click();
    await page.getByTestId("deadline-n").fill(String(n));
    await page.getByTestId("deadline-n").press("Enter");
    await page.waitForFunction(
      (s) => document.querySelector('[data-testid="deadline-explanation"]')?.textContent?.includes(s),
      start.slice(0, 10),
    );
    return (await page.getByTestId("deadline-due").textContent()) ?? "";
  }

  it("signs in and shows the role-aware menu", async () => {
    await login(page, app.baseUrl);
    await expect.poll(() => page.getByTestId("menu-calendar").isVisible(), POLL).toBe(true);
    expect(await page.getByTestId("menu-audit").count()).toBe(0); // auditor only
  });

  it("shows the 2026 National Day holidays and the make-up Saturday", async () => {
    await page.getByTestId("menu-calendar").click();
    await page.goto(`${app.baseUrl}/admin/calendar?year=2026`);
    await expect.poll(() => day("2026-10-01").getAttribute("data-kind"), POLL).toBe("holiday");
    expect(await day("2026-10-10").getAttribute("data-kind")).toBe("makeup_workday");
    expect(await day("2026-10-09").getAttribute("data-kind")).toBe("workday");
    expect(await page.getByTestId("holiday-list").textContent()).toContain("国庆节");
  });

  it("computes the deadline across National Day before any edit", async () => {
    await page.goto(`${app.baseUrl}/deadline`);
    // 10-08 (1), 10-09 (2), Saturday 10-10 is a make-up workday (3).
    expect(await computeDeadline("2026年9月30日 10:00", 3)).toContain("2026年10月10日 周六 24:00");
  });

  it("lets the admin turn a workday into a holiday", async () => {
    await page.goto(`${app.baseUrl}/admin/calendar?year=2026`);
    await day("2026-10-09").click();
    await page.getByTestId("day-kind-holiday").click();
    await page.getByTestId("day-name").fill("测试调休");
    await page.getByTestId("day-name").press("Enter");
    await expect.poll(() => day("2026-10-09").getAttribute("data-kind"), POLL).toBe("holiday");
    await page.reload();
    await expect.poll(() => day("2026-10-09").getAttribute("data-kind"), POLL).toBe("holiday");
  });

  it("moves the deadline past the new holiday and explains it", async () => {
    await page.getByTestId("menu-deadline").click();
    // 10-08 (1), 10-09 is now a holiday, 10-10 make-up (2), weekend 10-11, Monday 10-12 (3).
    expect(await computeDeadline("2026年9月30日 10:00", 3)).toContain("2026年10月12日 周一 24:00");
    expect(await page.getByTestId("deadline-explanation").textContent()).toContain("测试调休");
    expect(await page.getByTestId("deadline-provisional").count()).toBe(0);
    await screenshot(page, "calendar-deadline");
    expect(app.errors).toEqual([]);
  });
});
