import { sql } from "kysely";
import type { AppealStatus } from "../../../../contracts/appeals.js";
import type { Db } from "../../../db/database.js";

/** Statuses from which an appeal still moves on (rejected, resolved, transferred, closed are final). */
const OPEN: AppealStatus[] = ["received", "dispatched", "replied"];

/**
 * Appeals still open per center and status (GET /metrics). One index range per (center, status)
 * of appeals_status_received_idx, so the cost follows the open appeals, not the table.
 */
export async function countOpenAppeals(
  db: Db,
  centerIds: string[],
): Promise<{ center_id: string; status: AppealStatus; count: number }[]> {
  if (centerIds.length === 0) return [];
  const r = await sql<{ center_id: string; status: AppealStatus; n: string }>`
    select c.center_id, s.status,
      (select count(*) from appeals a where a.center_id = c.center_id and a.status = s.status) as n
    from unnest(${centerIds}::bigint[]) as c(center_id)
    cross join unnest(${OPEN}::text[]) as s(status)
    order by c.center_id, s.status`.execute(db);
  return r.rows.map((x) => ({ center_id: String(x.center_id), status: x.status, count: Number(x.n) }));
}
