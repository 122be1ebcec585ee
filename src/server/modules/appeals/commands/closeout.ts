import { orderTransition } from "../../../../core/work-order.js";
import type { Deps } from "../../../deps.js";
import { AppError } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import type { AppealRow } from "../data/appeal.repository.js";
import {
  findActiveWorkOrder,
  findLeadAssignment,
  updateAssignment,
  updateWorkOrderIfVersion,
  type WorkOrderRow,
} from "../data/work-order.repository.js";
import { closedSms } from "../messages/work-order.messages.js";
import {
  type CommandContext,
  type CommandOptions,
  guard,
  orderVersionConflict,
  runAppealCommand,
  type Step,
} from "./runner.js";
import { orderItem, reviewItem } from "./tracking.js";

/**
 * 销号 — the reviewer verifies the department's reply and closes the appeal,
 * or sends it back for rework with a reason; a closed (or answered) appeal
 * can be reopened with a reason (所有事项都应跟踪到底，销号清零).
 */

async function liveOrder(c: CommandContext, appeal: AppealRow): Promise<WorkOrderRow> {
  const order = await findActiveWorkOrder(c.trx, appeal.id);
  if (!order) throw new AppError("ILLEGAL_TRANSITION", "该诉求没有待核实的工作单");
  return order;
}

/** A close-out command on one appeal, as the routes call it, run through the appeal runner. */
function closeoutCommand<I extends { expectedVersion?: number }>(
  action: "close" | "rework" | "reopen",
  plan: (c: CommandContext, appeal: AppealRow, input: I) => Promise<Step>,
) {
  return (deps: Deps, actor: UserActor, id: string, input: I, opts: CommandOptions) =>
    runAppealCommand(deps, actor, id, action, input.expectedVersion, opts, (c, appeal) =>
      plan(c, appeal, input),
    );
}

/** The reviewer's decision on the live order (close or rework), version-checked. */
async function decideOrder(
  c: CommandContext,
  order: WorkOrderRow,
  action: "close" | "rework",
  set: Omit<Parameters<typeof updateWorkOrderIfVersion>[3], "status" | "updated_at">,
): Promise<WorkOrderRow> {
  const status = guard(() => orderTransition(order.status, action));
  const updated = await updateWorkOrderIfVersion(c.trx, order.id, order.version, {
    status,
    ...set,
    updated_at: c.now,
  });
  if (!updated) throw orderVersionConflict();
  return updated;
}

/** 销号: replied → closed (the order too); a transferred appeal is closed once taken over. */
export const closeAppeal = closeoutCommand<{ note?: string; expectedVersion?: number }>(
  "close",
  async (c, appeal, input) => {
    const note = input.note ?? null;
    let order: WorkOrderRow | undefined;
    if (appeal.status === "replied") {
      order = await liveOrder(c, appeal);
      await decideOrder(c, order, "close", { closed_at: c.now, close_note: note });
    }
    const result = order?.result ?? null;
    return {
      set: { closed_at: c.now },
      event: {
        type: "closed",
        details: { note, workOrderId: order?.id ?? null, number: order?.number ?? null },
      },
      // A transferred appeal's requester was told where it went; a handled one is told the result.
      sms: order
        ? (centerName: string, r: AppealRow) =>
            closedSms({ centerName, trackingNo: r.tracking_no, result, note })
        : undefined,
      audit: { action: "appeal.close", details: { workOrderId: order?.id ?? null, note } },
    };
  },
);

/** 退回重办: the reply does not hold up; the lead department works on it again, under the same limit. */
export const reworkAppeal = closeoutCommand<{ reason: string; expectedVersion?: number }>(
  "rework",
  async (c, appeal, input) => {
    const order = await liveOrder(c, appeal);
    const updated = await decideOrder(c, order, "rework", { rework_reason: input.reason });
    const lead = await findLeadAssignment(c.trx, order.id);
    if (
      !lead ||
      !(await updateAssignment(c.trx, lead.id, "replied", { status: "signed", updated_at: c.now }))
    ) {
      throw orderVersionConflict();
    }
    // The order is open again: its limit is tracked again (a limit already passed stays overdue).
    await c.track(await orderItem(c.trx, updated, appeal.tracking_no));
    return {
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
    };
  },
);

/** 重新办理: closed or answered → back to review, with the reason logged. */
export const reopenAppeal = closeoutCommand<{ reason: string; expectedVersion?: number }>(
  "reopen",
  async (c, row, input) => {
    await c.track(reviewItem(row, c.rules, c.now));
    return {
      set: { closed_at: null, due_at: null, due_provisional: false, due_explanation: null },
      event: { type: "reopened", details: { reason: input.reason, previousStatus: row.status } },
      audit: { action: "appeal.reopen", details: { reason: input.reason } },
    };
  },
);
