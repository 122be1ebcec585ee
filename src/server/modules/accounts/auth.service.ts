import { randomBytes } from "node:crypto";
import { type LoginResponse, type Me, passwordProblem } from "../../../contracts/accounts.js";
import type { AuditAction } from "../../../contracts/audit.js";
import type { Config } from "../../config.js";
import type { Db } from "../../db/database.js";
import { AppError, invalid, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { newToken, SESSION_MAX_AGE_MS, SESSION_PREFIX, sha256 } from "../../lib/secrets.js";
import { appendAudit } from "../audit/index.js";
import {
  clearLoginFailures,
  countLoginFailure,
  findLoginLock,
  pruneLoginFailures,
  setLoginLock,
} from "./login-failure.repository.js";
import { checkSecondFactor } from "./mfa.service.js";
import { checkPasswordStrength, dummyHash, hashPassword, verifyPassword } from "./password.js";
import { insertSession, revokeSession, revokeUserSessions } from "./session.repository.js";
import * as users from "./user.repository.js";
import { findProfile } from "./user.repository.js";

interface Meta {
  now: Date;
  ip: string | null;
}

const badCredentials = () => new AppError("INVALID_CREDENTIALS", "用户名或密码错误");

/** Relative, so it reads the same whether or not the username exists (no center time zone to give it away). */
function lockedError(until: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError("ACCOUNT_LOCKED", `登录失败次数过多，请 ${minutes} 分钟后再试，或联系管理员解锁`);
}

/** A series of failures is forgotten after a quiet day; no lock lasts longer than a day. */
const SERIES_MS = 24 * 60 * 60_000;

/**
 * Sign-in (等保 2.0: login-failure handling). Failures count per (username as
 * typed, source address): `loginMaxFailures` of them lock that address out of
 * that username for `lockoutMinutes`, each further failure locks it again for
 * twice as long (up to a day). A stranger can so lock only their own address
 * out; the owner still signs in from anywhere else. Unknown usernames are
 * counted and locked the same way and an unknown user costs the same Argon2
 * verify (against a dummy hash), so answers and timing do not tell which
 * usernames exist. Failures are recorded and audited even though the request fails.
 */
export async function login(
  db: Db,
  config: Config,
  input: { username: string; password: string; totp?: string; recoveryCode?: string },
  meta: Meta,
): Promise<LoginResponse> {
  const key = { username: input.username.trim().toLowerCase(), source: meta.ip ?? "unknown" };
  const u = await users.findUserForLogin(db, input.username);
  const audit = (trx: Db, action: AuditAction, details: unknown) =>
    appendAudit(trx, {
      centerId: u?.center_id ?? null,
      actorId: u?.id ?? null,
      actorName: u?.username ?? input.username,
      action,
      entity: u ? "user" : undefined,
      entityId: u?.id,
      details,
      ip: meta.ip,
      at: meta.now,
    });

  const lockedUntil = await findLoginLock(db, key);
  if (lockedUntil && lockedUntil > meta.now) {
    await db
      .transaction()
      .execute((trx) => audit(trx, "auth.login.locked", { lockedUntil: lockedUntil.toISOString() }));
    throw lockedError(lockedUntil, meta.now);
  }
  const passwordOk = u?.active
    ? await verifyPassword(u.password_hash, input.password)
    : await verifyPassword(await dummyHash(), input.password).then(() => false);

  /** Counts a failure of this (username, address) and locks it after too many; throws. */
  const fail = async (reason: string, error: AppError): Promise<never> => {
    const until = await db.transaction().execute(async (trx) => {
      const failures = await countLoginFailure(trx, key, meta.now, new Date(meta.now.getTime() - SERIES_MS));
      await audit(trx, "auth.login.failed", { username: input.username, reason });
      if (failures < config.loginMaxFailures) return null;
      const doublings = Math.min(failures - config.loginMaxFailures, 16);
      const ms = Math.min(config.lockoutMinutes * 60_000 * 2 ** doublings, SERIES_MS);
      const lockUntil = new Date(meta.now.getTime() + ms);
      await setLoginLock(trx, key, lockUntil);
      // Shown on the admin's user list (and cleared by unlock); the sign-in itself reads login_failures.
      if (u) await users.showLock(trx, u.id, lockUntil);
      await audit(trx, "auth.lockout", { lockedUntil: lockUntil.toISOString(), failures });
      return lockUntil;
    });
    throw until ? lockedError(until, meta.now) : error;
  };

  if (!u?.active || !passwordOk) {
    return fail(!u ? "unknown_user" : !u.active ? "inactive" : "bad_password", badCredentials());
  }

  // The second factor, asked only once the password was right (so the question tells no more
  // than a successful sign-in would); a wrong code counts as a failure like a wrong password.
  let via: "password" | "totp" | "recovery" = "password";
  if (u.mfa_enabled) {
    const second = await checkSecondFactor(db, u.id, input, meta.now);
    if (!second.ok && second.why === "missing") {
      throw new AppError("MFA_REQUIRED", "请输入手机动态口令应用中的 6 位验证码（或一个恢复码）", [
        { path: "totp", message: "请输入 6 位动态验证码" },
      ]);
    }
    if (!second.ok && second.why === "locked") {
      const lockedUntil = second.lockedUntil ?? meta.now;
      await db
        .transaction()
        .execute((trx) => audit(trx, "auth.mfa.locked", { lockedUntil: lockedUntil.toISOString() }));
      throw new AppError(
        "ACCOUNT_LOCKED",
        `动态验证码错误次数过多，请 ${Math.max(1, Math.ceil((lockedUntil.getTime() - meta.now.getTime()) / 60_000))} 分钟后再试，或联系管理员重置`,
      );
    }
    if (!second.ok) {
      await db.transaction().execute((trx) => audit(trx, "auth.mfa.failed", {}));
      const message = "动态验证码错误或已使用，请输入新的验证码";
      return fail(
        input.recoveryCode ? "bad_recovery_code" : "bad_totp",
        new AppError("INVALID_CREDENTIALS", message, [
          { path: input.recoveryCode ? "recoveryCode" : "totp", message },
        ]),
      );
    }
    via = second.via;
  }

  const token = newToken(SESSION_PREFIX);
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(meta.now.getTime() + SESSION_MAX_AGE_MS);
  await db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, key);
    // A password that passed an older policy, or a weak bootstrap one: change it before anything else.
    if (passwordProblem(input.password, u.username)) await users.requirePasswordChange(trx, u.id);
    await insertSession(trx, {
      tokenHash: sha256(token),
      userId: u.id,
      csrfToken,
      now: meta.now,
      expiresAt,
      ip: meta.ip,
    });
    await audit(trx, "auth.login", via === "password" ? {} : { secondFactor: via });
    if (via === "recovery") await audit(trx, "auth.mfa.recovery_used", {});
  });
  return {
    user: await getMe(db, u.id),
    token,
    csrfToken,
    csrfHeader: "x-csrf-token",
    expiresAt: expiresAt.toISOString(),
  };
}

