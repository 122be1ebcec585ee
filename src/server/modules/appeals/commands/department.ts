import type { DeploymentInput, WorkOrder } from "../../../../contracts/work-orders.js";
import { type DepartmentAction, departmentTransition } from "../../../../core/work-order.js";
import type { Deps } from "../../../deps.js";
import { AppError, forbidden, invalid } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { findDepartmentsInCenter } from "../../departments/index.js";
import { expirePendingExtensions } from "../data/extension.repository.js";
import { expireSubmittedPlans, listOpenMilestoneIds } from "../data/plan.repository.js";
import {
  type AssignmentRow,
  listAssignments,
  updateAssignment,
  updateWorkOrderIfVersion,
  type WorkOrderRow,
} from "../data/work-order.repository.js";
import { repliedSms } from "../messages/work-order.messages.js";
import { presentOrder } from "../queries/work-order.query.js";
import { loadForDepartment } from "./order-subjects.js";
import {
  type CommandContext,
  type CommandOptions,
  guard,
  nextStatus,
  orderVersionConflict,
  runCommand,
} from "./runner.js";
import { closeoutItem, orderItem, reviewItem } from "./tracking.js";

/**
 * 办理 — what a resident department does with its 工作单: sign for it (签收),
 * hand a misrouted one back with a reason (退单), give its opinion to the lead
 * department (co-departments), and reply (the lead department only). Each
 * action locks the order, checks the department's scope (404), the order's
 * version (409) and the pure state machine (409 / 403), and writes the order,
 * the assignment, the appeal timeline and the audit log in one transaction.
 */

interface Part {
  order: WorkOrderRow;
  assignment: AssignmentRow;
  next: { order: WorkOrderRow["status"]; assignment: AssignmentRow["status"] };
  departmentName: string;
}

/**
 * A department's action on its part of an order, as the command the routes call: the order and
 * the caller's assignment loaded in scope (404), the version (409) and the state machine
 * (409 / 403) checked, then `run`, then the order presented.
 */
function departmentCommand<I extends { expectedVersion?: number }>(
  action: DepartmentAction,
  run: (c: CommandContext, p: Part, input: I) => Promise<WorkOrderRow>,
) {
  return (deps: Deps, actor: UserActor, id: string, input: I, opts: CommandOptions): Promise<WorkOrder> =>
    runCommand(deps, actor, opts, {
      load: async (c) => {
        const { order, assignment } = await loadForDepartment(c, id, input.expectedVersion);
        const next = guard(() =>
          departmentTransition(order.status, assignment.role, assignment.status, action),
        );
        const [dept] = await findDepartmentsInCenter(c.trx, actor.centerId, [assignment.department_id]);
        return { order, assignment, next, departmentName: dept?.name ?? "" };
      },
      run: (c, p) => run(c, p, input),
    }).then((row) => presentOrder(deps, actor, row, opts.now));
}

async function bumpOrder(
  c: CommandContext,
  p: Part,
  set: Parameters<typeof updateWorkOrderIfVersion>[3],
): Promise<WorkOrderRow> {
  const row = await updateWorkOrderIfVersion(c.trx, p.order.id, p.order.version, set);
  if (!row) throw orderVersionConflict();
  return row;
}

async function moveAssignment(c: CommandContext, p: Part, set: Parameters<typeof updateAssignment>[3]) {
  if (!(await updateAssignment(c.trx, p.assignment.id, p.assignment.status, set)))
    throw orderVersionConflict();
}

/**
 * A change to one department's part only (a co-department's opinion or 退单): its assignment
 * moves, the order's version is bumped and the event recorded.
 */
async function partStep(
  c: CommandContext,
  p: Part,
  set: Parameters<typeof updateAssignment>[3],
  event: Parameters<CommandContext["orderEvent"]>[1],
): Promise<WorkOrderRow> {
  await moveAssignment(c, p, set);
  const row = await bumpOrder(c, p, { updated_at: c.now });
  await c.orderEvent(p.order, event);
  return row;
}

