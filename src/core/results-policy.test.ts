import { describe, expect, it } from "vitest";
import { timeLimitPolicySchema } from "../contracts/calendar.js";
import { isBadRating, publicRatingSchema } from "../contracts/results.js";
import { DEFAULT_TIME_LIMIT_POLICY } from "./time-limits.js";

describe("results vocabulary and policy", () => {
  it("defaults the rectification limit to 5 working days and 基本满意 to full weight", () => {
    const { rectification, basicSatisfiedWeight, ...older } = DEFAULT_TIME_LIMIT_POLICY;
    expect(rectification).toEqual({ rule: "working_days", n: 5 });
    expect(basicSatisfiedWeight).toBe(1);
    // A policy stored before issue 11 reads with the defaults.
    const parsed = timeLimitPolicySchema.parse(older);
    expect(parsed.rectification).toEqual({ rule: "working_days", n: 5 });
    expect(parsed.basicSatisfiedWeight).toBe(1);
  });

  it("accepts 5–15 working days for rectification, nothing else", () => {
    const at = (rectification: unknown) =>
      timeLimitPolicySchema.safeParse({ ...DEFAULT_TIME_LIMIT_POLICY, rectification });
    expect(at({ rule: "working_days", n: 15 }).success).toBe(true);
    for (const bad of [
      { rule: "working_days", n: 4 },
      { rule: "working_days", n: 16 },
      { rule: "calendar_days", n: 7 },
    ]) {
      const r = at(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["rectification", "n"]);
      expect(r.error?.issues[0]?.message).toBe("整改时限应为 5 到 15 个工作日");
    }
    const w = timeLimitPolicySchema.safeParse({ ...DEFAULT_TIME_LIMIT_POLICY, basicSatisfiedWeight: 1.5 });
    expect(w.error?.issues[0]?.path).toEqual(["basicSatisfiedWeight"]);
  });

  it("rates on five levels; the bottom two are bad", () => {
    expect([1, 2, 3, 4, 5].map(isBadRating)).toEqual([true, true, false, false, false]);
    expect(publicRatingSchema.safeParse({ queryCode: "123456", level: 0 }).success).toBe(false);
    expect(publicRatingSchema.safeParse({ level: 3 }).error?.issues[0]?.path).toEqual(["queryCode"]);
  });
});
