import { type Kysely, sql } from "kysely";

/**
 * Assist (issue 12): the per-center suggestion models, repeat-detection fingerprints on appeals
 * (SimHash and its bands, GIN-indexed), the merge of a repeat into the original (status `merged`
 * and `merged_into_id`), and the `merged` counter of the daily rollup. Appeals recorded before
 * this migration have no fingerprint: they are found as repeats by phone only.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table appeals add column merged_into_id bigint references appeals(id)`.execute(db);
  await sql`alter table appeals add column simhash bigint`.execute(db);
  await sql`alter table appeals add column sim_bands integer[] not null default '{}'`.execute(db);
  await sql`create index appeals_sim_bands_idx on appeals using gin (sim_bands)`.execute(db);
  await sql`create index appeals_merged_into_idx on appeals (center_id, merged_into_id)
    where merged_into_id is not null`.execute(db);
  await sql`alter table appeals drop constraint appeals_status_check`.execute(db);
  await sql`alter table appeals add constraint appeals_status_check check (status in
    ('received','rejected','resolved','transferred','dispatched','replied','closed','merged'))`.execute(db);
  await sql`alter table appeals add constraint appeals_merged_into_not_self check (merged_into_id <> id)`.execute(
    db,
  );

  await sql`alter table stats_daily add column merged int not null default 0`.execute(db);

  await sql`create table assist_models (
    center_id bigint not null references centers(id),
    target text not null check (target in ('department','type','category')),
    model text not null,
    examples int not null,
    trained_at timestamptz not null,
    primary key (center_id, target)
  )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table assist_models`.execute(db);
  await sql`alter table stats_daily drop column merged`.execute(db);
  await sql`alter table appeals drop constraint appeals_merged_into_not_self`.execute(db);
  await sql`alter table appeals drop constraint appeals_status_check`.execute(db);
  await sql`alter table appeals add constraint appeals_status_check check (status in
    ('received','rejected','resolved','transferred','dispatched','replied','closed'))`.execute(db);
  await sql`alter table appeals drop column sim_bands, drop column simhash, drop column merged_into_id`.execute(
    db,
  );
}
