import { randomBytes } from "node:crypto";
import type { MfaStatus, RecoveryCodes, TotpEnrolment } from "../../../contracts/security.js";
import type { Db } from "../../db/database.js";
import { AppError, invalid, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { base32Decode, base32Encode, matchTotp, newTotpSecret, otpauthUrl } from "../../lib/totp.js";
import { appendAudit } from "../audit/index.js";
import * as repo from "./mfa.repository.js";
import { hashPassword, verifyPassword } from "./password.js";
import { revokeUserSessions } from "./session.repository.js";
import { findUserForLogin, findUserInCenter } from "./user.repository.js";

interface Meta {
  now: Date;
  ip: string | null;
}

const ISSUER = "有诉即办";
const RECOVERY_CODES = 10;
/** Wrong codes (given with the right password, from any address) before the factor pauses. */
const MFA_MAX_FAILURES = 10;
const MFA_LOCK_MS = 15 * 60_000;

export async function mfaStatus(db: Db, actor: UserActor, required: boolean): Promise<MfaStatus> {
  const m = await repo.findMfa(db, actor.userId);
  const left = m?.confirmed_at ? (await repo.unusedRecoveryCodes(db, actor.userId)).length : 0;
  return { enrolled: !!m?.confirmed_at, pending: !!m && !m.confirmed_at, recoveryCodesLeft: left, required };
}

/** Issues a new secret, pending until confirmed with a code from the app. */
export async function startEnrolment(db: Db, actor: UserActor, meta: Meta): Promise<TotpEnrolment> {
  const secret = base32Encode(newTotpSecret());
  await db.transaction().execute(async (trx) => {
    if (!(await repo.putPendingSecret(trx, actor.userId, secret, meta.now))) {
      throw new AppError("CONFLICT", "已启用动态口令；如需更换手机，请联系系统管理员重置");
    }
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "user.mfa.enrol",
      entity: "user",
      entityId: actor.userId,
      ip: meta.ip,
      at: meta.now,
    });
  });
  return { secret, otpauthUrl: otpauthUrl(ISSUER, actor.username, secret) };
}

function newRecoveryCode(): string {
  const s = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[^a-z2-7]/g, "");

/** Confirms the pending secret with a current code; returns the recovery codes (shown once). */
export async function confirmEnrolment(
  db: Db,
  actor: UserActor,
  code: string,
  meta: Meta,
): Promise<RecoveryCodes> {
  const m = await repo.findMfa(db, actor.userId);
  if (!m || m.confirmed_at) throw new AppError("CONFLICT", "没有待确认的动态口令，请重新开始绑定");
  const step = matchTotp(base32Decode(repo.readSecret(m.secret)), code, meta.now, null);
  if (step === null) throw invalid("code", "动态验证码不正确，请核对手机时间后重试");
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((c) => hashPassword(normaliseRecoveryCode(c))));
  await db.transaction().execute(async (trx) => {
    if (!(await repo.confirmMfa(trx, actor.userId, step, meta.now))) {
      throw new AppError("CONFLICT", "没有待确认的动态口令，请重新开始绑定");
    }
    await repo.replaceRecoveryCodes(trx, actor.userId, hashes, meta.now);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "user.mfa.enable",
      entity: "user",
      entityId: actor.userId,
      details: { recoveryCodes: codes.length },
      ip: meta.ip,
      at: meta.now,
    });
  });
  return { recoveryCodes: codes };
}

export type SecondFactor =
  | { ok: true; via: "totp" | "recovery" }
  | { ok: false; why: "missing" | "wrong" | "locked"; lockedUntil?: Date };

/**
 * Checks the second factor of a sign-in whose password was right. A TOTP code must be of
 * a step later than the last one used (replay refused); a recovery code is spent. Wrong codes
 * count over all addresses: only someone who knows the password can give one, so pausing the
 * factor after MFA_MAX_FAILURES cannot be used by strangers to lock the owner out.
 */
export async function checkSecondFactor(
  db: Db,
  userId: string,
  input: { totp?: string; recoveryCode?: string },
  now: Date,
): Promise<SecondFactor> {
  const m = await repo.findMfa(db, userId);
  if (!m?.confirmed_at) return { ok: true, via: "totp" };
  if (m.locked_until && m.locked_until > now)
    return { ok: false, why: "locked", lockedUntil: m.locked_until };
  if (input.totp) {
    const used = m.last_step === null ? null : Number(m.last_step);
    const step = matchTotp(base32Decode(repo.readSecret(m.secret)), input.totp, now, used);
    if (step !== null && (await repo.spendStep(db, userId, step))) return { ok: true, via: "totp" };
  } else if (input.recoveryCode) {
    const given = normaliseRecoveryCode(input.recoveryCode);
    for (const c of await repo.unusedRecoveryCodes(db, userId)) {
      if ((await verifyPassword(c.code_hash, given)) && (await repo.spendRecoveryCode(db, c.id, now))) {
        return { ok: true, via: "recovery" };
      }
    }
  } else {
    return { ok: false, why: "missing" };
  }
  const failures = await repo.countMfaFailure(db, userId);
  if (failures >= MFA_MAX_FAILURES) {
    const until = new Date(now.getTime() + MFA_LOCK_MS);
    await repo.lockMfa(db, userId, until);
    return { ok: false, why: "locked", lockedUntil: until };
  }
  return { ok: false, why: "wrong" };
}

/** The admin's reset (a lost phone): factor and codes removed, sessions ended, audited. */
export async function resetMfa(db: Db, actor: UserActor, id: string, meta: Meta): Promise<void> {
  const target = await findUserInCenter(db, id, actor.centerId);
  if (!target) throw notFound("用户");
  await db.transaction().execute(async (trx) => {
    const hadFactor = await repo.deleteMfa(trx, id, meta.now);
    const revoked = await revokeUserSessions(trx, id, meta.now);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "user.mfa.reset",
      entity: "user",
      entityId: id,
      details: { username: target.username, hadFactor, revokedSessions: revoked },
      ip: meta.ip,
      at: meta.now,
    });
  });
}

/**
 * `npm run mfa:reset -- --user=NAME`: the operator's way back in when the only administrator lost
 * the second factor (no admin left to call POST /users/{id}/mfa/reset). It needs what only the
 * host operator has — the data directory or DATABASE_URL — and is audited like the admin's reset,
 * with the operator's OS account as the actor (`cli:<account>`). The password is unchanged.
 */
export async function resetMfaByOperator(
  db: Db,
  username: string,
  meta: { now: Date; operator: string },
): Promise<{ hadFactor: boolean; revokedSessions: number }> {
  const target = await findUserForLogin(db, username);
  if (!target) throw notFound("用户");
  return db.transaction().execute(async (trx) => {
    const hadFactor = await repo.deleteMfa(trx, target.id, meta.now);
    const revoked = await revokeUserSessions(trx, target.id, meta.now);
    await appendAudit(trx, {
      centerId: target.center_id,
      actorId: null,
      actorName: `cli:${meta.operator}`,
      action: "user.mfa.reset",
      entity: "user",
      entityId: target.id,
      details: { username: target.username, hadFactor, revokedSessions: revoked, via: "cli" },
      ip: null,
      at: meta.now,
    });
    return { hadFactor, revokedSessions: revoked };
  });
}
