import { describe, expect, it } from "vitest";
import { hotTerms } from "./hot-terms.js";

describe("hot-topic terms", () => {
  it("counts each term once, drops stop words, and returns them sorted", () => {
    expect(hotTerms("工地夜间施工噪音扰民，噪音很大，希望尽快处理")).toEqual(
      ["噪音", "夜间", "工地", "扰民", "施工"].sort(),
    );
  });

  it("keeps the first 60 terms of a long text in order of appearance, not the first 60 alphabetically", () => {
    const words = Array.from({ length: 70 }, (_, i) => `term${String(i).padStart(2, "0")}x`);
    // Written from the end of the alphabet to the start: an alphabetical cut would keep the last ten written.
    const text = [...words].reverse().join("，");
    const terms = hotTerms(text);
    expect(terms).toHaveLength(60);
    expect(terms).toContain("term69x");
    expect(terms).not.toContain("term00x");
  });
});
