import type { Profile } from "../../../contracts/accounts.js";
import type { Db } from "../../db/database.js";
import { notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { findCenter } from "../centers/index.js";
import * as repo from "./user.repository.js";

/**
 * 个人中心: a user's own record. The phone set here is printed as 工作单联系人电话 on the work
 * orders they dispatch; while it is empty the center's phone is used.
 */
export async function getProfile(db: Db, actor: UserActor): Promise<Profile> {
  const [u, center] = await Promise.all([
    repo.findUserInCenter(db, actor.userId, actor.centerId),
    findCenter(db, actor.centerId),
  ]);
  if (!u) throw notFound("用户");
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    post: u.post,
    phone: u.phone,
    centerPhone: center?.phone ?? null,
  };
}

export async function updateProfile(
  db: Db,
  actor: UserActor,
  patch: { phone: string | null },
  meta: { now: Date; ip: string | null },
): Promise<Profile> {
  const current = await repo.findUserInCenter(db, actor.userId, actor.centerId);
  if (!current) throw notFound("用户");
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, actor.userId, { phone: patch.phone, updated_at: meta.now });
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "user.profile.update",
      entity: "user",
      entityId: actor.userId,
      details: { phone: { before: current.phone, after: patch.phone } },
      ip: meta.ip,
      at: meta.now,
    });
  });
  return getProfile(db, actor);
}

/** Name and phone of a user as 工作单联系人 (the dispatcher's own phone, if set). */
export async function findUserContact(db: Db, userId: string, centerId: string) {
  const u = await repo.findUserInCenter(db, userId, centerId);
  return u ? { name: u.display_name, phone: u.phone } : null;
}
