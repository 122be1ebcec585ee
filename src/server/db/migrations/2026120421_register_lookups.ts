import { type Kysely, sql } from "kysely";

/**
 * Lookups of the supervision register for the 工作台 and the 销号清零 report: a department's open
 * items as lead or co-department (its to-do list), and the open items of given appeals.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index supervision_items_open_depts_idx on supervision_items using gin (department_ids)
    where closed_at is null`.execute(db);
  await sql`create index supervision_items_open_appeal_idx on supervision_items (appeal_id)
    where closed_at is null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists supervision_items_open_appeal_idx`.execute(db);
  await sql`drop index if exists supervision_items_open_depts_idx`.execute(db);
}
