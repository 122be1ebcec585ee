import type { Extension } from "../../../../contracts/work-orders.js";
import { formatDate, formatDateZh, parseDate } from "../../../../core/calendar-date.js";
import { checkCanRequestExtension, checkUndecided, isOpenOrder } from "../../../../core/work-order.js";
import type { Db } from "../../../db/database.js";
import { AppError, forbidden, invalid, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { withInputErrors } from "../../calendar/index.js";
import { findAppealInScope, findCenterInfo } from "../appeal.repository.js";
import { centerScope } from "../appeal.scope.js";
import { writeAppealStep } from "../appeal-actions.service.js";
import {
  type ActionOptions,
  guard,
  isUniqueViolation,
  loadForCenter,
  loadForDepartment,
  recordOrderEvent,
} from "../work-orders/work-order.context.js";
import { deadlineUntil, localDayOf, setOrderDue } from "../work-orders/work-order.deadlines.js";
import { extendedSms } from "../work-orders/work-order.messages.js";
import { CENTER_READERS, centerTimeZone } from "../work-orders/work-order-query.service.js";
import * as repo from "./extension.repository.js";

/**
 * 延期 — a department asks for more time with a reason; the reviewer approves
 * or denies. On approval the order's and the appeal's deadline move to the
 * end of the requested date and the requester is told both the new limit and
 * the reason (审核: 延长办理时限的还应告知延长时限和理由).
 */

async function present(db: Db, id: string, centerId: string): Promise<Extension> {
  const { timezone } = await centerTimeZone(db, centerId);
  return repo.toExtensionDto(await repo.getExtensionView(db, id), timezone);
}

export async function requestExtension(
  db: Db,
  actor: UserActor,
  workOrderId: string,
  input: { until: string; reason: string; expectedVersion?: number },
  opts: ActionOptions,
): Promise<Extension> {
  const { timezone: tz } = await centerTimeZone(db, actor.centerId);
  const untilDay = withInputErrors(() => parseDate(input.until, "until"));
  const created = await db
    .transaction()
    .execute(async (trx) => {
      const { order, assignment } = await loadForDepartment(trx, actor, workOrderId, input.expectedVersion);
      guard(() => checkCanRequestExtension(order.status, assignment.status));
      const dueDay = localDayOf(order.due_at, tz);
      if (untilDay <= dueDay) {
        throw invalid("until", `延期日期应晚于当前办理时限（${formatDateZh(dueDay)}）`);
      }
      if (untilDay <= localDayOf(opts.now, tz)) throw invalid("until", "延期日期应晚于今天");
      if (await repo.findPendingExtension(trx, order.id)) {
        throw new AppError("CONFLICT", "该工作单已有待审批的延期申请，请等待审批结果");
      }
      const x = await repo.insertExtension(trx, {
        center_id: order.center_id,
        work_order_id: order.id,
        appeal_id: order.appeal_id,
        department_id: assignment.department_id,
        requested_by: actor.userId,
        requested_by_name: actor.displayName,
        requested_until: formatDate(untilDay),
        reason: input.reason,
        old_due_at: order.due_at,
        created_at: opts.now,
      });
      await recordOrderEvent(
        trx,
        actor,
        order,
        {
          type: "extension_requested",
          details: {
            extensionId: x.id,
            until: x.requested_until,
            reason: input.reason,
            departmentId: assignment.department_id,
          },
          audit: "extension.request",
        },
        opts,
      );
      return x;
    })
    .catch((e: unknown) => {
      if (isUniqueViolation(e, "extension_requests_one_pending_uq")) {
        throw new AppError("CONFLICT", "该工作单已有待审批的延期申请，请等待审批结果");
      }
      throw e;
    });
  return present(db, created.id, actor.centerId);
}

export async function approveExtension(
  db: Db,
  actor: UserActor,
  id: string,
  input: { note?: string },
  opts: ActionOptions,
): Promise<Extension> {
  const pre = await repo.findExtension(db, actor.centerId, id);
  if (!pre) throw notFound("延期申请");
  guard(() => checkUndecided(pre.status, "延期申请"));
  const due = await deadlineUntil(db, actor.centerId, opts.now, pre.requested_until, "until").catch(
    (e: unknown) => {
      if (e instanceof AppError && e.code === "VALIDATION_FAILED") {
        throw new AppError("ILLEGAL_TRANSITION", "申请的延期日期已过，请驳回后由部门重新申请");
      }
      throw e;
    },
  );
  await db.transaction().execute(async (trx) => {
    const x = await repo.findExtension(trx, actor.centerId, id, true);
    if (!x) throw notFound("延期申请");
    guard(() => checkUndecided(x.status, "延期申请"));
    const order = await loadForCenter(trx, actor, x.work_order_id);
    if (!isOpenOrder(order.status)) throw new AppError("ILLEGAL_TRANSITION", "工作单已不在办理中，不能延期");
    if (due.dueAt.getTime() <= order.due_at.getTime()) {
      throw new AppError("ILLEGAL_TRANSITION", "申请的延期日期已不晚于当前办理时限，请驳回");
    }
    const explanation = `已批准延期至 ${due.dueDate}，理由：${x.reason}。${due.explanation}`;
    await repo.decideExtension(trx, x.id, {
      status: "approved",
      decided_by: actor.userId,
      decided_by_name: actor.displayName,
      decided_at: opts.now,
      decision_note: input.note ?? null,
      new_due_at: due.dueAt,
    });
    await setOrderDue(trx, order, due, explanation, opts.now, opts.now);
    const appeal = await findAppealInScope(trx, centerScope(actor.centerId), order.appeal_id);
    if (!appeal) throw notFound("诉求");
    const center = await findCenterInfo(trx, actor.centerId);
    const tz = center?.timezone ?? "Asia/Shanghai";
    await writeAppealStep(trx, actor, appeal, appeal.status, opts, {
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
  });
  return present(db, id, actor.centerId);
}

/** Denied: the department learns it from the order's timeline (staff messages are issue 5). */
export async function denyExtension(
  db: Db,
  actor: UserActor,
  id: string,
  input: { note: string },
  opts: ActionOptions,
): Promise<Extension> {
  await db.transaction().execute(async (trx) => {
    const x = await repo.findExtension(trx, actor.centerId, id, true);
    if (!x) throw notFound("延期申请");
    guard(() => checkUndecided(x.status, "延期申请"));
    const order = await loadForCenter(trx, actor, x.work_order_id);
    await repo.decideExtension(trx, x.id, {
      status: "denied",
      decided_by: actor.userId,
      decided_by_name: actor.displayName,
      decided_at: opts.now,
      decision_note: input.note,
    });
    await recordOrderEvent(
      trx,
      actor,
      order,
      {
        type: "extension_denied",
        details: {
          extensionId: x.id,
          until: x.requested_until,
          note: input.note,
          departmentId: x.department_id,
        },
        audit: "extension.deny",
      },
      opts,
    );
  });
  return present(db, id, actor.centerId);
}

/** The reviewer's queue (whole center) or a department's own requests. */
export async function listExtensions(
  db: Db,
  actor: UserActor,
  q: { status?: "pending" | "approved" | "denied"; limit: number },
): Promise<Extension[]> {
  const centerWide = actor.roles.some((r) => CENTER_READERS.includes(r));
  if (!centerWide && !actor.departmentId) throw forbidden("当前账号未关联部门");
  const rows = await repo.listExtensions(db, {
    centerId: actor.centerId,
    status: q.status,
    departmentId: centerWide ? undefined : (actor.departmentId ?? undefined),
    limit: q.limit,
  });
  const { timezone } = await centerTimeZone(db, actor.centerId);
  return rows.map((r) => repo.toExtensionDto(r, timezone));
}
