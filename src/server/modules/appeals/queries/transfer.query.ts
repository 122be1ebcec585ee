import type { TransferRecord } from "../../../../contracts/work-orders.js";
import { toOffsetIso } from "../../../../core/calendar-date.js";
import type { Db } from "../../../db/database.js";
import { notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { centerInfo } from "../center-info.js";
import { findAppealInScope } from "../data/appeal.repository.js";
import { listTransfersOfAppeal, type TransferView } from "../data/transfer.repository.js";
import { readScope } from "../scope.js";

function toTransferDto(t: TransferView, direction: "outgoing" | "incoming", tz: string): TransferRecord {
  return {
    id: t.id,
    direction,
    targetKind: t.target_kind,
    targetName: t.target_name,
    fromCenter: { id: t.center_id, name: t.from_center_name },
    targetCenter: t.target_center_id ? { id: t.target_center_id, name: t.target_center_name ?? "" } : null,
    appealId: t.appeal_id,
    trackingNo: t.tracking_no,
    receivedAppealId: t.received_appeal_id,
    receivedTrackingNo: t.received_tracking_no,
    note: t.note,
    createdBy: t.created_by_name,
    createdAt: toOffsetIso(t.created_at, tz),
  };
}

/** Where the appeal went, and where it came from (函转 links both ways). */
export async function listTransfers(db: Db, actor: UserActor, id: string): Promise<TransferRecord[]> {
  const appeal = await findAppealInScope(db, readScope(actor), id);
  if (!appeal) throw notFound("诉求");
  const tz = (await centerInfo(db, actor.centerId)).timezone;
  const { outgoing, incoming } = await listTransfersOfAppeal(db, actor.centerId, appeal.id);
  return [
    ...incoming.map((t) => toTransferDto(t, "incoming", tz)),
    ...outgoing.map((t) => toTransferDto(t, "outgoing", tz)),
  ];
}
