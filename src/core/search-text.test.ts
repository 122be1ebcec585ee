import { describe, expect, it } from "vitest";
import { normalizeText } from "./normalize-text.js";
import { anyTsQuery, documentText, makeSnippet, planQuery } from "./search-text.js";

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
});
