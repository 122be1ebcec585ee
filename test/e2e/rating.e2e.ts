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
 * 好差评 on a phone: a citizen opens the link of the closing SMS on a 360 px screen, rates the
 * closed appeal 非常不满意 with 未解决, sees the rectification under way; the department records
 * what it did; the citizen rates once more. The leader's summary counts the first rating, and
 * 考核排名 ranks 城管局 with that rating in its 满意率.
 */
const DISPATCHER = { username: "review3", password: "Review#2026pass", displayName: "王审核" };
const HANDLER = { username: "dept3", password: "Dept#2026passwd", displayName: "赵城管" };
const LEADER = { username: "leader3", password: "Leader#2026pass", displayName: "李主任" };

describe("citizen rates a closed appeal on a phone", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let trackingNo = "";
  let queryCode = "";
  let leader = "";
  let deptId = "";

  const scrollWidth = () => page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);

  beforeAll(async () => {
    server = await startServer();
    const base = server.baseUrl;
    deptId = await seedStaff(
      base,
      [
        [DISPATCHER, ["dispatcher"]],
        [HANDLER, ["department"]],
        [LEADER, ["leader"]],
      ],
      { code: "CGJ", name: "城管局" },
    );
    const reviewer = await apiLogin(base, DISPATCHER.username, DISPATCHER.password);
    const handler = await apiLogin(base, HANDLER.username, HANDLER.password);
    leader = await apiLogin(base, LEADER.username, LEADER.password);
    const created = await createAppeal<{ id: string; trackingNo: string; queryCode: string }>(
      base,
      reviewer,
      {
        channel: "phone",
        requester: { name: "孙奶奶", phone: "13700005678", addressDeclined: true },
        content: "楼下夜市油烟很大，晚上十点后还很吵。",
      },
    );
    ({ trackingNo, queryCode } = created);
    const id = created.id;
    const wo = await dispatchAppeal(base, reviewer, id, deptId);
    const order = `/api/v1/work-orders/${wo.id}`;
    expect((await api(base, handler, "POST", `${order}/sign`, {})).status).toBe(200);
    expect(
      (await api(base, handler, "POST", `${order}/reply`, { result: "已约谈夜市经营者。" })).status,
    ).toBe(200);
    expect((await api(base, reviewer, "POST", `/api/v1/appeals/${id}/close`, {})).status).toBe(200);

    browser = await launchBrowser();
    ({ context, page } = await phonePage(browser, problems));
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it("rates 非常不满意 with 未解决 in a few taps and sees the rectification", async () => {
    await page.goto(`${server.baseUrl}/portal/track?no=${trackingNo}&code=${queryCode}`);
    await page.getByTestId("portal-rate-form").waitFor();
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await screenshot(page, "portal-rate-form");
    // Submitting without a choice says what to do, next to the button.
    await page.getByTestId("portal-rate-submit").tap();
    expect(await page.getByTestId("portal-rate-error").textContent()).toContain("请先选择");
    await page.getByTestId("portal-rate-face-1").tap();
    await page.getByTestId("portal-rate-unresolved").tap();
    await page.getByTestId("portal-rate-comment").fill("晚上还是很吵");
    await page.getByTestId("portal-rate-submit").tap();
    await page.getByTestId("portal-rate-thanks").waitFor();
    await expect.poll(() => page.getByTestId("portal-rate-thanks").textContent(), POLL).toContain("整改");
    expect(await page.getByTestId("portal-rectification").textContent()).toContain("整改时限");
    expect(await page.getByTestId("portal-rate-form").count()).toBe(0);
    expect(await scrollWidth()).toBeLessThanOrEqual(360);
    await screenshot(page, "portal-rate-bad");
    expect(problems).toEqual([]);
  });

  it("the department records its rectification in the console (差评整改)", async () => {
    const staff = await newPage(browser);
    await login(staff, server.baseUrl, HANDLER.username, HANDLER.password);
    await staff.getByText("差评整改").first().click();
    await staff.getByTestId("rectification-table").waitFor();
    await expect
      .poll(() => staff.getByTestId("rectification-table").textContent(), POLL)
      .toContain(trackingNo);
    expect(await staff.getByTestId("rectification-table").textContent()).toContain("非常不满意");
    await staff.getByTestId("rectification-complete").click();
    // Wait for the dialog and the typed text to be in the form before submitting: on a loaded
    // machine a click on 提交 during the opening animation could land before the form held the text.
    const dialog = staff.getByRole("dialog");
    await dialog.waitFor();
    const result = "已责令夜市 22 点前收摊并安装油烟净化设备。";
    await staff.getByTestId("rectification-result").fill(result);
    await expect.poll(() => staff.getByTestId("rectification-result").inputValue(), POLL).toBe(result);
    await dialog.getByRole("button", { name: /提\s*交/ }).click();
    // The dialog closes only when the server accepted the rectification; if it stays, its text
    // (a validation or server error) is the failure message.
    await expect
      .poll(async () => ((await dialog.isVisible()) ? await dialog.textContent() : "closed"), POLL)
      .toBe("closed");
    await expect
      .poll(() => staff.getByTestId("rectification-table").textContent(), POLL)
      .toContain("没有待整改的差评");
    await screenshot(staff, "console-rectifications");
    await staff.context().close();
  });

  it("after the rectification the citizen may rate once more", async () => {
    await page.reload();
    await page.getByTestId("portal-rate-form").waitFor();
    expect(await page.getByTestId("portal-rectification").textContent()).toContain("油烟净化");
    await page.getByTestId("portal-rate-face-4").tap();
    await page.getByTestId("portal-rate-submit").tap();
    await page.getByTestId("portal-rate-thanks").waitFor();
    expect(await page.getByTestId("portal-rate-form").count()).toBe(0);
    await screenshot(page, "portal-rate-again");
    expect(problems).toEqual([]);
  });

  it("the leader's dashboard counts the first rating: 满意率 0, one bad rating rectified", async () => {
    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" });
    const sum = await api<{ totals: Record<string, unknown> }>(
      server.baseUrl,
      leader,
      "GET",
      `/api/v1/stats/summary?from=${today}&to=${today}`,
    );
    expect(sum.status).toBe(200);
    expect(sum.body.totals).toMatchObject({
      rated: 1,
      bad: 1,
      satisfactionRate: 0,
      rectificationsOpened: 1,
      rectificationsDone: 1,
    });
    const dash = await newPage(browser);
    await login(dash, server.baseUrl, LEADER.username, LEADER.password);
    // The leader's 工作台 shows this month's headline figures.
    await expect.poll(() => dash.getByTestId("headline-card").textContent(), POLL).toContain("满意率0.0%");
    expect(await dash.getByTestId("headline-card").textContent()).toContain("差评整改1/1");
    await dash.getByText("统计分析").first().click();
    await dash.getByTestId("stats-totals").waitFor();
    await expect
      .poll(() => dash.getByTestId("stats-department-table").textContent(), POLL)
      .toContain("城管局");
    expect(await dash.getByTestId("stats-totals").textContent()).toContain("满意率");
    // The bad rating and its completed rectification, in the totals and on 城管局's row.
    expect(await dash.getByTestId("stats-count-bad").textContent()).toBe("差评 1");
    expect(await dash.getByTestId("stats-count-rectifications").textContent()).toBe("整改 1/1");
    const row = dash.getByTestId(`stats-department-table-row-${deptId}`);
    const cells = await row.locator("td").allTextContents();
    // 名称 受理 分办 办结 超期 按期办结率 响应率 评价 解决率 满意率 差评 督办 整改（完成/发起）
    expect(cells[0]).toBe("城管局");
    expect(cells.slice(7)).toEqual(["1", "0.0%", "0.0%", "1", "0", "1/1"]);
    await dash.getByTestId("stats-rates-chart").locator("canvas").waitFor();
    await screenshot(dash, "console-stats");
    await dash.context().close();
  });

  it("考核排名 ranks 城管局 with the bad rating in its 满意率 (docs/metrics.md, by hand)", async () => {
    // 城管局 this month: one appeal, dispatched by phone (no first-response limit: on time) →
    // 响应率 1/1; its first rating 非常不满意, 未解决 → 解决率 0/1, 满意率 0/1 (the second rating after
    // the rectification is not counted); no 督办单 or 通报. Default weights 10/45/45:
    // base = 100 × (10 × 1 + 45 × 0 + 45 × 0) ÷ 100 = 10 → score 10.00, rank 1 of 1.
    const month = new Date().toLocaleDateString("sv-SE", { timeZone: "Asia/Shanghai" }).slice(0, 7);
    const a = await api<{ items: { departmentId: string; score: number | null; rank: number | null }[] }>(
      server.baseUrl,
      leader,
      "GET",
      `/api/v1/stats/assessment?month=${month}`,
    );
    expect(a.status).toBe(200);
    expect(a.body.items.find((i) => i.departmentId === deptId)).toMatchObject({ score: 10, rank: 1 });
    const page = await newPage(browser);
    await login(page, server.baseUrl, LEADER.username, LEADER.password);
    await page.getByText("考核排名").first().click();
    const row = page.getByTestId(`assessment-row-${deptId}`);
    await row.waitFor();
    await expect
      .poll(() => row.getByTestId("assessment-satisfaction").textContent(), POLL)
      .toBe("0.0%（0/1）");
    expect(await row.getByTestId("assessment-score").textContent()).toBe("10.00");
    // 排名 部门 得分 指标得分 扣分 响应率 解决率 满意率 …
    const cells = await row.locator("td").allTextContents();
    expect(cells.slice(0, 8)).toEqual([
      "1",
      "城管局",
      "10.00",
      "10.00",
      "0",
      "100.0%（1/1）",
      "0.0%（0/1）",
      "0.0%（0/1）",
    ]);
    await screenshot(page, "console-assessment-bad-rating");
    await page.context().close();
  });
});
