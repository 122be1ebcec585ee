import type { Generated } from "kysely";
import type { Id, NullableTimestamp, Timestamp } from "./columns.js";

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
