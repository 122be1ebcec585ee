import { z } from "zod";
import { idSchema, pageSchema } from "./common.js";
import { centerLevelSchema, ROLES, roleSchema } from "./enums.js";
import { freeCharacters, MIN_FREE } from "./password-strength.js";
import { PHONE_PATTERN, USERNAME_PATTERN } from "./portal.js";

// Re-exported: modules import the id schemas from here as well as from common.ts.
export { idParamsSchema, idSchema } from "./common.js";

/**
 * Account, center and department DTOs shared by the server (request/response
 * validation) and the web app (forms). Field names are the API.md contract.
 */

// The patterns live in limits.ts (zod-free, shared with the public portal).
export { PHONE_PATTERN, USERNAME_PATTERN };
export const phoneSchema = z
  .string()
  .trim()
  .regex(PHONE_PATTERN, { message: "电话号码格式不正确（手机号或带区号的固定电话）" });

// Re-exported: the enums live in enums.ts with their labels.
export { centerLevelSchema, roleSchema };

export const usernameSchema = z
  .string()
  .trim()
  .regex(USERNAME_PATTERN, { message: "用户名须为 3–32 位字母、数字或 _ . -" });

/**
 * The input shape of a password. Its strength is a separate rule (passwordProblem below), which
 * the server applies as WEAK_PASSWORD (it needs the username) and the forms apply as the user types.
 */
export const passwordInputSchema = z.string().min(1, { message: "请输入密码" }).max(256);

/**
 * Password policy (等保 2.0 identity authentication: complexity requirements): at least 10
 * characters, at least three of upper case, lower case, digits and symbols, not containing
 * the username, and not made of common words and patterns (password-strength.ts). One
 * definition for the server's check and the forms.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_HINT = `至少 ${PASSWORD_MIN_LENGTH} 位，包含大写字母、小写字母、数字、符号中的至少三类，不含用户名，且不能是常见密码或有规律的组合`;
const PATTERN_MESSAGE =
  "密码过于常见或有规律（如 Password12、Qwerty1234、连续或重复的字符），请换一个更难猜的密码";
const PASSWORD_CLASSES = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/];

/** What is wrong with `password` under the policy, in Chinese; null when it is strong enough. */
export function passwordProblem(password: string, username = ""): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  const classes = PASSWORD_CLASSES.filter((re) => re.test(password)).length;
  if (classes < 3) return "密码须包含大写字母、小写字母、数字、符号中的至少三类";
  if (username && password.toLowerCase().includes(username.toLowerCase())) return "密码不能包含用户名";
  if (freeCharacters(password) < MIN_FREE) return PATTERN_MESSAGE;
  return null;
}

export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, { message: "请输入用户名" }).max(64),
  password: passwordInputSchema,
  /** The 6-digit TOTP code, when the account has a second factor (MFA_REQUIRED asks for it). */
  totp: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { message: "请输入 6 位动态验证码" })
    .optional(),
  /** A single-use recovery code instead of the TOTP code. */
  recoveryCode: z.string().trim().min(8, { message: "恢复码格式不正确" }).max(32).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  post: z.string().nullable(),
  roles: z.array(roleSchema),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  centerId: z.string(),
  centerName: z.string(),
  /** The password must be changed before anything else (a weak or outdated password). */
  mustChangePassword: z.boolean(),
  /** A TOTP factor is enrolled. */
  mfaEnabled: z.boolean(),
  /** The center requires a second factor of this role: enrol before anything else. */
  mustEnrolMfa: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

export const loginResponseSchema = z.object({
  user: meSchema,
  token: z.string(),
  csrfToken: z.string(),
  csrfHeader: z.literal("x-csrf-token"),
  /** When the session ends at the latest (absolute lifetime). */
  expiresAt: z.string(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** A new tab asks for its session's CSRF token (GET /auth/csrf). */
export const csrfTokenSchema = z.object({ csrfToken: z.string(), csrfHeader: z.literal("x-csrf-token") });
export type CsrfToken = z.infer<typeof csrfTokenSchema>;

export const changePasswordSchema = z.object({
  currentPassword: passwordInputSchema,
  newPassword: passwordInputSchema,
});
export type ChangePasswordBody = z.input<typeof changePasswordSchema>;

// ---- users ----
export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  post: z.string().nullable(),
  /** Office phone: the default 工作单联系人电话 when this user dispatches. */
  phone: z.string().nullable(),
  roles: z.array(roleSchema),
  departmentId: z.string().nullable(),
  centerId: z.string(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  /** A confirmed TOTP factor (the admin may reset it). */
  mfaEnabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

const displayNameSchema = z.string().trim().min(1, { message: "请输入姓名" }).max(64);
const postSchema = z.string().trim().max(64);

export const createUserSchema = z.object({
  username: usernameSchema,
  password: passwordInputSchema,
  displayName: displayNameSchema,
  roles: z.array(roleSchema).min(1, { message: "至少选择一个角色" }).max(ROLES.length),
  departmentId: idSchema.nullish(),
  post: postSchema.nullish(),
  phone: phoneSchema.nullish(),
  /** Another center (below the admin's own) — to give a new child center its first admin. */
  centerId: idSchema.nullish(),
});
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  displayName: displayNameSchema.optional(),
  post: postSchema.nullish(),
  roles: z.array(roleSchema).min(1, { message: "至少选择一个角色" }).max(ROLES.length).optional(),
  departmentId: idSchema.nullish(),
  active: z.boolean().optional(),
  phone: phoneSchema.nullish(),
});
export type UpdateUser = z.infer<typeof updateUserSchema>;
/** 个人中心: what a signed-in user sees and may change of their own record. */
export const profileSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  post: z.string().nullable(),
  phone: z.string().nullable(),
  /** The center's phone: the 工作单联系人电话 used while the user has none of their own. */
  centerPhone: z.string().nullable(),
});
export type Profile = z.infer<typeof profileSchema>;
export const updateProfileSchema = z.object({ phone: phoneSchema.nullable() });
export type UpdateProfileBody = z.input<typeof updateProfileSchema>;

