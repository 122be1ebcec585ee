import type { Role } from "../../../../contracts/enums.js";
import type { WorkOrder, WorkOrderListQuery, WorkOrderSummary } from "../../../../contracts/work-orders.js";
import type { Db } from "../../../db/database.js";
import type { Deps } from "../../../deps.js";
import { forbidden, notFound } from "../../../errors.js";
import { auditFields, type UserActor } from "../../../http/actor.js";
import { appendAudit } from "../../audit/index.js";
import { canRevealPhone } from "../actors.js";
import { centerInfo } from "../center-info.js";
import { withCommand } from "../commands/runner.js";
import { findAppealInScope } from "../data/appeal.repository.js";
import { listExtensionsOfOrders, toExtensionDto } from "../data/extension.repository.js";
import { listMilestones, listPlansOfOrders, toPlanDto } from "../data/plan.repository.js";
import {
  findWorkOrder,
  findWorkOrderForDepartment,
  listWorkOrdersOfAppeal,
  loadBundles,
  type WorkOrderRow,
} from "../data/work-order.repository.js";
import { searchWorkOrders } from "../data/work-order.search.js";
import { toWorkOrderSummary } from "../presenters/work-order.presenter.js";
import { centerScope, readScope } from "../scope.js";
import { renderWorkOrderHtml } from "./work-order.print.js";

/** Roles that read every work order of their center; department handlers read their department's. */
export const CENTER_READERS: Role[] = ["dispatcher", "supervisor", "leader", "admin"];

const isCenterReader = (a: UserActor) => a.roles.some((r) => CENTER_READERS.includes(r));
const myDepartment = (a: UserActor) => (a.roles.includes("department") ? a.departmentId : null);

export const centerTimeZone = (db: Db, centerId: string): Promise<{ name: string; timezone: string }> =>
  centerInfo(db, centerId);

/** An order the caller may read (404 otherwise, also for another center's or department's). */
export async function loadReadable(db: Db, actor: UserActor, id: string): Promise<WorkOrderRow> {
  if (isCenterReader(actor)) {
    const o = await findWorkOrder(db, actor.centerId, id);
    if (!o) throw notFound("工作单");
    return o;
  }
  const dept = myDepartment(actor);
  if (!dept) throw forbidden("当前角色无权查看工作单");
  const found = await findWorkOrderForDepartment(db, actor.centerId, dept, id);
  if (!found) throw notFound("工作单");
  return found.order;
}

/** Orders with their extensions and plans, as the API returns them. */
export async function presentOrders(
  deps: Deps,
  actor: UserActor,
  orders: WorkOrderRow[],
  now: Date,
): Promise<WorkOrder[]> {
  if (orders.length === 0) return [];
  const { db } = deps;
  const rules = await deps.rules.get(orders[0]!.center_id);
  const tz = rules.timeZone;
  const ids = orders.map((o) => o.id);
  const [bundles, extensions, plans] = await Promise.all([
    loadBundles(db, orders),
    listExtensionsOfOrders(db, ids),
    listPlansOfOrders(db, ids),
  ]);
  const milestones = await listMilestones(
    db,
    plans.map((p) => p.id),
  );
  return bundles.map((b) => ({
    ...toWorkOrderSummary(b, rules, now, myDepartment(actor)),
    extensions: extensions.filter((x) => x.work_order_id === b.order.id).map((x) => toExtensionDto(x, tz)),
    plans: plans.filter((p) => p.work_order_id === b.order.id).map((p) => toPlanDto(p, milestones, tz, now)),
  }));
}

export async function presentOrder(deps: Deps, actor: UserActor, order: WorkOrderRow, now: Date) {
  const [dto] = await presentOrders(deps, actor, [order], now);
  return dto!;
}

export async function getWorkOrder(deps: Deps, actor: UserActor, id: string, now: Date): Promise<WorkOrder> {
  return presentOrder(deps, actor, await loadReadable(deps.db, actor, id), now);
}

