/**
 * Response shapes of the API: the types inferred from the contracts' schemas (src/contracts),
 * named the way the console's code calls them. Only types are imported here, so this file adds
 * nothing to the bundle.
 */
export type {
  Department,
  IntegrationToken,
  LoginResponse as LoginResult,
  Me,
  User,
} from "../../contracts/accounts.js";
export type { AuditEntry, AuditVerify } from "../../contracts/audit.js";
export type {
  CalendarDay,
  CalendarImportResult,
  CalendarYears,
  DeadlineResponse as Deadline,
  DeadlineSpec as RuleN,
  TimeLimitPolicy,
  TimeLimitPolicyRecord as PolicyDoc,
} from "../../contracts/calendar.js";
export type { Page } from "../../contracts/common.js";
