import { sql } from "kysely";
import type { Db } from "../../../db/database.js";
import type { NewRow, Row, RowUpdate } from "../../../db/schema.js";
import { openAppealsForList } from "./requester-crypto.js";

/** All SQL on work orders, their assignments and the number counter. Functions take the db or a transaction. */

export type WorkOrderRow = Row<"work_orders">;
export type AssignmentRow = Row<"work_order_assignments">;
export type AssignmentView = AssignmentRow & {
  department_name: string;
  department_phone: string | null;
  department_location: string | null;
};

/** Next value of the center's daily work-order sequence (row lock until commit → distinct, gap-free). */
export async function nextWorkOrderSeq(trx: Db, centerId: string, day: string): Promise<number> {
  const r = await trx
    .insertInto("work_order_counters")
    .values({ center_id: centerId, day, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(["center_id", "day"]).doUpdateSet({ last_value: sql`work_order_counters.last_value + 1` }),
    )
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return r.last_value;
}

export async function insertWorkOrder(trx: Db, row: NewRow<"work_orders">): Promise<WorkOrderRow> {
  return trx.insertInto("work_orders").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertAssignments(trx: Db, rows: NewRow<"work_order_assignments">[]): Promise<void> {
  if (rows.length) await trx.insertInto("work_order_assignments").values(rows).execute();
}

/** A work order of the center (center-wide roles). `lock` takes the row lock for a write. */
export async function findWorkOrder(
  db: Db,
  centerId: string,
  id: string,
  lock = false,
): Promise<WorkOrderRow | undefined> {
  let q = db.selectFrom("work_orders").selectAll().where("id", "=", id).where("center_id", "=", centerId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * A work order addressed to `departmentId` that neither the department nor
 * the lead has returned — the department's scope; anything else is 404.
 */
export async function findWorkOrderForDepartment(
  db: Db,
  centerId: string,
  departmentId: string,
  id: string,
  lock = false,
): Promise<{ order: WorkOrderRow; assignment: AssignmentRow } | undefined> {
  let q = db
    .selectFrom("work_orders")
    .selectAll()
    .where("id", "=", id)
    .where("center_id", "=", centerId)
    .where("status", "<>", "returned");
  if (lock) q = q.forUpdate();
  const order = await q.executeTakeFirst();
  if (!order) return undefined;
  const assignment = await db
    .selectFrom("work_order_assignments")
    .selectAll()
    .where("work_order_id", "=", order.id)
    .where("department_id", "=", departmentId)
    .where("status", "<>", "returned")
    .executeTakeFirst();
  return assignment ? { order, assignment } : undefined;
}

/** The live order of an appeal (pending, signed or replied), locked for the caller's transaction. */
export async function findActiveWorkOrder(trx: Db, appealId: string): Promise<WorkOrderRow | undefined> {
  return trx
    .selectFrom("work_orders")
    .selectAll()
    .where("appeal_id", "=", appealId)
    .where("status", "in", ["pending", "signed", "replied"])
    .forUpdate()
    .executeTakeFirst();
}

export async function listWorkOrdersOfAppeal(db: Db, centerId: string, appealId: string) {
  return db
    .selectFrom("work_orders")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("appeal_id", "=", appealId)
    .orderBy("id", "asc")
    .execute();
}

/** Assignments of the given orders with their department's directory info (lead first). */
export async function listAssignments(db: Db, orderIds: string[]): Promise<AssignmentView[]> {
  if (orderIds.length === 0) return [];
  return db
    .selectFrom("work_order_assignments as a")
    .innerJoin("departments as d", "d.id", "a.department_id")
    .selectAll("a")
    .select(["d.name as department_name", "d.phone as department_phone", "d.location as department_location"])
    .where("a.work_order_id", "in", orderIds)
    .orderBy("a.work_order_id")
    .orderBy(sql`case a.role when 'lead' then 0 else 1 end`)
    .orderBy("a.id")
    .execute();
}

/** Departments still on an order (lead and co-departments that did not hand their part back). */
export async function listLiveDepartmentIds(db: Db, orderId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("work_order_assignments")
    .select("department_id")
    .where("work_order_id", "=", orderId)
    .where("status", "<>", "returned")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.department_id);
}

/** Optimistic update of an order (bumps its version); undefined when someone else changed it first. */
export async function updateWorkOrderIfVersion(
  trx: Db,
  id: string,
  version: number,
  set: Omit<RowUpdate<"work_orders">, "id" | "version" | "center_id">,
): Promise<WorkOrderRow | undefined> {
  return trx
    .updateTable("work_orders")
    .set({ ...set, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .returningAll()
    .executeTakeFirst();
}

/** Moves one assignment from `from` (guard against a concurrent change) and applies `set`. */
export async function updateAssignment(
  trx: Db,
  id: string,
  from: AssignmentRow["status"],
  set: Omit<RowUpdate<"work_order_assignments">, "id" | "center_id" | "work_order_id">,
): Promise<boolean> {
  const r = await trx
    .updateTable("work_order_assignments")
    .set(set)
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findLeadAssignment(trx: Db, orderId: string): Promise<AssignmentRow | undefined> {
  return trx
    .selectFrom("work_order_assignments")
    .selectAll()
    .where("work_order_id", "=", orderId)
    .where("role", "=", "lead")
    .executeTakeFirst();
}

/** The department inbox's due_at mirrors the order's: every deadline change goes through here. */
export async function setAssignmentsDue(trx: Db, orderId: string, dueAt: Date, now: Date): Promise<void> {
  await trx
    .updateTable("work_order_assignments")
    .set({ due_at: dueAt, updated_at: now })
    .where("work_order_id", "=", orderId)
    .execute();
}

/** Open orders of a center whose deadline is still provisional (ADR 0005). */
export async function listProvisionalOrders(db: Db, centerId: string): Promise<WorkOrderRow[]> {
  return db
    .selectFrom("work_orders")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("due_provisional", "=", true)
    .where("status", "in", ["pending", "signed"])
    .orderBy("id")
    .execute();
}

/**
 * Deadline fields changed by the system (calendar reconciliation): no version
 * guard, only these columns change, but the version is bumped so a form
 * opened before the change is told to refresh.
 */
export async function updateOrderDeadline(
  trx: Db,
  id: string,
  set: Pick<RowUpdate<"work_orders">, "due_at" | "due_provisional" | "due_explanation" | "updated_at">,
): Promise<void> {
  await trx
    .updateTable("work_orders")
    .set({ ...set, version: sql`version + 1` })
    .where("id", "=", id)
    .execute();
}

/** A page of orders with their appeals and assignments, in two queries (lists, prints, exports). */
export async function loadBundles(
  db: Db,
  orders: WorkOrderRow[],
): Promise<{ order: WorkOrderRow; appeal: Row<"appeals">; assignments: AssignmentView[] }[]> {
  if (orders.length === 0) return [];
  const [assignments, appeals] = await Promise.all([
    listAssignments(
      db,
      orders.map((o) => o.id),
    ),
    db
      .selectFrom("appeals")
      .selectAll()
      .where("id", "in", [...new Set(orders.map((o) => o.appeal_id))])
      .execute(),
  ]);
  const appealById = new Map(openAppealsForList(appeals).map((a) => [a.id, a]));
  return orders.map((order) => ({
    order,
    appeal: appealById.get(order.appeal_id)!,
    assignments: assignments.filter((a) => a.work_order_id === order.id),
  }));
}
