import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, POLL, screenshot, startConsole } from "./harness.js";

/**
 * 审核 · 分办 · 办理 · 销号 through the staff console: the reviewer dispatches an appeal (seeing
 * the time limit before confirming), the department signs and replies, the reviewer closes it.
 */
const DISPATCHER = {
  username: "review1",
  password: "Review#2026pass",
  displayName: "王审核",
  phone: "010-66661234",
};
const HANDLER = { username: "dept1", password: "Dept#2026passwd", displayName: "赵市场" };
const DEPARTMENT = { code: "SCJG", name: "市场监管局", phone: "010-88886666", location: "二楼 12 号窗口" };

/** 'YYYY-MM-DD' → "2026年10月13日" (how the console writes dates). */
function zhDate(d: string): string {
  const [y, m, day] = d.split("-").map(Number);
  return `${y}年${m}月${day}日`;
}

describe("reviewer dispatches, department signs and replies, reviewer closes", () => {
  let app: Console;
  let reviewer: Page;
  let handler: Page;
  let appeal: { id: string; trackingNo: string };
  let reviewerToken: string;

  beforeAll(async () => {
    app = await startConsole();
    await app.seedStaff(
      [
        [DISPATCHER, ["dispatcher"]],
        [HANDLER, ["department"]],
      ],
      { ...DEPARTMENT, services: ["营业执照", "食品经营许可"] },
    );
    reviewerToken = await app.token(DISPATCHER);
    appeal = await app.createAppeal(reviewerToken, {
      requester: { name: "张三", phone: "13812345678", address: "幸福路1号" },
      content: "小区门口的餐馆无证经营，油烟扰民，请市场监管部门核查处理。",
    });
    reviewer = await app.page(DISPATCHER);
    handler = await app.page(HANDLER);
  });
  afterAll(() => app?.close());

  it("the reviewer sees the time limit before confirming and dispatches to the lead department", async () => {
    await reviewer.getByTestId("menu-dispatch").click();
    const open = reviewer.getByTestId(`dispatch-open-${appeal.trackingNo}`);
    await open.waitFor();
    await open.click();
    // Nothing can be confirmed before the complexity (and so the time limit) is known.
    await expect.poll(() => reviewer.getByTestId("dispatch-confirm").isDisabled(), POLL).toBe(true);
    await reviewer.locator("label", { has: reviewer.getByTestId("complexity-general") }).click();
    const preview = await app.api<{ dueDate: string; explanation: string }>(
      reviewerToken,
      "GET",
      `/api/v1/appeals/${appeal.id}/dispatch-preview?complexity=general`,
    );
    expect(preview.status).toBe(200);
    await expect
      .poll(() => reviewer.getByTestId("dispatch-due").textContent(), POLL)
      .toContain(zhDate(preview.body.dueDate));
    expect(await reviewer.getByTestId("dispatch-preview").textContent()).toContain(
      preview.body.explanation.slice(0, 10),
    );
    // The appeal being dispatched: requester (phone masked), channel and received time.
    await expect
      .poll(() => reviewer.getByTestId("dispatch-requester-phone").textContent(), POLL)
      .toBe("138****5678");
    expect(await reviewer.getByTestId("dispatch-requester").textContent()).toBe("张三");
    expect(await reviewer.getByTestId("dispatch-channel").textContent()).toBe("“有诉即办”窗口");
    expect(await reviewer.getByTestId("dispatch-received-at").textContent()).toMatch(
      /^\d{4}年\d{1,2}月\d{1,2}日/,
    );
    // 工作单联系人 and 联系电话 prefilled from the dispatcher's profile, editable.
    await expect.poll(() => reviewer.getByTestId("dispatch-contact-name").inputValue(), POLL).toBe("王审核");
    expect(await reviewer.getByTestId("dispatch-contact-phone").inputValue()).toBe(DISPATCHER.phone);
    await reviewer.getByTestId("dispatch-contact-phone").fill("010-66660000");
    await reviewer.getByTestId("dispatch-lead").click();
    await reviewer.keyboard.type("市场");
    await reviewer.locator(".ant-select-item-option", { hasText: DEPARTMENT.name }).click();
    // The lead department's directory entry is shown beside the choice.
    await expect
      .poll(() => reviewer.getByTestId("lead-department-info").textContent(), POLL)
      .toContain(DEPARTMENT.location);
    await screenshot(reviewer, "dispatch-drawer");
    await reviewer.getByTestId("dispatch-confirm").click();
    await reviewer.getByTestId("dispatch-done").waitFor();
    expect(await reviewer.getByTestId("dispatch-print").isVisible()).toBe(true);
    const orders = await app.api<{ items: { id: string }[] }>(reviewerToken, "GET", "/api/v1/work-orders");
    const order = await app.api<{ contact: { name: string; phone: string | null } }>(
      reviewerToken,
      "GET",
      `/api/v1/work-orders/${orders.body.items[0]?.id}`,
    );
    expect(order.body.contact).toMatchObject({ name: "王审核", phone: "010-66660000" });
  });

  it("the department signs the work order and replies", async () => {
    await handler.getByTestId("menu-department").click();
    const link = handler.getByTestId(`wo-open-${appeal.trackingNo}`);
    await link.waitFor();
    await screenshot(handler, "department-inbox");
    expect(await handler.getByTestId("due-light").first().isVisible()).toBe(true);
    await link.click();
    await handler.getByTestId("work-order-fields").waitFor();
    const fields = (await handler.getByTestId("work-order-fields").textContent()) ?? "";
    for (const label of ["姓名或单位名称", "联系电话", "诉求反应时间", "完成时限", "工作单联系人", "备注"]) {
      expect(fields).toContain(label);
    }
    expect(await handler.getByTestId("wo-content").textContent()).toContain("无证经营");
    await handler.getByTestId("wo-action-sign").click();
    await expect.poll(() => handler.getByTestId("work-order-status").textContent(), POLL).toBe("办理中");
    await handler.getByTestId("wo-action-reply").click();
    await handler
      .getByTestId("text-action-input")
      .fill("已于当日现场核查，该餐馆已责令停业整改，并安装油烟净化设备。");
    await handler.getByTestId("text-action-ok").click();
    await expect.poll(() => handler.getByTestId("work-order-status").textContent(), POLL).toBe("已答复");
    await screenshot(handler, "work-order-replied");
  });

  it("the reviewer verifies the reply and closes the appeal (销号); the timeline has every step", async () => {
    await reviewer.goto(`${app.baseUrl}/dispatch?tab=closeout`);
    const open = reviewer.getByTestId(`closeout-open-${appeal.trackingNo}`);
    await open.waitFor();
    await open.click();
    await reviewer.getByTestId("appeal-work-orders").waitFor();
    expect(await reviewer.getByTestId("appeal-work-orders").textContent()).toContain("已答复");
    expect(await reviewer.getByTestId("appeal-answer").textContent()).toContain("责令停业整改");
    await reviewer.getByTestId("handling-close").click();
    await reviewer.getByTestId("text-action-ok").click();
    await expect.poll(() => reviewer.getByTestId("appeal-status").textContent(), POLL).toBe("已销号");
    const types = async () =>
      reviewer
        .getByTestId("timeline-event")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-type")));
    await expect.poll(types, POLL).toContain("closed");
    const seen = await types();
    for (const t of ["received", "dispatched", "signed", "replied", "closed"]) expect(seen).toContain(t);
    // The buttons follow the workflow: a closed appeal may only be reopened.
    expect(await reviewer.getByTestId("handling-close").count()).toBe(0);
    expect(await reviewer.getByTestId("handling-reopen").count()).toBe(1);
    await screenshot(reviewer, "appeal-closed");
    expect(app.errors).toEqual([]);
  });

  it("the department asks for an extension and the reviewer approves it: the limit moves", async () => {
    const second = await app.createAppeal(reviewerToken, {
      type: "suggestion",
      requester: { name: "李四", phone: "13912345678", addressDeclined: true },
      content: "建议在菜市场周边增设食品安全快检点，方便居民送检。",
    });
    const depts = await app.api<{ id: string; name: string }[]>(reviewerToken, "GET", "/api/v1/departments");
    const lead = depts.body.find((d) => d.name === DEPARTMENT.name);
    const wo = await app.dispatch<{ id: string; dueDate: string; version: number }>(
      reviewerToken,
      second.id,
      lead?.id ?? "",
    );
    const handlerToken = await app.token(HANDLER);
    expect((await app.api(handlerToken, "POST", `/api/v1/work-orders/${wo.id}/sign`, {})).status).toBe(200);

    const [y, m, d] = wo.dueDate.split("-").map(Number);
    const until = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 10)).toISOString().slice(0, 10);
    await handler.goto(`${app.baseUrl}/work-orders/${wo.id}`);
    await handler.getByTestId("wo-action-extension").click();
    await handler.getByTestId("extension-until").click();
    await handler.keyboard.type(until);
    await handler.keyboard.press("Enter");
    await handler.getByTestId("extension-reason").fill("需协调食药检测机构现场选址，时间较长。");
    await handler.getByRole("button", { name: "提交申请" }).click();
    await expect.poll(() => handler.getByText("待审批").count(), POLL).toBeGreaterThan(0);

    await reviewer.goto(`${app.baseUrl}/dispatch?tab=extensions`);
    await reviewer.getByTestId("extension-approve").click();
    expect(await reviewer.locator(".ant-modal").textContent()).toContain(zhDate(until));
    await reviewer.getByTestId("text-action-ok").click();
    await expect.poll(() => reviewer.getByTestId("extension-approve").count(), POLL).toBe(0);
    const after = await app.api<{ dueDate: string }>(reviewerToken, "GET", `/api/v1/work-orders/${wo.id}`);
    expect(after.body.dueDate).toBe(until);
    await handler.reload();
    await expect
      .poll(() => handler.getByTestId("work-order-due").textContent(), POLL)
      .toContain(zhDate(until));
    expect(app.errors).toEqual([]);
  });
});
