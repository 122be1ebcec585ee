import type { Appeal } from "../../../../contracts/appeals.js";
import { orderTransition } from "../../../../core/work-order.js";
import type { Db } from "../../../db/database.js";
import { AppError, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { toAppealDto } from "../appeal.presenter.js";
import { type AppealRow, findAppealInScope } from "../appeal.repository.js";
import { centerScope } from "../appeal.scope.js";
import {
  applyAppealAction,
  nextStatus,
  type Step,
  versionConflict,
  writeAppealStep,
} from "../appeal-actions.service.js";
import { type ActionOptions, guard, orderVersionConflict } from "./work-order.context.js";
import { closedSms } from "./work-order.messages.js";
import {
  findActiveWorkOrder,
  findLeadAssignment,
  updateAssignment,
  updateWorkOrderIfVersion,
  type WorkOrderRow,
} from "./work-order.repository.js";

/**
 * 销号 — the reviewer verifies the department's reply and closes the appeal,
 * or sends it back for rework with a reason; a closed (or answered) appeal
 * can be reopened with a reason (所有事项都应跟踪到底，销号清零).
 */

async function inTransaction(
  db: Db,
  actor: UserActor,
  id: string,
  expectedVersion: number | undefined,
  opts: ActionOptions,
  body: (trx: Db, appeal: AppealRow) => Promise<{ next: AppealRow["status"]; step: Step }>,
): Promise<Appeal> {
  return db.transaction().execute(async (trx) => {
    const appeal = await findAppealInScope(trx, centerScope(actor.centerId), id);
    if (!appeal) throw notFound("诉求");
    if (expectedVersion !== undefined && expectedVersion !== appeal.version) throw versionConflict();
    const { next, step } = await body(trx, appeal);
    const { updated, timeZone } = await writeAppealStep(trx, actor, appeal, next, opts, step);
    return toAppealDto(updated, timeZone, opts.now);
  });
}

async function liveOrder(trx: Db, appeal: AppealRow): Promise<WorkOrderRow> {
  const order = await findActiveWorkOrder(trx, appeal.id);
  if (!order) throw new AppError("ILLEGAL_TRANSITION", "该诉求没有待核实的工作单");
  return order;
}

/** 销号: replied → closed (the order too); a transferred appeal is closed once taken over. */
export function closeAppeal(
  db: Db,
  actor: UserActor,
  id: string,
  input: { note?: string; expectedVersion?: number },
  opts: ActionOptions,
) {
  return inTransaction(db, actor, id, input.expectedVersion, opts, async (trx, appeal) => {
    const next = nextStatus(appeal.status, "close");
    const note = input.note ?? null;
    let order: WorkOrderRow | undefined;
    if (appeal.status === "replied") {
      order = await liveOrder(trx, appeal);
      const status = guard(() => orderTransition(order!.status, "close"));
      const ok = await updateWorkOrderIfVersion(trx, order.id, order.version, {
        status,
        closed_at: opts.now,
        close_note: note,
        updated_at: opts.now,
      });
      if (!ok) throw orderVersionConflict();
    }
    const result = order?.result ?? null;
    return {
      next,
      step: {
        set: { closed_at: opts.now },
        event: {
          type: "closed",
          details: { note, workOrderId: order?.id ?? null, number: order?.number ?? null },
        },
        // A transferred appeal's requester was told where it went; a handled one is told the result.
        sms: order
          ? (centerName, r) => closedSms({ centerName, trackingNo: r.tracking_no, result, note })
          : undefined,
        audit: { action: "appeal.close", details: { workOrderId: order?.id ?? null, note } },
      },
    };
  });
}

/** 退回重办: the reply does not hold up; the lead department works on it again. */
export function reworkAppeal(
  db: Db,
  actor: UserActor,
  id: string,
  input: { reason: string; expectedVersion?: number },
  opts: ActionOptions,
) {
  return inTransaction(db, actor, id, input.expectedVersion, opts, async (trx, appeal) => {
    const next = nextStatus(appeal.status, "rework");
    const order = await liveOrder(trx, appeal);
    const status = guard(() => orderTransition(order.status, "rework"));
    const ok = await updateWorkOrderIfVersion(trx, order.id, order.version, {
      status,
      rework_reason: input.reason,
      updated_at: opts.now,
    });
    if (!ok) throw orderVersionConflict();
    const lead = await findLeadAssignment(trx, order.id);
    if (
      !lead ||
      !(await updateAssignment(trx, lead.id, "replied", { status: "signed", updated_at: opts.now }))
    ) {
      throw orderVersionConflict();
    }
    return {
      next,
      step: {
        set: { answer: null },
        event: {
          type: "reworked",
          details: {
            workOrderId: order.id,
            number: order.number,
            reason: input.reason,
            previousResult: order.result,
          },
        },
        audit: { action: "appeal.rework", details: { workOrderId: order.id, reason: input.reason } },
      },
    };
  });
}

/** 重新办理: closed or answered → back to review, with the reason logged. */
export function reopenAppeal(
  db: Db,
  actor: UserActor,
  id: string,
  input: { reason: string; expectedVersion?: number },
  opts: ActionOptions,
) {
  return applyAppealAction(db, actor, id, "reopen", input.expectedVersion, opts, (row) => ({
    set: { closed_at: null, due_at: null, due_provisional: false, due_explanation: null },
    event: { type: "reopened", details: { reason: input.reason, previousStatus: row.status } },
    audit: { action: "appeal.reopen", details: { reason: input.reason } },
  }));
}
