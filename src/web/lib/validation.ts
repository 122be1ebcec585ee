import type { FormRule as Rule } from "antd";
import {
  PASSWORD_HINT,
  PASSWORD_MIN_LENGTH,
  passwordInputSchema,
  passwordProblem,
} from "../../contracts/accounts.js";
import { z } from "../../contracts/zod-setup.js";

/**
 * Form rules derived from the contracts: a field is checked with the very zod schema the server
 * validates it with, so the form catches a mistake next to the field, in the server's words, before
 * a round trip. The server stays the authority; its errors land on the same fields (formErrors.ts).
 */

export { PASSWORD_HINT, PASSWORD_MIN_LENGTH, passwordProblem };

type Issue = z.core.$ZodIssue;
const zh = z.locales.zhCN();

/** zod's generic message for this issue (the one a schema gets when it names none). */
function defaultMessage(issue: Issue): string | undefined {
  const m = zh.localeError(issue as never);
  return typeof m === "string" ? m : m?.message;
}

/**
 * The issue's message; a generic zod message ("数值过大：期望 string <=100 字符") is said the way
 * the forms say it ("部门名称不能超过 100 个字") when the field's label is known.
 */
export function issueText(issue: Issue, label = ""): string {
  if (issue.message !== defaultMessage(issue) || !label) return issue.message;
  if (issue.code === "too_big" && issue.origin === "string") return `${label}不能超过 ${issue.maximum} 个字`;
  if (issue.code === "too_small" && issue.origin === "string") return `${label}至少 ${issue.minimum} 个字`;
  if (issue.code === "too_big" || issue.code === "too_small") return `${label}超出允许的范围`;
  if (issue.code === "invalid_type" && issue.input === undefined) return `请填写${label}`;
  return `${label}格式不正确`;
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === "" || (Array.isArray(v) && v.length === 0);

/** The message the schema gives an empty field, or null when the field may stay empty. */
function emptyMessage(schema: z.ZodType, label: string): string | null {
  const missing = schema.safeParse(undefined, { reportInput: true });
  if (missing.success) return null;
  const blank = schema.safeParse("", { reportInput: true });
  const first = missing.error.issues[0];
  // "请填写退单理由" (the schema's own word for a missing value) beats "退单理由至少 2 个字".
  if (first && first.message !== defaultMessage(first)) return first.message;
  const b = blank.success ? undefined : blank.error.issues[0];
  if (b && b.message !== defaultMessage(b)) return b.message;
  return label ? `请填写${label}` : "此项为必填项";
}

/** The schema's value kind under optional / nullable / default / pipe wrappers. */
function baseType(schema: z.ZodType): string {
  let s = schema as z.core.$ZodType;
  for (;;) {
    const def = s._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else return def.type;
  }
}

/**
 * antd's `required`, typed so it judges emptiness like the schema: a blank text counts as empty
 * when the schema trims it away (names, texts, not passwords), an empty list when it is a list.
 * (A rule without a type is checked as a string by antd: numbers must not get `whitespace`.)
 */
function requiredRule(schema: z.ZodType, message: string): Rule {
  const type = baseType(schema);
  if (type === "string") return { required: true, whitespace: !schema.safeParse(" ").success, message };
  if (type === "array") return { required: true, type: "array", message };
  return { required: true, message };
}

export interface FieldRuleOptions {
  /** The field's name in messages that zod words generically ("姓名"). */
  label?: string;
  /** Override the required rule: false keeps the field optional, a string is its message. */
  required?: boolean | string;
}

/**
 * antd rules for one field from its contract schema: `required` (so the form marks the field) when
 * the schema rejects an empty value, and a validator that runs the schema on what was typed.
 */
export function fieldRules(schema: z.ZodType, opts: FieldRuleOptions = {}): Rule[] {
  const label = opts.label ?? "";
  const required =
    opts.required === false
      ? null
      : typeof opts.required === "string"
        ? opts.required
        : emptyMessage(schema, label);
  const rules: Rule[] = [];
  if (required) rules.push(requiredRule(schema, required));
  rules.push({
    validator: async (_r, value: unknown) => {
      if (isEmpty(value)) return;
      const r = schema.safeParse(value, { reportInput: true });
      const issue = r.success ? undefined : r.error.issues[0];
      if (issue) throw new Error(issueText(issue, label));
    },
  });
  return rules;
}

/** Password rules; `username` is a field name or a fixed username to check against. */
export function passwordRules(username?: { field: string } | { value: string }): Rule[] {
  return [
    ...fieldRules(passwordInputSchema, { label: "密码" }),
    ({ getFieldValue }) => ({
      validator: async (_r, value: string | undefined) => {
        const name = !username
          ? ""
          : "field" in username
            ? (getFieldValue(username.field) ?? "")
            : username.value;
        const problem = value ? passwordProblem(value, String(name).trim()) : null;
        if (problem) throw new Error(problem);
      },
    }),
  ];
}
