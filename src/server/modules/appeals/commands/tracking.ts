import { isOnlineChannel } from "../../../../contracts/appeals.js";
import type { CenterRules } from "../../../../core/center-rules.js";
import type { DeadlineResult } from "../../../../core/deadline.js";
import type { Db } from "../../../db/database.js";
import { computeDeadlineForCenter } from "../../calendar/index.js";
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

function appealItem(
  a: AppealRow,
  kind: "review" | "closeout" | "letter_transfer",
  label: string,
  startAt: Date,
  due: DeadlineResult,
): TrackedItem {
  return {
    centerId: a.center_id,
    kind,
    id: a.id,
    appealId: a.id,
    trackingNo: a.tracking_no,
    label: `诉求 ${a.tracking_no} 的${label}`,
    title: a.tracking_no,
    departmentIds: [],
    startAt,
    dueAt: due.dueAt,
  };
}

/**
 * 审核分办 (处置流程 · 审核): an appeal waiting for the center's decision — dispatch, an answer,
 * a refusal or a transfer. A simple inquiry received off-site must be resolved within its own
 * limit (非现场咨询 · 1个工作日内处置办结); everything else goes to the departments 受理后第一时间
 * (policy.review). Counted from receipt, or from a return (退单) or a reopening.
 */
export function reviewItem(a: AppealRow, rules: CenterRules, startAt: Date): TrackedItem {
  const inquiry = isOnlineChannel(a.channel) && a.type === "inquiry";
  const spec = inquiry ? rules.policy.simpleOffsite : rules.policy.review;
  return appealItem(
    a,
    "review",
    inquiry ? "咨询办结" : "审核分办",
    startAt,
    computeDeadlineForCenter(rules, startAt, spec),
  );
}

/** 核实销号: a reply (or a transfer taken over) waiting for the center to verify it and close. */
export function closeoutItem(a: AppealRow, rules: CenterRules, startAt: Date): TrackedItem {
  return appealItem(
    a,
    "closeout",
    "核实销号",
    startAt,
    computeDeadlineForCenter(rules, startAt, rules.policy.closeout),
  );
}

/**
 * 函转: a matter sent by letter to another level's center, followed until that center finishes
 * its copy; the multi-level limit (7 days to a proposed solution) carries over.
 */
export function letterTransferItem(
  a: AppealRow,
  rules: CenterRules,
  startAt: Date,
  target: string,
): TrackedItem {
  const item = appealItem(
    a,
    "letter_transfer",
    `函转（${target}）办理`,
    startAt,
    computeDeadlineForCenter(rules, startAt, rules.policy.multiDepartment),
  );
  return { ...item, label: `诉求 ${a.tracking_no} 函转${target}办理` };
}

/**
 * 当天研究部署: the lead department of a simple 工作单 decides who handles it and how on the day it
 * arrives (办理: 对于简单事项，当天研究部署); its reply is due within the general limit.
 */
export function deploymentItem(o: WorkOrderRow, trackingNo: string, rules: CenterRules): TrackedItem {
  return {
    centerId: o.center_id,
    kind: "deployment",
    id: o.id,
    appealId: o.appeal_id,
    trackingNo,
    label: `工作单 ${o.number} 的当天研究部署`,
    title: `${o.number} 研究部署`,
    departmentIds: [o.lead_department_id],
    startAt: o.created_at,
    dueAt: computeDeadlineForCenter(rules, o.created_at, rules.policy.simple).dueAt,
  };
}
