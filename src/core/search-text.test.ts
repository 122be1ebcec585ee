import { describe, expect, it } from "vitest";
import { nearDuplicateArticles } from "../../test/knowledge-paraphrases.js";
import { normalizeText } from "./normalize-text.js";
import {
  anyTsQuery,
  atLeastTsQuery,
  demoteNearDuplicates,
  documentText,
  groupTsQuery,
  makeSnippet,
  planQuery,
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
    const g = nearDuplicateArticles(7000);
    const text = (a: { title: string; question: string; answer: string }) =>
      `${a.title} ${a.question} ${a.answer}`;
    // 80 and 6320: 个体工商户营业执照注销 in two districts; 121: another matter, action and requester.
    const items = [g[80], g[6320], g[121]].map((a) => a as (typeof g)[number]);
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
  });
});
