import type { Db } from "../../../db/database.js";

export type ModelTarget = "department" | "type" | "category";

/** Which models a center has (no model text: cheap, for the cache check). */
export async function listModelStamps(db: Db, centerId: string) {
  return db
    .selectFrom("assist_models")
    .select(["target", "examples", "trained_at"])
    .where("center_id", "=", centerId)
    .execute();
}

export async function loadModelText(db: Db, centerId: string, target: ModelTarget): Promise<string | null> {
  const row = await db
    .selectFrom("assist_models")
    .select("model")
    .where("center_id", "=", centerId)
    .where("target", "=", target)
    .executeTakeFirst();
  return row?.model ?? null;
}

/** Replaces a center's models with these (targets without a model are removed). */
export async function replaceModels(
  trx: Db,
  centerId: string,
  models: { target: ModelTarget; model: string; examples: number }[],
  at: Date,
): Promise<void> {
  await trx.deleteFrom("assist_models").where("center_id", "=", centerId).execute();
  if (models.length === 0) return;
  await trx
    .insertInto("assist_models")
    .values(models.map((m) => ({ center_id: centerId, ...m, trained_at: at })))
    .execute();
}
