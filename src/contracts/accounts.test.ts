import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PASSWORD_MIN_LENGTH, passwordProblem } from "./accounts.js";

describe("password policy (等保 2.0 complexity)", () => {
  it("names the problem in Chinese", () => {
    expect(passwordProblem("Ab1#")).toBe("密码至少 10 位");
    expect(passwordProblem("abcdefghijk")).toContain("至少三类");
    expect(passwordProblem("Zhangsan#2026", "zhangsan")).toBe("密码不能包含用户名");
    expect(passwordProblem("Strong#Pass2026", "zhangsan")).toBeNull();
  });

  it("accepts a password iff it is long enough, mixes three classes and avoids the username", () => {
    const chars = fc.constantFrom(..."aAbBzZ019#_ 中xX".split(""));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 16 }).map((a) => a.join("")),
        fc.constantFrom("", "ab", "admin", "zz"),
        (p, username) => {
          const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(p)).length;
          const strong =
            p.length >= PASSWORD_MIN_LENGTH &&
            classes >= 3 &&
            !(username && p.toLowerCase().includes(username.toLowerCase()));
          expect(passwordProblem(p, username) === null).toBe(strong);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
