import { type Kysely, sql } from "kysely";

/**
 * Requesters whose number cannot receive SMS (landlines) are told by a call: the outbox row gets
 * channel 'call' and waits on the staff's to-do list instead of going to the SMS worker. A held
 * receipt (受理告知) that the window's refusal or on-the-spot answer supersedes is 'cancelled'.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  for (const [column, values] of [
    ["channel", "'sms','call'"],
    ["status", "'pending','sending','sent','failed','cancelled'"],
  ] as const) {
    const r = await sql<{ conname: string }>`select conname from pg_constraint
      where conrelid = 'notification_outbox'::regclass and contype = 'c'
        and pg_get_constraintdef(oid) like ${`%${column}%`}`.execute(db);
    for (const c of r.rows)
      await sql`alter table notification_outbox drop constraint ${sql.ref(c.conname)}`.execute(db);
    await sql`alter table notification_outbox add constraint ${sql.ref(`notification_outbox_${column}_check`)}
      check (${sql.ref(column)} in (${sql.raw(values)}))`.execute(db);
  }
  // The calls to make of a center, soonest due first (the window's to-do list).
  await sql`create index notification_outbox_calls_idx on notification_outbox (center_id, next_attempt_at, id)
    where channel = 'call' and status = 'pending'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists notification_outbox_calls_idx`.execute(db);
}
