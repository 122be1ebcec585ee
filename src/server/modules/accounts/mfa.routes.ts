import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { idParamsSchema } from "../../../contracts/accounts.js";
import { okSchema } from "../../../contracts/common.js";
import {
  MFA_POLICY_ROLES,
  mfaStatusSchema,
  recoveryCodesSchema,
  securitySettingsSchema,
  totpConfirmSchema,
  totpEnrolmentSchema,
  updateSecuritySettingsSchema,
} from "../../../contracts/security.js";
import type { App } from "../../app.js";
import { allow, requireUser, staffOnly } from "../../http/actor.js";
import * as mfa from "./mfa.service.js";
import * as settings from "./security-settings.service.js";

/** Second factor (TOTP) of one's own account, the admin's reset, and the center's security settings. */
export async function mfaRoutes(root: App): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = app.deps;
  const tags = ["auth"];

  app.get(
    "/api/v1/me/mfa",
    {
      preValidation: staffOnly,
      schema: { tags, summary: "本人双因素认证状态", response: { 200: mfaStatusSchema } },
    },
    async (req) => {
      const actor = requireUser(req);
      const s = await settings.getSecuritySettings(db, actor);
      const required =
        s.mfaRequired && actor.roles.some((r) => (MFA_POLICY_ROLES as readonly string[]).includes(r));
      return mfa.mfaStatus(db, actor, required);
    },
  );

  app.post(
    "/api/v1/me/mfa/totp",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "绑定动态口令（TOTP）：生成密钥，待确认",
        response: { 200: totpEnrolmentSchema },
      },
    },
    async (req) => mfa.startEnrolment(db, requireUser(req), { now: clock.now(), ip: req.ip }),
  );

  app.post(
    "/api/v1/me/mfa/totp/confirm",
    {
      preValidation: staffOnly,
      schema: {
        tags,
        summary: "确认动态口令并启用；返回一次性恢复码（只显示这一次）",
        body: totpConfirmSchema,
        response: { 200: recoveryCodesSchema },
      },
    },
    async (req) =>
      mfa.confirmEnrolment(db, requireUser(req), req.body.code, { now: clock.now(), ip: req.ip }),
  );

  app.post(
    "/api/v1/users/:id/mfa/reset",
    {
      preValidation: allow(["admin"]),
      schema: {
        tags: ["users"],
        summary: "重置用户的动态口令（如手机丢失；注销其所有会话）",
        params: idParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (req) => {
      await mfa.resetMfa(db, requireUser(req), req.params.id, { now: clock.now(), ip: req.ip });
      return { ok: true as const };
    },
  );

  // 三员分立: the designated security officers change the settings (the administrators while none
  // is designated: security-settings.service.ts), the auditor reads them.
  app.get(
    "/api/v1/security/settings",
    {
      preValidation: allow(["admin", "auditor", "security_officer"]),
      schema: {
        tags: ["security"],
        summary: "本中心安全设置（双因素认证要求、个人信息保存期限）",
        response: { 200: securitySettingsSchema },
      },
    },
    async (req) => settings.getSecuritySettings(db, requireUser(req)),
  );

  app.put(
    "/api/v1/security/settings",
    {
      preValidation: allow(["admin", "security_officer"]),
      schema: {
        tags: ["security"],
        summary: "修改本中心安全设置（已指定安全管理员时仅安全管理员可改；审计留痕）",
        body: updateSecuritySettingsSchema,
        response: { 200: securitySettingsSchema },
      },
    },
    async (req) =>
      settings.updateSecuritySettings(db, requireUser(req), req.body, { now: clock.now(), ip: req.ip }),
  );
}
