import { describe, expect, it } from "vitest";
import { textFeatures } from "./assist-text.js";
import { contentTokens, similarity } from "./hints.js";
import { normalizeText } from "./normalize-text.js";
import { documentText } from "./search-text.js";
import { simhash } from "./simhash.js";

describe("one normal form for search, suggestions and repeats", () => {
  it("folds full-width letters and digits, traditional characters (OpenCC tables) and case", () => {
    expect(normalizeText("ＥＴＣ個體戶註銷２０２６")).toBe("etc个体户注销2026");
    expect(normalizeText("醫療保險報銷，臺灣同胞")).toBe("医疗保险报销,台湾同胞");
  });

  it("gives a traditional-character text the words of its simplified twin everywhere", () => {
    const simplified = "我的个体户不干了，营业执照要怎么注销";
    const traditional = "我的個體戶不幹了，營業執照要怎麼註銷";
    // Repeats: the same content words, so the same SimHash and similarity 1.
    expect([...contentTokens(traditional)]).toEqual([...contentTokens(simplified)]);
    expect(simhash(traditional)).toBe(simhash(simplified));
    expect(similarity(traditional, simplified)).toBe(1);
    // Department suggestions and knowledge search see the same features and tokens.
    expect([...textFeatures(traditional)]).toEqual([...textFeatures(simplified)]);
    expect(documentText(traditional)).toBe(documentText(simplified));
  });
});
