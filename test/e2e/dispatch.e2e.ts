import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  api,
  apiLogin,
  launchBrowser,
  login,
  newPage,
  POLL,
  type RunningServer,
  screenshot,
  startServer,
} from "./harness.js";

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
  let server: RunningServer;
  let browser: Browser;
  let reviewer: Page;
  let handler: Page;
  const errors: string[] = [];
  let appeal: { id: string; trackingNo: string };
  let reviewerToken: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const admin = await apiLogin(server.baseUrl);
    const dept = await api<{ id: string }>(server.baseUrl, admin, "POST", "/api/v1/departments", {
      ...DEPARTMENT,
      services: ["营业执照", "食品经营许可"],
    });
    expect(dept.status).toBe(201);
    for (const [u, roles, departmentId] of [
      [DISPATCHER, ["dispatcher"], null],
      [HANDLER, ["department"], dept.body.id],
    ] as const) {
      const r = await api(server.baseUrl, admin, "POST", "/api/v1/users", { ...u, roles, departmentId });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    reviewerToken = await apiLogin(server.baseUrl, DISPATCHER.username, DISPATCHER.password);
    const created = await api<{ id: string; trackingNo: string }>(
      server.baseUrl,
      reviewerToken,
      "POST",
      "/api/v1/appeals",
      {
        channel: "onsite",
        type: "complaint",
        requester: { name: "张三", phone: "13812345678", address: "幸福路1号" },
        content: "小区门口的餐馆无证经营，油烟扰民，请市场监管部门核查处理。",
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    appeal = created.body;
    reviewer = await newPage(browser);
    handler = await newPage(browser);
    for (const p of [reviewer, handler]) p.on("pageerror", (e) => errors.push(e.message));
    await login(reviewer, server.baseUrl, DISPATCHER.username, DISPATCHER.password);
    await login(handler, server.baseUrl, HANDLER.username, HANDLER.password);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the reviewer sees the time limit before confirming and dispatches to the lead department", async () => {
    await reviewer.getByTestId("menu-dispatch").click();
    const open = reviewer.getByTestId(`dispatch-open-${appeal.trackingNo}`);
    await open.waitFor();
    await open.click();
    // Nothing can be confirmed before the complexity (and so the time limit) is known.
    await expect.poll(() => reviewer.getByTestId("dispatch-confirm").isDisabled(), POLL).toBe(true);
    await reviewer.locator("label", { has: reviewer.getByTestId("complexity-general") }).click();
    const preview = await api<{ dueDate: string; explanation: string }>(
      server.baseUrl,
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
    const orders = await api<{ items: { id: string }[] }>(
      server.baseUrl,
      reviewerToken,
      "GET",
      "/api/v1/work-orders",
    );
    const order = await api<{ contact: { name: string; phone: string | null } }>(
      server.baseUrl,
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
    await reviewer.goto(`${server.baseUrl}/dispatch?tab=closeout`);
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
    expect(errors).toEqual([]);
  });

  it("the department asks for an extension and the reviewer approves it: the limit moves", async () => {
    const second = await api<{ id: string; trackingNo: string }>(
      server.baseUrl,
      reviewerToken,
      "POST",
      "/api/v1/appeals",
      {
        channel: "onsite",
        type: "suggestion",
        requester: { name: "李四", phone: "13912345678", addressDeclined: true },
        content: "建议在菜市场周边增设食品安全快检点，方便居民送检。",
      },
    );
    expect(second.status).toBe(201);
    const depts = await api<{ id: string; name: string }[]>(
      server.baseUrl,
      reviewerToken,
      "GET",
      "/api/v1/departments",
    );
    const lead = depts.body.find((d) => d.name === DEPARTMENT.name);
    const wo = await api<{ id: string; dueDate: string; version: number }>(
      server.baseUrl,
      reviewerToken,
      "POST",
      `/api/v1/appeals/${second.body.id}/dispatch`,
      { complexity: "general", leadDepartmentId: lead?.id },
    );
    expect(wo.status, JSON.stringify(wo.body)).toBe(201);
    const handlerToken = await apiLogin(server.baseUrl, HANDLER.username, HANDLER.password);
    expect(
      (await api(server.baseUrl, handlerToken, "POST", `/api/v1/work-orders/${wo.body.id}/sign`, {})).status,
    ).toBe(200);

    const [y, m, d] = wo.body.dueDate.split("-").map(Number);
    const until = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 10)).toISOString().slice(0, 10);
    await handler.goto(`${server.baseUrl}/work-orders/${wo.body.id}`);
    await handler.getByTestId("wo-action-extension").click();
    await handler.getByTestId("extension-until").click();
    await handler.keyboard.type(until);
    await handler.keyboard.press("Enter");
    await handler.getByTestId("extension-reason").fill("需协调食药检测机构现场选址，时间较长。");
    await handler.getByRole("button", { name: "提交申请" }).click();
    await expect.poll(() => handler.getByText("待审批").count(), POLL).toBeGreaterThan(0);

    await reviewer.goto(`${server.baseUrl}/dispatch?tab=extensions`);
    await reviewer.getByTestId("extension-approve").click();
    expect(await reviewer.locator(".ant-modal").textContent()).toContain(zhDate(until));
    await reviewer.getByTestId("text-action-ok").click();
    await expect.poll(() => reviewer.getByTestId("extension-approve").count(), POLL).toBe(0);
    const after = await api<{ dueDate: string }>(
      server.baseUrl,
      reviewerToken,
      "GET",
      `/api/v1/work-orders/${wo.body.id}`,
    );
    expect(after.body.dueDate).toBe(until);
    await handler.reload();
    await expect
      .poll(() => handler.getByTestId("work-order-due").textContent(), POLL)
      .toContain(zhDate(until));
    expect(errors).toEqual([]);
  });
});
