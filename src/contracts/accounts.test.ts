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

  it("refuses common and pattern passwords that mix three classes", () => {
    for (const p of [
      "Password12",
      "Admin@12345",
      "Qwerty1234",
      "Aaaaaaaaa1",
      "P@ssw0rd2026",
      "Abcd#12345x",
      "Woaini@1314",
    ]) {
      expect(passwordProblem(p), p).toContain("过于常见或有规律");
    }
    for (const p of ["Strong#Pass2026", "Kq7#Lantern-Field", "Reset#Pass2026", "Yx9$mTq2vL"]) {
      expect(passwordProblem(p), p).toBeNull();
    }
  });

  it("never accepts a password that is short, mixes fewer than three classes or contains the username", () => {
    const chars = fc.constantFrom(..."aAbBzZ019#_ 中xX".split(""));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 16 }).map((a) => a.join("")),
        fc.constantFrom("", "ab", "admin", "zz"),
        (p, username) => {
          const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(p)).length;
          const complex =
            p.length >= PASSWORD_MIN_LENGTH &&
            classes >= 3 &&
            !(username && p.toLowerCase().includes(username.toLowerCase()));
          if (!complex) expect(passwordProblem(p, username)).not.toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });
});
