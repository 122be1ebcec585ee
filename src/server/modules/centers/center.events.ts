/**
 * A center was created (inside its creating transaction): the calendar module
 * gives it the shipped holiday notices and the default time-limit policy.
 */
export interface CenterCreated {
  centerId: string;
  at: Date;
}

declare module "../../lib/events.js" {
  interface DomainEventMap {
    "center.created": CenterCreated;
  }
}
