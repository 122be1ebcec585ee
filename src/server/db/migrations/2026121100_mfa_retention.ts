import { type Kysely, sql } from "kysely";

/**
 * Issue 13: the second factor (TOTP, RFC 6238) with recovery codes; the center's security
 * settings (MFA required for admin and auditor, retention period of finished appeals); the
 * anonymisation mark of appeals (PIPL art. 19); and a database-level guard that keeps audit
 * rows from being edited or deleted (三员分立): the only update allowed is the sealer's, which
 * fills chain_seq / prev_hash / hash of a row that has none yet (ADR 0014).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("user_mfa")
    .addColumn("user_id", "bigint", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "timestamptz")
    .addColumn("last_step", "bigint")
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("user_recovery_codes")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`create index user_recovery_codes_user_idx on user_recovery_codes (user_id) where used_at is null`.execute(
    db,
  );
  await db.schema
    .alterTable("users")
    .addColumn("mfa_enabled", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable("center_security_settings")
    .addColumn("center_id", "bigint", (c) => c.primaryKey().references("centers.id"))
    .addColumn("mfa_required", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("retention_days", "integer", (c) =>
      c.notNull().defaultTo(1095).check(sql`retention_days between 180 and 36500`),
    )
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "bigint")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();

  await sql`alter table appeals add column anonymized_at timestamptz`.execute(db);
  // The retention sweep's work list: finished appeals not anonymised yet, oldest end first.
  await sql`create index appeals_retention_idx on appeals
    ((coalesce(closed_at, resolved_at, responded_at, received_at)), id)
    where anonymized_at is null and status in ('closed', 'transferred', 'resolved', 'rejected')`.execute(db);

  // The auditor's export by period.
  await sql`create index audit_log_center_at_idx on audit_log (center_id, at)`.execute(db);
  await sql`create function audit_log_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        raise exception 'audit_log rows cannot be deleted' using errcode = '42501';
      end if;
      if old.chain_seq is not null
        or new.chain_seq is null
        or (new.center_id, new.actor_id, new.actor_name, new.action, new.entity, new.entity_id,
            new.details, new.ip, new.at)
           is distinct from
           (old.center_id, old.actor_id, old.actor_name, old.action, old.entity, old.entity_id,
            old.details, old.ip, old.at) then
        raise exception 'audit_log rows cannot be edited' using errcode = '42501';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger audit_log_guard before update or delete on audit_log
    for each row execute function audit_log_guard()`.execute(db);
  await sql`create function audit_seals_guard() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_seals rows cannot be edited or deleted' using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger audit_seals_guard before update or delete on audit_seals
    for each row execute function audit_seals_guard()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger audit_seals_guard on audit_seals`.execute(db);
  await sql`drop function audit_seals_guard()`.execute(db);
  await sql`drop trigger audit_log_guard on audit_log`.execute(db);
  await sql`drop function audit_log_guard()`.execute(db);
  await sql`drop index audit_log_center_at_idx`.execute(db);
  await sql`drop index appeals_retention_idx`.execute(db);
  await sql`alter table appeals drop column anonymized_at`.execute(db);
  await db.schema.dropTable("center_security_settings").execute();
  await db.schema.alterTable("users").dropColumn("mfa_enabled").execute();
  await db.schema.dropTable("user_recovery_codes").execute();
  await db.schema.dropTable("user_mfa").execute();
}
