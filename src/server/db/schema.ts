import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
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
} from "../../contracts/appeals.js";
import type {
  centerLevelSchema,
  dayKindSchema,
  deadlineRuleSchema,
  roleSchema,
} from "../../contracts/enums.js";
import type { outboxStatusSchema } from "../../contracts/notifications.js";
import type {
  EscalationRecipients,
  supervisionKindSchema,
  supervisionStatusSchema,
  supervisionTargetSchema,
  supervisionTimerStageSchema,
  supervisionTimerStatusSchema,
} from "../../contracts/supervision.js";
import type {
  assignmentRoleSchema,
  assignmentStatusSchema,
  difficultyKindSchema,
  extensionStatusSchema,
  milestoneStatusSchema,
  planStatusSchema,
  transferKindSchema,
  workOrderStatusSchema,
} from "../../contracts/work-orders.js";

/**
 * Row shapes of the database. Row types stay inside repositories. Code columns are typed by the
 * contracts' enums (one vocabulary: the migrations' CHECK constraints list the same codes).
 */

type Id = Generated<string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** jsonb: read as parsed JSON, written as a JSON string (portable across pg and PGlite). */
export type Json<T> = ColumnType<T, string, string>;

export interface CentersTable {
  id: Id;
  code: string;
  name: string;
  level: z.infer<typeof centerLevelSchema>;
  parent_id: string | null;
  timezone: Generated<string>;
  address: string | null;
  phone: string | null;
  created_at: CreatedAt;
}

export interface DepartmentsTable {
  id: Id;
  center_id: string;
  code: string;
  name: string;
  phone: string | null;
  location: string | null;
  services: Generated<string[]>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  id: Id;
  center_id: string;
  username: string;
  display_name: string;
  post: string | null;
  password_hash: string;
  roles: z.infer<typeof roleSchema>[];
  department_id: string | null;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  password_changed_at: Generated<Date>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  ip: string | null;
}

export interface IntegrationTokensTable {
  id: Id;
  center_id: string;
  name: string;
  source: string;
  token_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface CalendarDaysTable {
  center_id: string;
  /** 'YYYY-MM-DD' (date columns are parsed as strings, never as JS Dates). */
  date: string;
  kind: z.infer<typeof dayKindSchema>;
  name: string | null;
  source: Generated<string>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface CalendarYearsTable {
  center_id: string;
  year: number;
  source: string;
  loaded_at: Generated<Date>;
  loaded_by: string | null;
}

export interface TimeLimitPoliciesTable {
  center_id: string;
  policy: Json<unknown>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Id;
  center_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  details: Json<unknown> | null;
  ip: string | null;
  at: Timestamp;
  prev_hash: string;
  hash: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: Json<unknown>;
  created_at: CreatedAt;
}

export interface NotificationOutboxTable {
  id: Id;
  center_id: string;
  appeal_id: string | null;
  /** e.g. 'appeal.received', 'appeal.rejected', 'appeal.resolved', 'appeal.acknowledged' */
  kind: string;
  channel: Generated<"sms">;
  recipient_phone: string;
  text: string;
  dedupe_key: string;
  status: Generated<z.infer<typeof outboxStatusSchema>>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_by: string | null;
  claimed_until: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

export interface SmsMessagesTable {
  id: Id;
  center_id: string;
  outbox_id: string;
  phone: string;
  text: string;
  provider: string;
  sent_at: Timestamp;
}

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
  phone: string;
  phone_digits: string;
  address: string | null;
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

/** Supervision timers, records, counters and the staff inbox — see migration 2026120300_supervision. */
export interface SupervisionTimersTable {
  id: Id;
  center_id: string;
  target_kind: z.infer<typeof supervisionTargetSchema>;
  target_id: string;
  stage: z.infer<typeof supervisionTimerStageSchema>;
  appeal_id: string;
  due_at: Timestamp;
  fire_at: Timestamp;
  status: Generated<z.infer<typeof supervisionTimerStatusSchema>>;
  outcome: string | null;
  fired_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SupervisionRecordsTable {
  id: Id;
  center_id: string;
  kind: z.infer<typeof supervisionKindSchema>;
  number: string | null;
  target_kind: z.infer<typeof supervisionTargetSchema>;
  target_id: string;
  appeal_id: string;
  department_id: string | null;
  target_due_at: Timestamp;
  due_at: NullableTimestamp;
  status: z.infer<typeof supervisionStatusSchema>;
  resolved_at: NullableTimestamp;
  supervision_order_id: string | null;
  manual: Generated<boolean>;
  note: string | null;
  facts: string;
  recipients: Json<EscalationRecipients> | null;
  created_at: Timestamp;
  created_by: string | null;
  created_by_name: string;
  dedupe_key: string;
}

export interface SupervisionCountersTable {
  center_id: string;
  prefix: string;
  /** 'YYYY-MM-DD' */
  day: string;
  last_value: number;
}

export interface StaffNotificationsTable {
  id: Id;
  center_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  appeal_id: string | null;
  link: string | null;
  record_id: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface Database {
  centers: CentersTable;
  departments: DepartmentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  integration_tokens: IntegrationTokensTable;
  calendar_days: CalendarDaysTable;
  calendar_years: CalendarYearsTable;
  time_limit_policies: TimeLimitPoliciesTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  notification_outbox: NotificationOutboxTable;
  sms_messages: SmsMessagesTable;
  appeals: AppealsTable;
  appeal_events: AppealEventsTable;
  appeal_links: AppealLinksTable;
  tracking_counters: TrackingCountersTable;
  work_orders: WorkOrdersTable;
  work_order_assignments: WorkOrderAssignmentsTable;
  work_order_counters: WorkOrderCountersTable;
  extension_requests: ExtensionRequestsTable;
  plans: PlansTable;
  plan_milestones: PlanMilestonesTable;
  appeal_transfers: AppealTransfersTable;
  supervision_timers: SupervisionTimersTable;
  supervision_records: SupervisionRecordsTable;
  supervision_counters: SupervisionCountersTable;
  staff_notifications: StaffNotificationsTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
