import { sql } from "kysely";
import type { AppealType } from "../../../../contracts/appeals.js";
import type { Db } from "../../../db/database.js";

export interface DispatchExample {
  content: string;
  type: AppealType;
  categoryCode: string | null;
  leadDepartmentId: string;
}

/**
 * The center's dispatch history for the suggestion model: per appeal, the lead department of its
 * latest 工作单 that was not returned (退单 = misrouted, so never a label), with the appeal's text,
 * type and category — the most recent `limit` orders (work_orders_appeal_idx, center-bounded).
 */
export async function dispatchHistory(db: Db, centerId: string, limit: number): Promise<DispatchExample[]> {
  const rows = await sql<{
    content: string;
    type: AppealType;
    category_code: string | null;
    lead_department_id: string;
  }>`
    select a.content, a.type, a.category_code, o.lead_department_id
    from (
      select distinct on (appeal_id) appeal_id, lead_department_id, id
      from (
        select appeal_id, lead_department_id, id from work_orders
        where center_id = ${centerId} and status <> 'returned'
        order by id desc limit ${limit}
      ) recent
      order by appeal_id, id desc
    ) o
    join appeals a on a.id = o.appeal_id and a.center_id = ${centerId}
    order by o.id`.execute(db);
  return rows.rows.map((r) => ({
    content: r.content,
    type: r.type,
    categoryCode: r.category_code,
    leadDepartmentId: String(r.lead_department_id),
  }));
}

/** The newest dispatch of a center (to skip a retrain when nothing changed). */
export async function lastDispatchAt(db: Db, centerId: string): Promise<Date | null> {
  const row = await db
    .selectFrom("work_orders")
    .select("created_at")
    .where("center_id", "=", centerId)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.created_at ?? null;
}