/** The order leaves the department (退单 or 答复): requests awaiting a decision lapse, its limits stop. */
async function endHandling(c: CommandContext, order: WorkOrderRow, done: "退单" | "答复"): Promise<void> {
  await expirePendingExtensions(c.trx, order.id, `工作单已${done}，申请自动失效`, c.now);
  await expireSubmittedPlans(c.trx, order.id, `工作单已${done}，方案自动失效`, c.now);
  await endOrderTracking(c, order);
}

const who = (p: Part) => ({
  departmentId: p.assignment.department_id,
  departmentName: p.departmentName,
  role: p.assignment.role,
});

/** The order's limit (and its plan's milestones) are met or no longer owed. */
export async function endOrderTracking(c: CommandContext, order: WorkOrderRow): Promise<void> {
  await c.untrack("work_order", order.id, order.center_id);
  await c.untrack("deployment", order.id, order.center_id);
  for (const id of await listOpenMilestoneIds(c.trx, order.id))
    await c.untrack("milestone", id, order.center_id);
}

/**
 * Records the 研究部署 of a simple order (who handles it and how): the lead department only, while
 * the order is in handling; meets the order's same-day limit.
 */
async function recordDeployment(c: CommandContext, p: Part, d: DeploymentInput, row: WorkOrderRow) {
  if (p.assignment.role !== "lead") throw forbidden("研究部署由牵头部门记录");
  if (p.order.complexity !== "simple") throw invalid("deployment", "只有简单事项需要当天研究部署");
  const updated = await bumpOrder(
    c,
    { ...p, order: row },
    {
      deployment_handler: d.handler,
      deployment_measures: d.measures,
      deployed_at: c.now,
      deployed_by: c.actor.userId,
      updated_at: c.now,
    },
  );
  await c.untrack("deployment", p.order.id, p.order.center_id);
  await c.orderEvent(p.order, {
    type: "deployed",
    details: { ...who(p), handler: d.handler, measures: d.measures },
    audit: "work_order.deploy",
  });
  return updated;
}

/**
 * 签收: the order becomes `signed` when the lead department signs; for a simple matter the lead
 * may record its 研究部署 with the signature.
 */
export const signOrder = departmentCommand<{ deployment?: DeploymentInput; expectedVersion?: number }>(
  "sign",
  async (c, p, input) => {
    await moveAssignment(c, p, {
      status: p.next.assignment,
      signed_at: c.now,
      signed_by: c.actor.userId,
      signed_by_name: c.actor.displayName,
      updated_at: c.now,
    });
    const row = await bumpOrder(c, p, {
      status: p.next.order,
      ...(p.assignment.role === "lead" ? { signed_at: c.now } : {}),
      updated_at: c.now,
    });
    await c.orderEvent(p.order, { type: "signed", details: who(p), audit: "work_order.sign" });
    return input.deployment ? recordDeployment(c, p, input.deployment, row) : row;
  },
);

/** 研究部署 after signing (a simple matter's same-day decision on who handles it and how). */
export function deployOrder(
  deps: Deps,
  actor: UserActor,
  id: string,
  input: DeploymentInput & { expectedVersion?: number },
  opts: CommandOptions,
) {
  return runCommand(deps, actor, opts, {
    load: async (c) => {
      const { order, assignment } = await loadForDepartment(c, id, input.expectedVersion);
      if (order.status !== "pending" && order.status !== "signed") {
        throw new AppError("ILLEGAL_TRANSITION", "工作单已不在办理中，不能记录研究部署");
      }
      if (order.deployed_at) throw new AppError("ILLEGAL_TRANSITION", "该工作单已记录研究部署");
      const [dept] = await findDepartmentsInCenter(c.trx, actor.centerId, [assignment.department_id]);
      const part: Part = {
        order,
        assignment,
        next: { order: order.status, assignment: assignment.status },
        departmentName: dept?.name ?? "",
      };
      return part;
    },
    run: (c, p) => recordDeployment(c, p, { handler: input.handler, measures: input.measures }, p.order),
  }).then((row) => presentOrder(deps, actor, row, opts.now));
}

