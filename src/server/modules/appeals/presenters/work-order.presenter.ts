import type { Assignment, WorkOrderSummary } from "../../../../contracts/work-orders.js";
import { formatDate, localDay, toOffsetIso } from "../../../../core/calendar-date.js";
import type { CenterRules } from "../../../../core/center-rules.js";
import { maskPhone } from "../../../../core/masking.js";
import { isOpenOrder } from "../../../../core/work-order.js";
import type { AppealRow } from "../data/appeal.repository.js";
import type { AssignmentView, WorkOrderRow } from "../data/work-order.repository.js";
import { lightFor } from "./appeal.presenter.js";

/** Row → API shape. The requester's phone is masked here; only the printed 工作单 carries it in full. */

const iso = (d: Date | null, tz: string) => (d ? toOffsetIso(d, tz) : null);

export interface WorkOrderBundle {
  order: WorkOrderRow;
  appeal: AppealRow;
  assignments: AssignmentView[];
}

export function toAssignmentDto(a: AssignmentView, tz: string): Assignment {
  return {
    id: a.id,
    departmentId: a.department_id,
    departmentName: a.department_name,
    departmentPhone: a.department_phone,
    departmentLocation: a.department_location,
    role: a.role,
    status: a.status,
    signedAt: iso(a.signed_at, tz),
    signedBy: a.signed_by_name,
    returnedReason: a.returned_reason,
    returnedAt: iso(a.returned_at, tz),
    opinion: a.opinion,
    opinionAt: iso(a.opinion_at, tz),
    repliedAt: iso(a.replied_at, tz),
  };
}

export function toWorkOrderSummary(
  b: WorkOrderBundle,
  rules: CenterRules,
  now: Date,
  myDepartmentId: string | null,
): WorkOrderSummary {
  const { order: o, appeal: a } = b;
  const tz = rules.timeZone;
  const lead = b.assignments.find((x) => x.role === "lead");
  const mine = myDepartmentId ? b.assignments.find((x) => x.department_id === myDepartmentId) : undefined;
  const open = isOpenOrder(o.status);
  return {
    id: o.id,
    number: o.number,
    appeal: {
      id: a.id,
      trackingNo: a.tracking_no,
      status: a.status,
      channel: a.channel,
      type: a.type,
      requesterName: a.requester_name,
      orgName: a.org_name,
      contactPerson: a.contact_person,
      phone: maskPhone(a.phone),
      address: a.address,
      addressDeclined: a.address_declined,
      content: a.content,
      receivedAt: toOffsetIso(a.received_at, tz),
    },
    status: o.status,
    complexity: o.complexity,
    difficultyKind: o.difficulty_kind,
    leadDepartment: { id: o.lead_department_id, name: lead?.department_name ?? "" },
    assignments: b.assignments.map((x) => toAssignmentDto(x, tz)),
    myRole: mine?.role ?? null,
    dueAt: toOffsetIso(o.due_at, tz),
    dueDate: formatDate(localDay(o.due_at.getTime(), tz)),
    dueProvisional: o.due_provisional,
    dueExplanation: o.due_explanation,
    dueRule: o.due_rule,
    dueN: o.due_n,
    light: open ? lightFor(rules, o.due_start, o.due_at, now) : null,
    overdue: open && o.due_at.getTime() < now.getTime(),
    contact: { userId: o.contact_user_id, name: o.contact_name, phone: o.contact_phone },
    note: o.note,
    result: o.result,
    returnedReason: o.returned_reason,
    reworkReason: o.rework_reason,
    closeNote: o.close_note,
    deployment:
      o.deployed_at && o.deployment_handler && o.deployment_measures
        ? {
            handler: o.deployment_handler,
            measures: o.deployment_measures,
            at: toOffsetIso(o.deployed_at, tz),
          }
        : null,
    version: o.version,
    createdAt: toOffsetIso(o.created_at, tz),
    signedAt: iso(o.signed_at, tz),
    returnedAt: iso(o.returned_at, tz),
    repliedAt: iso(o.replied_at, tz),
    closedAt: iso(o.closed_at, tz),
  };
}
