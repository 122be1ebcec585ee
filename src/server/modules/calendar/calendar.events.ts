import type { CenterRules } from "../../../core/center-rules.js";

/**
 * "A year's holiday notice became loaded" (import, an admin marking a year
 * loaded, or a newly shipped notice seeded at start), emitted inside the
 * loading transaction: a subscriber that throws rolls the import back. ADR 0005:
 * the appeal lifecycle settles provisional deadlines on it.
 */
export interface YearLoaded {
  centerId: string;
  year: number;
  source: string;
  /** The center's rules as they are inside the loading transaction (the new year included). */
  rules: CenterRules;
  actorId: string | null;
  at: Date;
}

declare module "../../lib/events.js" {
  interface DomainEventMap {
    "calendar.yearLoaded": YearLoaded;
  }
}
