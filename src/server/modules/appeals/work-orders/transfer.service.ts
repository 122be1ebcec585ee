import { randomInt } from "node:crypto";
import type { Appeal } from "../../../../contracts/appeals.js";
import type { TransferInput } from "../../../../contracts/work-orders.js";
import { toOffsetIso } from "../../../../core/calendar-date.js";
import { formatTrackingNo, makeQueryCode, trackingDay } from "../../../../core/tracking.js";
import { orderTransition } from "../../../../core/work-order.js";
import type { Db } from "../../../db/database.js";
import { AppError, invalid, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { appendAudit } from "../../audit/index.js";
import { enqueueNotification } from "../../notifications/index.js";
import { armDeadline } from "../../supervision/index.js";
import { eventActor } from "../appeal.actors.js";
import { firstResponseDeadline } from "../appeal.deadlines.js";
import { receivedSms } from "../appeal.messages.js";
import { toAppealDto, toReceipt } from "../appeal.presenter.js";
import {
  type AppealRow,
  type CenterInfo,
  findAppealInScope,
  findCenterInfo,
  insertAppeal,
  insertAppealEvent,
  nextTrackingSeq,
} from "../appeal.repository.js";
import { centerScope } from "../appeal.scope.js";
import { nextStatus, versionConflict, writeAppealStep } from "../appeal-actions.service.js";
import { expirePendingExtensions } from "../extensions/extension.repository.js";
import { expireSubmittedPlans } from "../plans/plan.repository.js";
import { insertTransfer } from "./transfer.repository.js";
import { type ActionOptions, guard, orderVersionConflict, recordOrderEvent } from "./work-order.context.js";
import { letterTransferredSms, transferredSms } from "./work-order.messages.js";
import { findActiveWorkOrder, updateWorkOrderIfVersion } from "./work-order.repository.js";

/**
 * 转办: a matter outside government services goes to the competent unit and
 * the requester is told (审核); a matter of another level goes by letter to
 * that level's center (分办转办: 函转至相关政务服务中心), which receives it as a
 * new appeal in its own queue; a suspected violation by the requester is
 * referred to the authority (移交). A live 工作单 is withdrawn.
 */

async function withdrawLiveOrder(
  trx: Db,
  actor: UserActor,
  appeal: AppealRow,
  why: string,
  opts: ActionOptions,
) {
  const order = await findActiveWorkOrder(trx, appeal.id);
  if (!order) return;
  const status = guard(() => orderTransition(order.status, "withdraw"));
  const ok = await updateWorkOrderIfVersion(trx, order.id, order.version, {
    status,
    closed_at: opts.now,
    close_note: why,
    updated_at: opts.now,
  });
  if (!ok) throw orderVersionConflict();
  await expirePendingExtensions(trx, order.id, why, opts.now);
  await expireSubmittedPlans(trx, order.id, why, opts.now);
  await recordOrderEvent(
    trx,
    actor,
    order,
    { type: "work_order_withdrawn", details: { reason: why }, audit: "work_order.withdraw" },
    opts,
  );
}

/** The appeal as the other center receives it: channel letter, source transfer, content carried over. */
async function receiveByLetter(
  trx: Db,
  actor: UserActor,
  from: { appeal: AppealRow; center: CenterInfo },
  target: CenterInfo,
  respondBy: Awaited<ReturnType<typeof firstResponseDeadline>>,
  opts: ActionOptions,
): Promise<AppealRow> {
  const a = from.appeal;
  const day = trackingDay(opts.now, target.timezone);
  const seq = await nextTrackingSeq(trx, target.id, `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`);
  const row = await insertAppeal(trx, {
    center_id: target.id,
    tracking_no: formatTrackingNo(target.code, day, seq),
    query_code: makeQueryCode(randomInt),
    channel: "letter",
    type: a.type,
    category_code: a.category_code,
    status: "received",
    requester_kind: a.requester_kind,
    requester_name: a.requester_name,
    org_name: a.org_name,
    contact_person: a.contact_person,
    phone: a.phone,
    phone_digits: a.phone_digits,
    address: a.address,
    content: a.content,
    received_at: opts.now,
    recorded_at: opts.now,
    source: "transfer",
    respond_by: respondBy.dueAt,
    respond_by_provisional: respondBy.provisional,
    respond_by_explanation: respondBy.explanation,
    search_tokens: a.search_tokens,
    created_at: opts.now,
    updated_at: opts.now,
  });
  if (!row) throw new AppError("CONFLICT", "函转失败，请重试");
  await armDeadline(trx, {
    centerId: row.center_id,
    targetKind: "first_response",
    targetId: row.id,
    appealId: row.id,
    startAt: row.received_at,
    dueAt: respondBy.dueAt,
    now: opts.now,
  });
  const transferredFrom = {
    centerId: from.center.id,
    centerName: from.center.name,
    appealId: a.id,
    trackingNo: a.tracking_no,
  };
  await insertAppealEvent(trx, {
    centerId: target.id,
    appealId: row.id,
    at: opts.now,
    ...eventActor(actor),
    actorName: `${actor.displayName}（${from.center.name}）`,
    type: "transfer_received",
    details: {
      trackingNo: row.tracking_no,
      channel: "letter",
      transferredFrom,
      respondBy: toOffsetIso(respondBy.dueAt, target.timezone),
    },
  });
  const receipt = toReceipt(row, target.timezone);
  await enqueueNotification(trx, {
    centerId: target.id,
    appealId: row.id,
    kind: "appeal.received",
    recipientPhone: row.phone,
    text: receivedSms({
      centerName: target.name,
      trackingNo: row.tracking_no,
      queryCode: row.query_code,
      nextStep: receipt.nextStep,
    }),
    dedupeKey: `appeal:${row.id}:received`,
    now: opts.now,
  });
  await appendAudit(trx, {
    centerId: target.id,
    actorId: actor.userId,
    actorName: actor.username,
    action: "appeal.create",
    entity: "appeal",
    entityId: row.id,
    details: { trackingNo: row.tracking_no, channel: "letter", source: "transfer", transferredFrom },
    ip: opts.ip,
    at: opts.now,
  });
  return row;
}

async function targetCenterOf(
  db: Db,
  actor: UserActor,
  input: TransferInput,
): Promise<CenterInfo | undefined> {
  if (input.targetKind === "external_unit") {
    if (!input.targetName) throw invalid("targetName", "请填写接收单位名称");
    return undefined;
  }
  if (!input.targetCenterId) throw invalid("targetCenterId", "请选择函转的政务服务中心");
  if (input.targetCenterId === actor.centerId) throw invalid("targetCenterId", "不能函转至本中心");
  const target = await findCenterInfo(db, input.targetCenterId);
  if (!target) throw invalid("targetCenterId", "目标政务服务中心不存在");
  return target;
}

export async function transferAppeal(
  db: Db,
  actor: UserActor,
  id: string,
  input: TransferInput,
  opts: ActionOptions,
): Promise<Appeal> {
  const target = await targetCenterOf(db, actor, input);
  const respondBy = target ? await firstResponseDeadline(db, target.id, opts.now) : undefined;
  return db.transaction().execute(async (trx) => {
    const appeal = await findAppealInScope(trx, centerScope(actor.centerId), id);
    if (!appeal) throw notFound("诉求");
    if (input.expectedVersion !== undefined && input.expectedVersion !== appeal.version)
      throw versionConflict();
    const next = nextStatus(appeal.status, "transfer");
    const center = await findCenterInfo(trx, actor.centerId);
    if (!center) throw notFound("服务中心");
    await withdrawLiveOrder(trx, actor, appeal, "中心已转办，工作单撤回", opts);
    const received =
      target && respondBy
        ? await receiveByLetter(trx, actor, { appeal, center }, target, respondBy, opts)
        : undefined;
    const targetName = target ? target.name : input.targetName!;
    const t = await insertTransfer(trx, {
      center_id: center.id,
      appeal_id: appeal.id,
      target_kind: input.targetKind,
      target_name: targetName,
      target_center_id: target?.id ?? null,
      received_appeal_id: received?.id ?? null,
      note: input.note,
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: opts.now,
    });
    const { updated, timeZone } = await writeAppealStep(trx, actor, appeal, next, opts, {
      set: { responded_at: appeal.responded_at ?? opts.now },
      event: {
        type: "transferred",
        details: {
          transferId: t.id,
          targetKind: input.targetKind,
          targetName,
          targetCenterId: target?.id ?? null,
          receivedAppealId: received?.id ?? null,
          receivedTrackingNo: received?.tracking_no ?? null,
          note: input.note,
        },
      },
      sms: (centerName, r) =>
        received
          ? letterTransferredSms({
              centerName,
              trackingNo: r.tracking_no,
              targetCenter: targetName,
              newTrackingNo: received.tracking_no,
            })
          : transferredSms({ centerName, trackingNo: r.tracking_no, target: targetName, note: input.note }),
      audit: {
        action: "appeal.transfer",
        details: { targetKind: input.targetKind, targetName, receivedAppealId: received?.id ?? null },
      },
    });
    return toAppealDto(updated, timeZone, opts.now);
  });
}

/** 移交: a suspected violation by the requester goes to the competent authority (not told to the requester). */
export async function referAppeal(
  db: Db,
  actor: UserActor,
  id: string,
  input: { targetName?: string; note: string; expectedVersion?: number },
  opts: ActionOptions,
): Promise<Appeal> {
  return db.transaction().execute(async (trx) => {
    const appeal = await findAppealInScope(trx, centerScope(actor.centerId), id);
    if (!appeal) throw notFound("诉求");
    if (input.expectedVersion !== undefined && input.expectedVersion !== appeal.version)
      throw versionConflict();
    const next = nextStatus(appeal.status, "refer");
    await withdrawLiveOrder(trx, actor, appeal, "中心已移交有关部门，工作单撤回", opts);
    const targetName = input.targetName ?? null;
    const t = await insertTransfer(trx, {
      center_id: appeal.center_id,
      appeal_id: appeal.id,
      target_kind: "authority",
      target_name: targetName,
      note: input.note,
      created_by: actor.userId,
      created_by_name: actor.displayName,
      created_at: opts.now,
    });
    const { updated, timeZone } = await writeAppealStep(trx, actor, appeal, next, opts, {
      set: {},
      event: {
        type: "referred",
        details: { transferId: t.id, targetKind: "authority", targetName, note: input.note },
      },
      audit: { action: "appeal.refer", details: { targetName } },
    });
    return toAppealDto(updated, timeZone, opts.now);
  });
}
