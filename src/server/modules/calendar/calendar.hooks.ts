import type { WorkCalendar } from "../../../core/calendar.js";
import type { Db } from "../../db/database.js";

/** What a listener learns when a year's holiday notice becomes loaded for a center. */
export interface YearLoadedEvent {
  centerId: string;
  year: number;
  source: string;
  /** The center's calendar as it is inside the loading transaction (the new year included). */
  calendar: WorkCalendar;
  timeZone: string;
  actorId: string | null;
  at: Date;
}

/** Runs inside the loading transaction: throwing rolls the whole import back. */
export type YearLoadedListener = (trx: Db, event: YearLoadedEvent) => Promise<void>;

const listeners = new Set<YearLoadedListener>();

/**
 * Subscribes to "a year was loaded" (import, admin marking a year loaded, or a
 * newly shipped notice seeded at start). ADR 0005: the appeals module uses it to
 * recompute provisional deadlines in the same transaction. Returns an unsubscribe.
 */
export function onYearLoaded(listener: YearLoadedListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function fireYearLoaded(trx: Db, event: YearLoadedEvent): Promise<void> {
  for (const l of [...listeners]) await l(trx, event);
}
