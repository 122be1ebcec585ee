import type { Db } from "../../../db/database.js";

/**
 * The columns a public progress page may be built from (no requester name, address or content;
 * the answer is the reply the requester is owed, shown once the appeal is finished).
 */
const progressColumns = [
  "id",
  "center_id",
  "tracking_no",
  "query_code",
  "phone_bidx",
  "channel",
  "type",
  "status",
  "received_at",
  "respond_by",
  "responded_at",
  "due_at",
  "reject_reason",
  "reject_explanation",
  "referred_to",
  "answer",
  "resolved_at",
  "closed_at",
  "merged_into_id",
] as const;

/**
 * Appeals with this tracking number. The number embeds the center code, so
 * there is at most one; a list keeps the caller honest if two centers ever
 * collide (it must then match the code against each).
 */
export async function findProgressByTrackingNo(db: Db, trackingNo: string) {
  return db
    .selectFrom("appeals")
    .select(progressColumns)
    .where("tracking_no", "=", trackingNo)
    .orderBy("id")
    .limit(5)
    .execute();
}

/** The original a merged repeat follows (same center). */
export async function findProgressById(db: Db, centerId: string, id: string) {
  return db
    .selectFrom("appeals")
    .select(progressColumns)
    .where("center_id", "=", centerId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export type ProgressRow = Awaited<ReturnType<typeof findProgressByTrackingNo>>[number];

/** Timeline events of one appeal, oldest first — only the types the public may see. */
export async function listPublicEvents(db: Db, centerId: string, appealId: string, types: string[]) {
  return db
    .selectFrom("appeal_events")
    .select(["type", "at", "details"])
    .where("center_id", "=", centerId)
    .where("appeal_id", "=", appealId)
    .where("type", "in", types)
    .orderBy("id", "asc")
    .execute();
}
