import { describe, expect, it } from "vitest";
import { adminToken, createStaff } from "../../../../test/factories.js";
import { handlingSuite } from "../../../../test/handling.js";

const t = handlingSuite("2026-03-02T09:00:00+08:00");
const { s } = t;

// Department a is 市场监管局, b 税务局, c 人社局 (test/handling.ts).
const HISTORY: [keyof typeof s.dept, string][] = [
  ["a", "超市卖过期牛奶，老板不给退"],
  ["a", "想办个体户营业执照，要带什么"],
  ["a", "饭店后厨很脏，吃完拉肚子"],
  ["a", "菜市场的秤不准，缺斤少两"],
  ["b", "个体户开发票去哪里领"],
  ["b", "个人所得税汇算清缴能退多少"],
  ["b", "买房的契税交多少"],
  ["b", "公司注销前税务要清税吗"],
  ["c", "公司拖欠工资三个月了"],
  ["c", "社保卡丢了要补办"],
  ["c", "被辞退了能不能领失业金"],
  ["c", "上班路上受伤算不算工伤"],
];

const suggest = (token: string, body: Record<string, unknown>) =>
  t.call("POST", "/api/v1/assist/suggest", { token, body });

describe("assist: suggest and retrain", () => {
  it("says there is no model before any dispatch instead of guessing", async () => {
    const retrain = await t.call("POST", "/api/v1/assist/retrain", { token: await adminToken(t.ctx) });
    expect(retrain.status).toBe(200);
    expect(retrain.body).toEqual({ examples: 0, trainedAt: null });
    const r = await suggest(s.clerk.token, { content: "我想开发票" });
    expect(r.status).toBe(200);
    expect(r.body.model).toBeNull();
    expect(r.body.reason).toMatch(/分办记录不足/);
    expect(r.body.departments).toEqual([]);
  });

  it("brings the knowledge article the text is about (即时咨询), even before any model", async () => {
    const r = await suggest(s.clerk.token, { content: "我想把个体户关掉要办什么" });
    expect(r.status).toBe(200);
    expect(r.body.articles.length).toBeGreaterThan(0);
    expect(r.body.articles[0]).toMatchObject({ title: "个体工商户注销登记" });
    const none = await suggest(s.clerk.token, { content: "，。！" });
    expect(none.body.articles).toEqual([]);
  });

  it("learns the center's dispatches on retrain and suggests the lead department, best first", async () => {
    for (const [dept, content] of HISTORY) {
      const appeal = await t.newAppeal({
        content,
        requester: { name: "李四", phone: "13700000001", addressDeclined: true },
      });
      await t.dispatchOk(appeal.id, { complexity: "simple", leadDepartmentId: s.dept[dept].id });
    }
    const retrain = await t.call("POST", "/api/v1/assist/retrain", { token: await adminToken(t.ctx) });
    expect(retrain.status).toBe(200);
    expect(retrain.body.examples).toBe(HISTORY.length);
    expect(retrain.body.trainedAt).toBe("2026-03-02T09:00:00.000+08:00");

    const r = await suggest(s.dispatcher.token, { content: "我想问一下增值税发票怎么开" });
    expect(r.status).toBe(200);
    expect(r.body.model).toEqual({ examples: HISTORY.length, trainedAt: "2026-03-02T09:00:00.000+08:00" });
    expect(r.body.departments[0]).toMatchObject({ departmentId: s.dept.b.id, name: "税务局" });
    const conf = r.body.departments.map((d: { confidence: number }) => d.confidence);
    expect(conf).toEqual([...conf].sort((x: number, y: number) => y - x));
    const wage = await suggest(s.clerk.token, { content: "公司一直拖欠我的工资" });
    expect(wage.body.departments[0].departmentId).toBe(s.dept.c.id);
    // Type is learned only where the history has two types: all were 咨询 here.
    expect(wage.body.type).toBeNull();
    // Punctuation only: no guess.
    const blank = await suggest(s.clerk.token, { content: "，，。。" });
    expect(blank.body.departments).toEqual([]);
    expect(blank.body.reason).toBeTruthy();
  });

  it("suggests the type once the history has two types with enough examples", async () => {
    const complaints = [
      "投诉窗口工作人员态度很差，爱答不理",
      "投诉办事大厅排队两个小时没人管",
      "投诉工作人员推诿扯皮，让我来回跑",
      "投诉窗口人员上班时间玩手机",
    ];
    for (const content of complaints) {
      const appeal = await t.newAppeal({ content, type: "complaint" });
      await t.dispatchOk(appeal.id, { complexity: "simple", leadDepartmentId: s.dept.a.id });
    }
    const retrain = await t.call("POST", "/api/v1/assist/retrain", { token: await adminToken(t.ctx) });
    expect(retrain.body.examples).toBe(HISTORY.length + complaints.length);
    const r = await suggest(s.clerk.token, { content: "我要投诉窗口的工作人员态度差" });
    expect(r.body.type).toMatchObject({ code: "complaint" });
    expect(r.body.type.confidence).toBeGreaterThanOrEqual(0.5);
    const audit = await t.ctx.handle.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "assist.retrain")
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it("hints at non-acceptance with the matched words", async () => {
    const r = await suggest(s.clerk.token, { content: "我已经向法院起诉了，还申请了劳动仲裁" });
    expect(r.body.refusalHints.map((h: { area: string }) => h.area)).toEqual(["litigation", "arbitration"]);
    expect(r.body.refusalHints[0].keywords).toContain("起诉");
  });

  it("shows similar open appeals: near-identical text, or the same phone", async () => {
    const first = await t.newAppeal({
      content: "幸福小区三号楼门口的路灯坏了三个月没人修，晚上很黑",
      requester: { name: "周五", phone: "13911112222", addressDeclined: true },
    });
    const r = await suggest(s.clerk.token, {
      content: "幸福小区三号楼门口的路灯坏了三个月没人修，晚上特别黑",
    });
    expect(r.body.similar[0]).toMatchObject({
      appealId: first.id,
      trackingNo: first.trackingNo,
      samePhone: false,
    });
    expect(r.body.similar[0].score).toBeGreaterThan(0.5);
    const byPhone = await suggest(s.clerk.token, {
      content: "幸福小区门口路灯坏了，还是没人修",
      phone: "139-1111-2222",
    });
    expect(byPhone.body.similar.map((x: { appealId: string }) => x.appealId)).toContain(first.id);
    // The appeal under review is not its own repeat.
    const self = await suggest(s.dispatcher.token, {
      content: "幸福小区三号楼门口的路灯坏了三个月没人修，晚上很黑",
      appealId: first.id,
    });
    expect(self.body.similar.map((x: { appealId: string }) => x.appealId)).not.toContain(first.id);
    const other = await suggest(s.clerk.token, { content: "公积金贷款额度是多少" });
    expect(other.body.similar).toEqual([]);
  });

  it("is for front-desk staff (suggest) and admins (retrain), and validates input", async () => {
    const leader = await createStaff(t.ctx, { roles: ["leader"] });
    expect((await suggest(leader.token, { content: "开发票" })).status).toBe(403);
    expect((await suggest(s.h.a.token, { content: "开发票" })).status).toBe(403);
    expect((await t.call("POST", "/api/v1/assist/retrain", { token: s.dispatcher.token })).status).toBe(403);
    expect((await t.call("POST", "/api/v1/assist/retrain", {})).status).toBe(401);
    const long = await suggest(s.clerk.token, { content: "长".repeat(4001) });
    expect(long.status).toBe(400);
    expect((await suggest(s.clerk.token, {})).status).toBe(400);
  });
});
