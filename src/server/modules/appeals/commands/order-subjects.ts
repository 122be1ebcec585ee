import { forbidden, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import {
  type AssignmentRow,
  findWorkOrder,
  findWorkOrderForDepartment,
  type WorkOrderRow,
} from "../data/work-order.repository.js";
import { type CommandContext, orderVersionConflict } from "./runner.js";

/** Subjects of work-order commands: a department's part of an order, or an order of the center. */

/** The department a handler acts for (the route admits the department role only). */
export function departmentOf(actor: UserActor): string {
  if (!actor.departmentId) throw forbidden("当前账号未关联部门，不能办理工作单");
  return actor.departmentId;
}

/** The caller's department's live part of the order, locked (404 outside the department's scope). */
export async function loadForDepartment(
  c: CommandContext,
  id: string,
  expectedVersion?: number,
): Promise<{ order: WorkOrderRow; assignment: AssignmentRow }> {
  const found = await findWorkOrderForDepartment(c.trx, c.actor.centerId, departmentOf(c.actor), id, true);
  if (!found) throw notFound("工作单");
  if (expectedVersion !== undefined && expectedVersion !== found.order.version) throw orderVersionConflict();
  return found;
}

/** An order of the caller's center, locked (center-wide roles). */
export async function loadForCenter(c: CommandContext, id: string): Promise<WorkOrderRow> {
  const order = await findWorkOrder(c.trx, c.actor.centerId, id, true);
  if (!order) throw notFound("工作单");
  return order;
}
