import { type Kysely, sql } from "kysely";

/**
 * Growth (issue 14, ADR 0017): the four append-only tables become range-partitioned by month on
 * their timestamp, so an old month is one table that can be detached, dumped and dropped.
 *
 * Each table is rebuilt: a partitioned copy with the same columns, CHECK constraints and identity
 * (LIKE … INCLUDING), monthly partitions from the oldest row's month to three months ahead plus a
 * DEFAULT partition (an insert never fails), every row copied with its id, the old table dropped,
 * the new one renamed into place, its sequence moved past the highest id, and the indexes,
 * foreign keys and triggers recreated. Months are China Standard Time (UTC+8, no daylight saving).
 *
 * What the partition key forces (every unique key must contain it):
 * - primary keys become (id, <timestamp>);
 * - audit_log.chain_seq is no longer unique by index (the sealer, under its advisory lock, is the
 *   only writer of chain positions, and audit:verify walks them one by one);
 * - notification_outbox.dedupe_key: its uniqueness moves to notification_outbox_keys (one row per
 *   key, written in the same statement as the message), since a retried action stamps a new time;
 * - sms_messages.outbox_id is no longer unique by index (recordSmsMessage serialises per outbox
 *   row with an advisory lock) and no longer a foreign key (an outbox row's key is (id, created_at)
 *   and both tables are archived month by month).
 */

/** Partition bounds are local months of China Standard Time. */
const OFFSET_HOURS = 8;
const AHEAD_MONTHS = 3;
/** Months older than this many before now stay in the DEFAULT partition (bogus or test data). */
const MAX_BACK_MONTHS = 240;

interface Spec {
  table: string;
  key: string;
  /** Statements run after the rebuilt table has its name (indexes, constraints, triggers). */
  after: string[];
}

const PARTITIONED: Spec[] = [
  {
    table: "appeal_events",
    key: "at",
    after: [
      "alter table appeal_events add constraint appeal_events_pkey primary key (id, at)",
      "create index appeal_events_appeal_idx on appeal_events (appeal_id, id)",
      "alter table appeal_events add constraint appeal_events_appeal_id_fkey foreign key (appeal_id) references appeals (id)",
      "alter table appeal_events add constraint appeal_events_center_id_fkey foreign key (center_id) references centers (id)",
    ],
  },
  {
    table: "audit_log",
    key: "at",
    after: [
      "alter table audit_log add constraint audit_log_pkey primary key (id, at)",
      "create index audit_log_at_idx on audit_log (center_id, id)",
      "create index audit_log_center_at_idx on audit_log (center_id, at)",
      "create index audit_log_chain_seq_idx on audit_log (chain_seq)",
      "create index audit_log_unsealed_idx on audit_log (id) where chain_seq is null",
      "alter table audit_log add constraint audit_log_center_id_fkey foreign key (center_id) references centers (id)",
      "create trigger audit_log_guard before update or delete on audit_log for each row execute function audit_log_guard()",
    ],
  },
  {
    table: "notification_outbox",
    key: "created_at",
    after: [
      "alter table notification_outbox add constraint notification_outbox_pkey primary key (id, created_at)",
      "create index notification_outbox_due_idx on notification_outbox (status, next_attempt_at)",
      // The worker's claim: in a month whose messages are all sent this index is empty, so the
      // claim reads one empty index page per partition and no heap.
      `create index notification_outbox_sms_due_idx on notification_outbox (next_attempt_at, id)
         where channel = 'sms' and status in ('pending', 'sending')`,
      "create index notification_outbox_appeal_idx on notification_outbox (appeal_id)",
      "create index notification_outbox_dedupe_idx on notification_outbox (dedupe_key)",
      `create index notification_outbox_calls_idx on notification_outbox (center_id, next_attempt_at, id)
         where channel = 'call' and status = 'pending'`,
      "alter table notification_outbox add constraint notification_outbox_center_id_fkey foreign key (center_id) references centers (id)",
    ],
  },
  {
    table: "sms_messages",
    key: "sent_at",
    after: [
      "alter table sms_messages add constraint sms_messages_pkey primary key (id, sent_at)",
      "create index sms_messages_outbox_idx on sms_messages (outbox_id)",
      "create index sms_messages_center_idx on sms_messages (center_id, id)",
      "create index sms_messages_phone_bidx_idx on sms_messages (center_id, phone_bidx, id)",
      "alter table sms_messages add constraint sms_messages_center_id_fkey foreign key (center_id) references centers (id)",
    ],
  },
];

