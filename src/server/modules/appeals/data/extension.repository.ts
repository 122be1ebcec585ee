import type { Extension } from "../../../../contracts/work-orders.js";
import { toOffsetIso } from "../../../../core/calendar-date.js";
import type { Db } from "../../../db/database.js";
import type { NewRow, Row, RowUpdate } from "../../../db/schema.js";

/** SQL on extension requests (延期申请) and their API shape. */

export type ExtensionRow = Row<"extension_requests">;
type ExtensionView = ExtensionRow & { department_name: string; work_order_number: string };

function baseQuery(db: Db) {
  return db
    .selectFrom("extension_requests as x")
    .innerJoin("departments as d", "d.id", "x.department_id")
    .innerJoin("work_orders as w", "w.id", "x.work_order_id")
    .selectAll("x")
    .select(["d.name as department_name", "w.number as work_order_number"]);
}

export async function insertExtension(trx: Db, row: NewRow<"extension_requests">): Promise<ExtensionRow> {
  return trx.insertInto("extension_requests").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findPendingExtension(trx: Db, workOrderId: string): Promise<ExtensionRow | undefined> {
  return trx
    .selectFrom("extension_requests")
    .selectAll()
    .where("work_order_id", "=", workOrderId)
    .where("status", "=", "pending")
    .executeTakeFirst();
}

export async function findExtension(db: Db, centerId: string, id: string, lock = false) {
  let q = db
    .selectFrom("extension_requests")
    .selectAll()
    .where("id", "=", id)
    .where("center_id", "=", centerId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Decides a pending request; false when it was decided concurrently. */
export async function decideExtension(
  trx: Db,
  id: string,
  set: Pick<
    RowUpdate<"extension_requests">,
    "status" | "decided_by" | "decided_by_name" | "decided_at" | "decision_note" | "new_due_at"
  >,
): Promise<boolean> {
  const r = await trx
    .updateTable("extension_requests")
    .set(set)
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function getExtensionView(db: Db, id: string): Promise<ExtensionView> {
  return baseQuery(db).where("x.id", "=", id).executeTakeFirstOrThrow();
}

export async function listExtensionsOfOrders(db: Db, orderIds: string[]): Promise<ExtensionView[]> {
  if (orderIds.length === 0) return [];
  return baseQuery(db).where("x.work_order_id", "in", orderIds).orderBy("x.id").execute();
}

/** The center's requests (the reviewer's approval queue), oldest first; optionally one department's. */
export async function listExtensions(
  db: Db,
  q: { centerId: string; status?: ExtensionRow["status"]; departmentId?: string; limit: number },
): Promise<ExtensionView[]> {
  let query = baseQuery(db).where("x.center_id", "=", q.centerId);
  if (q.status) query = query.where("x.status", "=", q.status);
  if (q.departmentId) query = query.where("x.department_id", "=", q.departmentId);
  return query.orderBy("x.created_at").orderBy("x.id").limit(q.limit).execute();
}

export function toExtensionDto(x: ExtensionView, tz: string): Extension {
  return {
    id: x.id,
    workOrderId: x.work_order_id,
    workOrderNumber: x.work_order_number,
    appealId: x.appeal_id,
    departmentId: x.department_id,
    departmentName: x.department_name,
    requestedBy: x.requested_by_name,
    until: x.requested_until,
    reason: x.reason,
    status: x.status,
    decidedBy: x.decided_by_name,
    decidedAt: x.decided_at ? toOffsetIso(x.decided_at, tz) : null,
    decisionNote: x.decision_note,
    oldDueAt: toOffsetIso(x.old_due_at, tz),
    newDueAt: x.new_due_at ? toOffsetIso(x.new_due_at, tz) : null,
    createdAt: toOffsetIso(x.created_at, tz),
  };
}

/** A pending request dies with its order (returned or withdrawn): decided as denied with the note. */
export async function expirePendingExtensions(trx: Db, workOrderId: string, note: string, now: Date) {
  await trx
    .updateTable("extension_requests")
    .set({ status: "denied", decided_at: now, decided_by_name: "系统", decision_note: note })
    .where("work_order_id", "=", workOrderId)
    .where("status", "=", "pending")
    .execute();
}
