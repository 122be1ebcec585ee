import { randomBytes } from "node:crypto";
import type { LoginResponse, Me } from "../../../contracts/accounts.js";
import type { AuditAction } from "../../../contracts/audit.js";
import type { Config } from "../../config.js";
import type { Db } from "../../db/database.js";
import { AppError, invalid, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { newToken, SESSION_MAX_AGE_MS, SESSION_PREFIX, sha256 } from "../../lib/secrets.js";
import { appendAudit } from "../audit/index.js";
import { checkPasswordStrength, dummyHash, hashPassword, verifyPassword } from "./password.js";
import { insertSession, revokeSession, revokeUserSessions } from "./session.repository.js";
import * as users from "./user.repository.js";
import { findProfile } from "./user.repository.js";

interface Meta {
  now: Date;
  ip: string | null;
}

const badCredentials = () => new AppError("INVALID_CREDENTIALS", "用户名或密码错误");

function lockedError(until: Date, timezone: string): AppError {
  const at = new Intl.DateTimeFormat("zh-CN", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(until);
  return new AppError("ACCOUNT_LOCKED", `登录失败次数过多，账号已锁定至 ${at}，请稍后再试或联系管理员解锁`);
}

/**
 * Sign-in (等保 2.0: login-failure handling). Unknown user and wrong password
 * fail identically, including the time spent (a dummy Argon2 verify). After
 * `loginMaxFailures` failures in a row the account is locked for
 * `lockoutMinutes`. Failures are recorded and audited even though the request fails.
 */
export async function login(
  db: Db,
  config: Config,
  input: { username: string; password: string },
  meta: Meta,
): Promise<LoginResponse> {
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

  if (!u?.active) {
    await verifyPassword(await dummyHash(), input.password);
    await db.transaction().execute((trx) =>
      audit(trx, "auth.login.failed", {
        username: input.username,
        reason: u ? "inactive" : "unknown_user",
      }),
    );
    throw badCredentials();
  }
  if (u.locked_until && u.locked_until > meta.now) {
    await db
      .transaction()
      .execute((trx) => audit(trx, "auth.login.locked", { lockedUntil: u.locked_until?.toISOString() }));
    throw lockedError(u.locked_until, u.timezone);
  }
  if (!(await verifyPassword(u.password_hash, input.password))) {
    const lockUntil = new Date(meta.now.getTime() + config.lockoutMinutes * 60_000);
    const locked = await db.transaction().execute(async (trx) => {
      const r = await users.recordLoginFailure(trx, u.id, config.loginMaxFailures, lockUntil);
      const nowLocked = r.locked_until !== null && r.locked_until.getTime() === lockUntil.getTime();
      await audit(trx, "auth.login.failed", { reason: "bad_password" });
      if (nowLocked) await audit(trx, "auth.lockout", { lockedUntil: lockUntil.toISOString() });
      return nowLocked;
    });
    if (locked) throw lockedError(lockUntil, u.timezone);
    throw badCredentials();
  }

  const token = newToken(SESSION_PREFIX);
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(meta.now.getTime() + SESSION_MAX_AGE_MS);
  await db.transaction().execute(async (trx) => {
    await users.clearLoginFailures(trx, u.id);
    await insertSession(trx, {
      tokenHash: sha256(token),
      userId: u.id,
      csrfToken,
      now: meta.now,
      expiresAt,
      ip: meta.ip,
    });
    await audit(trx, "auth.login", {});
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
