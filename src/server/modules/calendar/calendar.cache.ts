import { WorkCalendar } from "../../../core/calendar.js";
import type { Db } from "../../db/database.js";
import { notFound } from "../../errors.js";
import * as repo from "./calendar.repository.js";

/**
 * Per-center WorkCalendar cache. Building the index is cheap but not free, and
 * every intake computes deadlines, so each instance keeps one calendar per
 * center and checks a one-row DB marker (counts and newest change times) on
 * every use: an edit made through any instance is seen on the next call.
 * A local version counter additionally drops the entry at once after a local
 * edit. Entries are keyed by the Kysely instance, so a second database (tests,
 * a second "instance") never shares entries; a transaction object gets its own
 * short-lived entry and sees its own uncommitted writes.
 */
interface Entry {
  marker: string;
  version: number;
  calendar: WorkCalendar;
  timeZone: string;
}

const caches = new WeakMap<Db, Map<string, Entry>>();
const versions = new Map<string, number>();

/** Drops cached calendars of a center in this process (call after a committed edit). */
export function invalidateCalendar(centerId: string): void {
  versions.set(centerId, (versions.get(centerId) ?? 0) + 1);
}

/** Reads and indexes a center's calendar without any cache (inside transactions). */
export async function loadCalendar(
  db: Db,
  centerId: string,
): Promise<{ calendar: WorkCalendar; timeZone: string }> {
  const timeZone = await repo.findCenterTimeZone(db, centerId);
  if (timeZone === undefined) throw notFound("中心");
  const [overrides, years] = await Promise.all([
    repo.listOverrides(db, centerId),
    repo.listLoadedYears(db, centerId),
  ]);
  return {
    calendar: WorkCalendar.build(
      overrides,
      years.map((y) => y.year),
    ),
    timeZone,
  };
}

/** The center's calendar and time zone, cached and checked against the DB marker. */
export async function getCalendarEntry(
  db: Db,
  centerId: string,
): Promise<{ calendar: WorkCalendar; timeZone: string }> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const version = versions.get(centerId) ?? 0;
  // The marker is read before the data: a change committed in between only causes one extra rebuild.
  const marker = await repo.calendarMarker(db, centerId);
  const hit = cache.get(centerId);
  if (hit && hit.marker === marker && hit.version === version) return hit;
  const loaded = await loadCalendar(db, centerId);
  const entry = { marker, version, ...loaded };
  cache.set(centerId, entry);
  return entry;
}

/** The center's WorkCalendar (cached; see getCalendarEntry). */
export async function getCalendar(db: Db, centerId: string): Promise<WorkCalendar> {
  return (await getCalendarEntry(db, centerId)).calendar;
}
