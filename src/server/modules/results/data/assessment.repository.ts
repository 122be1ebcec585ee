import type { Db } from "../../../db/database.js";
import type { NewRow, Row } from "../../../db/schema.js";

/** SQL of the assessment weights (one row per center) and the published months (考核通报). */

export type PublicationRow = Row<"assessment_publications">;

export async function findWeights(db: Db, centerId: string) {
  return db.selectFrom("assessment_weights").selectAll().where("center_id", "=", centerId).executeTakeFirst();
}

/** Stores `weights` as version 1 when the center has none; true when this call inserted. */
export async function insertWeightsIfMissing(
  db: Db,
  centerId: string,
  weights: unknown,
  now: Date,
  updatedBy: string | null = null,
) {
  const r = await db
    .insertInto("assessment_weights")
    .values({
      center_id: centerId,
      weights: JSON.stringify(weights),
      version: 1,
      updated_by: updatedBy,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("center_id").doNothing())
    .returning("center_id")
    .executeTakeFirst();
  return r !== undefined;
}

/** Writes new weights when the stored version is `expectedVersion`; undefined otherwise (409). */
export async function updateWeightsIfVersion(
  db: Db,
  f: { centerId: string; weights: unknown; expectedVersion: number; updatedBy: string; now: Date },
) {
  return db
    .updateTable("assessment_weights")
    .set((eb) => ({
      weights: JSON.stringify(f.weights),
      version: eb("version", "+", 1),
      updated_by: f.updatedBy,
      updated_at: f.now,
    }))
    .where("center_id", "=", f.centerId)
    .where("version", "=", f.expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

/** The latest version of a month's publication (index assessment_publications_center_idx). */
export async function latestPublication(db: Db, centerId: string, month: string) {
  return db
    .selectFrom("assessment_publications")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("month", "=", month)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function insertPublication(
  trx: Db,
  row: NewRow<"assessment_publications">,
): Promise<PublicationRow> {
  return trx.insertInto("assessment_publications").values(row).returningAll().executeTakeFirstOrThrow();
}

/** The latest version of each published month, newest month first, months before `beforeMonth`. */
export async function listLatestPublications(
  db: Db,
  f: { centerId: string; month?: string; beforeMonth?: string; limit: number },
) {
  let q = db
    .selectFrom("assessment_publications")
    .selectAll()
    .distinctOn("month")
    .where("center_id", "=", f.centerId);
  if (f.month) q = q.where("month", "=", f.month);
  if (f.beforeMonth) q = q.where("month", "<", f.beforeMonth);
  return q.orderBy("month", "desc").orderBy("version", "desc").limit(f.limit).execute();
}
