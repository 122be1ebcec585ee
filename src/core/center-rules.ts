import type { WorkCalendar } from "./calendar.js";
import type { TimeLimitPolicy } from "./time-limits.js";

/**
 * What every deadline of a center is counted with: its working-day calendar
 * (State Council notices plus the center's own edits), its time zone and its
 * time-limit policy (时限策略). Loaded once per change and passed in, so a
 * deadline inside a transaction is pure arithmetic (ADR 0009).
 */
export interface CenterRules {
  centerId: string;
  calendar: WorkCalendar;
  timeZone: string;
  policy: TimeLimitPolicy;
}
