import { type Kysely, sql } from "kysely";

/**
 * The retention sweep's work list also holds merged repeats (并单 is a final state since
 * 2026121000_assist): the partial index must carry the same status list as the claim query, or
 * the planner cannot use it and every hourly run reads every finished appeal.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists appeals_retention_idx`.execute(db);
  await sql`create index appeals_retention_idx on appeals
    ((coalesce(closed_at, resolved_at, responded_at, received_at)), id)
    where anonymized_at is null and status in ('closed', 'transferred', 'resolved', 'rejected', 'merged')`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists appeals_retention_idx`.execute(db);
  await sql`create index appeals_retention_idx on appeals
    ((coalesce(closed_at, resolved_at, responded_at, received_at)), id)
    where anonymized_at is null and status in ('closed', 'transferred', 'resolved', 'rejected')`.execute(db);
}
