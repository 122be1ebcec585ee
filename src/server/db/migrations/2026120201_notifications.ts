import { type Kysely, sql } from "kysely";

/**
 * Notifications outbox (DESIGN.md §4: side effects go through an outbox written
 * in the same transaction as the business change) and the log of SMS messages
 * the default "recording" provider has sent.
 *
 * appeal_id has no foreign key on purpose: an outbox row is a fact about a
 * message, delivered independently of the appeal's life, and the appeals table
 * may later be partitioned by month (a FK to a partitioned table is costly).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("notification_outbox")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("appeal_id", "bigint")
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull().defaultTo("sms").check(sql`channel in ('sms')`))
    .addColumn("recipient_phone", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending','sending','sent','failed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull())
    .addColumn("claimed_by", "text")
    .addColumn("claimed_until", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("notification_outbox_due_idx")
    .on("notification_outbox")
    .columns(["status", "next_attempt_at"])
    .execute();
  await db.schema
    .createIndex("notification_outbox_appeal_idx")
    .on("notification_outbox")
    .column("appeal_id")
    .execute();

  await db.schema
    .createTable("sms_messages")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    // Unique: the provider is an idempotent consumer, a redelivery never duplicates.
    .addColumn("outbox_id", "bigint", (c) => c.notNull().unique().references("notification_outbox.id"))
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sms_messages_center_idx")
    .on("sms_messages")
    .columns(["center_id", "id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("sms_messages").execute();
  await db.schema.dropTable("notification_outbox").execute();
}
