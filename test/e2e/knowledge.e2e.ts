import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, POLL, screenshot, startConsole } from "./harness.js";

/**
 * 知识库 at the window: a clerk answering on the spot (当场办结) searches the knowledge base in
 * the citizen's own words from the reply dialog, inserts the answer with one click (the use is
 * counted) and closes the appeal; the 部门通讯录 opens for a window user with phone and window.
 */
const CLERK = { username: "window1", password: "Window#2026pass", displayName: "李窗口" };
const DEPARTMENT = {
  code: "GJJ",
  name: "住房公积金管理中心",
  phone: "0571-86001234",
  location: "三楼 21 号窗口",
  services: ["公积金提取", "公积金贷款"],
  functions: "负责住房公积金归集、提取、贷款和异地转移接续",
  hours: "工作日 9:00–17:00",
};

describe("knowledge base and directory at the window", () => {
  let app: Console;
  let page: Page;
  let appealId: string;

  beforeAll(async () => {
    app = await startConsole();
    await app.seedStaff([[CLERK, ["window"]]], DEPARTMENT);
    const clerk = await app.token(CLERK);
    appealId = (
      await app.createAppeal(clerk, {
        type: "inquiry",
        content: "我开的小卖部不想干了，想问问个体户怎么关掉，要准备什么材料。",
      })
    ).id;
    page = await app.page(CLERK);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it("searches from the reply dialog and inserts an answer with one click", async () => {
    await page.goto(`${app.baseUrl}/appeals/${appealId}`);
    await expect.poll(() => page.getByTestId("appeal-status").first().textContent(), POLL).toBe("已受理");
    await page.getByTestId("action-resolve").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByPlaceholder(/查知识库/).fill("我想把个体户关掉要办什么");
    const hit = dialog.getByTestId("knowledge-hit").filter({ hasText: "个体工商户注销登记" });
    await hit.waitFor(POLL);
    const rank = await dialog
      .getByTestId("knowledge-hit-title")
      .evaluateAll((els) => els.map((e) => e.textContent ?? ""));
    expect(rank.slice(0, 3)).toContain("个体工商户注销登记");
    expect(await hit.locator("mark").allTextContents()).toEqual(expect.arrayContaining(["注销"]));
    await screenshot(page, "knowledge-reply-search");

    await dialog.getByTestId("action-answer").fill("您好，");
    await hit.getByTestId("knowledge-insert").click();
    await expect.poll(() => dialog.getByTestId("action-answer").inputValue(), POLL).toContain("注销登记");
    expect(await dialog.getByTestId("action-answer").inputValue()).toMatch(/^您好，\n个体工商户不再经营的/);
    await screenshot(page, "knowledge-reply-inserted");
    await dialog.getByRole("button", { name: /办\s*结/ }).click();
    await expect.poll(() => page.getByTestId("appeal-status").first().textContent(), POLL).toBe("已办结");

    const token = await app.token(CLERK);
    const most = await app.api<{ items: { title: string; useCount: number }[] }>(
      token,
      "GET",
      "/api/v1/knowledge/most-used",
    );
    expect(most.body.items).toEqual([expect.objectContaining({ title: "个体工商户注销登记", useCount: 1 })]);
    expect(app.errors).toEqual([]);
  });

  it("opens the 部门通讯录 for a window user and finds a department by what it does", async () => {
    await page.getByTestId("menu-directory").click();
    await page.waitForURL(/\/directory$/);
    await page.getByPlaceholder(/按部门名称、窗口、职能或事项查找/).fill("异地转移");
    const item = page.getByTestId("directory-item").filter({ hasText: "住房公积金管理中心" });
    await item.waitFor(POLL);
    const text = (await item.textContent()) ?? "";
    expect(text).toContain("0571-86001234");
    expect(text).toContain("三楼 21 号窗口");
    expect(text).toContain("工作日 9:00–17:00");
    expect(await page.getByTestId("directory-item").count()).toBe(1);
    await screenshot(page, "directory-window");
    expect(app.errors).toEqual([]);
  });
});
