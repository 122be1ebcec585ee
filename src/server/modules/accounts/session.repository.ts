import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { precompiled } from "../../db/precompiled.js";
import { mustEnrolMfa } from "./user.repository.js";

export interface NewSession {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  now: Date;
  expiresAt: Date;
  ip: string | null;
}

export async function insertSession(db: Db, s: NewSession): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      ip: s.ip,
    })
    .execute();
}

/** The session with its user and the names /me shows, in one query (runs on every request). */
export async function findSessionWithUser(db: Db, tokenHash: string) {
  return (await sessionWithUser(db, { tokenHash }))[0];
}

// Built and compiled once (issue 14): it runs on every authenticated request.
const sessionWithUser = precompiled((db, p: { tokenHash: string }) =>
  db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .innerJoin("centers as c", "c.id", "u.center_id")
    .leftJoin("departments as d", "d.id", "u.department_id")
    .where("s.token_hash", "=", p.tokenHash)
    .select([
      "s.token_hash",
      "s.csrf_token",
      "s.last_seen_at",
      "s.expires_at",
      "s.revoked_at",
      sql<string | null>`s.read_after_lsn::text`.as("read_after_lsn"),
      "u.id as user_id",
      "u.username",
      "u.display_name",
      "u.post",
      "u.roles",
      "u.center_id",
      "u.department_id",
      "u.active",
      "u.must_change_password",
      mustEnrolMfa().as("must_enrol_mfa"),
      "c.name as center_name",
      "d.name as department_name",
    ]),
);

/** Conditional so concurrent requests write at most once per interval. */
export async function touchSession(db: Db, tokenHash: string, now: Date, notAfter: Date): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ last_seen_at: now })
    .where("token_hash", "=", tokenHash)
    .where("last_seen_at", "<", notAfter)
    .execute();
}

/**
 * Read-your-writes (ADR 0019): remembers on the session the primary's WAL position now, just after
 * a write of this session committed, so that its later reads — on any instance — wait for the
 * standby to replay that far. `pg_current_wal_insert_lsn()` is past the commit record whatever
 * `synchronous_commit` says. One statement after the response is decided, only when a replica is
 * configured. Its own commit is asynchronous (`synchronous_commit = off` for this transaction
 * only): losing it in a crash of the primary only lets one read hit a lagging standby, and it
 * spares a WAL flush per write request.
 */
export async function recordSessionWrite(db: Db, tokenHash: string): Promise<void> {
  await db
    .updateTable("sessions")
    .set({ read_after_lsn: sql<string>`pg_current_wal_insert_lsn()` })
    .where("token_hash", "=", tokenHash)
    .where(sql<boolean>`set_config('synchronous_commit', 'off', true) is not null`)
    .execute();
}

export async function revokeSession(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable("sessions")
    .set({ revoked_at: now })
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Revokes every live session of a user, except `keepTokenHash` when given. */
export async function revokeUserSessions(
  db: Db,
  userId: string,
  now: Date,
  keepTokenHash?: string,
): Promise<number> {
  let q = db
    .updateTable("sessions")
    .set({ revoked_at: now })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (keepTokenHash) q = q.where("token_hash", "<>", keepTokenHash);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function findCsrfToken(db: Db, tokenHash: string): Promise<string | undefined> {
  const r = await db
    .selectFrom("sessions")
    .where("token_hash", "=", tokenHash)
    .select("csrf_token")
    .executeTakeFirst();
  return r?.csrf_token;
}
