import type { Generated } from "kysely";
import type { z } from "zod";
import type { centerLevelSchema, dayKindSchema, roleSchema } from "../../../contracts/enums.js";
import type { OutboxChannel, outboxStatusSchema } from "../../../contracts/notifications.js";
import type { CreatedAt, Id, Json, NullableTimestamp, Timestamp } from "./columns.js";

/** Tables of the platform modules: centers, departments, accounts, integration tokens, calendar, audit, idempotency keys, notifications. */

export interface CentersTable {
  id: Id;
  code: string;
  name: string;
  level: z.infer<typeof centerLevelSchema>;
  parent_id: string | null;
  timezone: Generated<string>;
  address: string | null;
  phone: string | null;
  /** Service hours as published (migration 2026120410). */
  hours: Generated<string | null>;
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
  /** 职能 / 业务 — what the department does, for staff answering questions. */
  functions: string | null;
  /** 办公时间 at its window. */
  hours: string | null;
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
  /** Office phone, the default 工作单联系人电话 (migration 2026120410). */
  phone: Generated<string | null>;
  password_hash: string;
  roles: z.infer<typeof roleSchema>[];
  department_id: string | null;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  /** Display only: the latest lock of this username from any address (login_failures decides). */
  locked_until: NullableTimestamp;
  /** Set when the password is known weak (the bootstrap admin's): sign-in must change it first. */
  must_change_password: Generated<boolean>;
  password_changed_at: Generated<Date>;
  /** A confirmed second factor (user_mfa) exists (migration 2026121100). */
  mfa_enabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Generated<Date>;
}

/** Failed sign-ins per (username as typed, lower-cased; source address); unknown usernames too. */
export interface LoginFailuresTable {
  username: string;
  source: string;
  failures: Generated<number>;
  locked_until: NullableTimestamp;
  last_failure_at: Timestamp;
}

/** The TOTP secret of a user (RFC 6238): pending until confirmed; last_step refuses replays. */
export interface UserMfaTable {
  user_id: string;
  secret: string;
  confirmed_at: NullableTimestamp;
  last_step: string | null;
  /** Wrong codes given with the right password, over all addresses; locks the factor for a while. */
  failures: Generated<number>;
  locked_until: NullableTimestamp;
  created_at: Timestamp;
}

/** Single-use recovery codes (Argon2id hashes). */
export interface UserRecoveryCodesTable {
  id: Id;
  user_id: string;
  code_hash: string;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

/** A center's security settings (MFA policy, retention); absent row = defaults. */
export interface CenterSecuritySettingsTable {
  center_id: string;
  mfa_required: Generated<boolean>;
  retention_days: Generated<number>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
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
  /** pg_lsn ("16/B374D848"): the primary's WAL position after the session's last write (ADR 0019). */
  read_after_lsn: string | null;
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
  /** Position in the hash chain; null until the sealer links the row (ADR 0014). */
  chain_seq: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/** One run of the audit sealer: the chain's head after it, to detect a deleted tail. */
export interface AuditSealsTable {
  id: Id;
  sealed_at: Timestamp;
  first_seq: string;
  last_seq: string;
  head_hash: string;
}

/** One archived audit month: where audit:verify resumes the chain (ADR 0017). Never changed. */
export interface AuditArchivesTable {
  id: Id;
  archived_at: Timestamp;
  partition_name: string;
  rows: string;
  first_seq: string | null;
  last_seq: string | null;
  anchor_seq: string;
  anchor_hash: string;
  /** [[seq, hash], …]: archived positions above the anchor. */
  links: Json<[string, string][]>;
  file: string;
}

/** Key ids personal data is (or was) encrypted under (migration 2026121200, lib/data-keys.ts). */
export interface DataKeysTable {
  key_id: string;
  seq: Generated<string>;
  registered_at: Timestamp;
  retired_at: NullableTimestamp;
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
  channel: Generated<OutboxChannel>;
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

/** One row per outbox dedupe key (its uniqueness; the partitioned outbox cannot hold it). */
export interface NotificationOutboxKeysTable {
  dedupe_key: string;
  created_at: Timestamp;
}

export interface SmsMessagesTable {
  id: Id;
  center_id: string;
  outbox_id: string;
  /** Encrypted (lib/personal-data.ts). */
  phone: string;
  /** HMAC blind index of the normalised phone (migration 2026121200). */
  phone_bidx: string | null;
  text: string;
  provider: string;
  sent_at: Timestamp;
}
