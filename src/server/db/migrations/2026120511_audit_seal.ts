import { type Kysely, sql } from "kysely";

/**
 * The audit chain without a global lock in the request path (ADR 0014): rows are appended
 * unsealed (no chain position, no hash) and a background sealer links committed rows into
 * the chain in `chain_seq` order, logging each seal in `audit_seals`. Rows chained so far
 * keep their hashes: their chain order was their id order.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_log add column chain_seq bigint`.execute(db);
  await sql`update audit_log set chain_seq = t.n
    from (select id, row_number() over (order by id) as n from audit_log) t
    where audit_log.id = t.id`.execute(db);
  await sql`alter table audit_log alter column prev_hash drop not null, alter column hash drop not null`.execute(
    db,
  );
  await sql`alter table audit_log add constraint audit_log_sealed_check
    check ((chain_seq is null) = (hash is null) and (chain_seq is null) = (prev_hash is null))`.execute(db);
  await sql`create unique index audit_log_chain_seq_uq on audit_log (chain_seq)`.execute(db);
  await sql`create index audit_log_unsealed_idx on audit_log (id) where chain_seq is null`.execute(db);
  await db.schema
    .createTable("audit_seals")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("sealed_at", "timestamptz", (c) => c.notNull())
    .addColumn("first_seq", "bigint", (c) => c.notNull())
    .addColumn("last_seq", "bigint", (c) => c.notNull())
    .addColumn("head_hash", "text", (c) => c.notNull())
    .execute();
  await sql`insert into audit_seals (sealed_at, first_seq, last_seq, head_hash)
    select now(), 1, chain_seq, hash from audit_log where chain_seq = (select max(chain_seq) from audit_log)`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_seals").execute();
  await sql`alter table audit_log drop constraint audit_log_sealed_check`.execute(db);
  await sql`drop index audit_log_unsealed_idx`.execute(db);
  await sql`drop index audit_log_chain_seq_uq`.execute(db);
  await sql`alter table audit_log drop column chain_seq`.execute(db);
}
