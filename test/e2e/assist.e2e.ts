import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Console, POLL, screenshot, startConsole } from "./harness.js";

/**
 * 分办建议 and 并单 in the console: the window clerk types an appeal and sees the lead department
 * the center's own dispatches suggest; the reviewer merges a repeat into the original.
 */
const CLERK = { username: "window1", password: "Window#2026pass", displayName: "李窗口" };
const DISPATCHER = { username: "review1", password: "Review#2026pass", displayName: "王审核" };

const TAX = [
  "个体户开发票去哪里领",
  "个人所得税汇算清缴能退多少",
  "买房的契税交多少",
  "公司注销前要清税吗",
  "代开发票要交多少税",
];
const FUND = [
  "租房能提取公积金吗",
  "公积金贷款能贷多少",
  "离职了公积金怎么取",
  "公积金账户怎么转移",
  "公积金提前还款要预约吗",
];

describe("assist: suggestions while typing, merge of a repeat", () => {
  let app: Console;
  let clerk: Page;
  let reviewer: Page;
  let token: string;
  let tax: string;
  let fund: string;

  beforeAll(async () => {
    app = await startConsole();
    tax = await app.seedStaff(
      [
        [CLERK, ["window"]],
        [DISPATCHER, ["dispatcher"]],
      ],
      { code: "SW", name: "税务局", services: ["发票领用和代开", "个人所得税"] },
    );
    const admin = await app.token();
    fund = (
      await app.api<{ id: string }>(admin, "POST", "/api/v1/departments", {
        code: "GJJ",
        name: "公积金中心",
        services: ["公积金提取", "公积金贷款"],
      })
    ).body.id;
    token = await app.token(DISPATCHER);
    for (const [content, dept] of [...TAX.map((c) => [c, tax]), ...FUND.map((c) => [c, fund])] as [
      string,
      string,
    ][]) {
      const a = await app.createAppeal(token, { content });
      await app.dispatch(token, a.id, dept, "simple");
    }
    const r = await app.api<{ examples: number }>(admin, "POST", "/api/v1/assist/retrain");
    expect(r.body.examples).toBe(10);
    clerk = await app.page(CLERK);
    reviewer = await app.page(DISPATCHER);
  });
  afterAll(() => app?.close());

  it("the window clerk types an appeal and sees the suggested lead department", async () => {
    await clerk.getByTestId("menu-intake").click();
    await clerk.getByTestId("intake-content").fill("我想问一下增值税发票怎么开，要带什么");
    const first = clerk.getByTestId("assist-department").first();
    await first.waitFor(POLL);
    await expect.poll(() => first.textContent(), POLL).toContain("税务局");
    await screenshot(clerk, "assist-intake");
  });

  it("the reviewer merges a repeat into the original from the dispatch drawer", async () => {
    const text = "幸福小区三号楼门口的路灯坏了三个月没人修，晚上很黑，老人出门不安全";
    const original = await app.createAppeal(token, {
      content: text,
      requester: { name: "张三", phone: "13812345678", address: "幸福路1号" },
    });
    const repeat = await app.createAppeal<{ id: string; trackingNo: string; queryCode: string }>(token, {
      content: `${text}，请尽快处理`,
      requester: { name: "李四", phone: "13987654321", address: "幸福路3号" },
    });
    await reviewer.getByTestId("menu-dispatch").click();
    const open = reviewer.getByTestId(`dispatch-open-${repeat.trackingNo}`);
    await open.waitFor(POLL);
    await open.click();
    const similar = reviewer.getByTestId("assist-similar").first();
    await similar.waitFor(POLL);
    await similar.getByRole("button", { name: "并入此件" }).click();
    await reviewer.getByRole("button", { name: "确认并单" }).click();
    await expect
      .poll(
        async () =>
          (await app.api<{ status: string }>(token, "GET", `/api/v1/appeals/${repeat.id}`)).body.status,
        POLL,
      )
      .toBe("merged");
    const after = await app.api<{ mergedIntoId: string }>(token, "GET", `/api/v1/appeals/${repeat.id}`);
    expect(after.body.mergedIntoId).toBe(original.id);
    // The repeat's requester follows the original on the portal.
    const citizen = await app.page();
    await citizen.goto(`${app.baseUrl}/portal/track?no=${repeat.trackingNo}&code=${repeat.queryCode}`);
    const following = citizen.getByTestId("portal-following");
    await following.waitFor(POLL);
    expect(await citizen.getByTestId("portal-status").textContent()).toBe("已与相同诉求合并办理");
    expect(await following.textContent()).toContain("已受理，正在审核");
    await screenshot(citizen, "assist-portal-following");
    expect(app.errors).toEqual([]);
  });
});
