import { type Kysely, sql } from "kysely";

/**
 * 处置结果应用, phase 2 (issue 11): the facts behind every counter of stats_daily (drill-down from
 * a number to its appeals), per-day term counts for 热点分析, and the 重复诉求 counter.
 * See docs/metrics.md.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  // One row per counter increment of stats_daily, naming the appeal: the drill-down lists the
  // appeals of exactly the rows that were summed (same cell, same day, same counter).
  await sql`create table stats_facts (
    id bigserial primary key,
    center_id bigint not null references centers(id),
    day date not null,
    counter text not null,
    appeal_id bigint not null references appeals(id),
    department_id bigint not null default 0,
    channel text not null,
    type text not null,
    category text not null default ''
  )`.execute(db);
  await sql`create index stats_facts_counter_day_idx on stats_facts (center_id, counter, day, appeal_id)`.execute(
    db,
  );
  await sql`create index stats_facts_department_idx on stats_facts (center_id, department_id, counter, day, appeal_id)`.execute(
    db,
  );

  // 热点分析: how many appeals received on a local day contain a term (not raw occurrences).
  await sql`create table appeal_terms_daily (
    center_id bigint not null references centers(id),
    day date not null,
    term text not null,
    appeals int not null default 0,
    primary key (center_id, day, term)
  )`.execute(db);

  // 重复诉求: an appeal from a phone that already appealed to the center within 30 days.
  await sql`alter table stats_daily add column repeated int not null default 0`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table stats_daily drop column if exists repeated`.execute(db);
  await sql`drop table if exists appeal_terms_daily`.execute(db);
  await sql`drop table if exists stats_facts`.execute(db);
}
