import type {
  Appeal,
  AppealEvent,
  CreatedAppeal,
  InboxItem,
  Light,
  Receipt,
} from "../../../../contracts/appeals.js";
import { toOffsetIso } from "../../../../core/calendar-date.js";
import type { CenterRules } from "../../../../core/center-rules.js";
import { lightAt, reminderAt } from "../../../../core/due-light.js";
import { maskPhone } from "../../../../core/masking.js";
import { FINISHED_STATES } from "../../../../core/workflow.js";
import type { AppealEventRow, AppealRow } from "../data/appeal.repository.js";
import { nextStepText } from "../messages/appeal.messages.js";

/** Row → API shape. The phone is always masked here; reveal-phone is the only way to the full number. */

const iso = (d: Date, tz: string) => toOffsetIso(d, tz);
const isoOrNull = (d: Date | null, tz: string) => (d ? toOffsetIso(d, tz) : null);

/** Past its first-response deadline without a response, or past its due date while still open. */
export function isOverdue(r: AppealRow, now: Date): boolean {
  const t = now.getTime();
  if (r.status === "received" && !r.responded_at && r.respond_by && r.respond_by.getTime() < t) return true;
  return !!r.due_at && !FINISHED_STATES.includes(r.status) && r.due_at.getTime() < t;
}

export function toAppealDto(r: AppealRow, timeZone: string, now: Date): Appeal {
  return {
    id: r.id,
    trackingNo: r.tracking_no,
    channel: r.channel,
    type: r.type,
    categoryCode: r.category_code,
    status: r.status,
    mergedIntoId: r.merged_into_id,
    complexity: r.complexity,
    requester: {
      kind: r.requester_kind,
      name: r.requester_name,
      orgName: r.org_name,
      contactPerson: r.contact_person,
      phone: maskPhone(r.phone),
      address: r.address,
      addressDeclined: r.address_declined,
    },
    content: r.content,
    receivedAt: iso(r.received_at, timeZone),
    recordedAt: iso(r.recorded_at, timeZone),
    receivedBy: r.received_by_name
      ? { id: r.received_by, name: r.received_by_name, post: r.received_by_post }
      : null,
    source: r.source,
    externalId: r.external_id,
    respondBy: isoOrNull(r.respond_by, timeZone),
    respondByProvisional: r.respond_by_provisional,
    respondedAt: isoOrNull(r.responded_at, timeZone),
    dueAt: isoOrNull(r.due_at, timeZone),
    dueProvisional: r.due_provisional,
    resolvedAt: isoOrNull(r.resolved_at, timeZone),
    closedAt: isoOrNull(r.closed_at, timeZone),
    rejection: r.reject_reason
      ? { reason: r.reject_reason, explanation: r.reject_explanation ?? "", referredTo: r.referred_to }
      : null,
    answer: r.answer,
    overdue: isOverdue(r, now),
    version: r.version,
    createdAt: iso(r.created_at, timeZone),
    updatedAt: iso(r.updated_at, timeZone),
  };
}

export function toReceipt(r: AppealRow, timeZone: string): Receipt {
  return {
    trackingNo: r.tracking_no,
    queryCode: r.query_code,
    receivedAt: iso(r.received_at, timeZone),
    channel: r.channel,
    receivedBy: r.received_by_name ? { name: r.received_by_name, post: r.received_by_post } : null,
    nextStep: nextStepText({
      status: r.status,
      channel: r.channel,
      respondBy: r.respond_by,
      respondedAt: r.responded_at,
      dueAt: r.due_at,
      rejectReason: r.reject_reason,
      timeZone,
    }),
    respondBy: r.respond_by
      ? {
          at: iso(r.respond_by, timeZone),
          provisional: r.respond_by_provisional,
          explanation: r.respond_by_explanation,
        }
      : null,
    dueAt: r.due_at
      ? { at: iso(r.due_at, timeZone), provisional: r.due_provisional, explanation: r.due_explanation }
      : null,
  };
}

export function toCreatedDto(r: AppealRow, timeZone: string, now: Date): CreatedAppeal {
  return { ...toAppealDto(r, timeZone, now), queryCode: r.query_code, receipt: toReceipt(r, timeZone) };
}

/**
 * The one due light (core/due-light.ts) of a limit that started at `startAt`:
 * the 催办 instant is computed from the center's reminder thresholds, so an
 * item is yellow here exactly when it is yellow on the supervision board.
 */
export function lightFor(rules: CenterRules, startAt: Date, dueAt: Date, now: Date): Light {
  const remindAt = reminderAt(startAt, dueAt, rules.policy.reminder, rules.calendar, rules.timeZone);
  return lightAt(now, dueAt, rules.timeZone, remindAt);
}

export function toInboxItem(r: AppealRow, rules: CenterRules, now: Date): InboxItem {
  return {
    ...toAppealDto(r, rules.timeZone, now),
    light: r.respond_by ? lightFor(rules, r.received_at, r.respond_by, now) : "green",
  };
}

export function toEventDto(e: AppealEventRow, timeZone: string): AppealEvent {
  return {
    id: e.id,
    at: iso(e.at, timeZone),
    type: e.type,
    actor: { id: e.actor_id, name: e.actor_name, kind: e.actor_kind },
    details: e.details ?? {},
  };
}
