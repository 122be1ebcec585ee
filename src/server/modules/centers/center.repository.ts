import type { CenterLevel } from "../../../contracts/enums.js";
import type { Db } from "../../db/database.js";
import { precompiled } from "../../db/precompiled.js";
import type { RowUpdate } from "../../db/schema.js";

const columns = [
  "id",
  "code",
  "name",
  "level",
  "parent_id",
  "timezone",
  "address",
  "phone",
  "hours",
] as const;

/** The oldest center: the one created on first start. */
export async function findFirstCenter(db: Db) {
  return db.selectFrom("centers").select(columns).orderBy("id", "asc").limit(1).executeTakeFirst();
}

export async function findCenter(db: Db, id: string) {
  return (await centerById(db, { id }))[0];
}

// Built once (issue 14): every lifecycle command reads its center.
const centerById = precompiled((db, p: { id: string }) =>
  db.selectFrom("centers").where("id", "=", p.id).select(columns),
);

export async function findCenterByCode(db: Db, code: string) {
  return db.selectFrom("centers").where("code", "=", code).select(columns).executeTakeFirst();
}

export async function listCenters(db: Db) {
  return db.selectFrom("centers").select(columns).orderBy("id", "asc").execute();
}

export async function insertCenter(
  db: Db,
  c: {
    code: string;
    name: string;
    level: CenterLevel;
    parentId: string | null;
    timezone: string;
    address: string | null;
    phone: string | null;
    hours?: string | null;
    now: Date;
  },
) {
  return db
    .insertInto("centers")
    .values({
      code: c.code,
      name: c.name,
      level: c.level,
      parent_id: c.parentId,
      timezone: c.timezone,
      address: c.address,
      phone: c.phone,
      hours: c.hours ?? null,
      created_at: c.now,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function updateCenter(db: Db, id: string, patch: RowUpdate<"centers">) {
  return db
    .updateTable("centers")
    .set(patch)
    .where("id", "=", id)
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function listCenterIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom("centers").select("id").orderBy("id").execute();
  return rows.map((r) => r.id);
}