/** The tables as they were before (for down). */
const PLAIN: Spec[] = [
  {
    table: "appeal_events",
    key: "at",
    after: [
      "alter table appeal_events add constraint appeal_events_pkey primary key (id)",
      "create index appeal_events_appeal_idx on appeal_events (appeal_id, id)",
      "alter table appeal_events add constraint appeal_events_appeal_id_fkey foreign key (appeal_id) references appeals (id)",
      "alter table appeal_events add constraint appeal_events_center_id_fkey foreign key (center_id) references centers (id)",
    ],
  },
  {
    table: "audit_log",
    key: "at",
    after: [
      "alter table audit_log add constraint audit_log_pkey primary key (id)",
      "create index audit_log_at_idx on audit_log (center_id, id)",
      "create index audit_log_center_at_idx on audit_log (center_id, at)",
      "create unique index audit_log_chain_seq_uq on audit_log (chain_seq)",
      "create index audit_log_unsealed_idx on audit_log (id) where chain_seq is null",
      "alter table audit_log add constraint audit_log_center_id_fkey foreign key (center_id) references centers (id)",
      "create trigger audit_log_guard before update or delete on audit_log for each row execute function audit_log_guard()",
    ],
  },
  {
    table: "notification_outbox",
    key: "created_at",
    after: [
      "alter table notification_outbox add constraint notification_outbox_pkey primary key (id)",
      "alter table notification_outbox add constraint notification_outbox_dedupe_key_key unique (dedupe_key)",
      "create index notification_outbox_due_idx on notification_outbox (status, next_attempt_at)",
      "create index notification_outbox_appeal_idx on notification_outbox (appeal_id)",
      `create index notification_outbox_calls_idx on notification_outbox (center_id, next_attempt_at, id)
         where channel = 'call' and status = 'pending'`,
      "alter table notification_outbox add constraint notification_outbox_center_id_fkey foreign key (center_id) references centers (id)",
    ],
  },
  {
    table: "sms_messages",
    key: "sent_at",
    after: [
      "alter table sms_messages add constraint sms_messages_pkey primary key (id)",
      "alter table sms_messages add constraint sms_messages_outbox_id_key unique (outbox_id)",
      "create index sms_messages_center_idx on sms_messages (center_id, id)",
      "create index sms_messages_phone_bidx_idx on sms_messages (center_id, phone_bidx, id)",
      "alter table sms_messages add constraint sms_messages_center_id_fkey foreign key (center_id) references centers (id)",
      "alter table sms_messages add constraint sms_messages_outbox_id_fkey foreign key (outbox_id) references notification_outbox (id)",
    ],
  },
];

/** Month index (year * 12 + month - 1) of an instant, in China Standard Time. */
function monthIndex(d: Date): number {
  const local = new Date(d.getTime() + OFFSET_HOURS * 3_600_000);
  return local.getUTCFullYear() * 12 + local.getUTCMonth();
}

function monthStart(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01 00:00:00+0${OFFSET_HOURS}:00`;
}

function partitionName(table: string, index: number): string {
  return `${table}_p${Math.floor(index / 12)}${String((index % 12) + 1).padStart(2, "0")}`;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
async function rebuild(db: Kysely<any>, spec: Spec, partitioned: boolean): Promise<void> {
  const { table, key } = spec;
  const next = `${table}__next`;
  await sql
    .raw(
      `create table ${next} (like ${table} including defaults including constraints including identity)` +
        (partitioned ? ` partition by range (${key})` : ""),
    )
    .execute(db);
  if (partitioned) {
    const r = await sql<{
      lo: Date | null;
    }>`select min(${sql.ref(key)}) as lo from ${sql.table(table)}`.execute(db);
    const now = monthIndex(new Date());
    const lo = r.rows[0]?.lo ? Math.max(monthIndex(r.rows[0].lo), now - MAX_BACK_MONTHS) : now;
    for (let i = Math.min(lo, now); i <= now + AHEAD_MONTHS; i++) {
      await sql
        .raw(
          `create table ${partitionName(table, i)} partition of ${next}
             for values from ('${monthStart(i)}') to ('${monthStart(i + 1)}')`,
        )
        .execute(db);
    }
    await sql.raw(`create table ${table}_default partition of ${next} default`).execute(db);
  } else {
    // down: the partitions' names are free again once the partitioned table is gone (below).
  }
  await sql.raw(`insert into ${next} overriding system value select * from ${table}`).execute(db);
  await sql.raw(`drop table ${table} cascade`).execute(db);
  await sql.raw(`alter table ${next} rename to ${table}`).execute(db);
  await sql.raw(`alter sequence ${next}_id_seq rename to ${table}_id_seq`).execute(db);
  await sql
    .raw(`select setval('${table}_id_seq', coalesce((select max(id) from ${table}), 0) + 1, false)`)
    .execute(db);
  for (const s of spec.after) await sql.raw(s).execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  for (const spec of PARTITIONED) await rebuild(db, spec, true);
  // One row per dedupe key: what keeps a retried action from texting the requester twice.
  await sql`create table notification_outbox_keys (
    dedupe_key text primary key,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index notification_outbox_keys_created_idx on notification_outbox_keys (created_at)`.execute(
    db,
  );
  await sql`insert into notification_outbox_keys (dedupe_key, created_at)
    select dedupe_key, created_at from notification_outbox`.execute(db);
  // The chain's anchor when sealed audit months are archived (ADR 0017): audit:verify starts after
  // anchor_seq with anchor_hash, and `links` lists the archived positions above it (rows of the
  // archived months sealed after rows that stay). Rows are never edited or deleted.
  await sql`create table audit_archives (
    id bigint generated always as identity primary key,
    archived_at timestamptz not null,
    partition_name text not null,
    rows bigint not null,
    first_seq bigint,
    last_seq bigint,
    anchor_seq bigint not null,
    anchor_hash text not null,
    links jsonb not null default '[]',
    file text not null
  )`.execute(db);
  await sql`create function audit_archives_guard() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_archives rows cannot be changed' using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger audit_archives_guard before update or delete on audit_archives
    for each row execute function audit_archives_guard()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table audit_archives`.execute(db);
  await sql`drop function audit_archives_guard()`.execute(db);
  await sql`drop table notification_outbox_keys`.execute(db);
  // sms_messages refers to notification_outbox again: rebuild the outbox first.
  for (const table of ["appeal_events", "audit_log", "notification_outbox", "sms_messages"]) {
    const spec = PLAIN.find((s) => s.table === table) as Spec;
    await rebuild(db, spec, false);
  }
}
