import AsyncValidator from "@rc-component/async-validator";
import type { FormRule } from "antd";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDepartmentSchema, createUserSchema, passwordProblem } from "../../contracts/accounts.js";
import { appealPhoneSchema, rejectAppealSchema, requesterInputSchema } from "../../contracts/appeals.js";
import { timeLimitPolicySchema } from "../../contracts/calendar.js";
import { returnSchema } from "../../contracts/work-orders.js";
import { fieldRules, passwordRules } from "./validation.js";

/**
 * Runs the rules through antd's own validator (@rc-component/async-validator, what Form uses),
 * one rule after the other like a Form.Item with validateFirst: the first message, or null.
 */
// A CommonJS module: its class is the default export under Node's typing, the module itself under Vite's.
const Schema = ((AsyncValidator as unknown as { default?: unknown }).default ??
  AsyncValidator) as typeof AsyncValidator.default;

async function check(rules: FormRule[], value: unknown, values: Record<string, unknown> = {}) {
  for (const r of rules) {
    const rule = typeof r === "function" ? r({ getFieldValue: (n: string) => values[n] } as never) : r;
    try {
      await new Schema({ field: rule as never }).validate({ field: value }, { first: true });
    } catch (e) {
      const errors = (e as { errors?: { message: string }[] }).errors;
      if (!errors) throw e;
      return errors[0]?.message ?? "invalid";
    }
  }
  return null;
}

describe("form rules from the contracts", () => {
  it("check a field with the server's schema and its Chinese message", async () => {
    const phone = fieldRules(requesterInputSchema.shape.phone, { label: "联系电话" });
    expect(await check(phone, "12345")).toBe(
      "电话号码格式不正确（手机号或带区号的固定电话，如 010-12345678）",
    );
    expect(await check(phone, "010-12345678")).toBeNull();
    expect(await check(phone, "")).toBe("请输入联系电话");
  });

  it("mark a field required exactly when the schema rejects an empty value", async () => {
    expect(await check(fieldRules(returnSchema.shape.reason, { label: "退单理由" }), " ")).toBe(
      "请填写退单理由",
    );
    expect(await check(fieldRules(returnSchema.shape.reason, { label: "退单理由" }), "好")).toBe(
      "退单理由至少 2 个字",
    );
    // Optional in the contract: empty is fine, too long is not.
    const referredTo = fieldRules(rejectAppealSchema.shape.referredTo, { label: "协助受理单位" });
    expect(await check(referredTo, undefined)).toBeNull();
    expect(await check(referredTo, "单".repeat(101))).toBe("协助受理单位不能超过 100 个字");
  });

  it("keep number and list fields working with antd's required (no string check on them)", async () => {
    const days = fieldRules(timeLimitPolicySchema.shape.reminder.shape.workingDaysBefore, {
      required: "请输入 0–30",
    });
    expect(await check(days, 1)).toBeNull();
    expect(await check(days, 31)).toBe("不能超过 30 个工作日");
    expect(await check(days, undefined)).toBe("请输入 0–30");
    const roles = fieldRules(createUserSchema.shape.roles, { required: "请至少选择一个角色" });
    expect(await check(roles, [])).toBe("请至少选择一个角色");
    expect(await check(roles, ["window"])).toBeNull();
    expect(await check(roles, ["nobody"])).toBe("未知角色");
  });

  it("say zod's generic messages the way the forms do", async () => {
    const name = fieldRules(createDepartmentSchema.shape.name, { label: "部门名称" });
    expect(await check(name, "")).toBe("请输入部门名称");
    expect(await check(name, "部".repeat(101))).toBe("部门名称不能超过 100 个字");
  });

  it("the phone pattern is the contract's", async () => {
    const rules = fieldRules(appealPhoneSchema);
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[0-9-]{1,16}$/), async (p) => {
        expect((await check(rules, p)) === null).toBe(appealPhoneSchema.safeParse(p).success);
      }),
      { numRuns: 300 },
    );
  });
});

describe("password rule in the forms", () => {
  it("is the contract's policy, checked against the username field", async () => {
    const rules = passwordRules({ field: "username" });
    expect(await check(rules, "Ab1#")).toBe("密码至少 10 位");
    expect(await check(rules, "Zhangsan#2026", { username: "zhangsan" })).toBe("密码不能包含用户名");
    expect(await check(rules, "Strong#Pass2026", { username: "zhangsan" })).toBeNull();
    expect(await check(rules, "")).toBe("请输入密码");
  });

  it("accepts exactly the passwords the policy accepts", async () => {
    const chars = fc.constantFrom(..."aAbBzZ019#_ 中xX".split(""));
    await fc.assert(
      fc.asyncProperty(
        fc.array(chars, { minLength: 1, maxLength: 16 }).map((a) => a.join("")),
        fc.constantFrom("", "ab", "admin", "zz"),
        async (password, username) => {
          const message = await check(passwordRules({ value: username }), password);
          expect(message).toBe(passwordProblem(password, username));
        },
      ),
      { numRuns: 500 },
    );
  });
});
