import type { FormRule as Rule } from "antd";
import { PHONE_PATTERN, USERNAME_PATTERN } from "../../contracts/accounts.js";

/**
 * Client-side rules mirroring the server's zod schemas (same patterns, imported from the shared
 * contracts), so most mistakes are caught next to the field before a round trip. The server stays
 * the authority; its errors land on the same fields.
 */
export const phoneRule: Rule = {
  validator: (_r, value: string | undefined) =>
    !value?.trim() || PHONE_PATTERN.test(value.trim())
      ? Promise.resolve()
      : Promise.reject(new Error("电话号码格式不正确（手机号或带区号的固定电话，如 010-12345678）")),
};

/** Mirrors checkPasswordStrength on the server (等保 2.0 complexity). */
export const PASSWORD_MIN = 10;
export const PASSWORD_HINT = `至少 ${PASSWORD_MIN} 位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名`;

export function passwordProblem(p: string, username = ""): string | null {
  if (p.length < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 位`;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;
  if (classes < 3) return "密码须包含大写字母、小写字母、数字、符号中的至少三类";
  if (username && p.toLowerCase().includes(username.toLowerCase())) return "密码不能包含用户名";
  return null;
}

/** Password rules; `username` is a field name or a fixed username to check against. */
export function passwordRules(username?: { field: string } | { value: string }): Rule[] {
  return [
    { required: true, message: "请输入密码" },
    ({ getFieldValue }) => ({
      validator: (_r, value: string | undefined) => {
        const name = !username
          ? ""
          : "field" in username
            ? (getFieldValue(username.field) ?? "")
            : username.value;
        const problem = value ? passwordProblem(value, String(name).trim()) : null;
        return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
      },
    }),
    { max: 256, message: "密码不能超过 256 位" },
  ];
}

export const usernameRules: Rule[] = [
  { required: true, message: "请输入用户名" },
  { pattern: USERNAME_PATTERN, message: "用户名须为 3–32 位字母、数字或 _ . -" },
];

export const departmentCodeRules: Rule[] = [
  { required: true, message: "请输入部门编码" },
  { pattern: /^[A-Za-z0-9_-]{1,32}$/, message: "部门编码须为 1–32 位字母、数字、_ 或 -" },
];
