/** Response shapes of the API (see API.md and the issue-2 contract). */
import type { DayKind, DeadlineRule, Role } from "../../contracts/enums.js";

export interface Me {
  id: string;
  username: string;
  displayName: string;
  post: string | null;
  roles: Role[];
  departmentId: string | null;
  centerId: string;
  centerName: string;
  departmentName: string | null;
  timezone?: string;
}

export interface LoginResult {
  user: Me;
  token: string;
  csrfToken: string;
  csrfHeader: string;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  phone: string | null;
  location: string | null;
  services: string[];
  active: boolean;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  post: string | null;
  roles: Role[];
  departmentId: string | null;
  active: boolean;
  lockedUntil: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface IntegrationToken {
  id: string;
  name: string;
  source: string;
  createdAt?: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

export interface CalendarDay {
  date: string;
  working: boolean;
  kind: DayKind;
  name?: string | null;
}

export interface CalendarYear {
  year: number;
  source?: string;
  loadedAt?: string;
}

export interface CalendarYears {
  years: CalendarYear[];
  warning?: string | null;
}

export interface SkippedRange {
  from: string;
  to: string;
  kind: DayKind;
  name?: string | null;
}

export interface Deadline {
  dueAt: string;
  dueDate: string;
  rule: DeadlineRule;
  n: number;
  provisional: boolean;
  skipped: SkippedRange[];
  explanation: string;
}

export interface RuleN {
  rule: DeadlineRule;
  n: number;
}

export interface TimeLimitPolicy {
  firstResponse: RuleN;
  simple: RuleN;
  general: RuleN;
  multiDepartment: RuleN;
  major: RuleN;
  reminder: { workingDaysBefore: number; fractionRemaining: number };
  supervisionDeadline: RuleN;
}

export interface PolicyDoc {
  version: number;
  policy: TimeLimitPolicy;
}

export interface AuditEntry {
  id: string;
  at: string;
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
  firstBrokenId?: string | null;
}
