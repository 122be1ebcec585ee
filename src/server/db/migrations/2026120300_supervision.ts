import { type Kysely, sql } from "kysely";

/**
 * Supervision (督办, DESIGN.md §2 item 6): timers, records and the staff inbox.
 *
 * - supervision_timers: "timers are data" (ADR 0003). One row per (item, stage):
 *   the reminder (催办) before a deadline and the overdue check at it, for work
 *   orders, plan milestones, first responses and supervision orders themselves.
 *   A sweep claims pending rows whose fire_at has passed with FOR UPDATE SKIP
 *   LOCKED and marks them done in the same transaction as what they cause, so
 *   each stage of each deadline fires once, whatever the number of instances.
 * - supervision_records: 催办 (reminder), 督办单 (supervision order, numbered,
 *   with its own deadline) and 通报 (notice with the report's recipients).
 * - staff_notifications: the in-app inbox (站内消息) with an unread index.
 *
 * center_id is in every table and every key (DESIGN.md §4).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  const targets = sql`('work_order','milestone','first_response','supervision_order')`;

  await db.schema
    .createTable("supervision_timers")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("target_kind", "text", (c) => c.notNull().check(sql`target_kind in ${targets}`))
    .addColumn("target_id", "bigint", (c) => c.notNull())
    .addColumn("stage", "text", (c) => c.notNull().check(sql`stage in ('reminder','overdue')`))
    .addColumn("appeal_id", "bigint", (c) => c.notNull())
    /** The deadline this timer is about; a moved deadline re-arms the timer. */
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("fire_at", "timestamptz", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending','done','cancelled')`),
    )
    .addColumn("outcome", "text")
    .addColumn("fired_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("supervision_timers_target_uq", ["center_id", "target_kind", "target_id", "stage"])
    .execute();
  // The sweep's only access path: pending timers by fire time. Its size follows
  // the pending timers, and a sweep reads only the due prefix of it.
  await sql`create index supervision_timers_due_idx on supervision_timers (fire_at, id)
    where status = 'pending'`.execute(db);

  await db.schema
    .createTable("supervision_records")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('reminder','supervision','notice')`))
    .addColumn("number", "text")
    .addColumn("target_kind", "text", (c) => c.notNull().check(sql`target_kind in ${targets}`))
    .addColumn("target_id", "bigint", (c) => c.notNull())
    .addColumn("appeal_id", "bigint", (c) => c.notNull().references("appeals.id"))
    .addColumn("department_id", "bigint", (c) => c.references("departments.id"))
    .addColumn("target_due_at", "timestamptz", (c) => c.notNull())
    .addColumn("due_at", "timestamptz")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('open','resolved','escalated','done')`),
    )
    .addColumn("resolved_at", "timestamptz")
    .addColumn("supervision_order_id", "bigint", (c) => c.references("supervision_records.id"))
    .addColumn("manual", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("note", "text")
    .addColumn("facts", "text", (c) => c.notNull())
    .addColumn("recipients", "jsonb")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_by", "bigint", (c) => c.references("users.id"))
    .addColumn("created_by_name", "text", (c) => c.notNull())
    /** auto:<stage>:<target>:<id>:<due ms> for the sweep; manual:<uuid> for a supervisor's. */
    .addColumn("dedupe_key", "text", (c) => c.notNull())
    .addUniqueConstraint("supervision_records_dedupe_uq", ["center_id", "dedupe_key"])
    .execute();
  await sql`create unique index supervision_records_number_uq on supervision_records (center_id, number)
    where number is not null`.execute(db);
  // At most one open 督办单 per item: a manual one while the sweep's is open is refused.
  await sql`create unique index supervision_records_one_open_uq on supervision_records
    (center_id, target_kind, target_id) where kind = 'supervision' and status = 'open'`.execute(db);
  await sql`create index supervision_records_kind_idx on supervision_records (center_id, kind, id)`.execute(
    db,
  );
  await sql`create index supervision_records_dept_idx on supervision_records (center_id, department_id, id)`.execute(
    db,
  );
  await sql`create index supervision_records_target_idx on supervision_records
    (center_id, target_kind, target_id, id)`.execute(db);
  await sql`create index supervision_records_appeal_idx on supervision_records (appeal_id, id)`.execute(db);

  /** Daily numbers of 督办单 (DB…) and 通报 (TB…) per center. */
  await db.schema
    .createTable("supervision_counters")
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("last_value", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("supervision_counters_pk", ["center_id", "prefix", "day"])
    .execute();

  await db.schema
    .createTable("staff_notifications")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("appeal_id", "bigint")
    .addColumn("link", "text")
    .addColumn("record_id", "bigint", (c) => c.references("supervision_records.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("read_at", "timestamptz")
    .execute();
  await sql`create index staff_notifications_user_idx on staff_notifications (user_id, id)`.execute(db);
  await sql`create index staff_notifications_unread_idx on staff_notifications (user_id, id)
    where read_at is null`.execute(db);
  // One message per record and person, whatever retries happen.
  await sql`create unique index staff_notifications_record_uq on staff_notifications (record_id, user_id)
    where record_id is not null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "staff_notifications",
    "supervision_counters",
    "supervision_records",
    "supervision_timers",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
