import type { AppealStatus } from "../../../../contracts/appeals.js";
import type { IntakeActor } from "../actors.js";
import { type AppealRow, findAppealInScope } from "../data/appeal.repository.js";
import { findLetterOf } from "../data/transfer.repository.js";
import { centerScope } from "../scope.js";
import type { CommandContext } from "./runner.js";
import { closeoutItem } from "./tracking.js";

/**
 * 函转, followed to the end (分办转办: 涉及跨层级的，函转至相关政务服务中心协调办理; 所有事项都应跟踪
 * 到底): when the receiving center finishes its copy, the sending center's follow-up ends, its
 * timeline shows the outcome, and the sending appeal waits for its own 销号.
 */
export async function followUpLetter(
  c: CommandContext<IntakeActor>,
  received: AppealRow,
  next: AppealStatus,
): Promise<void> {
  const letter = await findLetterOf(c.trx, received.id);
  if (!letter) return;
  const sender = await findAppealInScope(c.trx, centerScope(letter.center_id), letter.appeal_id);
  if (sender?.status !== "transferred") return;
  const senderRules = await c.deps.rules.get(sender.center_id, c.trx);
  await c.untrack("letter_transfer", sender.id, sender.center_id);
  await c.track(closeoutItem(sender, senderRules, c.now), senderRules);
  await c.event(
    sender,
    "transfer_completed",
    {
      transferId: letter.id,
      receivedAppealId: received.id,
      receivedTrackingNo: received.tracking_no,
      targetCenterName: c.center.name,
      status: next,
    },
    { ...c.who, actorName: `${c.who.actorName}（${c.center.name}）` },
  );
}
