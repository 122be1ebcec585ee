import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, POLL, screenshot, startConsole } from "./harness.js";

/**
 * 热点分析 and 月度报告 (issue 11): a leader finds the rising term of the month, opens its
 * appeals, drills from a number of 统计分析 to its appeals, and prints the monthly report.
 */
const T0 = "2026-03-10T09:00:00+08:00";
const LEADER = { username: "lingdao1", password: "Lingdao#2026pass", displayName: "周主任" };
const CLERK = { username: "chuangkou1", password: "Chuangkou#2026pw", displayName: "李窗口" };

describe("insight: hot topics, drill-down and the monthly report", () => {
  let app: Console;

  beforeAll(async () => {
    app = await startConsole({ clock: T0 });
    await app.seedStaff([
      [LEADER, ["leader"]],
      [CLERK, ["window"]],
    ]);
    const clerk = await app.token(CLERK);
    for (const content of [
      "小区楼下烧烤店夜间噪音扰民，油烟很大。",
      "工地夜间施工噪音扰民，影响休息。",
      "广场舞音响噪音扰民。",
      "路灯损坏，晚上出行不便。",
    ]) {
      await app.createAppeal(clerk, { content });
    }
  });
  afterAll(() => app?.close());

  it("the leader opens 热点分析, clicks the top term and sees its appeals", async () => {
    const page = await app.page(LEADER);
    await page.getByTestId("menu-hot-topics").click();
    await page.getByTestId("hot-range").first().waitFor();
    // The browser's clock is the real one; the server's is T0: name the period.
    await page.goto(`${app.baseUrl}/hot-topics?from=2026-03-01&to=2026-03-10`);
    const first = page.getByTestId("hot-term").first();
    await expect.poll(() => first.textContent(), POLL).toBe("噪音");
    await screenshot(page, "insight-hot-topics");
    await first.click();
    await page.waitForURL(/\/appeals\?/);
    const rows = page.getByTestId("appeal-table").locator("tbody tr.appeal-row");
    await expect.poll(() => rows.count(), POLL).toBe(3);
    expect(await page.getByTestId("appeal-table").textContent()).toContain("广场舞");
    expect(await page.getByTestId("appeal-table").textContent()).not.toContain("路灯");
    await page.close();
  });

  it("a number of 统计分析 opens onto the appeals it counts", async () => {
    const page = await app.page(LEADER);
    await page.getByTestId("menu-stats").click();
    await page.getByTestId("stats-range").first().waitFor();
    await page.goto(`${app.baseUrl}/stats?from=2026-03-01&to=2026-03-10`);
    await page.getByTestId("total-received").click();
    await page.getByTestId("drill-banner").waitFor();
    const rows = page.getByTestId("appeal-table").locator("tbody tr.appeal-row");
    await expect.poll(() => rows.count(), POLL).toBe(4);
    await screenshot(page, "insight-drill-down");
    await page.close();
  });

  it("the leader opens 月度报告 of this month and its print view", async () => {
    const page = await app.page(LEADER);
    await page.getByTestId("menu-monthly-report").click();
    await page.getByTestId("report-month").waitFor();
    await page.goto(`${app.baseUrl}/reports/monthly?month=2026-03`);
    const sheet = page.getByTestId("report-sheet");
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain("2026 年 3 月有诉即办工作月度报告");
    const figures = page.getByTestId("report-figures");
    await expect
      .poll(() => figures.locator("tr", { hasText: "受理" }).first().textContent(), POLL)
      .toContain("4");
    expect(await page.getByTestId("report-hot").textContent()).toContain("噪音");
    await screenshot(page, "insight-monthly-report");
    // 导出明细: the month's appeals, downloaded with a progress bar.
    const download = page.waitForEvent("download");
    await page.getByTestId("export-detail").click();
    expect((await download).suggestedFilename()).toBe("诉求明细_2026-03.xlsx");
    await expect.poll(() => page.getByTestId("export-progress").textContent(), POLL).toContain("共 4 件");
    // Every byte of Content-Length arrived.
    expect(await page.getByTestId("export-progress").textContent()).toMatch(/已下载 (\d+) KB \/ \1 KB/);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("menu-monthly-report").isVisible()).toBe(false);
    expect(await page.getByTestId("report-print").isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await screenshot(page, "insight-monthly-report-print");
    await page.close();
    expect(app.errors).toEqual([]);
  });
});
