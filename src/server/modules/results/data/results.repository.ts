import type { Db } from "../../../db/database.js";
import type { NewRow, Row } from "../../../db/schema.js";
import { openRequesterFields } from "../../appeals/index.js";

/**
 * SQL of ratings (好差评), follow-ups (回访) and rectifications (整改). Reads the lifecycle's
 * appeals and work orders (results depends on appeals) but never writes them.
 */

export type RatingRow = Row<"ratings">;
export type FollowUpRow = Row<"follow_ups">;
export type RectificationRow = Row<"rectifications">;

/** What results need of an appeal: its state, dimensions for the figures, the limits. */
export async function findAppealFacts(db: Db, centerId: string, appealId: string) {
  return db
    .selectFrom("appeals")
    .select(["id", "center_id", "tracking_no", "status", "channel", "type", "category_code", "respond_by"])
    .where("center_id", "=", centerId)
    .where("id", "=", appealId)
    .executeTakeFirst();
}

/**
 * What the rollup needs of an appeal when it is recorded (热点 terms, 重复诉求): its content, time
 * and phone, opened from the ciphertext — read for the `received` event only.
 */
export async function findIntakeFacts(db: Db, centerId: string, appealId: string) {
  const r = await db
    .selectFrom("appeals")
    .select(["phone", "received_at", "content"])
    .where("center_id", "=", centerId)
    .where("id", "=", appealId)
    .executeTakeFirst();
  return r && openRequesterFields(r);
}
export type AppealFacts = NonNullable<Awaited<ReturnType<typeof findAppealFacts>>>;

/** The appeal's latest 工作单: its lead department is the responsible one (null: none issued). */
export async function findLatestOrder(db: Db, centerId: string, appealId: string) {
  return db
    .selectFrom("work_orders")
    .select(["id", "lead_department_id", "due_at", "replied_at"])
    .where("center_id", "=", centerId)
    .where("appeal_id", "=", appealId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** Ratings of an appeal, oldest first; locks them so two raters cannot both take a round. */
export async function listRatings(db: Db, centerId: string, appealId: string, lock = false) {
  let q = db
    .selectFrom("ratings")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("appeal_id", "=", appealId)
    .orderBy("round", "asc");
  if (lock) q = q.forUpdate();
  return q.execute();
}

export async function insertRating(trx: Db, row: NewRow<"ratings">): Promise<RatingRow> {
  return trx.insertInto("ratings").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findRating(db: Db, centerId: string, id: string) {
  return db
    .selectFrom("ratings")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Marks a rating disputed (申诉复核) once; undefined when it already was. */
export async function disputeRating(
  trx: Db,
  id: string,
  set: { reason: string; by: string; at: Date },
): Promise<RatingRow | undefined> {
  return trx
    .updateTable("ratings")
    .set({ disputed_at: set.at, dispute_reason: set.reason, disputed_by: set.by })
    .where("id", "=", id)
    .where("disputed_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

export async function insertFollowUp(trx: Db, row: NewRow<"follow_ups">): Promise<FollowUpRow> {
  return trx.insertInto("follow_ups").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertRectification(trx: Db, row: NewRow<"rectifications">): Promise<RectificationRow> {
  return trx.insertInto("rectifications").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findRectification(db: Db, centerId: string, id: string, lock = false) {
  let q = db.selectFrom("rectifications").selectAll().where("center_id", "=", centerId).where("id", "=", id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listRectificationsOfAppeal(db: Db, centerId: string, appealId: string) {
  return db
    .selectFrom("rectifications")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("appeal_id", "=", appealId)
    .orderBy("id", "asc")
    .execute();
}

/** Completes an open rectification; undefined when it was already done (a concurrent completion). */
export async function completeRectification(
  trx: Db,
  id: string,
  set: { result: string; by: string; byName: string; at: Date },
): Promise<RectificationRow | undefined> {
  return trx
    .updateTable("rectifications")
    .set({
      status: "done",
      result: set.result,
      completed_at: set.at,
      completed_by: set.by,
      completed_by_name: set.byName,
    })
    .where("id", "=", id)
    .where("status", "=", "open")
    .returningAll()
    .executeTakeFirst();
}

/** A page of rectifications, newest first (index rectifications_center_status_idx / _department_idx). */
export async function listRectifications(
  db: Db,
  f: { centerId: string; departmentId?: string; status?: "open" | "done"; before?: string; limit: number },
) {
  let q = db
    .selectFrom("rectifications")
    .innerJoin("ratings", "ratings.id", "rectifications.rating_id")
    .innerJoin("appeals", "appeals.id", "rectifications.appeal_id")
    .selectAll("rectifications")
    .select(["ratings.level", "ratings.comment", "appeals.tracking_no"])
    .where("rectifications.center_id", "=", f.centerId);
  if (f.departmentId) q = q.where("rectifications.department_id", "=", f.departmentId);
  if (f.status) q = q.where("rectifications.status", "=", f.status);
  if (f.before) q = q.where("rectifications.id", "<", f.before);
  return q.orderBy("rectifications.id", "desc").limit(f.limit).execute();
}
