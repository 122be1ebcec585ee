import {
  MIN_RETENTION_DAYS,
  type SecuritySettings,
  type UpdateSecuritySettingsBody,
} from "../../../contracts/security.js";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import {
  findSecuritySettings,
  type SecuritySettingsRow,
  saveSecuritySettings,
} from "./security-settings.repository.js";
import { findAdmins, findSecurityOfficers } from "./user.repository.js";

interface Meta {
  now: Date;
  ip: string | null;
}

type Editors = SecuritySettings["editors"];

/**
 * Who changes the center's security settings (三员分立): its active security officers (安全管理员,
 * a role the system administrator assigns, audited as user.create/user.update) when it has any;
 * otherwise its system administrators. Designating one takes the settings away from the admins.
 */
export async function securityEditors(db: Db, centerId: string): Promise<Editors> {
  const officers = await findSecurityOfficers(db, centerId);
  if (officers.length > 0) return { role: "security_officer", names: officers.map((o) => o.name) };
  return { role: "admin", names: (await findAdmins(db, centerId)).map((a) => a.name) };
}

function present(s: SecuritySettingsRow, editors: Editors, actor: UserActor): SecuritySettings {
  return {
    mfaRequired: s.mfaRequired,
    retentionDays: s.retentionDays,
    minRetentionDays: MIN_RETENTION_DAYS,
    version: s.version,
    updatedAt: s.updatedAt?.toISOString() ?? null,
    editors,
    canEdit: actor.roles.includes(editors.role),
  };
}

export async function getSecuritySettings(db: Db, actor: UserActor): Promise<SecuritySettings> {
  return present(
    await findSecuritySettings(db, actor.centerId),
    await securityEditors(db, actor.centerId),
    actor,
  );
}

/**
 * The center's security settings (MFA policy, retention period). Changed by the designated
 * security officers, or by the system administrators while none is designated (securityEditors);
 * read by the auditor; every change is audited with the values before and after.
 */
export async function updateSecuritySettings(
  db: Db,
  actor: UserActor,
  input: Required<Omit<UpdateSecuritySettingsBody, "expectedVersion">> & { expectedVersion: number },
  meta: Meta,
): Promise<SecuritySettings> {
  return db.transaction().execute(async (trx) => {
    const editors = await securityEditors(trx, actor.centerId);
    if (!actor.roles.includes(editors.role)) {
      throw new AppError(
        "FORBIDDEN",
        "本中心已指定安全管理员：安全设置（双因素认证要求、保存期限）只能由安全管理员修改",
      );
    }
    const before = await findSecuritySettings(trx, actor.centerId);
    const version = await saveSecuritySettings(
      trx,
      actor.centerId,
      { mfaRequired: input.mfaRequired, retentionDays: input.retentionDays },
      input.expectedVersion,
      actor.userId,
      meta.now,
    );
    if (version === null || before.version !== input.expectedVersion) {
      throw new AppError("VERSION_CONFLICT", "安全设置已被他人修改，请刷新后重试");
    }
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "security.settings.update",
      entity: "center",
      entityId: actor.centerId,
      details: {
        before: { mfaRequired: before.mfaRequired, retentionDays: before.retentionDays },
        after: { mfaRequired: input.mfaRequired, retentionDays: input.retentionDays },
      },
      ip: meta.ip,
      at: meta.now,
    });
    return present(await findSecuritySettings(trx, actor.centerId), editors, actor);
  });
}

/** For the retention sweep (module appeals): each center's period, defaults where none is saved. */
export { findSecuritySettings };
