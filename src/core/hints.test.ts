import { describe, expect, it } from "vitest";
import { contentTokens, detectHints, similarity } from "./hints.js";

const numbers = (text: string) => detectHints(text).map((h) => h.number);
const kinds = (text: string) => detectHints(text).map((h) => `${h.kind}:${h.area}`);

describe("intake hints", () => {
  it.each([
    ["我家楼下着火了，浓烟很大，快派人来", "119"],
    ["厨房起火了", "119"],
    ["家里燃气泄漏了，味道很重", "119"],
    ["我父亲突然晕倒了，现在昏迷不醒", "120"],
    ["工地上有工人受伤了", "120"],
    ["十字路口发生交通事故，两辆车撞在一起", "122"],
    ["刚才小区门口出了车祸", "122"],
    ["楼下有人持刀抢劫", "110"],
    ["饭店门口有人打架斗殴", "110"],
    ["我的电动车被盗了，想报警", "110"],
  ])("suggests the emergency hotline for “%s” → %s", (text, number) => {
    const hints = detectHints(text);
    expect(hints.map((h) => h.number)).toContain(number);
    const h = hints.find((x) => x.number === number);
    expect(h?.kind).toBe("emergency");
    expect(h?.suggestion).toContain(number);
    expect(h?.message).toMatch(/疑似/);
  });

  it("suggests both 122 and 120 for a crash with injuries", () => {
    expect(numbers("小区门口发生车祸，有人受伤")).toEqual(["120", "122"]);
  });

  it.each([
    ["我想向法院起诉开发商", "legal_procedure:litigation"],
    ["公司拖欠工资，我准备申请劳动仲裁", "legal_procedure:arbitration"],
    ["对罚款决定不服，想申请行政复议", "legal_procedure:reconsideration"],
    ["我要向纪委举报村干部", "legal_procedure:discipline"],
    ["我想申请政府信息公开，查看拆迁补偿方案", "legal_procedure:disclosure"],
    ["这个事情我已经去信访局反映过了", "petition:petition"],
    ["多次上访一直没有结果", "petition:petition"],
  ])("recognises a statutory-procedure or petition matter in “%s”", (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    "办理营业执照需要准备哪些材料",
    "小区路灯坏了三个月没人修",
    "我要投诉窗口工作人员态度差",
    "公积金提取需要多长时间",
    "我想咨询火灾保险理赔的问题",
    "楼道里的火灾报警器失灵了",
    "小区烟雾报警器坏了一直响",
    "仓库存在火灾隐患，希望有关部门检查",
    "轻微剐蹭，没有人受伤，已经私了",
    "我不想起诉，只希望协调解决",
  ])("raises no alarm for ordinary text “%s”", (text) => {
    expect(detectHints(text)).toEqual([]);
  });

  it("returns the triggering words for highlighting and lists emergencies first", () => {
    const hints = detectHints("对方持刀伤人后我去法院起诉了");
    expect(hints.map((h) => h.kind)).toEqual(["emergency", "legal_procedure"]);
    expect(hints[0]?.keywords).toEqual(["持刀"]);
    expect(hints[1]?.keywords).toEqual(["起诉"]);
  });

  it("treats HTML as plain text", () => {
    expect(detectHints("<script>alert('着火')</script>")).toHaveLength(1);
    expect(detectHints("")).toEqual([]);
  });
});

describe("similarity of appeal texts", () => {
  it("is high for the same complaint worded differently", () => {
    expect(
      similarity("小区路灯坏了三个月没人修", "小区的路灯坏了，晚上很黑，三个月了没人修理"),
    ).toBeGreaterThanOrEqual(0.5);
    expect(similarity("我的社保卡丢了怎么补办", "社保卡丢失了，请问在哪里补办社保卡")).toBeGreaterThanOrEqual(
      0.4,
    );
    expect(
      similarity(
        "阳光小区3号楼楼下餐馆油烟扰民，每天晚上排烟到很晚",
        "阳光小区三号楼下面的餐馆油烟很大，晚上一直排烟，影响休息",
      ),
    ).toBeGreaterThanOrEqual(0.3);
  });

  it("is low for different matters from the same person", () => {
    expect(similarity("小区路灯坏了三个月没人修", "办理营业执照需要什么材料")).toBeLessThan(0.1);
    expect(similarity("阳光小区3号楼楼下餐馆油烟扰民", "公积金提取需要哪些材料")).toBeLessThan(0.1);
    expect(similarity("小区路灯坏了三个月没人修", "小区门口的垃圾桶满了没人清理")).toBeLessThan(0.3);
  });

  it("is 1 for identical text, symmetric, and 0 for empty text", () => {
    const a = "窗口工作人员态度恶劣，拒绝受理我的材料";
    const b = "窗口人员拒绝受理材料，态度很差";
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, b)).toBe(similarity(b, a));
    expect(similarity(a, "")).toBe(0);
    expect(similarity("，。！", "的了吗")).toBe(0);
  });

  it("ignores function words and punctuation", () => {
    expect([...contentTokens("请问，我的社保卡丢了怎么办？")]).toEqual(["社保", "社保卡", "丢"]);
  });
});
