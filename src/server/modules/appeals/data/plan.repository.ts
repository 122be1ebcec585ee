import type { Plan } from "../../../../contracts/work-orders.js";
import { toOffsetIso } from "../../../../core/calendar-date.js";
import type { Db } from "../../../db/database.js";
import type { NewRow, Row, RowUpdate } from "../../../db/schema.js";

/** SQL on major-issue plans (解决方案) and their milestones (时间节点), and their API shape. */

export type PlanRow = Row<"plans">;
export type MilestoneRow = Row<"plan_milestones">;
type PlanView = PlanRow & { work_order_number: string };

export async function insertPlan(trx: Db, row: NewRow<"plans">): Promise<PlanRow> {
  return trx.insertInto("plans").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertMilestones(trx: Db, rows: NewRow<"plan_milestones">[]): Promise<void> {
  await trx.insertInto("plan_milestones").values(rows).execute();
}

/** The order's plan that is still in play (submitted or approved). */
export async function findLivePlan(trx: Db, workOrderId: string): Promise<PlanRow | undefined> {
  return trx
    .selectFrom("plans")
    .selectAll()
    .where("work_order_id", "=", workOrderId)
    .where("status", "in", ["draft", "submitted", "approved"])
    .executeTakeFirst();
}

export async function findPlan(db: Db, centerId: string, id: string, lock = false) {
  let q = db.selectFrom("plans").selectAll().where("id", "=", id).where("center_id", "=", centerId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updatePlan(
  trx: Db,
  id: string,
  from: PlanRow["status"],
  set: Omit<RowUpdate<"plans">, "id" | "center_id" | "work_order_id">,
): Promise<boolean> {
  const r = await trx
    .updateTable("plans")
    .set(set)
    .where("id", "=", id)
    .where("status", "=", from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function listMilestones(db: Db, planIds: string[]): Promise<MilestoneRow[]> {
  if (planIds.length === 0) return [];
  return db
    .selectFrom("plan_milestones")
    .selectAll()
    .where("plan_id", "in", planIds)
    .orderBy("plan_id")
    .orderBy("seq")
    .execute();
}

export async function findMilestone(trx: Db, planId: string, id: string): Promise<MilestoneRow | undefined> {
  return trx
    .selectFrom("plan_milestones")
    .selectAll()
    .where("plan_id", "=", planId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateMilestone(
  trx: Db,
  id: string,
  set: Pick<RowUpdate<"plan_milestones">, "status" | "last_report" | "reported_at" | "done_at">,
): Promise<void> {
  await trx.updateTable("plan_milestones").set(set).where("id", "=", id).execute();
}

function planQuery(db: Db) {
  return db
    .selectFrom("plans as p")
    .innerJoin("work_orders as w", "w.id", "p.work_order_id")
    .selectAll("p")
    .select("w.number as work_order_number");
}

export async function listPlansOfOrders(db: Db, orderIds: string[]): Promise<PlanView[]> {
  if (orderIds.length === 0) return [];
  return planQuery(db).where("p.work_order_id", "in", orderIds).orderBy("p.id").execute();
}

export async function getPlanView(db: Db, id: string): Promise<PlanView> {
  return planQuery(db).where("p.id", "=", id).executeTakeFirstOrThrow();
}

export async function listPlans(
  db: Db,
  q: { centerId: string; status?: PlanRow["status"]; departmentId?: string; limit: number },
): Promise<PlanView[]> {
  let query = planQuery(db).where("p.center_id", "=", q.centerId);
  if (q.status) query = query.where("p.status", "=", q.status);
  if (q.departmentId) query = query.where("p.department_id", "=", q.departmentId);
  return query.orderBy("p.id").limit(q.limit).execute();
}

export function toPlanDto(p: PlanView, milestones: MilestoneRow[], tz: string, now: Date): Plan {
  const iso = (d: Date | null) => (d ? toOffsetIso(d, tz) : null);
  return {
    id: p.id,
    workOrderId: p.work_order_id,
    workOrderNumber: p.work_order_number,
    appealId: p.appeal_id,
    departmentId: p.department_id,
    status: p.status,
    summary: p.summary,
    submittedBy: p.submitted_by_name,
    submittedAt: iso(p.submitted_at),
    decidedBy: p.decided_by_name,
    decidedAt: iso(p.decided_at),
    decisionNote: p.decision_note,
    completedAt: iso(p.completed_at),
    milestones: milestones
      .filter((m) => m.plan_id === p.id)
      .map((m) => ({
        id: m.id,
        seq: m.seq,
        title: m.title,
        dueDate: m.due_date,
        dueAt: toOffsetIso(m.due_at, tz),
        status: m.status,
        lastReport: m.last_report,
        reportedAt: iso(m.reported_at),
        doneAt: iso(m.done_at),
        overdue: p.status === "approved" && m.status !== "done" && m.due_at.getTime() < now.getTime(),
      })),
  };
}

/** A plan still awaiting approval dies with its order (returned or withdrawn). */
export async function expireSubmittedPlans(trx: Db, workOrderId: string, note: string, now: Date) {
  await trx
    .updateTable("plans")
    .set({ status: "rejected", decided_at: now, decided_by_name: "系统", decision_note: note })
    .where("work_order_id", "=", workOrderId)
    .where("status", "in", ["draft", "submitted"])
    .execute();
}

/** Milestones of the order's approved plan that are not done yet (tracked limits). */
export async function listOpenMilestoneIds(db: Db, workOrderId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("plan_milestones as m")
    .innerJoin("plans as p", "p.id", "m.plan_id")
    .select("m.id")
    .where("p.work_order_id", "=", workOrderId)
    .where("p.status", "=", "approved")
    .where("m.status", "<>", "done")
    .execute();
  return rows.map((r) => r.id);
}
