import type { Db } from "../../../db/database.js";
import type { AppealRow } from "../data/appeal.repository.js";
import { findAppealInScope } from "../data/appeal.repository.js";
import type { MilestoneRow } from "../data/plan.repository.js";
import { listLiveDepartmentIds, type WorkOrderRow } from "../data/work-order.repository.js";
import { centerScope } from "../scope.js";
import type { TrackedItem } from "../tracking.events.js";

/** The tracked items (跟踪到底) of the lifecycle, as supervision is told about them. */

/** 首次回应: an online appeal's first response, owed to the requester by the window staff. */
export function firstResponseItem(a: AppealRow): TrackedItem {
  return {
    centerId: a.center_id,
    kind: "first_response",
    id: a.id,
    appealId: a.id,
    trackingNo: a.tracking_no,
    label: `诉求 ${a.tracking_no} 的首次回应`,
    title: a.tracking_no,
    departmentIds: [],
    startAt: a.received_at,
    dueAt: a.respond_by!,
  };
}

/** A 工作单's handling limit, owed by the departments still on it (lead first). */
export async function orderItem(trx: Db, o: WorkOrderRow, trackingNo?: string): Promise<TrackedItem> {
  const [departments, tn] = await Promise.all([
    listLiveDepartmentIds(trx, o.id),
    trackingNo ?? findAppealInScope(trx, centerScope(o.center_id), o.appeal_id).then((a) => a!.tracking_no),
  ]);
  const others = departments.filter((d) => d !== o.lead_department_id);
  return {
    centerId: o.center_id,
    kind: "work_order",
    id: o.id,
    appealId: o.appeal_id,
    trackingNo: tn,
    label: `工作单 ${o.number}`,
    title: o.number,
    departmentIds: [o.lead_department_id, ...others],
    startAt: o.due_start,
    dueAt: o.due_at,
  };
}

/** A milestone of an approved plan (重大问题解决方案), owed by the lead department. */
export function milestoneItem(
  o: WorkOrderRow,
  m: MilestoneRow,
  plan: { department_id: string; decided_at: Date | null },
  trackingNo: string,
): TrackedItem {
  return {
    centerId: o.center_id,
    kind: "milestone",
    id: m.id,
    appealId: o.appeal_id,
    trackingNo,
    label: `工作单 ${o.number} 方案第${m.seq}节点「${m.title}」`,
    title: `${o.number} 第${m.seq}节点：${m.title}`,
    departmentIds: [plan.department_id],
    startAt: plan.decided_at ?? m.due_at,
    dueAt: m.due_at,
  };
}
