import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../../server/errors.js";
import { checkPasswordStrength } from "../../server/modules/accounts/index.js";
import { passwordProblem } from "./validation.js";

function serverAccepts(password: string, username: string): boolean {
  try {
    checkPasswordStrength(password, username);
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
}

describe("password rule in the forms", () => {
  it("names the problem in Chinese", () => {
    expect(passwordProblem("Ab1#")).toBe("密码至少 10 位");
    expect(passwordProblem("abcdefghijk")).toContain("至少三类");
    expect(passwordProblem("Zhangsan#2026", "zhangsan")).toBe("密码不能包含用户名");
    expect(passwordProblem("Strong#Pass2026", "zhangsan")).toBeNull();
  });

  it("accepts exactly the passwords the server accepts", () => {
    const chars = fc.constantFrom(..."aAbBzZ019#_ 中xX".split(""));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 16 }).map((a) => a.join("")),
        fc.constantFrom("", "ab", "admin", "zz"),
        (password, username) => {
          expect(passwordProblem(password, username) === null).toBe(serverAccepts(password, username));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
