import { type Kysely, sql } from "kysely";

/**
 * Personal data encrypted at rest (issue 13, docs/security.md "Key management").
 *
 * A migration cannot know the key, so this one only changes the shape:
 * - appeals: phone_digits (plaintext, normalised) gives way to phone_bidx, the HMAC blind index
 *   of the normalised phone, and name_bidx for exact-name search; the requester columns keep
 *   their names and from now on hold `pd1:<keyId>:…` ciphertexts;
 * - sms_messages: phone_bidx for the SMS log's search by phone;
 * - data_keys: the key ids data is encrypted under. The pseudo key `plaintext` marks rows
 *   written before this migration: on the next start (main.ts → jobs/data-keys.ts), with the
 *   key loaded, the backfill encrypts them, drops the names from search_tokens, compacts the
 *   tables so no old plaintext row version stays in them, and retires `plaintext`.
 * Until that backfill ran, legacy rows have no blind index (phone lookups do not find them);
 * the server runs it before it serves.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists appeals_phone_idx`.execute(db);
  await sql`alter table appeals drop column phone_digits`.execute(db);
  await sql`alter table appeals add column phone_bidx text, add column name_bidx text`.execute(db);
  // Repeat detection and lookups by phone: same center, same phone, recent first.
  await sql`create index appeals_phone_bidx_idx on appeals (center_id, phone_bidx, received_at)`.execute(db);
  await sql`create index appeals_name_bidx_idx on appeals (center_id, name_bidx)`.execute(db);
  await sql`alter table sms_messages add column phone_bidx text`.execute(db);
  await sql`create index sms_messages_phone_bidx_idx on sms_messages (center_id, phone_bidx, id)`.execute(db);
  await db.schema
    .createTable("data_keys")
    .addColumn("key_id", "text", (c) => c.primaryKey())
    // Registration order: the newest key is the only target a rotation moves data to.
    .addColumn("seq", "bigint", (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn("registered_at", "timestamptz", (c) => c.notNull())
    .addColumn("retired_at", "timestamptz")
    .execute();
  await sql`insert into data_keys (key_id, registered_at) values ('plaintext', now())`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("data_keys").execute();
  await sql`drop index sms_messages_phone_bidx_idx`.execute(db);
  await sql`alter table sms_messages drop column phone_bidx`.execute(db);
  await sql`drop index appeals_name_bidx_idx`.execute(db);
  await sql`drop index appeals_phone_bidx_idx`.execute(db);
  await sql`alter table appeals drop column phone_bidx, drop column name_bidx`.execute(db);
  await sql`alter table appeals add column phone_digits text not null default ''`.execute(db);
  await sql`create index appeals_phone_idx on appeals (center_id, phone_digits, received_at)`.execute(db);
}
