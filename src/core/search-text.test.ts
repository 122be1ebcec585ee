import { describe, expect, it } from "vitest";
import { normalizeText } from "./normalize-text.js";
import {
  anyTsQuery,
  atLeastTsQuery,
  bigramSet,
  demoteNearDuplicates,
  documentText,
  groupTsQuery,
  makeSnippet,
  planQuery,
  similarAtLeast,
} from "./search-text.js";

const SYN = [
  ["个体工商户", "个体户"],
  ["注销", "关掉", "不干了"],
];

describe("search text (ADR 0013)", () => {
  it("normalises full-width, traditional characters and case", () => {
    expect(normalizeText("ＥＴＣ個體戶註銷２０２６")).toBe("etc个体户注销2026");
  });

  it("plans a clerk's paraphrase into synonym groups, dropping stop words", () => {
    const plan = planQuery("我想把個體戶關掉要辦什麼", SYN);
    expect(plan.groups.map((g) => g.text)).toEqual(["个体户", "关掉"]);
    expect(plan.groups[1]?.alternatives).toEqual(expect.arrayContaining([["注销"], ["关掉"]]));
    expect(plan.highlightTerms).toEqual(expect.arrayContaining(["个体工商户", "注销"]));
    expect(planQuery("？？！……", SYN).groups).toEqual([]);
    expect(planQuery("请问一下怎么办", SYN).groups).toEqual([]);
  });

  it("finds a synonym term only on word boundaries, not inside a longer dictionary word", () => {
    const syn = [
      ["设立", "新办"],
      ["补办", "重新办"],
      ["注销", "不干了"],
      ["变更", "改名"],
    ];
    // 重新办 is 重新 + 办: 新办 (a new registration) is not in it, 重新办 is.
    const card = planQuery("社會保障卡掉了要重新辦", [["设立", "新办"]]);
    expect(card.groups.map((g) => g.text)).not.toContain("新办");
    expect(card.groups.map((g) => g.text)).toContain("重新");
    expect(planQuery("社保卡要重新办", syn).groups.map((g) => g.text)).toEqual(["重新办", "社保卡"]);
    // A phrase across words the dictionary does not join (不 + 干 + 了) still matches.
    expect(planQuery("个体店不干了", syn).groups[0]?.text).toBe("不干了");
    // 改名字 is one dictionary word: it stays a word rather than becoming 改名 + 字.
    expect(planQuery("公司改名字了", syn).groups.map((g) => g.text)).toEqual(["公司", "改名字"]);
    // jieba reads 个体店老板 as 个体 + 店老板; 个体店 + 老板 leaves a whole word, so the hit counts.
    expect(planQuery("个体店老板换人了", [["个体工商户", "个体店"]]).groups[0]?.text).toBe("个体店");
    // Every occurrence on a boundary is taken, so no half of a synonym is left as a word.
    expect(planQuery("新办 还是 新办", syn).groups.map((g) => g.text)).toEqual(["新办", "还是"]);
  });

  it("drops filler words and splits a guessed word that glues a filler to a content word", () => {
    const words = (q: string) => planQuery(q).groups.map((g) => g.text);
    // jieba's HMM guesses 想换, 能补, 哪交, 前要 as words; the stop-word pieces go.
    expect(words("营业执照上的店名想换一个")).toEqual(["营业执照", "店名", "换"]);
    expect(words("身份证丢了能补吗")).toEqual(["身份证", "丢", "补"]);
    expect(words("动工前要办施工许可")).toEqual(["动工", "施工", "许可"]);
    // Localisers, negation, light verbs and bare units are no parts of the question; digits are.
    expect(words("公积金里的钱能拿出来用吗")).toEqual(["公积金", "钱", "出来"]);
    expect(words("C1驾照12月到期")).toEqual(["c1", "驾照", "12", "到期"]);
    // A dictionary word that merely starts with a stop-word character stays whole.
    expect(words("个体户不想开了")).toEqual(["个体户", "开"]);
    expect(words("打零工的能交养老保险吗")).toEqual(["打零工", "交", "养老保险"]);
  });

  it("prefers the longest synonym term and builds a tsquery of letters and digits only", () => {
    const plan = planQuery("个体工商户不干了 ETC's 'x'", SYN);
    expect(plan.groups[0]?.text).toBe("个体工商户");
    const q = anyTsQuery(plan, "AB");
    expect(q).toContain("'注销':AB");
    // Every quoted token is letters/digits: no quote or operator comes from the input.
    for (const token of q.match(/'[^']*'/g) ?? []) expect(token.slice(1, -1)).toMatch(/^[\p{L}\p{N}]+$/u);
  });

  it("indexes search-mode tokens and highlights matches in a snippet", () => {
    expect(documentText("营业执照遗失补办 ETC").split(" ")).toEqual(
      expect.arrayContaining(["营业", "执照", "营业执照", "遗失", "补办", "etc"]),
    );
    const long = `${"前言。".repeat(60)}个体工商户办理注销登记，需要营业执照。`;
    const s = makeSnippet(long, ["个体工商户", "注销"], 40);
    expect(s.text.startsWith("…")).toBe(true);
    expect(s.highlights.map((h) => s.text.slice(h.start, h.end))).toEqual(["个体工商户", "注销"]);
  });

  it("builds at-least-k tsqueries from the groups", () => {
    const plan = planQuery("个体户 关掉 营业执照", SYN);
    expect(plan.groups).toHaveLength(3);
    const [a, b, c] = plan.groups.map((g) => groupTsQuery(g));
    expect(atLeastTsQuery(plan, 2)).toBe(`(${a} & ${b}) | (${a} & ${c}) | (${b} & ${c})`);
    expect(atLeastTsQuery(plan, 3)).toBe(`${a} & ${b} & ${c}`);
    expect(atLeastTsQuery(plan, 1)).toBe(`${a} | ${b} | ${c}`);
  });

  it("moves near-identical articles (one templated answer per district) behind distinct ones", () => {
    // The benchmark's templated articles (test/knowledge-paraphrases.ts): one answer per district.
    const templated = (w: string, m: string, a: string, p: string, i: number) => ({
      title: `${w}${m}${a}（${p}）第${i}号`,
      question: `${w}在${p}怎么${a}${m}？需要带什么材料，多长时间办好？`,
      answer: `${w}${a}${m}，请携带本人有效身份证件及相关材料到${p}便民服务中心窗口办理，也可在政务服务网申请。材料齐全的，一般在规定时限内办结。咨询电话见部门通讯录。编号${i}。`,
    });
    const text = (a: { title: string; question: string; answer: string }) =>
      `${a.title} ${a.question} ${a.answer}`;
    const items = [
      templated("个体工商户", "营业执照", "注销", "临江镇", 80),
      templated("个体工商户", "营业执照", "注销", "北港街道", 6320),
      templated("残疾人", "营业执照", "补办", "西湖镇", 120),
    ];
    const r = demoteNearDuplicates(items, text);
    expect(r.items.map((a) => a.title)).toEqual([items[0]?.title, items[2]?.title, items[1]?.title]);
    expect(r.distinct).toBe(2);
    // Distinct starter-style articles stay in their order.
    const a = {
      title: "个体工商户注销登记",
      question: "个体店不开了怎么注销",
      answer: "向市场监管部门申请注销登记。",
    };
    const b = {
      title: "个体工商户设立登记",
      question: "想开个小店办执照",
      answer: "提交登记申请书和经营场所证明。",
    };
    expect(demoteNearDuplicates([a, b], text).items).toEqual([a, b]);
    // `take`: the first items of the same order, the scan stopping once that many stayed in place.
    expect(demoteNearDuplicates(items, text, { take: 2 })).toEqual({
      items: [items[0], items[2]],
      distinct: 2,
    });
    expect(demoteNearDuplicates(items, text, { take: 1 })).toEqual({ items: [items[0]], distinct: 1 });
    expect(demoteNearDuplicates(items, text, { take: 3 })).toEqual({ items: r.items, distinct: 2 });
    // `grams` keeps each item's bigrams for the next call over the same items.
    const grams = new Map<(typeof items)[number], Float64Array>();
    expect(demoteNearDuplicates(items, text, { grams }).items).toEqual(r.items);
    expect(grams.size).toBe(3);
  });

  it("compares bigram sets exactly at the threshold", () => {
    // Distinct code-point pairs: "abab" has ab, ba; an astral character is one character.
    expect(bigramSet("abab").length).toBe(2);
    expect(bigramSet("𠀀𠀁𠀀").length).toBe(2);
    expect(bigramSet("個體戶")).toEqual(bigramSet("个体户"));
    // abcde: ab bc cd de; abcdx: ab bc cd dx → 3 shared of 5 = 0.6.
    const x = bigramSet("abcde");
    const y = bigramSet("abcdx");
    expect(similarAtLeast(x, y, 0.6)).toBe(true);
    expect(similarAtLeast(x, y, 0.61)).toBe(false);
    expect(similarAtLeast(x, x, 1)).toBe(true);
    expect(similarAtLeast(x, bigramSet("a"), 0.1)).toBe(false);
    expect(similarAtLeast(bigramSet("ab"), bigramSet("abcdefgh"), 0.14)).toBe(true);
    expect(similarAtLeast(bigramSet("ab"), bigramSet("abcdefgh"), 0.15)).toBe(false);
  });
});