/** The department inbox (department=mine, or any department handler) or the center's list. */
export async function listWorkOrders(
  deps: Deps,
  actor: UserActor,
  q: WorkOrderListQuery,
  now: Date,
): Promise<{ items: WorkOrderSummary[]; nextCursor: string | null }> {
  // A list: the read replica (docs/operations.md); the order itself is read on the primary.
  const db = deps.readDb;
  const dept = myDepartment(actor);
  const departmentView = dept !== null && (q.department === "mine" || !isCenterReader(actor));
  if (!departmentView && !isCenterReader(actor)) {
    throw q.department === "mine" ? forbidden("当前账号未关联部门") : forbidden("当前角色无权查看工作单");
  }
  const { rows, nextCursor } = await searchWorkOrders(db, {
    centerId: actor.centerId,
    departmentId: departmentView ? dept! : undefined,
    status: q.status,
    limit: q.limit,
    cursor: q.cursor,
  });
  const rules = await deps.rules.get(actor.centerId);
  const bundles = await loadBundles(db, rows);
  return { items: bundles.map((b) => toWorkOrderSummary(b, rules, now, dept)), nextCursor };
}

/** Every work order of an appeal the caller can see (history of dispatches), oldest first. */
export async function listOrdersOfAppeal(
  deps: Deps,
  actor: UserActor,
  appealId: string,
  now: Date,
): Promise<WorkOrder[]> {
  const { db } = deps;
  const appeal = await findAppealInScope(db, readScope(actor), appealId);
  if (!appeal) throw notFound("诉求");
  let orders = await listWorkOrdersOfAppeal(db, actor.centerId, appeal.id);
  if (!isCenterReader(actor)) {
    const visible = await Promise.all(orders.map((o) => loadReadable(db, actor, o.id).catch(() => null)));
    orders = visible.filter((o): o is WorkOrderRow => o !== null);
  }
  return presentOrders(deps, actor, orders, now);
}

/**
 * The printable 工作单 (Appendix A). The requester's phone is masked unless a role
 * that may reveal it gives a reason: then the print is a reveal like any other
 * (timeline event and audit entry with the reason). Every print is audit-logged.
 */
export async function printWorkOrder(
  deps: Deps,
  actor: UserActor,
  id: string,
  revealReason: string | undefined,
  opts: { now: Date; ip: string | null },
): Promise<string> {
  const { db } = deps;
  if (revealReason !== undefined && !canRevealPhone(actor))
    throw forbidden("当前角色不能查看诉求人的完整电话号码");
  const order = await loadReadable(db, actor, id);
  const [bundle] = await loadBundles(db, [order]);
  const center = await centerInfo(db, order.center_id);
  if (!bundle) throw notFound("工作单");
  const details = { number: order.number, appealId: order.appeal_id, trackingNo: bundle.appeal.tracking_no };
  if (revealReason === undefined) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        ...auditFields(actor),
        action: "work_order.print",
        entity: "work_order",
        entityId: order.id,
        details,
        ip: opts.ip,
        at: opts.now,
      }),
    );
  } else {
    await withCommand(deps, actor, opts, async (c) => {
      const appeal = await findAppealInScope(c.trx, centerScope(actor.centerId), order.appeal_id);
      if (!appeal) throw notFound("诉求");
      await c.event(appeal, "phone_revealed", { reason: revealReason, via: "work_order.print" });
      await c.audit({
        centerId: appeal.center_id,
        action: "appeal.phone.reveal",
        entity: "appeal",
        entityId: appeal.id,
        details: { trackingNo: appeal.tracking_no, reason: revealReason, via: "work_order.print" },
      });
      await c.audit({
        centerId: order.center_id,
        action: "work_order.print",
        entity: "work_order",
        entityId: order.id,
        details: { ...details, phoneRevealed: true },
      });
    });
  }
  return renderWorkOrderHtml(bundle, center, opts.now, revealReason !== undefined);
}
