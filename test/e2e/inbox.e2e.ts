import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Console, POLL, screenshot, startConsole } from "./harness.js";

/**
 * 站内消息: a supervisor's manual 催办 on a dispatched work order reaches the department's
 * handler as an unread message: the header bell counts it, 消息 lists it, a click marks it read
 * and opens the appeal, whose timeline shows the 催办 with its facts and note.
 */
const DISPATCHER = { username: "review1", password: "Review#2026pass", displayName: "王审核" };
const SUPERVISOR = { username: "super1", password: "Super#2026pass", displayName: "周督查" };
const HANDLER = { username: "dept1", password: "Dept#2026passwd", displayName: "赵市场" };
const DEPARTMENT = { code: "SCJG", name: "市场监管局", phone: "010-88886666", location: "二楼 12 号窗口" };
const NOTE = "群众反映强烈，请于明日前答复。";

interface Inbox {
  items: { id: string; title: string; link: string | null; readAt: string | null }[];
  nextCursor: string | null;
  unread: number;
}

describe("staff notification inbox", () => {
  let app: Console;
  let page: Page;
  let appealId: string;
  let handlerToken: string;
  let messageId: string;

  beforeAll(async () => {
    app = await startConsole();
    const departmentId = await app.seedStaff(
      [
        [DISPATCHER, ["dispatcher"]],
        [SUPERVISOR, ["supervisor"]],
        [HANDLER, ["department"]],
      ],
      { ...DEPARTMENT, services: ["食品经营许可"] },
    );

    // An appeal dispatched to the department (through the API, as the reviewer would).
    const reviewer = await app.token(DISPATCHER);
    appealId = (
      await app.createAppeal(reviewer, {
        content: "小区门口的餐馆无证经营，油烟扰民，请市场监管部门核查处理。",
      })
    ).id;
    const wo = await app.dispatch(reviewer, appealId, departmentId);
    // The handler has read the arrival message of the new 工作单 (新工作单 …).
    handlerToken = await app.token(HANDLER);
    const arrival = await app.api<Inbox>(handlerToken, "GET", "/api/v1/notifications/inbox");
    expect(arrival.body.items.map((m) => m.title)).toEqual([expect.stringContaining("新工作单")]);
    expect(
      (await app.api(handlerToken, "POST", "/api/v1/notifications/inbox/read-all", {})).status,
    ).toBeLessThan(300);

    // The supervisor's manual 催办 on that work order: one message for the department's handler.
    const supervisor = await app.token(SUPERVISOR);
    const reminder = await app.api(supervisor, "POST", "/api/v1/supervision/reminders", {
      targetKind: "work_order",
      targetId: wo.id,
      note: NOTE,
    });
    expect(reminder.status, JSON.stringify(reminder.body)).toBe(201);

    const inbox = await app.api<Inbox>(handlerToken, "GET", "/api/v1/notifications/inbox");
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
    expect(inbox.body.unread).toBe(1);
    expect(inbox.body.items).toHaveLength(2);
    messageId = inbox.body.items[0]?.id ?? "";

    page = await app.page(HANDLER);
  });
  afterAll(() => app?.close());

  it("the header bell and the workbench count the unread message", async () => {
    await expect.poll(() => page.getByTestId("inbox-unread").textContent(), POLL).toBe("1");
    await expect.poll(() => page.getByTestId("workbench-unread").textContent(), POLL).toContain("1");
    // The bell opens the latest unread messages.
    await page.getByTestId("inbox-bell").click();
    await page.getByTestId(`bell-item-${messageId}`).waitFor();
    expect(await page.getByTestId(`bell-item-${messageId}`).textContent()).toContain("催办");
    await screenshot(page, "inbox-bell");
    await page.getByTestId("inbox-bell-all").click();
    await page.waitForURL((url) => url.pathname === "/notifications");
  });

  it("消息 lists it bold; a click marks it read and opens the appeal with the 催办 in its timeline", async () => {
    const item = page.getByTestId(`inbox-item-${messageId}`);
    await item.waitFor();
    expect(await item.getAttribute("data-unread")).toBe("true");
    expect(await item.textContent()).toContain(NOTE);
    await screenshot(page, "inbox-page");
    await item.click();
    await page.waitForURL((url) => url.pathname === `/appeals/${appealId}`);
    await expect.poll(() => page.getByTestId("inbox-unread").count(), POLL).toBe(0);

    const reminder = page.locator('[data-testid="timeline-event"][data-type="supervision.reminder"]');
    await reminder.waitFor();
    const text = (await reminder.textContent()) ?? "";
    expect(text).toContain(NOTE);
    expect(text).toContain("请抓紧办理");
    await screenshot(page, "inbox-appeal-timeline");

    const after = await app.api<Inbox>(handlerToken, "GET", "/api/v1/notifications/inbox");
    expect(after.body.unread).toBe(0);
    expect(after.body.items[0]?.readAt).toBeTruthy();
  });

  it("read messages stay under 全部, not under 未读", async () => {
    await page.getByTestId("menu-notifications").click();
    const item = page.getByTestId(`inbox-item-${messageId}`);
    await item.waitFor();
    expect(await item.getAttribute("data-unread")).toBe("false");
    await page.getByTestId("inbox-filter").getByText("未读").click();
    await page.getByTestId("inbox-empty").waitFor();
    expect(await page.getByTestId(`inbox-item-${messageId}`).count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it("the administrator sets who a 通报 goes to in 时限策略", async () => {
    const admin = await app.page(ADMIN);
    await admin.goto(`${app.baseUrl}/admin/policy`);
    const gov = admin.getByTestId("policy-escalation-government");
    await expect.poll(() => gov.inputValue(), POLL).toBe("同级人民政府");
    await gov.fill("幸福区人民政府");
    await admin.getByTestId("policy-escalation-discipline").fill("幸福区纪委监委");
    await admin.getByTestId("policy-escalation-copyto").click();
    await admin.keyboard.type("区政府督查室");
    await admin.keyboard.press("Enter");
    await admin.getByTestId("policy-save").click();
    const adminToken = await app.token();
    const read = () =>
      app.api<{ policy: { escalation?: unknown } }>(adminToken, "GET", "/api/v1/time-limit-policy");
    await expect
      .poll(async () => (await read()).body.policy.escalation, POLL)
      .toEqual({
        government: "幸福区人民政府",
        disciplineCommission: "幸福区纪委监委",
        copyTo: ["区政府督查室"],
      });
    expect(app.errors).toEqual([]);
  });
});
