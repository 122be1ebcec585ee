import type { Extension } from "../../../../contracts/work-orders.js";
import { formatDate, formatDateZh, parseDate } from "../../../../core/calendar-date.js";
import { checkCanRequestExtension, checkUndecided, isOpenOrder } from "../../../../core/work-order.js";
import type { Deps } from "../../../deps.js";
import { AppError, invalid, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { withInputErrors } from "../../calendar/index.js";
import * as repo from "../data/extension.repository.js";
import { extendedSms } from "../messages/work-order.messages.js";
import { presentExtension } from "../queries/extension-plan.query.js";
import { deadlineUntil, localDayOf, setOrderDue } from "./deadlines.js";
import { loadForCenter, loadForDepartment } from "./order-subjects.js";
import { type CommandContext, type CommandOptions, guard, isUniqueViolation, runCommand } from "./runner.js";

/**
 * 延期 — a department asks for more time with a reason; the reviewer approves
 * or denies. On approval the order's and the appeal's deadline move to the
 * end of the requested date and the requester is told both the new limit and
 * the reason (审核: 延长办理时限的还应告知延长时限和理由).
 */

const PENDING_EXISTS = "该工作单已有待审批的延期申请，请等待审批结果";

export async function requestExtension(
  deps: Deps,
  actor: UserActor,
  workOrderId: string,
  input: { until: string; reason: string; expectedVersion?: number },
  opts: CommandOptions,
): Promise<Extension> {
  const untilDay = withInputErrors(() => parseDate(input.until, "until"));
  const created = await runCommand(deps, actor, opts, {
    load: (c) => loadForDepartment(c, workOrderId, input.expectedVersion),
    run: async (c, { order, assignment }) => {
      guard(() => checkCanRequestExtension(order.status, assignment.role, assignment.status));
      const tz = c.rules.timeZone;
      const dueDay = localDayOf(order.due_at, tz);
      if (untilDay <= dueDay) {
        throw invalid("until", `延期日期应晚于当前办理时限（${formatDateZh(dueDay)}）`);
      }
      if (untilDay <= localDayOf(c.now, tz)) throw invalid("until", "延期日期应晚于今天");
      if (await repo.findPendingExtension(c.trx, order.id)) throw new AppError("CONFLICT", PENDING_EXISTS);
      const x = await repo.insertExtension(c.trx, {
        center_id: order.center_id,
        work_order_id: order.id,
        appeal_id: order.appeal_id,
        department_id: assignment.department_id,
        requested_by: actor.userId,
        requested_by_name: actor.displayName,
        requested_until: formatDate(untilDay),
        reason: input.reason,
        old_due_at: order.due_at,
        created_at: c.now,
      });
      await c.orderEvent(order, {
        type: "extension_requested",
        details: {
          extensionId: x.id,
          until: x.requested_until,
          reason: input.reason,
          departmentId: assignment.department_id,
        },
        audit: "extension.request",
      });
      return x;
    },
  }).catch((e: unknown) => {
    if (isUniqueViolation(e, "extension_requests_one_pending_uq"))
      throw new AppError("CONFLICT", PENDING_EXISTS);
    throw e;
  });
  return presentExtension(deps.db, created.id, actor.centerId);
}

/** The pending request, locked, and its order (center-wide roles). */
async function loadPending(c: CommandContext, id: string) {
  const x = await repo.findExtension(c.trx, c.actor.centerId, id, true);
  if (!x) throw notFound("延期申请");
  guard(() => checkUndecided(x.status, "延期申请"));
  return { x, order: await loadForCenter(c, x.work_order_id) };
}

export async function approveExtension(
  deps: Deps,
  actor: UserActor,
  id: string,
  input: { note?: string },
  opts: CommandOptions,
): Promise<Extension> {
  await runCommand(deps, actor, opts, {
    load: (c) => loadPending(c, id),
    run: async (c, { x, order }) => {
      let due: ReturnType<typeof deadlineUntil>;
      try {
        due = deadlineUntil(c.rules, c.now, x.requested_until, "until");
      } catch (e) {
        if (e instanceof AppError && e.code === "VALIDATION_FAILED") {
          throw new AppError("ILLEGAL_TRANSITION", "申请的延期日期已过，请驳回后由部门重新申请");
        }
        throw e;
      }
      if (!isOpenOrder(order.status))
        throw new AppError("ILLEGAL_TRANSITION", "工作单已不在办理中，不能延期");
      if (due.dueAt.getTime() <= order.due_at.getTime()) {
        throw new AppError("ILLEGAL_TRANSITION", "申请的延期日期已不晚于当前办理时限，请驳回");
      }
      const explanation = `已批准延期至 ${due.dueDate}，理由：${x.reason}。${due.explanation}`;
      await repo.decideExtension(c.trx, x.id, {
        status: "approved",
        decided_by: actor.userId,
        decided_by_name: actor.displayName,
        decided_at: c.now,
        decision_note: input.note ?? null,
        new_due_at: due.dueAt,
      });
      await setOrderDue(c, order, due, explanation, c.now);
      const appeal = await c.appealOf(order);
      const tz = c.center.timezone;
      await c.step(appeal, appeal.status, {
        set: { due_at: due.dueAt, due_provisional: due.provisional, due_explanation: explanation },
        event: {
          type: "extension_approved",
          details: {
            extensionId: x.id,
            workOrderId: order.id,
            number: order.number,
            until: x.requested_until,
            reason: x.reason,
            note: input.note ?? null,
            oldDueAt: order.due_at.toISOString(),
            newDueAt: due.dueAt.toISOString(),
          },
        },
        sms: (centerName, r) =>
          extendedSms({
            centerName,
            trackingNo: r.tracking_no,
            timeZone: tz,
            dueAt: due.dueAt,
            reason: x.reason,
          }),
        audit: {
          action: "extension.approve",
          details: { extensionId: x.id, newDueAt: due.dueAt.toISOString() },
        },
      });
    },
  });
  return presentExtension(deps.db, id, actor.centerId);
}

/** Denied: the department learns it from the order's timeline. */
export async function denyExtension(
  deps: Deps,
  actor: UserActor,
  id: string,
  input: { note: string },
  opts: CommandOptions,
): Promise<Extension> {
  await runCommand(deps, actor, opts, {
    load: (c) => loadPending(c, id),
    run: async (c, { x, order }) => {
      await repo.decideExtension(c.trx, x.id, {
        status: "denied",
        decided_by: actor.userId,
        decided_by_name: actor.displayName,
        decided_at: c.now,
        decision_note: input.note,
      });
      await c.orderEvent(order, {
        type: "extension_denied",
        details: {
          extensionId: x.id,
          until: x.requested_until,
          note: input.note,
          departmentId: x.department_id,
        },
        audit: "extension.deny",
      });
    },
  });
  return presentExtension(deps.db, id, actor.centerId);
}
