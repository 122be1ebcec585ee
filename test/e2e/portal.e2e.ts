import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, phonePage, type RunningServer, screenshot, startServer } from "./harness.js";

/**
 * A citizen on a phone-sized screen: reads the public notice, submits an appeal, tracks it with
 * the query code; a wrong code gets the friendly not-found message; 大字模式 and 高对比度 work
 * and nothing ever needs a horizontal scroll.
 */
describe("public portal on a 360 px phone", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let trackingNo = "";
  let queryCode = "";

  const scrollWidth = () => page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  const bodyFontPx = () => page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize));

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // A 404 answer to a wrong query code is expected; Chromium logs every 4xx response.
    ({ context, page } = await phonePage(browser, problems, (t) => t.includes("status of 404")));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it("serves the portal page at /portal and /portal/* (not the staff console)", async () => {
    for (const path of ["/portal", "/portal/track?no=1"]) {
      const res = await fetch(`${server.baseUrl}${path}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('id="portal-root"');
      expect(html).not.toContain('id="root"');
    }
  });

  it("shows the public notice readable on a phone, base type at least 18 px", async () => {
    const res = await page.goto(`${server.baseUrl}/portal`);
    expect(res?.status()).toBe(200);
    const notice = page.getByTestId("portal-notice");
    await notice.waitFor();
    const text = (await notice.textContent()) ?? "";
    expect(text).toContain("反映渠道");
    expect(text).toContain("12345");
    expect(text).toContain("不予受理");
    expect(text).toContain("119");
    expect(text).toContain("办理时限");
    expect(await bodyFontPx()).toBeGreaterThanOrEqual(18);
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    // Touch targets: the navigation and the toggles are at least 44 px tall.
    for (const id of ["nav-submit", "toggle-large", "toggle-contrast"]) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    }
    await screenshot(page, "portal-home");
  });

  it("大字模式 makes the type larger and is remembered; 高对比度 switches to light on dark", async () => {
    const before = await bodyFontPx();
    await page.getByTestId("toggle-large").tap();
    await expect.poll(bodyFontPx).toBeGreaterThan(before);
    expect(await page.getByTestId("toggle-large").getAttribute("aria-pressed")).toBe("true");
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await page.reload();
    await page.getByTestId("portal-notice").waitFor();
    expect(await bodyFontPx()).toBeGreaterThan(before);
    await screenshot(page, "portal-home-large");

    await page.getByTestId("toggle-contrast").tap();
    await expect
      .poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor))
      .toBe("rgb(0, 0, 0)");
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await screenshot(page, "portal-home-contrast");
    await page.getByTestId("toggle-contrast").tap();
    await page.getByTestId("toggle-large").tap();
    await expect.poll(bodyFontPx).toBe(before);
  });

  it("submits an appeal and shows the tracking number and query code large", async () => {
    await page.getByTestId("nav-submit").tap();
    const form = page.getByTestId("portal-form");
    await form.waitFor();
    // Submitting empty says what to fix, next to the fields.
    await page.getByTestId("portal-submit").tap();
    expect(await form.textContent()).toContain("请选择反映类别");
    expect(await form.textContent()).toContain("请填写您的姓名");
    expect(await page.getByTestId("portal-privacy").textContent()).toContain("仅用于办理和回复您的诉求");

    await form.getByText("投诉", { exact: true }).tap();
    await page
      .getByLabel("反映内容")
      .fill("小区门口的公交站台遮雨棚损坏三个月了，下雨天老人孩子没地方躲雨。");
    await page.getByLabel("您的姓名").fill("周大爷");
    await page.getByLabel("联系电话").fill("13700001234");
    // The address, or the choice not to give it (受理 记录要素).
    await page.getByTestId("portal-submit").tap();
    expect(await form.textContent()).toContain("请填写联系地址");
    await page.getByTestId("portal-address-declined").tap();
    expect(await page.getByLabel("联系地址").isDisabled()).toBe(true);
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await screenshot(page, "portal-form");
    await page.getByTestId("portal-submit").tap();

    const done = page.getByTestId("portal-submitted");
    await done.waitFor();
    trackingNo = (await page.getByTestId("portal-tracking-no").textContent())?.trim() ?? "";
    queryCode = (await page.getByTestId("portal-query-code").textContent())?.trim() ?? "";
    expect(trackingNo).toMatch(/^\d{12,}$/);
    expect(queryCode).toMatch(/^\d{6}$/);
    expect(await done.textContent()).toContain("请截图或抄写保存");
    const big = await page
      .getByTestId("portal-tracking-no")
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(big).toBeGreaterThanOrEqual(30);
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await screenshot(page, "portal-submitted");
  });

  it("tracks it with the query code and sees 已受理 with the steps", async () => {
    await page.getByRole("link", { name: "查询办理进度" }).tap();
    const progress = page.getByTestId("portal-progress");
    await progress.waitFor();
    expect(await page.getByTestId("portal-status").textContent()).toContain("已受理");
    expect(await page.getByTestId("portal-steps").textContent()).toContain("诉求已受理");
    // Never personal data in the public view.
    expect(await progress.textContent()).not.toContain("周大爷");
    expect(await progress.textContent()).not.toContain("13700001234");
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await screenshot(page, "portal-progress");
  });

  it("a wrong query code gets a friendly not-found message", async () => {
    await page.getByTestId("nav-track").tap();
    await page.getByLabel("受理编号").fill(trackingNo);
    await page.getByLabel("查询码（6 位数字）").fill(queryCode === "000000" ? "111111" : "000000");
    await page.getByTestId("portal-track-submit").tap();
    const err = page.getByTestId("portal-track-error");
    await err.waitFor();
    expect(await err.textContent()).toContain("没有查到这条诉求");
    expect(await page.getByTestId("portal-progress").count()).toBe(0);
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    expect(problems).toEqual([]);
  });
});
