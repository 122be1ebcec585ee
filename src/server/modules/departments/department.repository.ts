import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import type { RowUpdate } from "../../db/schema.js";

const columns = [
  "id",
  "center_id",
  "code",
  "name",
  "phone",
  "location",
  "services",
  "functions",
  "hours",
  "active",
  "created_at",
  "updated_at",
] as const;

export async function findDepartmentInCenter(db: Db, id: string, centerId: string) {
  return db
    .selectFrom("departments")
    .where("id", "=", id)
    .where("center_id", "=", centerId)
    .select(columns)
    .executeTakeFirst();
}

/** Departments of a center by id (dispatch checks, names for timelines and lists); others are absent. */
export async function findDepartmentsInCenter(db: Db, centerId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("departments")
    .select(["id", "name", "active", "phone", "location"])
    .where("center_id", "=", centerId)
    .where("id", "in", [...new Set(ids)])
    .execute();
}

/** Names of departments by id (any center): timelines, messages and lists that show them. */
export async function findDepartmentNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom("departments").select(["id", "name"]).where("id", "in", unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function departmentCodeTaken(db: Db, centerId: string, code: string): Promise<boolean> {
  const r = await db
    .selectFrom("departments")
    .where("center_id", "=", centerId)
    .where("code", "=", code)
    .select("id")
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertDepartment(
  db: Db,
  d: {
    centerId: string;
    code: string;
    name: string;
    phone: string | null;
    location: string | null;
    services: string[];
    functions?: string | null;
    hours?: string | null;
    now: Date;
  },
) {
  return db
    .insertInto("departments")
    .values({
      center_id: d.centerId,
      code: d.code,
      name: d.name,
      phone: d.phone,
      location: d.location,
      services: d.services,
      functions: d.functions ?? null,
      hours: d.hours ?? null,
      created_at: d.now,
      updated_at: d.now,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

export async function updateDepartment(db: Db, id: string, patch: RowUpdate<"departments">) {
  return db
    .updateTable("departments")
    .set(patch)
    .where("id", "=", id)
    .returning(columns)
    .executeTakeFirstOrThrow();
}

/** `q` matches code, name, location, functions or any service (staff look departments up by what they do). */
export async function listDepartments(
  db: Db,
  centerId: string,
  opts: { q?: string; includeInactive?: boolean },
) {
  let query = db.selectFrom("departments").where("center_id", "=", centerId).select(columns);
  if (!opts.includeInactive) query = query.where("active", "=", true);
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb("code", "ilike", like),
        eb("name", "ilike", like),
        eb("location", "ilike", like),
        eb(sql<string>`array_to_string(services, ' ')`, "ilike", like),
        eb("functions", "ilike", like),
      ]),
    );
  }
  return query.orderBy("code", "asc").execute();
}
