import { type Kysely, sql } from "kysely";

/**
 * 处置结果应用 (issue 11): ratings (好差评), follow-up calls (回访), rectifications (整改) of
 * bad ratings, and the daily rollup the figures are read from (docs/metrics.md). Every table
 * carries center_id, and every list has its index.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table ratings (
    id bigserial primary key,
    center_id bigint not null references centers(id),
    appeal_id bigint not null references appeals(id),
    round int not null check (round >= 1),
    level int not null check (level between 1 and 5),
    resolved boolean,
    comment text,
    source text not null check (source in ('portal','follow_up')),
    created_at timestamptz not null,
    disputed_at timestamptz,
    dispute_reason text,
    disputed_by bigint references users(id),
    unique (center_id, appeal_id, round)
  )`.execute(db);
  await sql`create index ratings_center_created_idx on ratings (center_id, created_at desc, id desc)`.execute(
    db,
  );

  await sql`create table follow_ups (
    id bigserial primary key,
    center_id bigint not null references centers(id),
    appeal_id bigint not null references appeals(id),
    method text not null check (method in ('phone','sms','visit')),
    reached boolean not null,
    level int check (level between 1 and 5),
    resolved boolean,
    comment text,
    rating_id bigint references ratings(id),
    created_at timestamptz not null,
    created_by bigint references users(id),
    created_by_name text not null
  )`.execute(db);
  await sql`create index follow_ups_appeal_idx on follow_ups (center_id, appeal_id, id)`.execute(db);

  await sql`create table rectifications (
    id bigserial primary key,
    center_id bigint not null references centers(id),
    appeal_id bigint not null references appeals(id),
    rating_id bigint not null unique references ratings(id),
    department_id bigint references departments(id),
    status text not null check (status in ('open','done')),
    started_at timestamptz not null,
    due_at timestamptz not null,
    result text,
    completed_at timestamptz,
    completed_by bigint references users(id),
    completed_by_name text,
    check ((status = 'done') = (completed_at is not null))
  )`.execute(db);
  await sql`create index rectifications_center_status_idx on rectifications (center_id, status, id desc)`.execute(
    db,
  );
  await sql`create index rectifications_department_idx on rectifications (center_id, department_id, status, id desc)`.execute(
    db,
  );
  await sql`create index rectifications_appeal_idx on rectifications (center_id, appeal_id, id)`.execute(db);

  // First response and first decision of each appeal, so each is counted once (docs/metrics.md).
  await sql`create table result_appeal_marks (
    center_id bigint not null references centers(id),
    appeal_id bigint not null references appeals(id),
    mark text not null check (mark in ('responded','decided')),
    at timestamptz not null,
    primary key (center_id, appeal_id, mark)
  )`.execute(db);

  // One row per center, local day and combination of department (0 = the center itself), channel,
  // type and category ('' = none): the summary sums at most days × combinations rows.
  await sql`create table stats_daily (
    center_id bigint not null references centers(id),
    day date not null,
    department_id bigint not null default 0,
    channel text not null,
    type text not null,
    category text not null default '',
    received int not null default 0,
    accepted int not null default 0,
    rejected int not null default 0,
    resolved_on_spot int not null default 0,
    dispatched int not null default 0,
    closed int not null default 0,
    responded int not null default 0,
    responded_on_time int not null default 0,
    on_time int not null default 0,
    overdue int not null default 0,
    extended int not null default 0,
    returned int not null default 0,
    supervised int not null default 0,
    noticed int not null default 0,
    rated int not null default 0,
    level5 int not null default 0,
    level4 int not null default 0,
    level3 int not null default 0,
    level2 int not null default 0,
    level1 int not null default 0,
    resolved_by_requester int not null default 0,
    disputed int not null default 0,
    rectifications_opened int not null default 0,
    rectifications_done int not null default 0,
    primary key (center_id, day, department_id, channel, type, category)
  )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["stats_daily", "result_appeal_marks", "rectifications", "follow_ups", "ratings"]) {
    await sql`drop table if exists ${sql.raw(t)}`.execute(db);
  }
}
