import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Console, POLL, screenshot, startConsole } from "./harness.js";

/**
 * 三员分立 in the browser: with a security officer (安全管理员) designated, the officer's 安全设置
 * page says who may change the settings and saves them; the administrator's card on the center
 * page shows the same, read-only.
 */
const OFFICER = { username: "sec_officer", password: "Harbor#Lamp-2749", displayName: "郑安全" };

describe("security officer designation", () => {
  let c: Console;
  beforeAll(async () => {
    c = await startConsole();
    await c.seedStaff([[OFFICER, ["security_officer"]]]);
  }, 120_000);
  afterAll(async () => {
    await c?.close();
  });

  it("the officer changes the settings; the admin sees who may and cannot save", async () => {
    const page = await c.page(OFFICER);
    await page.getByText("安全设置", { exact: true }).first().click();
    const editors = page.getByTestId("security-editors");
    await expect.poll(() => editors.textContent(), POLL).toContain("本中心已指定安全管理员（郑安全）");
    const days = page.locator("input.ant-input-number-input");
    await days.fill("400");
    await page.getByTestId("security-save").click();
    await expect.poll(() => page.getByText("安全设置已保存").isVisible(), POLL).toBe(true);
    await screenshot(page, "security-officer-settings");

    const admin = await c.page(ADMIN);
    await admin.goto(`${c.baseUrl}/admin/center`);
    const seen = admin.getByTestId("security-editors");
    await expect.poll(() => seen.textContent(), POLL).toContain("只能由安全管理员修改");
    expect(await admin.getByTestId("security-save").count()).toBe(0);
    expect(await admin.locator("input.ant-input-number-input").last().inputValue()).toBe("400");
    expect(c.errors).toEqual([]);
  }, 120_000);
});
