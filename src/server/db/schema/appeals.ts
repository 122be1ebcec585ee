import type { Generated } from "kysely";
import type { z } from "zod";
import type {
  actorKindSchema,
  appealLinkKindSchema,
  appealStatusSchema,
  appealTypeSchema,
  channelSchema,
  complexitySchema,
  rejectReasonSchema,
  requesterKindSchema,
} from "../../../contracts/appeals.js";
import type { deadlineRuleSchema } from "../../../contracts/enums.js";
import type {
  assignmentRoleSchema,
  assignmentStatusSchema,
  difficultyKindSchema,
  extensionStatusSchema,
  milestoneStatusSchema,
  planStatusSchema,
  transferKindSchema,
  workOrderStatusSchema,
} from "../../../contracts/work-orders.js";
import type { Id, Json, NullableTimestamp, Timestamp } from "./columns.js";

/** Tables of the appeal lifecycle (module appeals). */

/** 诉求 — one appeal with its requester; see migration 2026120200_appeals. */
export interface AppealsTable {
  id: Id;
  center_id: string;
  tracking_no: string;
  query_code: string;
  channel: z.infer<typeof channelSchema>;
  type: z.infer<typeof appealTypeSchema>;
  category_code: string | null;
  status: z.infer<typeof appealStatusSchema>;
  complexity: z.infer<typeof complexitySchema> | null;
  requester_kind: z.infer<typeof requesterKindSchema>;
  requester_name: string;
  org_name: string | null;
  contact_person: string | null;
  /** Encrypted (lib/personal-data.ts): requester_name, contact_person, phone and address. */
  phone: string;
  /** HMAC blind index of the normalised phone (migration 2026121200); null only before the backfill. */
  phone_bidx: string | null;
  /** HMAC blind index of the normalised name (exact-name search). */
  name_bidx: string | null;
  address: string | null;
  /** 诉求人不愿提供 (migration 2026120410). */
  address_declined: Generated<boolean>;
  content: string;
  received_at: Timestamp;
  recorded_at: Timestamp;
  received_by: string | null;
  received_by_name: string | null;
  received_by_post: string | null;
  source: string | null;
  external_id: string | null;
  respond_by: NullableTimestamp;
  respond_by_provisional: Generated<boolean>;
  respond_by_explanation: string | null;
  responded_at: NullableTimestamp;
  due_at: NullableTimestamp;
  due_provisional: Generated<boolean>;
  due_explanation: string | null;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  reject_reason: z.infer<typeof rejectReasonSchema> | null;
  reject_explanation: string | null;
  referred_to: string | null;
  answer: string | null;
  version: Generated<number>;
  search_tokens: Generated<string>;
  /** When the retention sweep removed the personal fields (PIPL art. 19; migration 2026121100). */
  anonymized_at: Generated<Date | null>;
  /** The original this repeat was merged into (status `merged`; migration 2026121000). */
  merged_into_id: Generated<string | null>;
  /** SimHash of the content words (signed bigint) and its six band keys (core/simhash.ts). */
  simhash: Generated<string | null>;
  sim_bands: Generated<number[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Append-only appeal timeline. */
export interface AppealEventsTable {
  id: Id;
  center_id: string;
  appeal_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  actor_kind: z.infer<typeof actorKindSchema>;
  type: string;
  details: Json<Record<string, unknown>>;
}

export interface AppealLinksTable {
  id: Id;
  center_id: string;
  main_appeal_id: string;
  repeat_appeal_id: string;
  kind: z.infer<typeof appealLinkKindSchema>;
  created_at: Timestamp;
  created_by: string | null;
}

export interface TrackingCountersTable {
  center_id: string;
  /** 'YYYY-MM-DD' */
  day: string;
  last_value: number;
}

/** 工作单 — see migration 2026120202_work_orders. */
export interface WorkOrdersTable {
  id: Id;
  center_id: string;
  appeal_id: string;
  number: string;
  complexity: z.infer<typeof complexitySchema>;
  difficulty_kind: z.infer<typeof difficultyKindSchema> | null;
  status: z.infer<typeof workOrderStatusSchema>;
  lead_department_id: string;
  due_at: Timestamp;
  due_rule: z.infer<typeof deadlineRuleSchema>;
  due_n: number;
  due_start: Timestamp;
  due_provisional: Generated<boolean>;
  due_explanation: string | null;
  contact_user_id: string | null;
  contact_name: string;
  contact_phone: string | null;
  note: string | null;
  result: string | null;
  returned_reason: string | null;
  rework_reason: string | null;
  close_note: string | null;
  deployment_handler: Generated<string | null>;
  deployment_measures: Generated<string | null>;
  deployed_at: Generated<Date | null>;
  deployed_by: Generated<string | null>;
  version: Generated<number>;
  created_at: Timestamp;
  created_by: string | null;
  signed_at: NullableTimestamp;
  returned_at: NullableTimestamp;
  replied_at: NullableTimestamp;
  replied_by: string | null;
  closed_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface WorkOrderAssignmentsTable {
  id: Id;
  center_id: string;
  work_order_id: string;
  appeal_id: string;
  department_id: string;
  role: z.infer<typeof assignmentRoleSchema>;
  status: z.infer<typeof assignmentStatusSchema>;
  due_at: Timestamp;
  signed_at: NullableTimestamp;
  signed_by: string | null;
  signed_by_name: string | null;
  returned_reason: string | null;
  returned_at: NullableTimestamp;
  opinion: string | null;
  opinion_at: NullableTimestamp;
  replied_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkOrderCountersTable {
  center_id: string;
  /** 'YYYY-MM-DD' */
  day: string;
  last_value: number;
}

export interface ExtensionRequestsTable {
  id: Id;
  center_id: string;
  work_order_id: string;
  appeal_id: string;
  department_id: string;
  requested_by: string | null;
  requested_by_name: string;
  /** 'YYYY-MM-DD' */
  requested_until: string;
  reason: string;
  status: Generated<z.infer<typeof extensionStatusSchema>>;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
  old_due_at: Timestamp;
  new_due_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface PlansTable {
  id: Id;
  center_id: string;
  work_order_id: string;
  appeal_id: string;
  department_id: string;
  status: Generated<z.infer<typeof planStatusSchema>>;
  summary: string;
  submitted_by: string | null;
  submitted_by_name: string | null;
  submitted_at: NullableTimestamp;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
  completed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface PlanMilestonesTable {
  id: Id;
  center_id: string;
  plan_id: string;
  seq: number;
  title: string;
  /** 'YYYY-MM-DD' */
  due_date: string;
  due_at: Timestamp;
  status: Generated<z.infer<typeof milestoneStatusSchema>>;
  last_report: string | null;
  reported_at: NullableTimestamp;
  done_at: NullableTimestamp;
}

export interface AppealTransfersTable {
  id: Id;
  center_id: string;
  appeal_id: string;
  target_kind: z.infer<typeof transferKindSchema>;
  target_name: string | null;
  target_center_id: string | null;
  received_appeal_id: string | null;
  note: string;
  created_by: string | null;
  created_by_name: string;
  created_at: Timestamp;
}
