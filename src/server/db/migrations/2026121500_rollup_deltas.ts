import { type Kysely, sql } from "kysely";

/**
 * Intake without shared row locks (issue 14): the request transaction no longer upserts the shared
 * rollup rows (stats_daily: one per center, day and combination; appeal_terms_daily: one per center,
 * day and term), which every concurrent intake of a center would wait on until commit. It appends
 * one row per counter increment (or per term) here instead; a background job (results module,
 * `foldRollups`) moves committed deltas into the rollups, and every read sums the rollup and the
 * deltas not folded yet in one statement, so the figures stay exact at every moment.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  // A counter increment of one stats_daily cell (the counter's name, not a column per counter, so
  // a counter added to stats_daily later needs nothing here).
  await sql`create table stats_daily_delta (
    id bigserial primary key,
    center_id bigint not null references centers(id),
    day date not null,
    department_id bigint not null default 0,
    channel text not null,
    type text not null,
    category text not null default '',
    counter text not null,
    n int not null
  )`.execute(db);
  await sql`create index stats_daily_delta_center_day_idx on stats_daily_delta (center_id, day)`.execute(db);

  // One more appeal containing the term on that day.
  await sql`create table appeal_terms_delta (
    id bigserial primary key,
    center_id bigint not null references centers(id),
    day date not null,
    term text not null
  )`.execute(db);
  await sql`create index appeal_terms_delta_center_day_idx on appeal_terms_delta (center_id, day)`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists appeal_terms_delta`.execute(db);
  await sql`drop table if exists stats_daily_delta`.execute(db);
}
