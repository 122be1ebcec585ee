import type { Browser, Page } from "playwright-core";
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
  type RunningServer,
  screenshot,
  seedStaff,
  startServer,
} from "./harness.js";

/**
 * 考核排名: a closed appeal of 城管局 rated 非常满意 and 已解决 this month; the leader opens
 * 考核排名, sees 城管局 ranked with the chart, publishes (通报); the department's user gets the
 * message and sees its own score and rank.
 */
const DISPATCHER = { username: "review7", password: "Review#2026pass", displayName: "王审核" };
const HANDLER = { username: "dept7", password: "Dept#2026passwd", displayName: "赵城管" };
const LEADER = { username: "leader7", password: "Leader#2026pass", displayName: "李主任" };

describe("department assessment: rank, publish, the department sees its result", () => {
  let server: RunningServer;
  let browser: Browser;
  const errors: string[] = [];
  const watch = (p: Page) => {
    p.on("pageerror", (e) => errors.push(e.message));
    p.on("console", (m) => {
      // The sign-in page asks for the session first: its 401 is expected.
      if (m.type() === "error" && !m.text().includes("status of 401")) errors.push(m.text());
    });
    return p;
  };

  beforeAll(async () => {
    server = await startServer();
    const base = server.baseUrl;
    const deptId = await seedStaff(
      base,
      [
        [DISPATCHER, ["dispatcher"]],
        [HANDLER, ["department"]],
        [LEADER, ["leader"]],
      ],
      { code: "CGJ", name: "城管局" },
    );
    // A department without any figure this month: listed, not ranked.
    const admin = await apiLogin(base);
    expect(
      (await api(base, admin, "POST", "/api/v1/departments", { code: "WLJ", name: "文旅局" })).status,
    ).toBe(201);
    const reviewer = await apiLogin(base, DISPATCHER.username, DISPATCHER.password);
    const handler = await apiLogin(base, HANDLER.username, HANDLER.password);
    const created = await createAppeal<{ id: string; trackingNo: string; queryCode: string }>(
      base,
      reviewer,
      {
        channel: "phone",
        requester: { name: "孙奶奶", phone: "13700005678", addressDeclined: true },
        content: "小区路灯坏了一个月没人修。",
      },
    );
    const wo = await dispatchAppeal(base, reviewer, created.id, deptId);
    const order = `/api/v1/work-orders/${wo.id}`;
    expect((await api(base, handler, "POST", `${order}/sign`, {})).status).toBe(200);
    expect((await api(base, handler, "POST", `${order}/reply`, { result: "已更换路灯。" })).status).toBe(200);
    expect((await api(base, reviewer, "POST", `/api/v1/appeals/${created.id}/close`, {})).status).toBe(200);
    const rated = await fetch(`${base}/api/v1/public/appeals/${created.trackingNo}/rating`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ queryCode: created.queryCode, level: 5, resolved: true }),
    });
    expect(rated.status).toBe(201);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the leader opens 考核排名, sees the ranking and publishes it", async () => {
    const page = watch(await newPage(browser));
    await login(page, server.baseUrl, LEADER.username, LEADER.password);
    await page.getByText("考核排名").first().click();
    await page.getByTestId("assessment-table").waitFor();
    await expect.poll(() => page.getByTestId("assessment-table").textContent(), POLL).toContain("城管局");
    const rows = page.getByTestId("assessment-table").locator("tr.ant-table-row");
    // 城管局 first with rank 1 and a score; 文旅局 (no figures) not ranked.
    await expect.poll(() => rows.nth(0).textContent(), POLL).toMatch(/^1城管局100\.00/);
    expect(await rows.nth(1).textContent()).toContain("未参与");
    expect(await page.getByTestId("assessment-rule").textContent()).toContain(
      "响应率 10、解决率 45、满意率 45",
    );
    expect(await page.getByTestId("assessment-state").textContent()).toContain("尚未通报");
    await page.getByTestId("assessment-chart").locator("canvas").waitFor();
    // Print and export are plain links the browser opens with the session cookie.
    expect(await page.getByTestId("assessment-print").getAttribute("href")).toMatch(
      /^\/api\/v1\/stats\/assessment\/print\?month=\d{4}-\d{2}$/,
    );
    const print = await page
      .context()
      .request.get(`${server.baseUrl}${await page.getByTestId("assessment-print").getAttribute("href")}`);
    expect(print.status()).toBe(200);
    expect(await print.text()).toContain("城管局");
    const xlsx = await page
      .context()
      .request.get(`${server.baseUrl}${await page.getByTestId("assessment-export").getAttribute("href")}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()["content-type"]).toContain("spreadsheetml");

    await page.getByTestId("assessment-publish").click();
    await page.getByRole("button", { name: "通报", exact: true }).click();
    await expect.poll(() => page.getByTestId("assessment-state").textContent(), POLL).toContain("第 1 版");
    expect(await page.getByTestId("assessment-state").textContent()).toContain("李主任");
    await screenshot(page, "console-assessment");
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it("the department gets a message and sees its own score and rank", async () => {
    const page = watch(await newPage(browser));
    await login(page, server.baseUrl, HANDLER.username, HANDLER.password);
    await page.getByText("消息").first().click();
    await page.getByTestId("inbox-list").waitFor();
    await expect
      .poll(() => page.getByTestId("inbox-list").textContent(), POLL)
      .toContain("考核结果通报：城管局第 1 名");
    await page.getByText("考核排名").first().click();
    await page.getByTestId("assessment-own-result").waitFor();
    const own = await page.getByTestId("assessment-own-result").textContent();
    expect(own).toContain("100.00");
    expect(own).toContain("第 1 名");
    // Only its own row: the other department is nowhere on the page.
    expect(await page.locator("body").textContent()).not.toContain("文旅局");
    await screenshot(page, "console-assessment-department");
    await page.context().close();
    expect(errors).toEqual([]);
  });
});
