import { type Kysely, sql } from "kysely";

/**
 * The standard's limits as written (DESIGN.md §3): it writes "1个工作日" where it means working
 * days and plain "天" elsewhere, so the shipped defaults for general (3 days) and
 * multi-department (7 days) matters become calendar days. Stored policies that still carry the
 * old defaults (3 and 7 working days, looser than the standard) are moved to the new ones;
 * deadlines already given are not touched.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update time_limit_policies
    set policy = jsonb_set(policy, '{general}', '{"rule":"calendar_days","n":3}'::jsonb)
    where policy->'general' = '{"rule":"working_days","n":3}'::jsonb`.execute(db);
  await sql`update time_limit_policies
    set policy = jsonb_set(policy, '{multiDepartment}', '{"rule":"calendar_days","n":7}'::jsonb)
    where policy->'multiDepartment' = '{"rule":"working_days","n":7}'::jsonb`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(_db: Kysely<any>): Promise<void> {
  // The old defaults were looser than the standard; nothing to restore.
}
