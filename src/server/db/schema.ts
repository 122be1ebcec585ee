import type { Insertable, Selectable, Updateable } from "kysely";
import type * as A from "./schema/appeals.js";
import type * as K from "./schema/knowledge.js";
import type * as P from "./schema/platform.js";
import type * as R from "./schema/results.js";
import type * as S from "./schema/supervision.js";

/**
 * Row shapes of the database. Row types stay inside repositories. Code columns are typed by the
 * contracts' enums (one vocabulary: the migrations' CHECK constraints list the same codes).
 */

export type { Json } from "./schema/columns.js";

export interface Database {
  centers: P.CentersTable;
  departments: P.DepartmentsTable;
  users: P.UsersTable;
  login_failures: P.LoginFailuresTable;
  sessions: P.SessionsTable;
  user_mfa: P.UserMfaTable;
  user_recovery_codes: P.UserRecoveryCodesTable;
  center_security_settings: P.CenterSecuritySettingsTable;
  integration_tokens: P.IntegrationTokensTable;
  calendar_days: P.CalendarDaysTable;
  calendar_years: P.CalendarYearsTable;
  time_limit_policies: P.TimeLimitPoliciesTable;
  audit_log: P.AuditLogTable;
  audit_seals: P.AuditSealsTable;
  audit_archives: P.AuditArchivesTable;
  idempotency_keys: P.IdempotencyKeysTable;
  data_keys: P.DataKeysTable;
  notification_outbox: P.NotificationOutboxTable;
  notification_outbox_keys: P.NotificationOutboxKeysTable;
  sms_messages: P.SmsMessagesTable;
  appeals: A.AppealsTable;
  appeal_events: A.AppealEventsTable;
  appeal_links: A.AppealLinksTable;
  tracking_counters: A.TrackingCountersTable;
  work_orders: A.WorkOrdersTable;
  work_order_assignments: A.WorkOrderAssignmentsTable;
  work_order_counters: A.WorkOrderCountersTable;
  extension_requests: A.ExtensionRequestsTable;
  plans: A.PlansTable;
  plan_milestones: A.PlanMilestonesTable;
  appeal_transfers: A.AppealTransfersTable;
  supervision_timers: S.SupervisionTimersTable;
  supervision_items: S.SupervisionItemsTable;
  supervision_records: S.SupervisionRecordsTable;
  supervision_counters: S.SupervisionCountersTable;
  staff_notifications: S.StaffNotificationsTable;
  ratings: R.RatingsTable;
  follow_ups: R.FollowUpsTable;
  rectifications: R.RectificationsTable;
  result_appeal_marks: R.ResultAppealMarksTable;
  stats_daily: R.StatsDailyTable;
  assist_models: R.AssistModelsTable;
  assessment_weights: R.AssessmentWeightsTable;
  assessment_publications: R.AssessmentPublicationsTable;
  follow_up_duties: R.FollowUpDutiesTable;
  stats_facts: R.StatsFactsTable;
  appeal_terms_daily: R.AppealTermsDailyTable;
  stats_daily_delta: R.StatsDailyDeltaTable;
  appeal_terms_delta: R.AppealTermsDeltaTable;
  knowledge_articles: K.KnowledgeArticlesTable;
  knowledge_article_versions: K.KnowledgeArticleVersionsTable;
  knowledge_synonyms: K.KnowledgeSynonymsTable;
  categories: K.CategoriesTable;
}

export type Row<T extends keyof Database> = Selectable<Database[T]>;
export type NewRow<T extends keyof Database> = Insertable<Database[T]>;
export type RowUpdate<T extends keyof Database> = Updateable<Database[T]>;
