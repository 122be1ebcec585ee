import type { CreateUser, UpdateUser, User } from "../../../contracts/accounts.js";
import { isDbId } from "../../../contracts/common.js";
import type { Role } from "../../../contracts/enums.js";
import type { Db } from "../../db/database.js";
import type { RowUpdate } from "../../db/schema.js";
import { AppError, invalid, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { subtreeIds } from "../centers/index.js";
import { findDepartmentInCenter } from "../departments/index.js";
import { clearAllLoginFailures } from "./login-failure.repository.js";
import { checkPasswordStrength, hashPassword } from "./password.js";
import { revokeUserSessions } from "./session.repository.js";
import * as repo from "./user.repository.js";

export interface Meta {
  now: Date;
  ip: string | null;
}

type UserRecord = NonNullable<Awaited<ReturnType<typeof repo.findUserInCenter>>>;

export function presentUser(u: UserRecord): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    post: u.post,
    phone: u.phone,
    roles: u.roles,
    departmentId: u.department_id,
    centerId: u.center_id,
    active: u.active,
    lockedUntil: u.locked_until ? u.locked_until.toISOString() : null,
    mfaEnabled: u.mfa_enabled,
    createdAt: u.created_at.toISOString(),
    updatedAt: u.updated_at.toISOString(),
  };
}

/**
 * Role rules. Admin and auditor are separate duties (等保 2.0 三员分立): the one
 * who administers cannot also review the audit trail. A department handler
 * sees only its department's work orders, so it must belong to exactly one.
 */
async function checkRoles(db: Db, centerId: string, roles: Role[], departmentId: string | null) {
  if (roles.includes("admin") && roles.includes("auditor")) {
    throw invalid("roles", "系统管理员与审计员须由不同账号担任（三员分立）");
  }
  if (roles.includes("security_officer") && roles.length > 1) {
    throw invalid("roles", "安全管理员须由单独账号担任，不能兼任其他角色（三员分立）");
  }
  if (roles.includes("department") && !departmentId) {
    throw invalid("departmentId", "部门经办人须指定所属部门");
  }
  if (departmentId && !roles.includes("department")) {
    throw invalid("departmentId", "只有部门经办人角色可以指定所属部门");
  }
  if (departmentId) {
    const d = await findDepartmentInCenter(db, departmentId, centerId);
    if (!d?.active) throw invalid("departmentId", "所属部门不存在或已停用");
  }
}

export async function createUser(db: Db, actor: UserActor, input: CreateUser, meta: Meta): Promise<User> {
  const roles = [...new Set(input.roles)];
  const departmentId = input.departmentId ?? null;
  const centerId = input.centerId ?? actor.centerId;
  if (centerId !== actor.centerId && !(await subtreeIds(db, actor.centerId)).has(centerId)) {
    throw invalid("centerId", "目标中心不存在或不在管理范围内");
  }
  checkPasswordStrength(input.password, input.username);
  await checkRoles(db, centerId, roles, departmentId);
  if (await repo.usernameTaken(db, input.username)) {
    throw new AppError("DUPLICATE", "用户名已存在", [{ path: "username", message: "用户名已存在" }]);
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertUser(trx, {
      centerId,
      username: input.username,
      displayName: input.displayName,
      post: input.post ?? null,
      phone: input.phone ?? null,
      passwordHash,
      roles,
      departmentId,
      now: meta.now,
    });
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "user.create",
      entity: "user",
      entityId: row.id,
      details: { username: row.username, roles, departmentId, centerId },
      ip: meta.ip,
      at: meta.now,
    });
    return presentUser(row);
  });
}

export async function getUser(db: Db, actor: UserActor, id: string): Promise<User> {
  const u = await repo.findUserInCenter(db, id, actor.centerId);
  if (!u) throw notFound("用户");
  return presentUser(u);
}

export async function listUsers(
  db: Db,
  actor: UserActor,
  page: { limit: number; cursor?: string },
): Promise<{ items: User[]; nextCursor: string | null }> {
  if (page.cursor !== undefined && !isDbId(page.cursor)) throw invalid("cursor", "分页游标无效");
  const rows = await repo.listUsers(db, actor.centerId, page.limit + 1, page.cursor);
  const items = rows.slice(0, page.limit).map(presentUser);
  const nextCursor = rows.length > page.limit ? (items.at(-1)?.id ?? null) : null;
  return { items, nextCursor };
}

export async function updateUser(
  db: Db,
  actor: UserActor,
  id: string,
  patch: UpdateUser,
  meta: Meta,
): Promise<User> {
  const current = await repo.findUserInCenter(db, id, actor.centerId);
  if (!current) throw notFound("用户");
  const roles = patch.roles ? [...new Set(patch.roles)] : current.roles;
  // Dropping the department role detaches the user from its department unless told otherwise.
  const departmentId =
    patch.departmentId !== undefined
      ? patch.departmentId
      : roles.includes("department")
        ? current.department_id
        : null;
  await checkRoles(db, actor.centerId, roles, departmentId);
  if (id === actor.userId) {
    if (!roles.includes("admin")) throw invalid("roles", "不能移除自己的系统管理员角色");
    if (patch.active === false) throw invalid("active", "不能停用自己的账号");
  }
  const set: RowUpdate<"users"> = { roles, department_id: departmentId, updated_at: meta.now };
  if (patch.displayName !== undefined) set.display_name = patch.displayName;
  if (patch.post !== undefined) set.post = patch.post;
  if (patch.phone !== undefined) set.phone = patch.phone;
  if (patch.active !== undefined) set.active = patch.active;
  return db.transaction().execute(async (trx) => {
    const row = await repo.updateUser(trx, id, set);
    if (patch.active === false) await revokeUserSessions(trx, id, meta.now);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "user.update",
      entity: "user",
      entityId: id,
      details: {
        changes: patch,
        before: {
          roles: current.roles,
          departmentId: current.department_id,
          active: current.active,
        },
      },
      ip: meta.ip,
      at: meta.now,
    });
    return presentUser(row);
  });
}

/** Admin sets a new password: unlocks the account and ends every session of the user. */
export async function resetPassword(
  db: Db,
  actor: UserActor,
  id: string,
  password: string,
  meta: Meta,
): Promise<User> {
  const current = await repo.findUserInCenter(db, id, actor.centerId);
  if (!current) throw notFound("用户");
  checkPasswordStrength(password, current.username);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const row = await repo.updateUser(trx, id, {
      password_hash: passwordHash,
      password_changed_at: meta.now,
      failed_logins: 0,
      locked_until: null,
      updated_at: meta.now,
    });
    const revoked = await revokeUserSessions(trx, id, meta.now);
    await clearAllLoginFailures(trx, current.username);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "user.password.reset",
      entity: "user",
      entityId: id,
      details: { revokedSessions: revoked },
      ip: meta.ip,
      at: meta.now,
    });
    return presentUser(row);
  });
}

export async function unlockUser(db: Db, actor: UserActor, id: string, meta: Meta): Promise<User> {
  const current = await repo.findUserInCenter(db, id, actor.centerId);
  if (!current) throw notFound("用户");
  return db.transaction().execute(async (trx) => {
    const row = await repo.updateUser(trx, id, {
      failed_logins: 0,
      locked_until: null,
      updated_at: meta.now,
    });
    await clearAllLoginFailures(trx, current.username);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "user.unlock",
      entity: "user",
      entityId: id,
      details: { lockedUntil: current.locked_until?.toISOString() ?? null },
      ip: meta.ip,
      at: meta.now,
    });
    return presentUser(row);
  });
}
