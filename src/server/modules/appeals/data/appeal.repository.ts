import { type QueryCreator, sql } from "kysely";
import type { Db } from "../../../db/database.js";
import { precompiled } from "../../../db/precompiled.js";
import type { Database, NewRow, Row, RowUpdate } from "../../../db/schema.js";
import { type Writer, write } from "../../../db/write-batch.js";
import type { AppealScope } from "../scope.js";
import { type NewAppeal, openAppeal, openAppeals, sealAppeal } from "./requester-crypto.js";
import { scopeCondition } from "./scope-condition.js";

/**
 * All SQL on appeals, their timeline and the tracking counter. Functions take the db or a transaction.
 * The requester's personal fields are sealed on insert and opened on every read that returns
 * them (requester-crypto.ts): callers see plaintext, the tables hold ciphertext.
 */

export type AppealRow = Row<"appeals">;
export type AppealEventRow = Row<"appeal_events">;

/**
 * Next value of the center's daily tracking sequence inside the caller's transaction: the upsert
 * takes the counter row's lock until that transaction ends, so the numbers are distinct and
 * gap-free, but every other taker of the center waits for the whole transaction (函转 uses it).
 */
export async function nextTrackingSeq(trx: Db, centerId: string, day: string): Promise<number> {
  const r = await trx
    .insertInto("tracking_counters")
    .values({ center_id: centerId, day, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(["center_id", "day"]).doUpdateSet({ last_value: sql`tracking_counters.last_value + 1` }),
    )
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return r.last_value;
}

/**
 * Next value of the center's daily tracking sequence in a transaction of its own (one statement,
 * autocommit; call it with the pool, never inside a transaction): the counter row is locked only
 * for this statement, so intakes of one center run in parallel (issue 14). A number taken by an
 * intake that then fails is not reused: the sequence may have gaps, never duplicates (and
 * appeals_tracking_no is unique besides).
 *
 * The statement commits with synchronous_commit off (set_config local to its transaction), so it
 * does not wait for its own WAL flush while holding the row. That is safe: the appeal that uses
 * the number commits synchronously afterwards, and flushing its commit record flushes every WAL
 * record before it, this increment included; if the server crashes before that, no appeal holds
 * the number and reusing it is harmless.
 */
export async function takeTrackingSeq(db: Db, centerId: string, day: string): Promise<number> {
  const r = await sql<{ last_value: number }>`insert into tracking_counters (center_id, day, last_value)
    select ${centerId}::bigint, ${day}::date, 1 from (select set_config('synchronous_commit', 'off', true)) as local_setting
    on conflict (center_id, day) do update set last_value = tracking_counters.last_value + 1
    returning last_value`.execute(db);
  return r.rows[0]!.last_value;
}

/**
 * Inserts an appeal. A concurrent push with the same (source, externalId)
 * makes this a no-op (undefined) instead of an error, so the caller can
 * return the appeal the other request created.
 */
export async function insertAppeal(trx: Db, row: NewAppeal): Promise<AppealRow | undefined> {
  const [inserted] = await insertAppealRow(trx, sealAppeal(row));
  return inserted && openAppeal(inserted);
}

// Built and compiled once per column list (issue 14): intake's widest statement.
const insertAppealRow = precompiled((db, row: NewRow<"appeals">) =>
  db
    .insertInto("appeals")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["center_id", "source", "external_id"]).where("external_id", "is not", null).doNothing(),
    )
    .returningAll(),
);

export async function findByExternalId(
  db: Db,
  centerId: string,
  source: string,
  externalId: string,
): Promise<AppealRow | undefined> {
  return db
    .selectFrom("appeals")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("source", "=", source)
    .where("external_id", "=", externalId)
    .executeTakeFirst()
    .then((r) => r && openAppeal(r));
}

/** One appeal if it is inside the caller's scope (else undefined → 404). */
export async function findAppealInScope(
  db: Db,
  scope: AppealScope,
  id: string,
): Promise<AppealRow | undefined> {
  return db
    .selectFrom("appeals")
    .selectAll()
    .where("id", "=", id)
    .where((eb) => scopeCondition(eb, scope))
    .executeTakeFirst()
    .then((r) => r && openAppeal(r));
}

