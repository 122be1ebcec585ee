import { type SqlBool, sql } from "kysely";
import type { WorkOrderStatus } from "../../../../contracts/work-orders.js";
import { OPEN_ORDER_STATUSES } from "../../../../core/work-order.js";
import type { Db } from "../../../db/database.js";
import { decodeCursor, encodeCursor } from "../../../lib/cursor.js";
import type { WorkOrderRow } from "./work-order.repository.js";

/**
 * Work-order lists, most urgent first, with keyset pagination on
 * (due_at, id): the department inbox (workbench) through its assignments
 * (index work_order_assignments_inbox_idx), the center's list through
 * work_orders_status_due_idx.
 */

export type ListStatus = WorkOrderStatus | "open";

const statuses = (s: ListStatus): WorkOrderStatus[] => (s === "open" ? [...OPEN_ORDER_STATUSES] : [s]);

export interface ListFilter {
  centerId: string;
  /** The department's own inbox; absent for the center-wide list. */
  departmentId?: string;
  status?: ListStatus;
  limit: number;
  cursor?: string;
}

export async function searchWorkOrders(
  db: Db,
  f: ListFilter,
): Promise<{ rows: WorkOrderRow[]; nextCursor: string | null }> {
  const c = f.cursor ? decodeCursor(f.cursor, "work-orders", ["instant", "id"] as const) : undefined;
  let rows: WorkOrderRow[];
  if (f.departmentId) {
    let q = db
      .selectFrom("work_order_assignments as a")
      .innerJoin("work_orders as w", "w.id", "a.work_order_id")
      .selectAll("w")
      .where("a.center_id", "=", f.centerId)
      .where("a.department_id", "=", f.departmentId)
      // A part handed back (or an order the lead returned) is no longer the department's.
      .where("a.status", "<>", "returned")
      .where("w.status", "<>", "returned");
    if (f.status) q = q.where("w.status", "in", statuses(f.status));
    if (c) q = q.where(sql<SqlBool>`(a.due_at, w.id) > (${c[0]}::timestamptz, ${c[1]}::bigint)`);
    rows = await q
      .orderBy("a.due_at", "asc")
      .orderBy("w.id", "asc")
      .limit(f.limit + 1)
      .execute();
  } else {
    let q = db.selectFrom("work_orders as w").selectAll("w").where("w.center_id", "=", f.centerId);
    if (f.status) q = q.where("w.status", "in", statuses(f.status));
    if (c) q = q.where(sql<SqlBool>`(w.due_at, w.id) > (${c[0]}::timestamptz, ${c[1]}::bigint)`);
    rows = await q
      .orderBy("w.due_at", "asc")
      .orderBy("w.id", "asc")
      .limit(f.limit + 1)
      .execute();
  }
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > f.limit && last ? encodeCursor("work-orders", last.due_at.toISOString(), last.id) : null;
  return { rows: page, nextCursor };
}
