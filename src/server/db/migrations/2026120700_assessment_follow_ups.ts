import { type Kysely, sql } from "kysely";

/**
 * 处置结果应用, phase 2 (issue 11): department assessment (考核) with per-center weights and
 * frozen, versioned publications (通报考核结果), and follow-up duties (回访任务): every closed
 * appeal not rated yet, and every bad rating given on the portal (tracked on the supervision
 * register as kind `follow_up`).
 */
const KINDS = `'work_order','milestone','first_response','review','deployment','closeout','letter_transfer','rectification','follow_up'`;

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  // Weights as data: one row per center, versioned for optimistic concurrency (defaults until edited).
  await sql`create table assessment_weights (
    center_id bigint primary key references centers(id),
    weights jsonb not null,
    version int not null default 1,
    updated_by bigint references users(id),
    updated_at timestamptz not null
  )`.execute(db);

  // A published month: the ranking frozen as computed, one row per version.
  await sql`create table assessment_publications (
    id bigserial primary key,
    center_id bigint not null references centers(id),
    month text not null check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    version int not null check (version >= 1),
    weights jsonb not null,
    items jsonb not null,
    fingerprint text not null,
    -- false when published before the month ended (月中数据)
    complete boolean not null,
    published_at timestamptz not null,
    published_by bigint references users(id),
    published_by_name text not null,
    unique (center_id, month, version)
  )`.execute(db);
  await sql`create index assessment_publications_center_idx
    on assessment_publications (center_id, month desc, version desc)`.execute(db);

  await sql`create table follow_up_duties (
    id bigserial primary key,
    center_id bigint not null references centers(id),
    appeal_id bigint not null references appeals(id),
    reason text not null check (reason in ('closed','bad_rating')),
    rating_id bigint references ratings(id),
    status text not null check (status in ('open','done','waived')),
    due_at timestamptz not null,
    created_at timestamptz not null,
    closed_at timestamptz,
    follow_up_id bigint references follow_ups(id),
    check ((status = 'open') = (closed_at is null)),
    check ((reason = 'bad_rating') = (rating_id is not null))
  )`.execute(db);
  // At most one open duty per appeal and reason (a close-out retried, a reopened appeal closed again).
  await sql`create unique index follow_up_duties_open_uq on follow_up_duties (center_id, appeal_id, reason)
    where status = 'open'`.execute(db);
  await sql`create unique index follow_up_duties_rating_uq on follow_up_duties (rating_id)
    where rating_id is not null`.execute(db);
  // The queue: open duties soonest due first; the closed ones newest first; an appeal's duties.
  await sql`create index follow_up_duties_queue_idx on follow_up_duties (center_id, status, due_at, id)`.execute(
    db,
  );
  await sql`create index follow_up_duties_done_idx on follow_up_duties (center_id, status, id desc)`.execute(
    db,
  );
  await sql`create index follow_up_duties_appeal_idx on follow_up_duties (center_id, appeal_id, status)`.execute(
    db,
  );

  for (const [table, kinds] of [
    ["supervision_timers", `${KINDS},'supervision_order'`],
    ["supervision_records", `${KINDS},'supervision_order'`],
    ["supervision_items", KINDS],
  ] as const) {
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.ref(`${table}_target_kind_check`)}`.execute(
      db,
    );
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_target_kind_check`)}
      check (target_kind in (${sql.raw(kinds)}))`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["follow_up_duties", "assessment_publications", "assessment_weights"]) {
    await sql`drop table if exists ${sql.raw(t)}`.execute(db);
  }
}
