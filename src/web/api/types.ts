/**
 * Response shapes of the API. The shared contracts (src/contracts) are the source of truth;
 * only types are imported here, so the schemas themselves stay out of the browser bundle.
 */
import type {
  Department as DepartmentDto,
  LoginResponse,
  Me as MeDto,
  User as UserDto,
} from "../../contracts/accounts.js";
import type {
  CalendarDay as CalendarDayDto,
  DeadlineResponse,
  TimeLimitPolicyRecord,
} from "../../contracts/calendar.js";
import type { TimeLimitPolicy as TimeLimitPolicyCore } from "../../core/time-limits.js";

export type Me = MeDto;
export type LoginResult = LoginResponse;
export type Department = DepartmentDto;
export type User = UserDto;
export type CalendarDay = CalendarDayDto;
export type Deadline = DeadlineResponse;
export type PolicyDoc = TimeLimitPolicyRecord;
export type TimeLimitPolicy = TimeLimitPolicyCore;
export type RuleN = TimeLimitPolicy["general"];
export type SkippedRange = Deadline["skipped"][number];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface IntegrationToken {
  id: string;
  name: string;
  source: string;
  centerId: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CalendarYears {
  loaded: { year: number; source: string; loadedAt: string }[];
  /** This year and next year when not loaded. */
  missing: number[];
  warning: string | null;
}

export interface CalendarImportResult {
  year: number;
  source: string;
  holidays: number;
  makeupWorkdays: number;
  otherOverrides: number;
  ignored: number;
  replaced: number;
}

export interface AuditEntry {
  id: string;
  at: string;
  centerId: string | null;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  details: unknown;
  ip: string | null;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  firstBrokenId?: string;
}
