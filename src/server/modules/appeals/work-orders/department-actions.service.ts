import type { WorkOrder } from "../../../../contracts/work-orders.js";
import { type DepartmentAction, departmentTransition } from "../../../../core/work-order.js";
import type { Db } from "../../../db/database.js";
import { notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { resolveOrdersFor } from "../../supervision/index.js";
import { findAppealInScope } from "../appeal.repository.js";
import { centerScope } from "../appeal.scope.js";
import { nextStatus, writeAppealStep } from "../appeal-actions.service.js";
import { expirePendingExtensions } from "../extensions/extension.repository.js";
import { expireSubmittedPlans } from "../plans/plan.repository.js";
import {
  type ActionOptions,
  guard,
  loadForDepartment,
  orderVersionConflict,
  recordOrderEvent,
} from "./work-order.context.js";
import { repliedSms } from "./work-order.messages.js";
import {
  type AssignmentRow,
  findDepartments,
  listAssignments,
  updateAssignment,
  updateWorkOrderIfVersion,
  type WorkOrderRow,
} from "./work-order.repository.js";
import { presentOrder } from "./work-order-query.service.js";

/**
 * 办理 — what a resident department does with its 工作单: sign for it (签收),
 * hand a misrouted one back with a reason (退单), give its opinion to the lead
 * department (co-departments), and reply (the lead department only). Each
 * action locks the order, checks the department's scope (404), the order's
 * version (409) and the pure state machine (409 / 403), and writes the order,
 * the assignment, the appeal timeline and the audit log in one transaction.
 */

interface Ctx {
  trx: Db;
  order: WorkOrderRow;
  assignment: AssignmentRow;
  next: { order: WorkOrderRow["status"]; assignment: AssignmentRow["status"] };
  departmentName: string;
}

async function run(
  db: Db,
  actor: UserActor,
  id: string,
  action: DepartmentAction,
  expectedVersion: number | undefined,
  opts: ActionOptions,
  apply: (c: Ctx) => Promise<WorkOrderRow>,
): Promise<WorkOrder> {
  const updated = await db.transaction().execute(async (trx) => {
    const { order, assignment } = await loadForDepartment(trx, actor, id, expectedVersion);
    const next = guard(() => departmentTransition(order.status, assignment.role, assignment.status, action));
    const [dept] = await findDepartments(trx, actor.centerId, [assignment.department_id]);
    return apply({ trx, order, assignment, next, departmentName: dept?.name ?? "" });
  });
  return presentOrder(db, actor, updated, opts.now);
}

async function bumpOrder(c: Ctx, set: Parameters<typeof updateWorkOrderIfVersion>[3]): Promise<WorkOrderRow> {
  const row = await updateWorkOrderIfVersion(c.trx, c.order.id, c.order.version, set);
  if (!row) throw orderVersionConflict();
  return row;
}

async function moveAssignment(c: Ctx, set: Parameters<typeof updateAssignment>[3]): Promise<void> {
  if (!(await updateAssignment(c.trx, c.assignment.id, c.assignment.status, set)))
    throw orderVersionConflict();
}

const who = (c: Ctx) => ({
  departmentId: c.assignment.department_id,
  departmentName: c.departmentName,
  role: c.assignment.role,
});

/** 签收: the order becomes `signed` when the lead department signs. */
export function signOrder(
  db: Db,
  actor: UserActor,
  id: string,
  expectedVersion: number | undefined,
  opts: ActionOptions,
) {
  return run(db, actor, id, "sign", expectedVersion, opts, async (c) => {
    await moveAssignment(c, {
      status: c.next.assignment,
      signed_at: opts.now,
      signed_by: actor.userId,
      signed_by_name: actor.displayName,
      updated_at: opts.now,
    });
    const row = await bumpOrder(c, {
      status: c.next.order,
      ...(c.assignment.role === "lead" ? { signed_at: opts.now } : {}),
      updated_at: opts.now,
    });
    await recordOrderEvent(
      c.trx,
      actor,
      c.order,
      { type: "signed", details: who(c), audit: "work_order.sign" },
      opts,
    );
    return row;
  });
}

/**
 * 退单. The lead returns the whole order: it is `returned`, the appeal goes
 * back to the reviewer's queue (`received`, its handling limit cleared) to be
 * dispatched again. A co-department only takes itself off the order.
 */
export function returnOrder(
  db: Db,
  actor: UserActor,
  id: string,
  input: { reason: string; expectedVersion?: number },
  opts: ActionOptions,
) {
  return run(db, actor, id, "return", input.expectedVersion, opts, async (c) => {
    await moveAssignment(c, {
      status: "returned",
      returned_reason: input.reason,
      returned_at: opts.now,
      updated_at: opts.now,
    });
    if (c.assignment.role === "co") {
      const row = await bumpOrder(c, { updated_at: opts.now });
      await recordOrderEvent(
        c.trx,
        actor,
        c.order,
        { type: "co_returned", details: { ...who(c), reason: input.reason }, audit: "work_order.co_return" },
        opts,
      );
      return row;
    }
    const row = await bumpOrder(c, {
      status: "returned",
      returned_reason: input.reason,
      returned_at: opts.now,
      updated_at: opts.now,
    });
    await expirePendingExtensions(c.trx, c.order.id, "工作单已退单，申请自动失效", opts.now);
    await expireSubmittedPlans(c.trx, c.order.id, "工作单已退单，方案自动失效", opts.now);
    const appeal = await findAppealInScope(c.trx, centerScope(actor.centerId), c.order.appeal_id);
    if (!appeal) throw notFound("诉求");
    await writeAppealStep(c.trx, actor, appeal, nextStatus(appeal.status, "return"), opts, {
      set: { due_at: null, due_provisional: false, due_explanation: null },
      event: {
        type: "returned",
        details: { workOrderId: c.order.id, number: c.order.number, ...who(c), reason: input.reason },
      },
      audit: { action: "work_order.return", details: { workOrderId: c.order.id, reason: input.reason } },
    });
    return row;
  });
}

/** 协办意见: a co-department's opinion for the lead department (may be revised until the reply). */
export function submitOpinion(
  db: Db,
  actor: UserActor,
  id: string,
  input: { opinion: string; expectedVersion?: number },
  opts: ActionOptions,
) {
  return run(db, actor, id, "opinion", input.expectedVersion, opts, async (c) => {
    await moveAssignment(c, {
      status: c.next.assignment,
      opinion: input.opinion,
      opinion_at: opts.now,
      updated_at: opts.now,
    });
    const row = await bumpOrder(c, { updated_at: opts.now });
    await recordOrderEvent(
      c.trx,
      actor,
      c.order,
      {
        type: "opinion_submitted",
        details: { ...who(c), opinion: input.opinion },
        audit: "work_order.opinion",
      },
      opts,
    );
    return row;
  });
}

/** 答复: the lead department's consolidated reply; the appeal is `replied` and the requester told. */
export function replyOrder(
  db: Db,
  actor: UserActor,
  id: string,
  input: { result: string; expectedVersion?: number },
  opts: ActionOptions,
) {
  return run(db, actor, id, "reply", input.expectedVersion, opts, async (c) => {
    await moveAssignment(c, { status: "replied", replied_at: opts.now, updated_at: opts.now });
    const row = await bumpOrder(c, {
      status: "replied",
      result: input.result,
      replied_at: opts.now,
      replied_by: actor.userId,
      rework_reason: null,
      updated_at: opts.now,
    });
    // A request still awaiting a decision has no object once the reply is in.
    await expirePendingExtensions(c.trx, c.order.id, "工作单已答复，申请自动失效", opts.now);
    await expireSubmittedPlans(c.trx, c.order.id, "工作单已答复，方案自动失效", opts.now);
    await resolveOrdersFor(c.trx, c.order.center_id, "work_order", c.order.id, opts.now);
    const opinions = (await listAssignments(c.trx, [c.order.id]))
      .filter((a) => a.role === "co" && a.opinion)
      .map((a) => ({ departmentName: a.department_name, opinion: a.opinion }));
    const appeal = await findAppealInScope(c.trx, centerScope(actor.centerId), c.order.appeal_id);
    if (!appeal) throw notFound("诉求");
    await writeAppealStep(c.trx, actor, appeal, nextStatus(appeal.status, "reply"), opts, {
      set: { answer: input.result },
      event: {
        type: "replied",
        details: {
          workOrderId: c.order.id,
          number: c.order.number,
          ...who(c),
          result: input.result,
          opinions,
        },
      },
      sms: (centerName, r) =>
        repliedSms({
          centerName,
          trackingNo: r.tracking_no,
          department: c.departmentName,
          result: input.result,
        }),
      audit: { action: "work_order.reply", details: { workOrderId: c.order.id } },
    });
    return row;
  });
}
