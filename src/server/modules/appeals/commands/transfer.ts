import { randomInt } from "node:crypto";
import type { Appeal } from "../../../../contracts/appeals.js";
import type { TransferInput } from "../../../../contracts/work-orders.js";
import { toOffsetIso } from "../../../../core/calendar-date.js";
import type { CenterRules } from "../../../../core/center-rules.js";
import { formatTrackingNo, makeQueryCode, trackingDay } from "../../../../core/tracking.js";
import { orderTransition } from "../../../../core/work-order.js";
import type { Deps } from "../../../deps.js";
import { AppError, invalid } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { type CenterInfo, centerInfo } from "../center-info.js";
import { type AppealRow, insertAppeal, nextTrackingSeq } from "../data/appeal.repository.js";
import { expirePendingExtensions } from "../data/extension.repository.js";
import { expireSubmittedPlans } from "../data/plan.repository.js";
import { insertTransfer } from "../data/transfer.repository.js";
import { findActiveWorkOrder, updateWorkOrderIfVersion } from "../data/work-order.repository.js";
import { receivedSms } from "../messages/appeal.messages.js";
import { letterTransferredSms, transferredSms } from "../messages/work-order.messages.js";
import { toAppealDto, toReceipt } from "../presenters/appeal.presenter.js";
import { firstResponseDeadline } from "./deadlines.js";
import { endOrderTracking } from "./department.js";
import {
  appealSubject,
  type CommandContext,
  type CommandOptions,
  guard,
  orderVersionConflict,
  runCommand,
} from "./runner.js";
import { closeoutItem, firstResponseItem, letterTransferItem } from "./tracking.js";

/**
 * 转办: a matter outside government services goes to the competent unit and
 * the requester is told (审核); a matter of another level goes by letter to
 * that level's center (分办转办: 函转至相关政务服务中心), which receives it as a
 * new appeal in its own queue; a suspected violation by the requester is
 * referred to the authority (移交). A live 工作单 is withdrawn.
 */

async function withdrawLiveOrder(c: CommandContext, appeal: AppealRow, why: string) {
  const order = await findActiveWorkOrder(c.trx, appeal.id);
  if (!order) return;
  const status = guard(() => orderTransition(order.status, "withdraw"));
  const ok = await updateWorkOrderIfVersion(c.trx, order.id, order.version, {
    status,
    closed_at: c.now,
    close_note: why,
    updated_at: c.now,
  });
  if (!ok) throw orderVersionConflict();
  await expirePendingExtensions(c.trx, order.id, why, c.now);
  await expireSubmittedPlans(c.trx, order.id, why, c.now);
  await endOrderTracking(c, order);
  await c.orderEvent(order, {
    type: "work_order_withdrawn",
    details: { reason: why },
    audit: "work_order.withdraw",
  });
}

/** The appeal as the other center receives it: channel letter, source transfer, content carried over. */
async function receiveByLetter(
  c: CommandContext,
  a: AppealRow,
  target: { info: CenterInfo; rules: CenterRules },
): Promise<AppealRow> {
  const t = target.info;
  const respondBy = firstResponseDeadline(target.rules, c.now);
  const day = trackingDay(c.now, t.timezone);
  const seq = await nextTrackingSeq(c.trx, t.id, `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}`);
  const row = await insertAppeal(c.trx, {
    center_id: t.id,
    tracking_no: formatTrackingNo(t.code, day, seq),
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
    address: a.address,
    address_declined: a.address_declined,
    content: a.content,
    received_at: c.now,
    recorded_at: c.now,
    source: "transfer",
    respond_by: respondBy.dueAt,
    respond_by_provisional: respondBy.provisional,
    respond_by_explanation: respondBy.explanation,
    search_tokens: a.search_tokens,
    created_at: c.now,
    updated_at: c.now,
  });
  if (!row) throw new AppError("CONFLICT", "函转失败，请重试");
  await c.track(firstResponseItem(row), target.rules);
  const transferredFrom = {
    centerId: c.center.id,
    centerName: c.center.name,
    appealId: a.id,
    trackingNo: a.tracking_no,
  };
  await c.event(
    row,
    "transfer_received",
    {
      trackingNo: row.tracking_no,
      channel: "letter",
      transferredFrom,
      respondBy: toOffsetIso(respondBy.dueAt, t.timezone),
    },
    { ...c.who, actorName: `${c.actor.displayName}（${c.center.name}）` },
  );
  const receipt = toReceipt(row, t.timezone);
  await c.sms(
    row,
    "appeal.received",
    receivedSms({
      centerName: t.name,
      trackingNo: row.tracking_no,
      queryCode: row.query_code,
      nextStep: receipt.nextStep,
    }),
    `appeal:${row.id}:received`,
  );
  await c.audit({
    centerId: t.id,
    action: "appeal.create",
    entity: "appeal",
    entityId: row.id,
    details: { trackingNo: row.tracking_no, channel: "letter", source: "transfer", transferredFrom },
  });
  return row;
}

