import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, POLL, screenshot, startConsole } from "./harness.js";

/**
 * A window clerk at work: records an appeal with the keyboard, answers it on the spot, sees the
 * emergency hint beside the form and refuses the matter, and responds to an online appeal.
 */
const CLERK = {
  username: "window1",
  password: "Window#2026pass",
  displayName: "王小窗",
  post: "综合受理窗口",
};

/** The element that has the keyboard focus, by its data-testid (or its radio value). */
async function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return null;
    if (el.type === "radio") return `radio:${el.name}=${el.value}`;
    return (
      el.getAttribute("data-testid") ?? el.closest("[data-testid]")?.getAttribute("data-testid") ?? el.tagName
    );
  });
}

describe("window clerk: intake, on-the-spot answer, hints, online inbox", () => {
  let app: Console;
  let page: Page;

  beforeAll(async () => {
    app = await startConsole();
    await app.seedStaff([[CLERK, ["window"]]]);
    page = await app.page(CLERK);
  });
  afterAll(() => app?.close());

  it("records an on-site appeal with the keyboard and answers it on the spot", async () => {
    await page.getByTestId("menu-intake").click();
    await page.getByTestId("intake-form").waitFor();
    // The first field of the paper form has the focus: the channel, 窗口 preselected.
    await expect.poll(() => focused(page)).toBe("radio:channel=onsite");
    // Tab runs channel → type → person/unit → name (one stop per radio group).
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("radio:type=complaint");
    await page.keyboard.press("ArrowRight"); // 意见 → back to 投诉 below
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("radio:kind=person");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("intake-name");
    await page.keyboard.type("李四");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("intake-phone");
    await page.keyboard.type("13812345678");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("intake-address");
    await page.keyboard.type("幸福路 8 号");
    // Beside the address: the 诉求人不愿提供 choice, then the content.
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("intake-address-declined");
    await page.keyboard.press("Tab");
    expect(await focused(page)).toBe("intake-content");
    await page.keyboard.type("营业执照变更窗口等候时间太长，希望增加办理窗口。");
    // 初步分类 (required at the window): 窗口服务 › 等候时间.
    await page.getByTestId("intake-category").click();
    await page.locator(".ant-cascader-menu-item", { hasText: "窗口服务" }).click();
    await page.locator(".ant-cascader-menu-item", { hasText: "等候时间" }).click();
    await screenshot(page, "intake-form");
    await page.keyboard.press("Control+Enter");

    const success = page.getByTestId("intake-success");
    await success.waitFor();
    const trackingNo = (await page.getByTestId("success-tracking-no").textContent())?.trim() ?? "";
    expect(trackingNo).toMatch(/^\d{12,}$/);
    expect(await page.getByTestId("success-query-code").textContent()).toMatch(/^\d{6}$/);
    // Staff identify themselves (the standard): name and post on the receipt panel.
    expect(await page.getByTestId("success-staff").textContent()).toBe(
      `${CLERK.displayName} · ${CLERK.post}`,
    );
    await screenshot(page, "intake-success");

    // The printable receipt opens in a new window, with the tracking number on it.
    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      page.getByTestId("print-receipt").click(),
    ]);
    await popup.waitForLoadState();
    expect(await popup.content()).toContain(trackingNo);
    await popup.close();

    await page.getByTestId("success-open-appeal").click();
    await page.waitForURL(/\/appeals\/\d+$/);
    await expect.poll(() => page.getByTestId("appeal-status").first().textContent(), POLL).toBe("已受理");
    expect(await page.getByTestId("requester-phone").textContent()).toBe("138****5678");

    await page.getByTestId("action-resolve").click();
    await page.getByTestId("action-answer").fill("已协调增开两个变更登记窗口，并当场为您办理。");
    // antd spaces out two-character button labels ("办 结").
    await page
      .getByRole("dialog")
      .getByRole("button", { name: /^办\s?结$/ })
      .click();
    await expect.poll(() => page.getByTestId("appeal-status").first().textContent()).toBe("已办结");
    await expect
      .poll(() =>
        page.getByTestId("timeline-event").evaluateAll((els) => els.map((e) => e.getAttribute("data-type"))),
      )
      .toEqual(["received", "resolved"]);
    const timeline = (await page.getByTestId("appeal-timeline").textContent()) ?? "";
    expect(timeline).toContain("受理登记");
    expect(timeline).toContain("即时办结");
    expect(timeline).toContain(CLERK.displayName);
    expect(timeline).toContain("已协调增开两个变更登记窗口");
    // The action buttons are gone: a resolved appeal allows none of them.
    expect(await page.getByTestId("action-resolve").count()).toBe(0);
    expect(await page.getByTestId("action-reject").count()).toBe(0);
    await screenshot(page, "appeal-detail-resolved");

    // Revealing the phone asks for a reason, then shows the number.
    await page.getByTestId("reveal-phone").click();
    await page.getByTestId("reveal-reason").fill("电话回访诉求人");
    await page.getByTestId("reveal-reason").press("Enter");
    await expect.poll(() => page.getByTestId("requester-phone").textContent()).toBe("13812345678");
  });

  it("shows the 119 hint beside the form and refuses the emergency in one go", async () => {
    await page.getByTestId("menu-intake").click();
    await page.getByTestId("intake-form").waitFor();
    await page.getByTestId("intake-name").fill("赵五");
    await page.getByTestId("intake-phone").fill("010-12345678");
    await page.getByTestId("intake-content").fill("家里着火了");
    const hint = page.getByTestId("hints-panel").getByTestId("hint-emergency");
    await hint.waitFor({ timeout: 10_000 });
    expect(await hint.textContent()).toContain("疑似紧急事项：建议告知拨打 119");
    // Beside the form, never a modal.
    expect(await page.locator(".ant-modal:visible").count()).toBe(0);
    expect(await page.getByTestId("intake-form").isVisible()).toBe(true);
    await screenshot(page, "intake-hint-119");

    await hint.getByRole("button", { name: "按此理由不予受理" }).click();
    await page.getByTestId("intake-reject-step").waitFor();
    await expect.poll(() => page.getByTestId("reject-explanation").inputValue()).toContain("119");
    // The address is a record element: without it (or the requester's choice) nothing is saved.
    await page.keyboard.press("Control+Enter");
    const form = page.getByTestId("intake-form");
    await expect
      .poll(() => form.textContent())
      .toContain("请填写联系地址；诉求人不愿提供的，请勾选“诉求人不愿提供”");
    expect(await page.getByTestId("intake-success").count()).toBe(0);
    await page.getByTestId("intake-address-declined").check();
    await expect.poll(() => page.getByTestId("intake-address").isDisabled()).toBe(true);
    await expect.poll(() => form.textContent()).not.toContain("请填写联系地址");
    await page.getByTestId("reject-explanation").focus();
    await page.keyboard.press("Control+Enter");
    await page.getByTestId("intake-success").waitFor();
    expect(await page.getByTestId("intake-success").textContent()).toContain("已登记，不予受理");
    expect(await page.getByTestId("appeal-status").textContent()).toBe("不予受理");

    // 继续登记: an empty form, the focus back on the first field.
    await page.getByTestId("intake-next").click();
    await expect.poll(() => focused(page)).toBe("radio:channel=onsite");
    expect(await page.getByTestId("intake-name").inputValue()).toBe("");
    // The previous requester's hints are gone with the form.
    expect(await page.getByTestId("hints-panel").getByTestId("hint-emergency").count()).toBe(0);
    // Alt+J opens the on-the-spot answer with the focus in it; Esc goes back.
    await page.keyboard.press("Alt+J");
    await page.getByTestId("intake-resolve-step").waitFor();
    await expect.poll(() => focused(page)).toBe("intake-answer");
    await page.keyboard.press("Escape");
    await page.getByTestId("intake-resolve-step").waitFor({ state: "detached" });
  });

  it("lists appeals with masked phones and filters kept in the URL", async () => {
    await page.getByTestId("menu-appeals").click();
    const table = page.getByTestId("appeal-table");
    await expect.poll(() => table.locator("tbody tr.appeal-row").count(), POLL).toBe(2);
    expect(await table.textContent()).toContain("138****5678");
    expect(await table.textContent()).not.toContain("13812345678");
    await page.goto(`${app.baseUrl}/appeals?status=rejected`);
    await expect.poll(() => table.locator("tbody tr.appeal-row").count(), POLL).toBe(1);
    expect(await table.textContent()).toContain("家里着火了");
  });

  it("answers an online appeal from the inbox, most urgent first", async () => {
    const submitted = await app.api<{ trackingNo: string }>(null, "POST", "/api/v1/public/appeals", {
      channel: "portal",
      type: "inquiry",
      requester: { name: "陈七", phone: "13900001111", address: "新城区和平路 5 号" },
      content: "请问新生儿落户需要准备哪些材料？",
    });
    expect(submitted.status).toBe(201);

    await page.getByTestId("menu-workbench").click();
    const card = page.getByTestId("workbench-inbox");
    await expect.poll(() => card.textContent(), POLL).toContain("待回应1件");

    await page.getByTestId("menu-inbox").click();
    const table = page.getByTestId("inbox-table");
    await expect.poll(() => table.textContent(), POLL).toContain(submitted.body.trackingNo);
    expect(await table.getByTestId("due-light").first().getAttribute("data-light")).toMatch(
      /green|yellow|red/,
    );
    await screenshot(page, "inbox");
    await table.getByRole("button", { name: /^回\s?应$/ }).click();
    await page.getByTestId("action-message").waitFor();
    await page.getByRole("button", { name: "发送回应" }).click();
    await expect.poll(() => table.textContent()).toContain("暂无待回应的网络诉求");
    expect(app.errors).toEqual([]);
  });
});
