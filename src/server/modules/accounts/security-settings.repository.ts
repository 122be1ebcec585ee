import { sql } from "kysely";
import type { Db } from "../../db/database.js";

/** Defaults of a center without a settings row. */
export const SECURITY_DEFAULTS = { mfaRequired: false, retentionDays: 1095 } as const;

export interface SecuritySettingsRow {
  mfaRequired: boolean;
  retentionDays: number;
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export async function findSecuritySettings(db: Db, centerId: string): Promise<SecuritySettingsRow> {
  const r = await db
    .selectFrom("center_security_settings")
    .selectAll()
    .where("center_id", "=", centerId)
    .executeTakeFirst();
  if (!r) return { ...SECURITY_DEFAULTS, version: 0, updatedAt: null, updatedBy: null };
  return {
    mfaRequired: r.mfa_required,
    retentionDays: r.retention_days,
    version: r.version,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  };
}

/**
 * Writes the settings if `version` is the current one (0 = never saved). Returns the new
 * version, or null on a concurrent change (optimistic concurrency → 409).
 */
export async function saveSecuritySettings(
  db: Db,
  centerId: string,
  s: { mfaRequired: boolean; retentionDays: number },
  version: number,
  by: string,
  now: Date,
): Promise<number | null> {
  if (version === 0) {
    const r = await db
      .insertInto("center_security_settings")
      .values({
        center_id: centerId,
        mfa_required: s.mfaRequired,
        retention_days: s.retentionDays,
        updated_by: by,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("center_id").doNothing())
      .returning("version")
      .executeTakeFirst();
    return r?.version ?? null;
  }
  const r = await db
    .updateTable("center_security_settings")
    .set({
      mfa_required: s.mfaRequired,
      retention_days: s.retentionDays,
      version: sql`version + 1`,
      updated_by: by,
      updated_at: now,
    })
    .where("center_id", "=", centerId)
    .where("version", "=", version)
    .returning("version")
    .executeTakeFirst();
  return r?.version ?? null;
}