/** The center a 函转 goes to, with its rules (read before the transaction). */
async function targetCenterOf(
  deps: Deps,
  actor: UserActor,
  input: TransferInput,
): Promise<{ info: CenterInfo; rules: CenterRules } | undefined> {
  if (input.targetKind === "external_unit") {
    if (!input.targetName) throw invalid("targetName", "请填写接收单位名称");
    return undefined;
  }
  if (!input.targetCenterId) throw invalid("targetCenterId", "请选择函转的政务服务中心");
  if (input.targetCenterId === actor.centerId) throw invalid("targetCenterId", "不能函转至本中心");
  const info = await centerInfo(deps.db, input.targetCenterId).catch(() => undefined);
  if (!info) throw invalid("targetCenterId", "目标政务服务中心不存在");
  return { info, rules: await deps.rules.get(info.id) };
}

export async function transferAppeal(
  deps: Deps,
  actor: UserActor,
  id: string,
  input: TransferInput,
  opts: CommandOptions,
): Promise<Appeal> {
  const target = await targetCenterOf(deps, actor, input);
  const { row, tz } = await runCommand(deps, actor, opts, {
    load: appealSubject(id, "transfer", input.expectedVersion),
    run: async (c, { appeal, next }) => {
      await withdrawLiveOrder(c, appeal, "中心已转办，工作单撤回");
      const received = target ? await receiveByLetter(c, appeal, target) : undefined;
      // 跟踪到底: a 函转 is followed until the other center finishes it; a transfer to another
      // unit waits for the center to confirm it was taken over and close it (销号).
      await c.track(
        received
          ? letterTransferItem(appeal, c.rules, c.now, target!.info.name)
          : closeoutItem(appeal, c.rules, c.now),
      );
      const targetName = target ? target.info.name : input.targetName!;
      const t = await insertTransfer(c.trx, {
        center_id: c.center.id,
        appeal_id: appeal.id,
        target_kind: input.targetKind,
        target_name: targetName,
        target_center_id: target?.info.id ?? null,
        received_appeal_id: received?.id ?? null,
        note: input.note,
        created_by: actor.userId,
        created_by_name: actor.displayName,
        created_at: c.now,
      });
      const updated = await c.step(appeal, next, {
        set: { responded_at: appeal.responded_at ?? c.now },
        event: {
          type: "transferred",
          details: {
            transferId: t.id,
            targetKind: input.targetKind,
            targetName,
            targetCenterId: target?.info.id ?? null,
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
      return { row: updated, tz: c.center.timezone };
    },
  });
  return toAppealDto(row, tz, opts.now);
}

/**
 * 移交 (审核: 发现服务对象涉嫌违法违纪的，按规定移交相关部门): the referral is recorded and the
 * authority informed; the appeal itself stays in handling with its work order and limits (a
 * matter wholly outside the center's scope is a transfer). Not told to the requester.
 */
export async function referAppeal(
  deps: Deps,
  actor: UserActor,
  id: string,
  input: { targetName?: string; note: string; expectedVersion?: number },
  opts: CommandOptions,
): Promise<Appeal> {
  const { row, tz } = await runCommand(deps, actor, opts, {
    load: appealSubject(id, "refer", input.expectedVersion),
    run: async (c, { appeal, next }) => {
      const targetName = input.targetName ?? null;
      const t = await insertTransfer(c.trx, {
        center_id: appeal.center_id,
        appeal_id: appeal.id,
        target_kind: "authority",
        target_name: targetName,
        note: input.note,
        created_by: actor.userId,
        created_by_name: actor.displayName,
        created_at: c.now,
      });
      const updated = await c.step(appeal, next, {
        set: {},
        event: {
          type: "referred",
          details: { transferId: t.id, targetKind: "authority", targetName, note: input.note },
        },
        audit: { action: "appeal.refer", details: { targetName } },
      });
      return { row: updated, tz: c.center.timezone };
    },
  });
  return toAppealDto(row, tz, opts.now);
}