/**
 * 退单. The lead returns the whole order: it is `returned`, the appeal goes
 * back to the reviewer's queue (`received`, its handling limit cleared) to be
 * dispatched again. A co-department only takes itself off the order.
 */
export const returnOrder = departmentCommand<{ reason: string; expectedVersion?: number }>(
  "return",
  async (c, p, input) => {
    const set = {
      status: "returned" as const,
      returned_reason: input.reason,
      returned_at: c.now,
      updated_at: c.now,
    };
    if (p.assignment.role === "co") {
      const row = await partStep(c, p, set, {
        type: "co_returned",
        details: { ...who(p), reason: input.reason },
        audit: "work_order.co_return",
      });
      // The department is off the order: its reminders stop going there.
      await c.track(await orderItem(c.trx, row));
      return row;
    }
    await moveAssignment(c, p, set);
    const row = await bumpOrder(c, p, set);
    await endHandling(c, p.order, "退单");
    const appeal = await c.appealOf(p.order);
    // Back in the center's queue: re-dispatch is a limit of its own (退单后重新分办).
    await c.track(reviewItem(appeal, c.rules, c.now));
    await c.step(appeal, nextStatus(appeal.status, "return"), {
      set: { due_at: null, due_provisional: false, due_explanation: null },
      event: {
        type: "returned",
        details: { workOrderId: p.order.id, number: p.order.number, ...who(p), reason: input.reason },
      },
      audit: { action: "work_order.return", details: { workOrderId: p.order.id, reason: input.reason } },
    });
    return row;
  },
);

/** 协办意见: a co-department's opinion for the lead department (may be revised until the reply). */
export const submitOpinion = departmentCommand<{ opinion: string; expectedVersion?: number }>(
  "opinion",
  async (c, p, input) => {
    return partStep(
      c,
      p,
      { status: p.next.assignment, opinion: input.opinion, opinion_at: c.now, updated_at: c.now },
      {
        type: "opinion_submitted",
        details: { ...who(p), opinion: input.opinion },
        audit: "work_order.opinion",
      },
    );
  },
);

/** 答复: the lead department's consolidated reply; the appeal is `replied` and the requester told. */
export const replyOrder = departmentCommand<{ result: string; expectedVersion?: number }>(
  "reply",
  async (c, p, input) => {
    await moveAssignment(c, p, { status: "replied", replied_at: c.now, updated_at: c.now });
    const row = await bumpOrder(c, p, {
      status: "replied",
      result: input.result,
      replied_at: c.now,
      replied_by: c.actor.userId,
      rework_reason: null,
      updated_at: c.now,
    });
    // A request still awaiting a decision has no object once the reply is in.
    await endHandling(c, p.order, "答复");
    const opinions = (await listAssignments(c.trx, [p.order.id]))
      .filter((a) => a.role === "co" && a.opinion)
      .map((a) => ({ departmentName: a.department_name, opinion: a.opinion }));
    const appeal = await c.appealOf(p.order);
    // The reply waits for the center's verification and 销号.
    await c.track(closeoutItem(appeal, c.rules, c.now));
    await c.step(appeal, nextStatus(appeal.status, "reply"), {
      set: { answer: input.result },
      event: {
        type: "replied",
        details: {
          workOrderId: p.order.id,
          number: p.order.number,
          ...who(p),
          result: input.result,
          opinions,
        },
      },
      sms: (centerName, r) =>
        repliedSms({
          centerName,
          trackingNo: r.tracking_no,
          department: p.departmentName,
          result: input.result,
        }),
      audit: { action: "work_order.reply", details: { workOrderId: p.order.id } },
    });
    return row;
  },
);
