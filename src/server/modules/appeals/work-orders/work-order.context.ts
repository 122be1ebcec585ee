import { WorkOrderError } from "../../../../core/work-order.js";
import type { Db } from "../../../db/database.js";
import { AppError, forbidden, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { appendAudit } from "../../audit/index.js";
import { auditActor, eventActor } from "../appeal.actors.js";
import { insertAppealEvent } from "../appeal.repository.js";
import {
  type AssignmentRow,
  findWorkOrder,
  findWorkOrderForDepartment,
  type WorkOrderRow,
} from "./work-order.repository.js";

/** Shared pieces of the work-order services: scope, error mapping, timeline + audit. */

export interface ActionOptions {
  now: Date;
  ip: string | null;
}

export const orderVersionConflict = () => new AppError("VERSION_CONFLICT", "工作单已被他人处理，请刷新");

/** Runs a pure-core check and maps its refusal to 409 ILLEGAL_TRANSITION or 403 FORBIDDEN. */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof WorkOrderError) {
      throw e.kind === "forbidden" ? forbidden(e.message) : new AppError("ILLEGAL_TRANSITION", e.message);
    }
    throw e;
  }
}

/** The department a handler acts for (the route admits the department role only). */
export function departmentOf(actor: UserActor): string {
  if (!actor.departmentId) throw forbidden("当前账号未关联部门，不能办理工作单");
  return actor.departmentId;
}

/** The caller's department's live part of the order, locked (404 outside the department's scope). */
export async function loadForDepartment(
  trx: Db,
  actor: UserActor,
  id: string,
  expectedVersion?: number,
): Promise<{ order: WorkOrderRow; assignment: AssignmentRow }> {
  const found = await findWorkOrderForDepartment(trx, actor.centerId, departmentOf(actor), id, true);
  if (!found) throw notFound("工作单");
  if (expectedVersion !== undefined && expectedVersion !== found.order.version) throw orderVersionConflict();
  return found;
}

/** An order of the caller's center, locked (center-wide roles). */
export async function loadForCenter(trx: Db, actor: UserActor, id: string): Promise<WorkOrderRow> {
  const order = await findWorkOrder(trx, actor.centerId, id, true);
  if (!order) throw notFound("工作单");
  return order;
}

/**
 * An event in the appeal's timeline about its work order, plus the audit
 * entry, in the caller's transaction (for actions that leave the appeal's
 * own state unchanged).
 */
export async function recordOrderEvent(
  trx: Db,
  actor: UserActor,
  order: WorkOrderRow,
  e: { type: string; details: Record<string, unknown>; audit: string },
  opts: ActionOptions,
): Promise<void> {
  await insertAppealEvent(trx, {
    centerId: order.center_id,
    appealId: order.appeal_id,
    at: opts.now,
    ...eventActor(actor),
    type: e.type,
    details: { workOrderId: order.id, number: order.number, ...e.details },
  });
  await appendAudit(trx, {
    centerId: order.center_id,
    ...auditActor(actor),
    action: e.audit,
    entity: "work_order",
    entityId: order.id,
    details: { number: order.number, appealId: order.appeal_id, ...e.details },
    ip: opts.ip,
    at: opts.now,
  });
}

/** A unique-index violation on `constraint` (a concurrent request won the race). */
export function isUniqueViolation(e: unknown, constraint: string): boolean {
  const x = e as { code?: string; constraint?: string; message?: string } | null;
  return x?.code === "23505" && (x.constraint === constraint || (x.message ?? "").includes(constraint));
}
