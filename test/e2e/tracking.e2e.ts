import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  apiLogin,
  createAppeal,
  dispatchAppeal,
  launchBrowser,
  login,
  newPage,
  POLL,
  phonePage,
  type RunningServer,
  screenshot,
  seedStaff,
  startServer,
} from "./harness.js";

/**
 * A citizen on a 360 px phone tracks an appeal that was handled and closed (销号): the department's
 * answer, the approved extension with its reason and new limit are there, nothing personal, and
 * the tracking number stays on one line — also in 大字模式.
 */
const DISPATCHER = { username: "review2", password: "Review#2026pass", displayName: "王审核" };
const HANDLER = { username: "dept2", password: "Dept#2026passwd", displayName: "赵交通" };
const ANSWER = "已协调公交公司于本周五前更换遮雨棚，并增设夜间照明。";
const REASON = "需要公交公司配合采购遮雨棚材料";

describe("citizen reads the answer of a closed appeal on a phone", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let trackingNo = "";
  let queryCode = "";

  const scrollWidth = () => page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);

  beforeAll(async () => {
    server = await startServer();
    const base = server.baseUrl;
    const deptId = await seedStaff(
      base,
      [
        [DISPATCHER, ["dispatcher"]],
        [HANDLER, ["department"]],
      ],
      { code: "JTJ", name: "交通运输局", phone: "010-88887777", location: "三楼 21 号窗口" },
    );
    const reviewer = await apiLogin(base, DISPATCHER.username, DISPATCHER.password);
    const handler = await apiLogin(base, HANDLER.username, HANDLER.password);
    const created = await createAppeal<{ id: string; trackingNo: string; queryCode: string }>(
      base,
      reviewer,
      {
        channel: "phone",
        requester: { name: "周大爷", phone: "13700001234", addressDeclined: true },
        content: "小区门口的公交站台遮雨棚损坏三个月了，下雨天老人孩子没地方躲雨。",
      },
    );
    ({ trackingNo, queryCode } = created);
    const id = created.id;
    const wo = await dispatchAppeal(base, reviewer, id, deptId);
    const order = `/api/v1/work-orders/${wo.id}`;
    expect((await api(base, handler, "POST", `${order}/sign`, {})).status).toBe(200);
    const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const ext = await api<{ id: string }>(base, handler, "POST", `${order}/extensions`, {
      until,
      reason: REASON,
    });
    expect(ext.status, JSON.stringify(ext.body)).toBe(201);
    const ok = await api(base, reviewer, "POST", `/api/v1/extensions/${ext.body.id}/approve`, {});
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await api(base, handler, "POST", `${order}/reply`, { result: ANSWER })).status).toBe(200);
    const closed = await api(base, reviewer, "POST", `/api/v1/appeals/${id}/close`, {
      note: "回访记录（内部）",
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);

    browser = await launchBrowser();
    ({ context, page } = await phonePage(browser, problems));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  /** The element's text is laid out on one line: one line box, no taller than its line height. */
  const oneLine = (testId: string) =>
    page.getByTestId(testId).evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      return tops.size === 1 && el.scrollWidth <= el.getBoundingClientRect().width + 1;
    });

  it("types the tracking number and query code and reads the department's answer", async () => {
    await page.goto(`${server.baseUrl}/portal/track`);
    await page.getByLabel("受理编号").fill(trackingNo);
    await page.getByLabel("查询码（6 位数字）").fill(queryCode);
    await page.getByTestId("portal-track-submit").tap();
    const progress = page.getByTestId("portal-progress");
    await progress.waitFor();
    expect(await page.getByTestId("portal-status").textContent()).toBe("已办结销号");
    expect(await page.getByTestId("portal-answer-text").textContent()).toBe(ANSWER);
    expect(await page.getByTestId("portal-answer").textContent()).toContain("交通运输局");
    const ext = (await page.getByTestId("portal-extensions").textContent()) ?? "";
    expect(ext).toContain(REASON);
    expect(ext).toContain("新的办理时限");
    // The answer is shown once, not again in the replies list.
    expect(await page.getByTestId("portal-replies").count()).toBe(0);
    const text = (await progress.textContent()) ?? "";
    for (const secret of ["周大爷", "13700001234", "遮雨棚损坏", "内部", "王审核", "赵交通"]) {
      expect(text).not.toContain(secret);
    }
    expect(await page.getByTestId("portal-progress-tracking-no").textContent()).toBe(trackingNo);
    expect(await oneLine("portal-progress-tracking-no")).toBe(true);
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await screenshot(page, "portal-progress-closed");
  });

  it("keeps the tracking number on one line in 大字模式 too", async () => {
    await page.getByTestId("toggle-large").tap();
    await expect
      .poll(() => page.evaluate(() => Number.parseFloat(getComputedStyle(document.body).fontSize)))
      .toBeGreaterThan(18);
    expect(await oneLine("portal-progress-tracking-no")).toBe(true);
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await screenshot(page, "portal-progress-closed-large");
    await page.getByTestId("toggle-large").tap();
    expect(problems).toEqual([]);
  });

  it("the admin sets the center's phone and hours (中心信息); the public notice shows them and the departments", async () => {
    const admin = await newPage(browser);
    await login(admin, server.baseUrl);
    await admin.getByTestId("menu-center").click();
    await admin.getByTestId("center-profile-form").waitFor();
    await admin.getByTestId("center-phone").fill("abc");
    await admin.getByTestId("center-save").click();
    await expect
      .poll(() => admin.getByTestId("center-profile-form").textContent(), POLL)
      .toContain("咨询电话");
    await admin.getByTestId("center-phone").fill("0571-88886666");
    await admin.getByTestId("center-address").fill("海星区人民路 88 号一楼");
    await admin.getByTestId("center-hours").fill("工作日 9:00—12:00，13:30—17:00");
    await admin.getByTestId("center-save").click();
    await expect.poll(() => admin.locator(".ant-message").textContent(), POLL).toContain("中心信息已保存");
    await screenshot(admin, "center-profile");
    await admin.context().close();

    await page.goto(`${server.baseUrl}/portal`);
    const notice = page.getByTestId("portal-notice");
    await notice.waitFor();
    const text = (await notice.textContent()) ?? "";
    expect(text).not.toContain("见导引服务台公示");
    expect(await page.getByTestId("portal-center").textContent()).toContain("工作日 9:00—12:00，13:30—17:00");
    expect(text).toContain("0571-88886666");
    const dept = (await page.getByTestId("portal-department").first().textContent()) ?? "";
    expect(dept).toContain("交通运输局");
    expect(dept).toContain("三楼 21 号窗口");
    expect(dept).toContain("010-88887777");
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await screenshot(page, "portal-home-center");
    expect(problems).toEqual([]);
  });
});
