import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, POLL, screenshot, startConsole } from "./harness.js";

/**
 * 督办中心 (DESIGN.md §2 item 6): two work orders run past their limit; the supervisor sees them
 * red on the board, issues a 督办单 with a note on the first from the board, then runs the sweep
 * (立即巡检), which supervises the second automatically and leaves the first alone (one open order
 * per item); the department's handler finds the note in their inbox. Time moves by restarting the
 * server on the same data directory with a later YOUSU_CLOCK (March 2026 has no public holidays).
 */
const T0 = "2026-03-02T09:00:00+08:00"; // Monday
const LATER = "2026-03-11T10:00:00+08:00"; // Wednesday of the next week: well past a 3-working-day limit

const DEPARTMENT = { code: "ZJJ", name: "住建局", phone: "010-66668888", location: "三楼 5 号窗口" };
const HANDLER = { username: "zj1", password: "Zhujian#2026pass", displayName: "孙住建" };
const SUPERVISOR = { username: "duban1", password: "Duban#2026passwd", displayName: "周督办" };
const DISPATCHER = { username: "fenban1", password: "Fenban#2026passw", displayName: "吴分办" };
const LEADER = { username: "lingdao1", password: "Lingdao#2026pass", displayName: "郑领导" };
const NOTE = "该事项已超期，请住建局于两个工作日内办结并书面说明超期原因。";
const NOTICE_NOTE = "经督办仍未办理，予以通报。";

interface WorkOrderDto {
  id: string;
  number: string;
  dueAt: string;
}

