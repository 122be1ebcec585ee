import type { Migration } from "kysely";
import * as m2026120100 from "./2026120100_foundation.js";
import * as m2026120200 from "./2026120200_appeals.js";
import * as m2026120201 from "./2026120201_notifications.js";
import * as m2026120202 from "./2026120202_work_orders.js";
import * as m2026120300 from "./2026120300_supervision.js";
import * as m2026120400 from "./2026120400_supervision_register.js";
import * as m2026120401 from "./2026120401_tracked_kinds.js";
import * as m2026120402 from "./2026120402_policy_as_written.js";
import * as m2026120403 from "./2026120403_deployment.js";
import * as m2026120410 from "./2026120410_records_complete.js";
import * as m2026120420 from "./2026120420_outbox_calls.js";
import * as m2026120421 from "./2026120421_register_lookups.js";
import * as m2026120500 from "./2026120500_results.js";
import * as m2026120510 from "./2026120510_security_accounts.js";
import * as m2026120511 from "./2026120511_audit_seal.js";
import * as m2026120700 from "./2026120700_assessment_follow_ups.js";
import * as m2026120800 from "./2026120800_results_insight.js";
import * as m2026120900 from "./2026120900_knowledge.js";
import * as m2026121000 from "./2026121000_assist.js";
import * as m2026121100 from "./2026121100_mfa_retention.js";
import * as m2026121200 from "./2026121200_personal_data.js";
import * as m2026121300 from "./2026121300_retention_index.js";
import * as m2026121500 from "./2026121500_rollup_deltas.js";
import * as m2026121600 from "./2026121600_partitions.js";
import * as m2026121800 from "./2026121800_knowledge_head_index.js";
import * as m2026122200 from "./2026122200_session_read_after.js";
import * as m2026122300 from "./2026122300_knowledge_title_length_index.js";

/**
 * Every migration, keyed by its date-prefixed name. A static list (not a
 * folder scan) so the same code runs from TypeScript sources and from a build.
 * Append new migrations at the end; never edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  "2026120100_foundation": m2026120100,
  "2026120200_appeals": m2026120200,
  "2026120201_notifications": m2026120201,
  "2026120202_work_orders": m2026120202,
  "2026120300_supervision": m2026120300,
  "2026120400_supervision_register": m2026120400,
  "2026120401_tracked_kinds": m2026120401,
  "2026120402_policy_as_written": m2026120402,
  "2026120403_deployment": m2026120403,
  "2026120410_records_complete": m2026120410,
  "2026120420_outbox_calls": m2026120420,
  "2026120421_register_lookups": m2026120421,
  "2026120500_results": m2026120500,
  "2026120510_security_accounts": m2026120510,
  "2026120511_audit_seal": m2026120511,
  "2026120700_assessment_follow_ups": m2026120700,
  "2026120800_results_insight": m2026120800,
  "2026120900_knowledge": m2026120900,
  "2026121000_assist": m2026121000,
  "2026121100_mfa_retention": m2026121100,
  "2026121200_personal_data": m2026121200,
  "2026121300_retention_index": m2026121300,
  "2026121500_rollup_deltas": m2026121500,
  "2026121600_partitions": m2026121600,
  "2026121800_knowledge_head_index": m2026121800,
  "2026122200_session_read_after": m2026122200,
  "2026122300_knowledge_title_length_index": m2026122300,
};
