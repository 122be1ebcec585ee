import type { Db } from "../../db/database.js";
import type { NewRow, Row } from "../../db/schema.js";

/** SQL of the staff inbox (站内消息). Every query is by user: one person's messages only. */

export type StaffNotificationRow = Row<"staff_notifications">;

export async function listForUser(
  db: Db,
  userId: string,
  q: { unread?: boolean; limit: number; cursor?: string },
): Promise<StaffNotificationRow[]> {
  let query = db.selectFrom("staff_notifications").selectAll().where("user_id", "=", userId);
  if (q.unread) query = query.where("read_at", "is", null);
  if (q.cursor) query = query.where("id", "<", q.cursor);
  return query
    .orderBy("id", "desc")
    .limit(q.limit + 1)
    .execute();
}

/** Unread count, read off the partial unread index (a person's unread messages, not the table). */
export async function countUnread(db: Db, userId: string): Promise<number> {
  const r = await db
    .selectFrom("staff_notifications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(
  db: Db,
  userId: string,
  id: string,
  now: Date,
): Promise<StaffNotificationRow | undefined> {
  await db
    .updateTable("staff_notifications")
    .set({ read_at: now })
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .execute();
  return db
    .selectFrom("staff_notifications")
    .selectAll()
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

export async function markAllRead(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable("staff_notifications")
    .set({ read_at: now })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .execute();
}

/** A message for one staff member's in-app inbox (站内消息). */
export type StaffMessage = NewRow<"staff_notifications">;

/**
 * Delivers in-app messages inside the caller's transaction (the only writer of
 * staff_notifications). A message about a record reaches each person once,
 * whatever retries happen.
 */
export async function notifyStaff(trx: Db, rows: StaffMessage[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const res = await trx
      .insertInto("staff_notifications")
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(["record_id", "user_id"]).where("record_id", "is not", null).doNothing())
      .executeTakeFirst();
    n += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return n;
}
