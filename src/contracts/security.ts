import { z } from "zod";
import { phoneSchema } from "./accounts.js";

/**
 * The second factor (TOTP, RFC 6238), a center's security settings and the requester data
 * export (PIPL art. 45) — issue 13.
 */

export const totpCodeSchema = z
  .string({ message: "请输入 6 位动态验证码" })
  .trim()
  .regex(/^\d{6}$/, { message: "请输入 6 位动态验证码" });

/** Recovery codes as shown: ten characters, grouped by a dash; case and separators ignored. */
export const recoveryCodeSchema = z
  .string()
  .trim()
  .min(8, { message: "恢复码格式不正确" })
  .max(32, { message: "恢复码格式不正确" });

export const mfaStatusSchema = z.object({
  /** A confirmed factor: sign-in asks for a code. */
  enrolled: z.boolean(),
  /** A secret was issued but not confirmed yet. */
  pending: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  /** The center requires a second factor of this user's roles (admin, auditor). */
  required: z.boolean(),
});
export type MfaStatus = z.infer<typeof mfaStatusSchema>;

export const totpEnrolmentSchema = z.object({
  /** Base32, for typing into an authenticator app. */
  secret: z.string(),
  /** otpauth://totp/… for scanning as a QR code. */
  otpauthUrl: z.string(),
});
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;

export const totpConfirmSchema = z.object({ code: totpCodeSchema });
export type TotpConfirmBody = z.input<typeof totpConfirmSchema>;

/** Shown once, when the factor is confirmed; stored only as Argon2id hashes. */
export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof recoveryCodesSchema>;

/** Roles the center's MFA policy applies to (the three duties of 三员分立). */
export const MFA_POLICY_ROLES = ["admin", "auditor", "security_officer"] as const;

/** Finished appeals keep their personal fields at least this long; audit records at least 180 days. */
export const MIN_RETENTION_DAYS = 180;
export const MAX_RETENTION_DAYS = 36_500;

export const securitySettingsSchema = z.object({
  mfaRequired: z.boolean(),
  retentionDays: z.number().int(),
  minRetentionDays: z.number().int(),
  /** 0 until first saved (defaults in force). */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  /**
   * Who may change the settings (三员分立): the center's designated security officers
   * (安全管理员) when there is at least one active, otherwise the system administrators.
   */
  editors: z.object({
    role: z.enum(["security_officer", "admin"]),
    names: z.array(z.string()),
  }),
  /** Whether the signed-in user may change them. */
  canEdit: z.boolean(),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const updateSecuritySettingsSchema = z.object({
  mfaRequired: z.boolean(),
  retentionDays: z
    .number({ message: "请输入保存期限（天）" })
    .int({ message: "保存期限须为整数天" })
    .min(MIN_RETENTION_DAYS, { message: `保存期限不能少于 ${MIN_RETENTION_DAYS} 天` })
    .max(MAX_RETENTION_DAYS, { message: `保存期限不能超过 ${MAX_RETENTION_DAYS} 天` }),
  expectedVersion: z.number().int().min(0),
});
export type UpdateSecuritySettingsBody = z.input<typeof updateSecuritySettingsSchema>;

export const requesterExportQuerySchema = z.object({
  phone: phoneSchema,
  reason: z
    .string({ message: "请填写导出原因" })
    .trim()
    .min(2, { message: "请填写导出原因" })
    .max(200, { message: "导出原因不能超过 200 个字" }),
});

/** One requester's data (PIPL art. 45): every appeal filed with the phone number, unmasked. */
export const requesterExportSchema = z.object({
  phone: z.string(),
  exportedAt: z.string(),
  appeals: z.array(
    z.object({
      trackingNo: z.string(),
      channel: z.string(),
      type: z.string(),
      status: z.string(),
      requesterKind: z.string(),
      requesterName: z.string(),
      orgName: z.string().nullable(),
      contactPerson: z.string().nullable(),
      phone: z.string(),
      address: z.string().nullable(),
      content: z.string(),
      receivedAt: z.string(),
      closedAt: z.string().nullable(),
      answer: z.string().nullable(),
      events: z.array(z.object({ at: z.string(), type: z.string(), actorName: z.string() })),
    }),
  ),
});
export type RequesterExport = z.infer<typeof requesterExportSchema>;