/** Request bodies as a client sends them (zod input types). */
export type CreateUserBody = z.input<typeof createUserSchema>;
export type UpdateUserBody = z.input<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ password: passwordInputSchema });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
});

export const userPageSchema = pageSchema(userSchema);

// ---- departments ----
const servicesSchema = z.array(z.string().trim().min(1, { message: "事项名称不能为空" }).max(200)).max(500);

export const departmentSchema = z.object({
  id: z.string(),
  centerId: z.string(),
  code: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  location: z.string().nullable(),
  services: z.array(z.string()),
  /** 职能 / 业务: what the department does, for staff answering questions (部门通讯录). */
  functions: z.string().nullable(),
  /** 办公时间 at its window. */
  hours: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  includeInactive: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1"),
});
export const departmentListSchema = z.array(departmentSchema);

export const departmentCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: "部门编码须为 1–32 位字母、数字、_ 或 -" });

export const createDepartmentSchema = z.object({
  code: departmentCodeSchema,
  name: z.string().trim().min(1, { message: "请输入部门名称" }).max(100),
  phone: phoneSchema.nullish(),
  /** Window number or room, e.g. "二楼 12 号窗口". */
  location: z.string().trim().max(200).nullish(),
  /** Services (事项) the department handles at the center. */
  services: servicesSchema.optional(),
  functions: z.string().trim().max(2000, { message: "职能说明不能超过 2000 个字" }).nullish(),
  hours: z.string().trim().max(200, { message: "办公时间不能超过 200 个字" }).nullish(),
});
export type CreateDepartment = z.infer<typeof createDepartmentSchema>;

export const updateDepartmentSchema = createDepartmentSchema
  .omit({ code: true })
  .partial()
  .extend({ active: z.boolean().optional() });
export type UpdateDepartment = z.infer<typeof updateDepartmentSchema>;
export type CreateDepartmentBody = z.input<typeof createDepartmentSchema>;
export type UpdateDepartmentBody = z.input<typeof updateDepartmentSchema>;

// ---- centers ----
export const centerSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  level: centerLevelSchema,
  parentId: z.string().nullable(),
  timezone: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  /** Service hours as published (公示), e.g. "工作日 9:00—12:00，13:30—17:00". */
  hours: z.string().nullable(),
});
export type Center = z.infer<typeof centerSchema>;
export const centerListSchema = z.array(centerSchema);

export const createCenterSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: "中心编码须为 1–32 位字母、数字、_ 或 -" }),
  name: z.string().trim().min(1, { message: "请输入中心名称" }).max(100),
  level: centerLevelSchema,
  parentId: idSchema.nullish(),
  timezone: z.string().trim().min(1).max(64).optional(),
  address: z.string().trim().max(200, { message: "地址不能超过 200 个字" }).nullish(),
  phone: phoneSchema.nullish(),
  hours: z.string().trim().max(100, { message: "服务时间不能超过 100 个字" }).nullish(),
});
export type CreateCenter = z.infer<typeof createCenterSchema>;

export const updateCenterSchema = createCenterSchema
  .omit({ code: true, level: true, parentId: true })
  .partial();
export type UpdateCenter = z.infer<typeof updateCenterSchema>;
export type UpdateCenterBody = z.input<typeof updateCenterSchema>;

// ---- integration tokens ----
export const integrationTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  source: z.string(),
  centerId: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type IntegrationToken = z.infer<typeof integrationTokenSchema>;
export const integrationTokenListSchema = z.array(integrationTokenSchema);
/** The token itself is in the creation response only, never again. */
export const createdIntegrationTokenSchema = integrationTokenSchema.extend({ token: z.string() });
export type CreatedIntegrationToken = z.infer<typeof createdIntegrationTokenSchema>;

export const createIntegrationTokenSchema = z.object({
  name: z.string().trim().min(1, { message: "请输入名称" }).max(100),
  /** e.g. "hotline_12345" — the channel/system the token speaks for. */
  source: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, { message: "来源须为 1–40 位小写字母、数字或 _" }),
});
export type CreateIntegrationToken = z.infer<typeof createIntegrationTokenSchema>;