/** Appeals by id within the reader's scope (any order; drill-down pages of at most a few hundred ids). */
export async function findAppealsInScope(db: Db, scope: AppealScope, ids: string[]): Promise<AppealRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("appeals")
    .selectAll()
    .where("id", "in", ids)
    .where((eb) => scopeCondition(eb, scope))
    .execute()
    .then(openAppeals);
}

/**
 * Optimistic update: applies only while the row still has `version`, and
 * bumps it. Two concurrent writers read the same version; the second one's
 * UPDATE waits for the first's row lock, re-checks the condition, matches
 * nothing and returns undefined (→ 409 VERSION_CONFLICT).
 */
export async function updateAppealIfVersion(
  trx: Db,
  id: string,
  version: number,
  set: Omit<RowUpdate<"appeals">, "id" | "version" | "center_id">,
): Promise<AppealRow | undefined> {
  return trx
    .updateTable("appeals")
    .set({ ...set, version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .returningAll()
    .executeTakeFirst()
    .then((r) => r && openAppeal(r));
}

/**
 * Appends timeline events (the only writer of appeal_events: commands through
 * their CommandContext, supervision and calendar reconciliation through the
 * module's door). Chunked so a sweep's batch stays within the parameter limit.
 */
export async function insertAppealEvents(w: Writer, rows: NewRow<"appeal_events">[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const insert = (db: QueryCreator<Database>) =>
      db.insertInto("appeal_events").values(rows.slice(i, i + 1000));
    await write(w, () => [{ name: "events", query: insert }]);
  }
}

/** The timeline, oldest first (id order is insertion order). */
export async function listAppealEvents(
  db: Db,
  centerId: string,
  appealId: string,
): Promise<AppealEventRow[]> {
  return db
    .selectFrom("appeal_events")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("appeal_id", "=", appealId)
    .orderBy("id", "asc")
    .execute();
}

/**
 * Deadline fields changed by the system (calendar reconciliation). No version
 * guard: only these columns change, so a concurrent staff action loses
 * nothing — but the version is bumped so a form opened before the change
 * is told to refresh.
 */
export async function updateDeadlineFields(
  trx: Db,
  id: string,
  set: Pick<
    RowUpdate<"appeals">,
    | "respond_by"
    | "respond_by_provisional"
    | "respond_by_explanation"
    | "due_at"
    | "due_provisional"
    | "due_explanation"
    | "updated_at"
  >,
): Promise<void> {
  await trx
    .updateTable("appeals")
    .set({ ...set, version: sql`version + 1` })
    .where("id", "=", id)
    .execute();
}

/** Open appeals of a center whose first-response or due date is still provisional. */
export async function listProvisionalOpenAppeals(db: Db, centerId: string): Promise<AppealRow[]> {
  return db
    .selectFrom("appeals")
    .selectAll()
    .where("center_id", "=", centerId)
    .where((eb) =>
      eb.or([
        eb.and([eb("respond_by_provisional", "=", true), eb("responded_at", "is", null)]),
        eb.and([
          eb("due_provisional", "=", true),
          eb("status", "not in", ["rejected", "resolved", "closed", "transferred", "merged"]),
        ]),
      ]),
    )
    .orderBy("id")
    .execute()
    .then(openAppeals);
}

/** Requesters' phone numbers by appeal (SMS on behalf of other modules; never returned to them). */
export async function findPhones(db: Db, appealIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(appealIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("appeals").select(["id", "phone"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, openAppeal(r).phone]));
}

/** Tracking numbers by appeal (lists of other modules that show them). */
export async function findTrackingNumbers(db: Db, appealIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(appealIds)];
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("appeals").select(["id", "tracking_no"]).where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r.tracking_no]));
}

/** The first characters of each appeal's content (the board's excerpt column). */
export async function findExcerpts(db: Db, appealIds: string[], chars = 60): Promise<Map<string, string>> {
  const ids = [...new Set(appealIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("appeals")
    .select(["id", sql<string>`left(content, ${chars})`.as("excerpt")])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.excerpt]));
}
