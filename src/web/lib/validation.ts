import type { FormRule as Rule } from "antd";

/**
 * Client-side rules mirroring the server's zod schemas, so most mistakes are caught next to
 * the field before a round trip. The server stays the authority; its errors land on the same fields.
 */
export const MOBILE = /^1[3-9]\d{9}$/;
export const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

export const phoneRule: Rule = {
  validator: (_r, value: string | undefined) =>
    !value || MOBILE.test(value.trim()) || LANDLINE.test(value.trim())
      ? Promise.resolve()
      : Promise.reject(new Error("请输入有效的手机号或固定电话（如 13800138000 或 010-12345678）")),
};

export const PASSWORD_MIN = 10;
export const PASSWORD_HINT = `至少 ${PASSWORD_MIN} 位，且包含大写字母、小写字母、数字、符号中的至少三类`;

export function passwordClasses(p: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;
}

export const passwordRules: Rule[] = [
  { required: true, message: "请输入密码" },
  {
    validator: (_r, value: string | undefined) =>
      !value || (value.length >= PASSWORD_MIN && passwordClasses(value) >= 3)
        ? Promise.resolve()
        : Promise.reject(new Error(`密码强度不足：${PASSWORD_HINT}`)),
  },
  { max: 128, message: "密码不能超过 128 位" },
];

export const usernameRules: Rule[] = [
  { required: true, message: "请输入用户名" },
  { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: "用户名为 2–32 位字母、数字或 _ . -" },
];
