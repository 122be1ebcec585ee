import type { Generated } from "kysely";
import type { Id, Json, NullableTimestamp, Timestamp } from "./columns.js";

/** 好差评 — see migration 2026120500_results. */
export interface RatingsTable {
  id: Id;
  center_id: string;
  appeal_id: string;
  round: number;
  level: number;
  resolved: boolean | null;
  comment: string | null;
  source: "portal" | "follow_up";
  created_at: Timestamp;
  disputed_at: NullableTimestamp;
  dispute_reason: string | null;
  disputed_by: string | null;
}

/** 回访 */
export interface FollowUpsTable {
  id: Id;
  center_id: string;
  appeal_id: string;
  method: "phone" | "sms" | "visit";
  reached: boolean;
  level: number | null;
  resolved: boolean | null;
  comment: string | null;
  rating_id: string | null;
  created_at: Timestamp;
  created_by: string | null;
  created_by_name: string;
}

/** 整改 */
export interface RectificationsTable {
  id: Id;
  center_id: string;
  appeal_id: string;
  rating_id: string;
  department_id: string | null;
  status: "open" | "done";
  started_at: Timestamp;
  due_at: Timestamp;
  result: string | null;
  completed_at: NullableTimestamp;
  completed_by: string | null;
  completed_by_name: string | null;
}

export interface ResultAppealMarksTable {
  center_id: string;
  appeal_id: string;
  mark: "responded" | "decided";
  at: Timestamp;
}

/** The counters of one (day, department, channel, type, category) cell. */
export const STATS_COUNTERS = [
  "received",
  "accepted",
  "rejected",
  "resolved_on_spot",
  "dispatched",
  "closed",
  "responded",
  "responded_on_time",
  "on_time",
  "overdue",
  "extended",
  "returned",
  "merged",
  "supervised",
  "noticed",
  "rated",
  "level5",
  "level4",
  "level3",
  "level2",
  "level1",
  "resolved_by_requester",
  "disputed",
  "rectifications_opened",
  "rectifications_done",
  "repeated",
] as const;
export type StatsCounter = (typeof STATS_COUNTERS)[number];

export type StatsDailyTable = {
  center_id: string;
  /** 'YYYY-MM-DD', the center's local day */
  day: string;
  department_id: Generated<string>;
  channel: string;
  type: string;
  category: Generated<string>;
} & { [K in StatsCounter]: Generated<number> };

/** A center's trained suggestion model per target (assist module; core/assist-model.ts StoredModel as JSON). */
export interface AssistModelsTable {
  center_id: string;
  target: "department" | "type" | "category";
  model: string;
  examples: number;
  trained_at: Timestamp;
}

/** 考核权重 — see migration 2026120700_assessment_follow_ups. */
export interface AssessmentWeightsTable {
  center_id: string;
  weights: Json<unknown>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** 通报考核结果: a month's ranking frozen when published, one row per version. */
export interface AssessmentPublicationsTable {
  id: Id;
  center_id: string;
  month: string;
  version: number;
  weights: Json<unknown>;
  items: Json<unknown>;
  fingerprint: string;
  complete: boolean;
  published_at: Timestamp;
  published_by: string | null;
  published_by_name: string;
}

/** 回访任务: a follow-up owed on an appeal (closed and not rated, or rated badly on the portal). */
export interface FollowUpDutiesTable {
  id: Id;
  center_id: string;
  appeal_id: string;
  reason: "closed" | "bad_rating";
  rating_id: string | null;
  status: "open" | "done" | "waived";
  due_at: Timestamp;
  created_at: Timestamp;
  closed_at: NullableTimestamp;
  follow_up_id: string | null;
}

/** One counter increment of stats_daily and its appeal (drill-down) — migration 2026120800. */
export interface StatsFactsTable {
  id: Generated<string>;
  center_id: string;
  day: string;
  counter: StatsCounter;
  appeal_id: string;
  department_id: Generated<string>;
  channel: string;
  type: string;
  category: Generated<string>;
}

/** 热点分析: appeals received on a local day whose content contains the term. */
export interface AppealTermsDailyTable {
  center_id: string;
  day: string;
  term: string;
  appeals: Generated<number>;
}

/** One counter increment of a stats_daily cell, not folded into it yet — migration 2026121500. */
export interface StatsDailyDeltaTable {
  id: Generated<string>;
  center_id: string;
  day: string;
  department_id: Generated<string>;
  channel: string;
  type: string;
  category: Generated<string>;
  counter: StatsCounter;
  n: number;
}

/** One more appeal containing the term on the day, not folded into appeal_terms_daily yet. */
export interface AppealTermsDeltaTable {
  id: Generated<string>;
  center_id: string;
  day: string;
  term: string;
}
