import type { Db } from "../../../db/database.js";
import type { NewRow, Row } from "../../../db/schema.js";

/** SQL of the follow-up duties (回访任务). */

export type DutyRow = Row<"follow_up_duties">;

/** Opens a duty; undefined when one of the same reason is already open (or the rating has one). */
export async function insertDuty(trx: Db, row: NewRow<"follow_up_duties">): Promise<DutyRow | undefined> {
  return trx
    .insertInto("follow_up_duties")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function hasRating(db: Db, centerId: string, appealId: string): Promise<boolean> {
  const r = await db
    .selectFrom("ratings")
    .select("id")
    .where("center_id", "=", centerId)
    .where("appeal_id", "=", appealId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Closes an appeal's open duties (of `reason` when given); returns the rows closed. */
export async function closeDuties(
  trx: Db,
  f: {
    centerId: string;
    appealId: string;
    reason?: DutyRow["reason"];
    status: "done" | "waived";
    followUpId: string | null;
    at: Date;
  },
): Promise<DutyRow[]> {
  let q = trx
    .updateTable("follow_up_duties")
    .set({ status: f.status, closed_at: f.at, follow_up_id: f.followUpId })
    .where("center_id", "=", f.centerId)
    .where("appeal_id", "=", f.appealId)
    .where("status", "=", "open");
  if (f.reason) q = q.where("reason", "=", f.reason);
  return q.returningAll().execute();
}

export interface DutyListRow extends DutyRow {
  tracking_no: string;
  level: number | null;
  comment: string | null;
}

/**
 * A page of duties: open ones soonest due first (keyset on due_at, id — index
 * follow_up_duties_queue_idx), closed ones newest first (keyset on id — follow_up_duties_done_idx).
 */
export async function listDuties(
  db: Db,
  f: {
    centerId: string;
    status: DutyRow["status"];
    reason?: DutyRow["reason"];
    after?: { dueAt: string; id: string };
    beforeId?: string;
    limit: number;
  },
): Promise<DutyListRow[]> {
  let q = db
    .selectFrom("follow_up_duties as d")
    .innerJoin("appeals as a", "a.id", "d.appeal_id")
    .leftJoin("ratings as r", "r.id", "d.rating_id")
    .selectAll("d")
    .select(["a.tracking_no", "r.level", "r.comment"])
    .where("d.center_id", "=", f.centerId)
    .where("d.status", "=", f.status);
  if (f.reason) q = q.where("d.reason", "=", f.reason);
  if (f.status === "open") {
    if (f.after) {
      const { dueAt, id } = f.after;
      q = q.where((eb) =>
        eb.or([
          eb("d.due_at", ">", new Date(dueAt)),
          eb.and([eb("d.due_at", "=", new Date(dueAt)), eb("d.id", ">", id)]),
        ]),
      );
    }
    q = q.orderBy("d.due_at", "asc").orderBy("d.id", "asc");
  } else {
    if (f.beforeId) q = q.where("d.id", "<", f.beforeId);
    q = q.orderBy("d.id", "desc");
  }
  return q.limit(f.limit).execute() as Promise<DutyListRow[]>;
}
