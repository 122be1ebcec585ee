import type { Db } from "../../db/database.js";
import type { RowUpdate } from "../../db/schema.js";

const columns = ["code", "name", "parent_code", "position", "active"] as const;

export async function listCategories(db: Db, centerId: string, includeInactive: boolean) {
  let q = db.selectFrom("categories").where("center_id", "=", centerId).select(columns);
  // Active only: an item of a disabled group is not offered either (intake refuses it).
  if (!includeInactive) {
    q = q
      .where("active", "=", true)
      .where((eb) =>
        eb.or([
          eb("parent_code", "is", null),
          eb.exists(
            eb
              .selectFrom("categories as p")
              .select("p.code")
              .whereRef("p.center_id", "=", "categories.center_id")
              .whereRef("p.code", "=", "categories.parent_code")
              .where("p.active", "=", true),
          ),
        ]),
      );
  }
  return q.orderBy("position").orderBy("code").execute();
}

export async function findCategory(db: Db, centerId: string, code: string) {
  return db
    .selectFrom("categories")
    .where("center_id", "=", centerId)
    .where("code", "=", code)
    .select(columns)
    .executeTakeFirst();
}

export async function hasCategories(db: Db, centerId: string): Promise<boolean> {
  const r = await db
    .selectFrom("categories")
    .where("center_id", "=", centerId)
    .select("id")
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertCategories(
  db: Db,
  rows: {
    centerId: string;
    code: string;
    name: string;
    parentCode: string | null;
    position: number;
    now: Date;
  }[],
) {
  if (rows.length === 0) return [];
  return db
    .insertInto("categories")
    .values(
      rows.map((r) => ({
        center_id: r.centerId,
        code: r.code,
        name: r.name,
        parent_code: r.parentCode,
        position: r.position,
        created_at: r.now,
        updated_at: r.now,
      })),
    )
    .onConflict((oc) => oc.columns(["center_id", "code"]).doNothing())
    .returning(columns)
    .execute();
}

export async function updateCategory(db: Db, centerId: string, code: string, patch: RowUpdate<"categories">) {
  return db
    .updateTable("categories")
    .set(patch)
    .where("center_id", "=", centerId)
    .where("code", "=", code)
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function findCategoryNames(db: Db, centerId: string, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom("categories")
    .where("center_id", "=", centerId)
    .where("code", "in", [...new Set(codes)])
    .select(["code", "name", "parent_code"])
    .execute();
}
