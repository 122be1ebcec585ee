import type { AppealStatus } from "../../../../contracts/appeals.js";
import type { Db } from "../../../db/database.js";
import { phoneIndexes } from "../../../lib/personal-data.js";

export interface RecentAppeal {
  id: string;
  trackingNo: string;
  receivedAt: Date;
  status: AppealStatus;
  content: string;
}

/**
 * Appeals of one center from the same phone received since `since`, newest
 * first — the candidates for repeat detection. Phones are encrypted: the
 * lookup is on the blind index (appeals_phone_bidx_idx), under every key of the ring.
 */
export async function recentAppealsByPhone(
  db: Db,
  q: { centerId: string; phone: string; since: Date; limit: number },
): Promise<RecentAppeal[]> {
  const rows = await db
    .selectFrom("appeals")
    .select(["id", "tracking_no", "received_at", "status", "content"])
    .where("center_id", "=", q.centerId)
    .where("phone_bidx", "in", phoneIndexes(q.phone))
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
