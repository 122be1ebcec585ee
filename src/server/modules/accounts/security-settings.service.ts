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

interface Meta {
  now: Date;
  ip: string | null;
}

function present(s: SecuritySettingsRow): SecuritySettings {
  return {
    mfaRequired: s.mfaRequired,
    retentionDays: s.retentionDays,
    minRetentionDays: MIN_RETENTION_DAYS,
    version: s.version,
    updatedAt: s.updatedAt?.toISOString() ?? null,
  };
}

export async function getSecuritySettings(db: Db, actor: UserActor): Promise<SecuritySettings> {
  return present(await findSecuritySettings(db, actor.centerId));
}

/**
 * The center's security settings (MFA policy, retention period). Changed by the system
 * administrator only — the designated security role of 三员分立 in Yousu — read by the auditor,
 * and every change is audited with the values before and after.
 */
export async function updateSecuritySettings(
  db: Db,
  actor: UserActor,
  input: Required<Omit<UpdateSecuritySettingsBody, "expectedVersion">> & { expectedVersion: number },
  meta: Meta,
): Promise<SecuritySettings> {
  return db.transaction().execute(async (trx) => {
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
    return present(await findSecuritySettings(trx, actor.centerId));
  });
}

/** For the retention sweep (module appeals): each center's period, defaults where none is saved. */
export { findSecuritySettings };