describe("督办中心: overdue work orders → red lights → manual 督办 → sweep → department inbox", () => {
  let app: Console;
  const appeals: { id: string; trackingNo: string }[] = [];
  const orders: WorkOrderDto[] = [];
  let supervisor: Page;
  /** Board row ids: the one supervised by hand, the one left to the sweep. */
  let manualRow: string;
  let autoRow: string;

  beforeAll(async () => {
    app = await startConsole({ clock: T0 });
    const departmentId = await app.seedStaff(
      [
        [HANDLER, ["department"]],
        [SUPERVISOR, ["supervisor"]],
        [DISPATCHER, ["dispatcher"]],
        [LEADER, ["leader"]],
      ],
      DEPARTMENT,
    );
    const dispatcher = await app.token(DISPATCHER);
    for (const content of [
      "小区 3 号楼外墙瓷砖脱落，砸坏了楼下停放的车辆，物业推诿，请住建部门督促维修。",
      "老旧小区改造工程施工围挡占用消防通道，夜间施工噪声扰民，请住建部门核查。",
    ]) {
      const created = await app.createAppeal(dispatcher, {
        requester: { name: "钱五", phone: "13712345678", address: "和平里 3 号楼" },
        content,
      });
      appeals.push(created);
      const wo = await app.dispatch<WorkOrderDto>(dispatcher, created.id, departmentId);
      expect(Date.parse(wo.dueAt)).toBeLessThan(Date.parse(LATER));
      orders.push(wo);
    }
    manualRow = `work_order-${orders[0]?.id}`;
    autoRow = `work_order-${orders[1]?.id}`;

    // Time passes: the same data, a server whose clock starts after the limits. The background
    // scheduler stays off so the sweep is the one the supervisor starts (立即巡检).
    await app.restart({ clock: LATER, env: { YOUSU_SCHEDULER: "off" } });
  });
  afterAll(() => app?.close());

  it("the supervisor sees both overdue work orders with a red light on the board", async () => {
    supervisor = await app.page(SUPERVISOR);
    await supervisor.getByTestId("menu-supervision").click();
    for (const [i, id] of [manualRow, autoRow].entries()) {
      const row = supervisor.getByTestId(`board-row-${id}`);
      await row.waitFor();
      await expect.poll(() => row.getByTestId("light-red").count(), POLL).toBe(1);
      const text = (await row.textContent()) ?? "";
      expect(text).toContain(appeals[i]?.trackingNo);
      expect(text).toContain(orders[i]?.number);
      expect(text).toContain(DEPARTMENT.name);
      expect(text).toContain("未督办");
      expect(await row.getByTestId("board-countdown").textContent()).toMatch(/^已超期/);
    }
    // The summary counts the department's red items.
    await expect
      .poll(() => supervisor.getByTestId("board-summary").textContent(), POLL)
      .toContain(DEPARTMENT.name);
    await expect.poll(() => supervisor.getByTestId("total-red").textContent(), POLL).toContain("2");
    // The stacked bar chart (ECharts, loaded on demand) draws on a canvas.
    await supervisor.getByTestId("board-chart").locator("canvas").waitFor();
    await screenshot(supervisor, "supervision-board");
  });

  it("the supervisor issues a 督办单 with a note from the board (the note is required)", async () => {
    await supervisor.getByTestId(`board-supervise-${manualRow}`).click();
    await supervisor.getByTestId("note-modal-supervision").waitFor();
    // Empty note: the message is beside the field, nothing is sent.
    await supervisor.getByTestId("note-ok").click();
    await expect
      .poll(() => supervisor.locator(".ant-form-item-explain-error").textContent(), POLL)
      .toContain("请填写督办说明");
    await supervisor.getByTestId("note-input").fill(NOTE);
    await supervisor.getByTestId("note-ok").click();
    await expect.poll(() => supervisor.locator(".ant-message").textContent(), POLL).toContain("已发出督办单");
    await expect.poll(() => supervisor.getByTestId("note-modal-supervision").count(), POLL).toBe(0);

    // The board shows the order; a second 督办 on the same item is not offered while it is open.
    const row = supervisor.getByTestId(`board-row-${manualRow}`);
    await expect.poll(() => row.getByTestId("board-supervision").textContent(), POLL).toMatch(/DB\d+督办中/);
    expect(await supervisor.getByTestId(`board-supervise-${manualRow}`).isDisabled()).toBe(true);

    // The history drawer lists the manual order with its note.
    await supervisor.getByTestId(`board-history-${manualRow}`).click();
    await expect.poll(() => supervisor.getByTestId("history-drawer").textContent(), POLL).toContain(NOTE);
    await supervisor.keyboard.press("Escape");
    await expect.poll(() => supervisor.getByTestId("history-drawer").count(), POLL).toBe(0);
  });

  it("立即巡检 supervises the other overdue order and leaves the hand-made one alone", async () => {
    await supervisor.getByTestId("supervision-sweep").click();
    await expect
      .poll(() => supervisor.locator(".ant-message").textContent(), POLL)
      .toMatch(/巡检完成：催办 0 件，督办 1 件，通报 0 件/);
    const auto = supervisor.getByTestId(`board-row-${autoRow}`);
    await expect.poll(() => auto.getByTestId("board-supervision").textContent(), POLL).toMatch(/DB\d+督办中/);

    // 督办单 tab: both orders, the manual one with its note, printable; 通报 on the automatic one.
    await supervisor.getByTestId("supervision-tab-supervision").click();
    await supervisor.getByTestId("record-note").filter({ hasText: NOTE }).waitFor();
    await expect.poll(() => supervisor.getByTestId("record-status").count(), POLL).toBe(2);
    const printLink = supervisor.locator("a[data-testid^='record-print-']").first();
    expect(await printLink.getAttribute("href")).toMatch(/^\/api\/v1\/supervision\/records\/\d+\/print$/);
    expect(await printLink.getAttribute("target")).toBe("_blank");
    await screenshot(supervisor, "supervision-orders");

    const token = await app.token(SUPERVISOR);
    const list = await app.api<{ items: { id: string; targetId: string; manual: boolean }[] }>(
      token,
      "GET",
      "/api/v1/supervision/items?kind=supervision",
    );
    const autoOrder = list.body.items.find((r) => r.targetId === orders[1]?.id);
    expect(autoOrder?.manual).toBe(false);
    await supervisor.getByTestId(`record-notice-${autoOrder?.id}`).click();
    await supervisor.getByTestId("note-modal-notice").waitFor();
    await supervisor.getByTestId("note-input").fill(NOTICE_NOTE);
    await supervisor.keyboard.press("Control+Enter");
    await expect.poll(() => supervisor.locator(".ant-message").textContent(), POLL).toContain("已发出通报");
    await expect
      .poll(
        () =>
          supervisor.getByTestId(`record-row-${autoOrder?.id}`).getByTestId("record-status").textContent(),
        POLL,
      )
      .toBe("已通报");
    await supervisor.getByTestId("supervision-tab-notice").click();
    await supervisor.getByTestId("record-note").filter({ hasText: NOTICE_NOTE }).waitFor();
    expect(await supervisor.locator("a[data-testid^='record-print-']").count()).toBe(1);
  });

  it("the printable 督办单 and the Excel export answer for the supervisor", async () => {
    const token = await app.token(SUPERVISOR);
    const list = await app.api<{
      items: { id: string; number: string | null; manual: boolean; note: string | null }[];
    }>(token, "GET", `/api/v1/supervision/items?kind=supervision&appealId=${appeals[0]?.id}`);
    expect(list.status).toBe(200);
    const manual = list.body.items.find((r) => r.manual && r.note === NOTE);
    expect(manual, JSON.stringify(list.body)).toBeDefined();
    const print = await fetch(`${app.baseUrl}/api/v1/supervision/records/${manual?.id}/print`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(print.status).toBe(200);
    expect(print.headers.get("content-type")).toContain("text/html");
    expect(await print.text()).toContain(manual?.number ?? "DB");
    const xlsx = await fetch(`${app.baseUrl}/api/v1/supervision/items/export?kind=supervision`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
  });

  it("a leader sees the board read-only", async () => {
    const leader = await app.page(LEADER);
    await leader.getByTestId("menu-supervision").click();
    await leader.getByTestId("supervision-readonly").waitFor();
    await leader.getByTestId(`board-row-${manualRow}`).waitFor();
    expect(await leader.getByTestId(`board-supervise-${manualRow}`).count()).toBe(0);
    expect(await leader.getByTestId(`board-remind-${manualRow}`).count()).toBe(0);
    expect(await leader.getByTestId(`board-history-${manualRow}`).count()).toBe(1);
    await leader.context().close();
  });

  it("the department's handler finds the 督办 with the note in their inbox", async () => {
    const token = await app.token(HANDLER);
    const inbox = await app.api<{
      items: { title: string; body: string; link: string | null }[];
      unread: number;
    }>(token, "GET", "/api/v1/notifications/inbox");
    expect(inbox.status).toBe(200);
    const msg = inbox.body.items.find((n) => n.body.includes(NOTE));
    expect(msg, JSON.stringify(inbox.body)).toBeDefined();
    expect(msg?.title).toContain("督办");
    expect(inbox.body.unread).toBeGreaterThan(0);

    // And in the console: the 消息 page (src/web/pages/notifications) lists it.
    const handler = await app.page(HANDLER);
    await handler.getByTestId("menu-notifications").click();
    await expect.poll(() => handler.getByTestId("inbox-list").textContent(), POLL).toContain(NOTE);
    await screenshot(handler, "supervision-department-inbox");
    await handler.context().close();
    expect(app.errors).toEqual([]);
  });
});