export async function logout(db: Db, actor: UserActor, meta: Meta): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await revokeSession(trx, actor.sessionTokenHash, meta.now)) {
      await appendAudit(trx, {
        ...auditFields(actor),
        action: "auth.logout",
        entity: "user",
        entityId: actor.userId,
        ip: meta.ip,
        at: meta.now,
      });
    }
  });
}

export async function getMe(db: Db, userId: string): Promise<Me> {
  const r = await findProfile(db, userId);
  if (!r) throw notFound("用户");
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    post: r.post,
    roles: r.roles,
    departmentId: r.department_id,
    departmentName: r.department_name,
    centerId: r.center_id,
    centerName: r.center_name,
    mustChangePassword: r.must_change_password,
    mfaEnabled: r.mfa_enabled,
    mustEnrolMfa: r.must_enrol_mfa,
  };
}

/** Changing one's own password ends every other session (a thief's included). */
export async function changePassword(
  db: Db,
  actor: UserActor,
  input: { currentPassword: string; newPassword: string },
  meta: Meta,
): Promise<void> {
  const current = await users.findPasswordHash(db, actor.userId);
  if (!current || !(await verifyPassword(current, input.currentPassword))) {
    // 400, not 401: the session is fine, only the form field is wrong.
    throw invalid("currentPassword", "当前密码不正确");
  }
  try {
    checkPasswordStrength(input.newPassword, actor.username);
  } catch (e) {
    if (e instanceof AppError)
      throw new AppError(e.code, e.message, [{ path: "newPassword", message: e.message }]);
    throw e;
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError("WEAK_PASSWORD", "新密码不能与当前密码相同", [
      { path: "newPassword", message: "新密码不能与当前密码相同" },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await users.updateUser(trx, actor.userId, {
      password_hash: passwordHash,
      password_changed_at: meta.now,
      must_change_password: false,
      updated_at: meta.now,
    });
    const revoked = await revokeUserSessions(trx, actor.userId, meta.now, actor.sessionTokenHash);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "user.password.change",
      entity: "user",
      entityId: actor.userId,
      details: { revokedSessions: revoked },
      ip: meta.ip,
      at: meta.now,
    });
  });
}

/** Hourly housekeeping: failure series older than a day that hold no lock are dropped. */
export function forgetOldLoginFailures(db: Db, now: Date): Promise<number> {
  return pruneLoginFailures(db, now, new Date(now.getTime() - SERIES_MS));
}
