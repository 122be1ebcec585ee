import { type RawBuilder, sql } from "kysely";
import type { Role } from "../../../contracts/enums.js";
import type { Db } from "../../db/database.js";
import type { RowUpdate } from "../../db/schema.js";

/** Every column except password_hash, which never leaves this module except for login. */
const publicColumns = [
  "id",
  "center_id",
  "username",
  "display_name",
  "post",
  "phone",
  "roles",
  "department_id",
  "active",
  "locked_until",
  "mfa_enabled",
  "created_at",
  "updated_at",
] as const;

export type UserRow = Awaited<ReturnType<typeof findUserInCenter>> & {};

export async function findUserInCenter(db: Db, id: string, centerId: string) {
  return db
    .selectFrom("users")
    .where("id", "=", id)
    .where("center_id", "=", centerId)
    .select(publicColumns)
    .executeTakeFirst();
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const r = await db
    .selectFrom("users")
    .where(sql`lower(username)`, "=", username.toLowerCase())
    .select("id")
    .executeTakeFirst();
  return r !== undefined;
}

/** For login only: the hash and the account state. */
export async function findUserForLogin(db: Db, username: string) {
  return db
    .selectFrom("users as u")
    .innerJoin("centers as c", "c.id", "u.center_id")
    .where(sql`lower(u.username)`, "=", username.toLowerCase())
    .select([
      "u.id",
      "u.center_id",
      "u.username",
      "u.display_name",
      "u.password_hash",
      "u.active",
      "u.must_change_password",
      "u.mfa_enabled",
    ])
    .executeTakeFirst();
}

export async function findPasswordHash(db: Db, id: string): Promise<string | undefined> {
  const r = await db.selectFrom("users").where("id", "=", id).select("password_hash").executeTakeFirst();
  return r?.password_hash;
}

export async function insertUser(
  db: Db,
  u: {
    centerId: string;
    username: string;
    displayName: string;
    post: string | null;
    phone?: string | null;
    passwordHash: string;
    roles: Role[];
    departmentId: string | null;
    now: Date;
    mustChangePassword?: boolean;
  },
) {
  return db
    .insertInto("users")
    .values({
      center_id: u.centerId,
      username: u.username,
      display_name: u.displayName,
      post: u.post,
      phone: u.phone ?? null,
      password_hash: u.passwordHash,
      roles: u.roles,
      department_id: u.departmentId,
      password_changed_at: u.now,
      must_change_password: u.mustChangePassword ?? false,
      created_at: u.now,
      updated_at: u.now,
    })
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
}

export async function updateUser(db: Db, id: string, patch: RowUpdate<"users">) {
  return db
    .updateTable("users")
    .set(patch)
    .where("id", "=", id)
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
}

/** Keyset page in id order; `after` is the last id of the previous page. */
export async function listUsers(db: Db, centerId: string, limit: number, after?: string) {
  let q = db.selectFrom("users").where("center_id", "=", centerId).select(publicColumns);
  if (after) q = q.where("id", ">", after);
  return q.orderBy("id", "asc").limit(limit).execute();
}

/** The latest lock of the username from any address, for the admin's user list. */
export async function showLock(db: Db, id: string, until: Date): Promise<void> {
  await db
    .updateTable("users")
    .set({ locked_until: sql`greatest(locked_until, ${until}::timestamptz)` })
    .where("id", "=", id)
    .execute();
}

export interface Recipient {
  id: string;
  center_id: string;
  department_id: string | null;
  roles: string[];
}

/**
 * Active users who receive in-app messages about an item: members of the
 * given departments, and center staff holding one of `centerRoles` in the
 * given centers.
 */
export async function findActiveRecipients(
  db: Db,
  departmentIds: string[],
  centerIds: string[],
  centerRoles: string[],
): Promise<Recipient[]> {
  if (departmentIds.length === 0 && centerIds.length === 0) return [];
  const conds: RawBuilder<boolean>[] = [];
  if (departmentIds.length) conds.push(sql<boolean>`department_id in (${sql.join(departmentIds)})`);
  if (centerIds.length && centerRoles.length) {
    conds.push(
      sql<boolean>`(center_id in (${sql.join(centerIds)}) and roles && ${sql.val(centerRoles)}::text[])`,
    );
  }
  if (conds.length === 0) return [];
  const r = await sql<Recipient>`select id, center_id, department_id, roles from users
    where active and (${sql.join(conds, sql` or `)})`.execute(db);
  return r.rows;
}

/** The center's active security officers (安全管理员), by display name. */
export async function findSecurityOfficers(
  db: Db,
  centerId: string,
): Promise<{ id: string; name: string }[]> {
  const r = await sql<{ id: string; name: string }>`select id, display_name as name from users
    where center_id = ${centerId} and active and roles && array['security_officer']::text[]
    order by display_name, id`.execute(db);
  return r.rows;
}

/** The center's active system administrators, by display name. */
export async function findAdmins(db: Db, centerId: string): Promise<{ id: string; name: string }[]> {
  const r = await sql<{ id: string; name: string }>`select id, display_name as name from users
    where center_id = ${centerId} and active and roles && array['admin']::text[]
    order by display_name, id`.execute(db);
  return r.rows;
}

/** The signed-in user's profile with the names of their center and department. */
export async function findProfile(db: Db, userId: string) {
  return db
    .selectFrom("users as u")
    .innerJoin("centers as c", "c.id", "u.center_id")
    .leftJoin("departments as d", "d.id", "u.department_id")
    .where("u.id", "=", userId)
    .select([
      "u.id",
      "u.username",
      "u.display_name",
      "u.post",
      "u.roles",
      "u.department_id",
      "u.center_id",
      "u.must_change_password",
      "u.mfa_enabled",
      mustEnrolMfa().as("must_enrol_mfa"),
      "c.name as center_name",
      "d.name as department_name",
    ])
    .executeTakeFirst();
}

/**
 * Whether the user (alias u) must enrol a second factor before anything else: the center
 * requires one of admins and auditors (center_security_settings) and none is confirmed.
 */
export function mustEnrolMfa(): RawBuilder<boolean> {
  return sql<boolean>`(not u.mfa_enabled and u.roles && array['admin', 'auditor', 'security_officer']::text[] and coalesce(
    (select css.mfa_required from center_security_settings css where css.center_id = u.center_id), false))`;
}

/** A password that no longer meets the policy must be changed before anything else. */
export async function requirePasswordChange(db: Db, id: string): Promise<void> {
  await db.updateTable("users").set({ must_change_password: true }).where("id", "=", id).execute();
}
