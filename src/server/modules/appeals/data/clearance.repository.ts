import type { AppealStatus } from "../../../../contracts/appeals.js";
import type { Db } from "../../../db/database.js";

/** The appeals a center received in [from, to) counted by their status now (appeals_received_idx). */
export async function countCohort(
  db: Db,
  q: { centerId: string; from: Date; to: Date },
): Promise<{ status: AppealStatus; count: number }[]> {
  const rows = await db
    .selectFrom("appeals")
    .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
    .where("center_id", "=", q.centerId)
    .where("received_at", ">=", q.from)
    .where("received_at", "<", q.to)
    .groupBy("status")
    .execute();
  return rows.map((r) => ({ status: r.status, count: Number(r.n) }));
}

export interface CohortAppeal {
  id: string;
  trackingNo: string;
  status: AppealStatus;
  receivedAt: Date;
  content: string;
}

/** The still-open appeals received in [from, to), oldest first, after a keyset position. */
export async function listOpenOfCohort(
  db: Db,
  q: {
    centerId: string;
    from: Date;
    to: Date;
    open: readonly AppealStatus[];
    after?: { receivedAt: Date; id: string };
    limit: number;
  },
): Promise<CohortAppeal[]> {
  let query = db
    .selectFrom("appeals")
    .select(["id", "tracking_no", "status", "received_at", "content"])
    .where("center_id", "=", q.centerId)
    .where("received_at", ">=", q.from)
    .where("received_at", "<", q.to)
    .where("status", "in", [...q.open]);
  if (q.after) {
    const { receivedAt, id } = q.after;
    query = query.where((eb) =>
      eb.or([
        eb("received_at", ">", receivedAt),
        eb.and([eb("received_at", "=", receivedAt), eb("id", ">", id)]),
      ]),
    );
  }
  const rows = await query.orderBy("received_at").orderBy("id").limit(q.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    trackingNo: r.tracking_no,
    status: r.status,
    receivedAt: r.received_at,
    content: r.content,
  }));
}
