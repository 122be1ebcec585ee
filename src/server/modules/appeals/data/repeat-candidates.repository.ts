import type { AppealStatus } from "../../../../contracts/appeals.js";
import type { Db } from "../../../db/database.js";

export interface RecentAppeal {
  id: string;
  trackingNo: string;
  receivedAt: Date;
  status: AppealStatus;
  content: string;
}

/**
 * Appeals of one center from the same phone (normalised digits) received
 * since `since`, newest first — the candidates for repeat detection
 * (appeals_phone_idx covers the lookup).
 */
export async function recentAppealsByPhone(
  db: Db,
  q: { centerId: string; phoneDigits: string; since: Date; limit: number },
): Promise<RecentAppeal[]> {
  const rows = await db
    .selectFrom("appeals")
    .select(["id", "tracking_no", "received_at", "status", "content"])
    .where("center_id", "=", q.centerId)
    .where("phone_digits", "=", q.phoneDigits)
    .where("received_at", ">=", q.since)
    .orderBy("received_at", "desc")
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    trackingNo: r.tracking_no,
    receivedAt: r.received_at,
    status: r.status,
    content: r.content,
  }));
}
