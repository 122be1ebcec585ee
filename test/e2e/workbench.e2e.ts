import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, type Console, POLL, screenshot, startConsole } from "./harness.js";

/**
 * 工作台 to-do lists (issue 10): each role opens the console and sees its own late work first.
 * Monday 09:00 the window records four appeals (one from a landline) and the dispatcher sends two
 * to the 住建局 (one simple: 研究部署 due tonight). Two hours later (a restart on the same data
 * directory) the department, the dispatcher and the window each find their to-dos in urgency
 * order; the window records the call it had to make.
 */
const T0 = "2026-03-02T09:00:00+08:00";
const LATER = "2026-03-02T11:00:00+08:00";
const DEPARTMENT = { code: "ZJJ", name: "住建局", phone: "010-66668888", location: "三楼 5 号窗口" };
const HANDLER = { username: "zj1", password: "Zhujian#2026pass", displayName: "孙住建" };
const DISPATCHER = { username: "fenban1", password: "Fenban#2026passw", displayName: "吴分办" };
const CLERK = { username: "chuangkou1", password: "Chuangkou#2026pw", displayName: "李窗口" };

describe("工作台: every role sees its to-dos, most urgent first", () => {
  let app: Console;
  const ids: Record<string, string> = {};
  const orders: Record<string, string> = {};

  beforeAll(async () => {
    app = await startConsole({ clock: T0 });
    const departmentId = await app.seedStaff(
      [
        [HANDLER, ["department"]],
        [DISPATCHER, ["dispatcher"]],
        [CLERK, ["window"]],
      ],
      DEPARTMENT,
    );
    const clerk = await app.token(CLERK);
    const dispatcher = await app.token(DISPATCHER);
    for (const [key, phone, content] of [
      ["review", "13712345678", "小区门口人行道地砖松动，雨天积水，老人出行不便。"],
      ["general", "13812345678", "小区 3 号楼外墙瓷砖脱落，存在安全隐患，请住建部门督促维修。"],
      ["simple", "13912345678", "咨询老旧小区加装电梯的补贴申请条件。"],
      ["landline", "010-62345678", "楼道照明损坏已一个月，物业未修复。"],
    ] as const) {
      const requester = { name: "钱五", phone, address: "和平里 3 号楼" };
      ids[key] = (await app.createAppeal(clerk, { requester, content })).id;
    }
    for (const key of ["general", "simple"] as const) {
      orders[key] = (await app.dispatch(dispatcher, ids[key] ?? "", departmentId, key)).id;
    }
    await app.restart({ clock: LATER, env: { YOUSU_SCHEDULER: "off" } });
  });
  afterAll(() => app?.close());

  const open = async (u: Account): Promise<Page> => {
    const page = await app.page(u);
    await page.getByTestId("todo-card").waitFor();
    return page;
  };
  const keysIn = (page: Page, section: string) =>
    page
      .getByTestId(`todo-section-${section}`)
      .getByTestId("todo-item")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-key")));

  it("the department sees today's 研究部署 first, yellow, then its 工作单 by due date", async () => {
    const page = await open(HANDLER);
    await expect
      .poll(() => keysIn(page, "department"), POLL)
      .toEqual([
        `deployment:${orders.simple}`,
        `work_order:${orders.general}`,
        `work_order:${orders.simple}`,
      ]);
    const first = page.getByTestId("todo-section-department").getByTestId("todo-item").first();
    expect(await first.getAttribute("data-light")).toBe("yellow");
    expect(await first.textContent()).toContain("研究部署");
    await screenshot(page, "workbench-department");
    await page.close();
  });

  it("the dispatcher sees what awaits review", async () => {
    const page = await open(DISPATCHER);
    await expect
      .poll(() => keysIn(page, "review"), POLL)
      .toEqual([`review:${ids.review}`, `review:${ids.landline}`]);
    expect(await page.getByTestId("todo-section-closeout").textContent()).toContain("暂无待办");
    await page.close();
  });

  it("the dispatcher's 销号清零 shows the month's four appeals all still open, with their limits", async () => {
    const page = await open(DISPATCHER);
    await page.getByTestId("menu-clearance").click();
    await page.goto(`${app.baseUrl}/clearance?from=2026-03-01&to=2026-03-31`);
    await expect.poll(() => page.getByTestId("clearance-open").textContent(), POLL).toContain("4");
    const rows = page.getByTestId("clearance-table").locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.count(), POLL).toBe(4);
    expect(await rows.nth(2).textContent()).toContain("研究部署");
    await screenshot(page, "clearance");
    await page.close();
  });

  it("the window calls the landline requester and records it; the call leaves the list", async () => {
    const page = await open(CLERK);
    const item = page.getByTestId("todo-section-calls").getByTestId("todo-item");
    await expect.poll(() => item.count(), POLL).toBe(1);
    expect(await item.textContent()).toContain("010-****5678");
    await item.getByTestId("call-reached").click();
    await expect.poll(() => item.count(), POLL).toBe(0);
    await page.close();
    expect(app.errors).toEqual([]);
  });
});
