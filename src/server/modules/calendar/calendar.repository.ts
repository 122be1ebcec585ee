import { sql } from "kysely";
import type { DayKind } from "../../../contracts/enums.js";
import type { Db } from "../../db/database.js";

/** All SQL of the calendar module: day overrides, loaded years, time-limit policies. */

export async function listOverrides(db: Db, centerId: string) {
  return db
    .selectFrom("calendar_days")
    .where("center_id", "=", centerId)
    .select(["date", "kind", "name"])
    .orderBy("date")
    .execute();
}

export async function listOverridesOfYear(db: Db, centerId: string, year: number) {
  return db
    .selectFrom("calendar_days")
    .where("center_id", "=", centerId)
    .where("date", ">=", `${year}-01-01`)
    .where("date", "<=", `${year}-12-31`)
    .select(["date", "kind", "name", "source"])
    .orderBy("date")
    .execute();
}

export async function findOverride(db: Db, centerId: string, date: string) {
  return db
    .selectFrom("calendar_days")
    .where("center_id", "=", centerId)
    .where("date", "=", date)
    .select(["date", "kind", "name", "source"])
    .executeTakeFirst();
}

/**
 * Writes one override. updated_at uses the database clock (not the app clock)
 * so it is a monotone change marker shared by every instance.
 */
export async function upsertOverride(
  db: Db,
  o: {
    centerId: string;
    date: string;
    kind: DayKind;
    name: string | null;
    source: string;
    updatedBy: string | null;
  },
) {
  await db
    .insertInto("calendar_days")
    .values({
      center_id: o.centerId,
      date: o.date,
      kind: o.kind,
      name: o.name,
      source: o.source,
      updated_by: o.updatedBy,
      updated_at: sql<Date>`clock_timestamp()`,
    })
    .onConflict((oc) =>
      oc.columns(["center_id", "date"]).doUpdateSet({
        kind: o.kind,
        name: o.name,
        source: o.source,
        updated_by: o.updatedBy,
        updated_at: sql<Date>`clock_timestamp()`,
      }),
    )
    .execute();
}

/** Inserts overrides, keeping any existing row (seeding never overwrites an admin's edit). */
export async function insertOverridesKeepExisting(
  db: Db,
  centerId: string,
  days: { date: string; kind: DayKind; name: string | null }[],
  source: string,
): Promise<number> {
  if (days.length === 0) return 0;
  const res = await db
    .insertInto("calendar_days")
    .values(
      days.map((d) => ({
        center_id: centerId,
        date: d.date,
        kind: d.kind,
        name: d.name,
        source,
        updated_by: null,
        updated_at: sql<Date>`clock_timestamp()`,
      })),
    )
    .onConflict((oc) => oc.columns(["center_id", "date"]).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}

export async function deleteOverride(db: Db, centerId: string, date: string): Promise<boolean> {
  const r = await db
    .deleteFrom("calendar_days")
    .where("center_id", "=", centerId)
    .where("date", "=", date)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteOverridesOfYear(db: Db, centerId: string, year: number): Promise<number> {
  const r = await db
    .deleteFrom("calendar_days")
    .where("center_id", "=", centerId)
    .where("date", ">=", `${year}-01-01`)
    .where("date", "<=", `${year}-12-31`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function listLoadedYears(db: Db, centerId: string) {
  return db
    .selectFrom("calendar_years")
    .where("center_id", "=", centerId)
    .select(["year", "source", "loaded_at"])
    .orderBy("year")
    .execute();
}

export async function isYearLoaded(db: Db, centerId: string, year: number): Promise<boolean> {
  const r = await db
    .selectFrom("calendar_years")
    .where("center_id", "=", centerId)
    .where("year", "=", year)
    .select("year")
    .executeTakeFirst();
  return r !== undefined;
}

export async function markYearLoaded(
  db: Db,
  y: { centerId: string; year: number; source: string; loadedBy: string | null },
): Promise<void> {
  await db
    .insertInto("calendar_years")
    .values({
      center_id: y.centerId,
      year: y.year,
      source: y.source,
      loaded_by: y.loadedBy,
      loaded_at: sql<Date>`clock_timestamp()`,
    })
    .onConflict((oc) =>
      oc.columns(["center_id", "year"]).doUpdateSet({
        source: y.source,
        loaded_by: y.loadedBy,
        loaded_at: sql<Date>`clock_timestamp()`,
      }),
    )
    .execute();
}

/**
 * A cheap fingerprint of a center's calendar: row counts and newest change
 * times of its overrides and loaded years. Every write sets updated_at /
 * loaded_at from the database clock, and a delete lowers a count, so any
 * change by any instance changes the marker.
 */
/** What the cached rules of a center depend on: calendar days and years, time zone, policy version. */
export async function rulesMarker(db: Db, centerId: string): Promise<string> {
  const r = await sql<{ marker: string }>`
    select concat_ws('|',
      coalesce((select version from time_limit_policies where center_id = ${centerId})::text, '-'),
      (select count(*) from calendar_days where center_id = ${centerId}),
      coalesce((select max(updated_at)::text from calendar_days where center_id = ${centerId}), '-'),
      (select count(*) from calendar_years where center_id = ${centerId}),
      coalesce((select max(loaded_at)::text from calendar_years where center_id = ${centerId}), '-'),
      coalesce((select timezone from centers where id = ${centerId}), '-')
    ) as marker`.execute(db);
  return r.rows[0]?.marker ?? "";
}

export async function findCenterTimeZone(db: Db, centerId: string): Promise<string | undefined> {
  const r = await db.selectFrom("centers").where("id", "=", centerId).select("timezone").executeTakeFirst();
  return r?.timezone;
}

export async function findPolicy(db: Db, centerId: string) {
  return db
    .selectFrom("time_limit_policies")
    .where("center_id", "=", centerId)
    .select(["policy", "version", "updated_at"])
    .executeTakeFirst();
}

export async function insertPolicyIfMissing(
  db: Db,
  centerId: string,
  policy: unknown,
  now: Date,
): Promise<boolean> {
  const r = await db
    .insertInto("time_limit_policies")
    .values({
      center_id: centerId,
      policy: JSON.stringify(policy),
      version: 1,
      updated_by: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("center_id").doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Compare-and-set on version: returns the new row, or undefined when the version was stale. */
export async function updatePolicyIfVersion(
  db: Db,
  p: { centerId: string; policy: unknown; expectedVersion: number; updatedBy: string | null; now: Date },
) {
  return db
    .updateTable("time_limit_policies")
    .set({
      policy: JSON.stringify(p.policy),
      version: sql<number>`version + 1`,
      updated_by: p.updatedBy,
      updated_at: p.now,
    })
    .where("center_id", "=", p.centerId)
    .where("version", "=", p.expectedVersion)
    .returning(["policy", "version", "updated_at"])
    .executeTakeFirst();
}

/**
 * Serialises calendar-year writes of one center (import, seeding, marking a
 * year loaded) across instances, so a year is loaded — and its listeners run —
 * exactly once. Held until the caller's transaction ends.
 */
export async function lockCenterCalendar(db: Db, centerId: string): Promise<boolean> {
  const r = await db
    .selectFrom("centers")
    .where("id", "=", centerId)
    .select("id")
    .forUpdate()
    .executeTakeFirst();
  return r !== undefined;
}
