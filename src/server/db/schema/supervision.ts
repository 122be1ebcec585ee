import type { Generated } from "kysely";
import type { z } from "zod";
import type {
  EscalationRecipients,
  supervisionKindSchema,
  supervisionStatusSchema,
  supervisionTargetSchema,
  supervisionTimerStageSchema,
  supervisionTimerStatusSchema,
} from "../../../contracts/supervision.js";
import type { Id, Json, NullableTimestamp, Timestamp } from "./columns.js";

/** Tables of supervision (module supervision) and the staff inbox (module notifications). */

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

/** The supervision register: one row per tracked limit (跟踪到底), open until met (closed_at). */
export interface SupervisionItemsTable {
  id: Id;
  center_id: string;
  target_kind: Exclude<z.infer<typeof supervisionTargetSchema>, "supervision_order">;
  target_id: string;
  appeal_id: string;
  tracking_no: string;
  label: string;
  title: string;
  department_ids: Generated<string[]>;
  lead_department_id: string | null;
  start_at: Timestamp;
  due_at: Timestamp;
  closed_at: NullableTimestamp;
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
