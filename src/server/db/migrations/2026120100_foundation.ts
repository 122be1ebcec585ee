import { type Kysely, sql } from "kysely";

/**
 * Foundation: centers (中心 hierarchy), departments (进驻部门), users and roles,
 * sessions, integration tokens, the working-day calendar, time-limit policy and
 * the hash-chained audit log. Every business table carries center_id.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("centers")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) =>
      c.notNull().check(sql`level in ('province','city','county','township')`),
    )
    .addColumn("parent_id", "bigint", (c) => c.references("centers.id"))
    .addColumn("timezone", "text", (c) => c.notNull().defaultTo("Asia/Shanghai"))
    .addColumn("address", "text")
    .addColumn("phone", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("departments")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("location", "text")
    .addColumn("services", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("departments_center_code_uq", ["center_id", "code"])
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("post", "text")
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("roles", sql`text[]`, (c) => c.notNull())
    .addColumn("department_id", "bigint", (c) => c.references("departments.id"))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .addColumn("password_changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index users_username_uq on users (lower(username))`.execute(db);
  await db.schema.createIndex("users_department_idx").on("users").column("department_id").execute();

  await db.schema
    .createTable("sessions")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "bigint", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .addColumn("ip", "text")
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("integration_tokens")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "bigint", (c) => c.references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();

  /** Calendar overrides per center: only days that differ from "Mon–Fri work". */
  await db.schema
    .createTable("calendar_days")
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("date", "date", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('workday','weekend','holiday','makeup_workday')`),
    )
    .addColumn("name", "text")
    .addColumn("source", "text", (c) => c.notNull().defaultTo("admin"))
    .addColumn("updated_by", "bigint", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("calendar_days_pk", ["center_id", "date"])
    .execute();

  /** Years whose holiday notice is loaded; deadlines reaching other years are provisional. */
  await db.schema
    .createTable("calendar_years")
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("loaded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("loaded_by", "bigint", (c) => c.references("users.id"))
    .addPrimaryKeyConstraint("calendar_years_pk", ["center_id", "year"])
    .execute();

  await db.schema
    .createTable("time_limit_policies")
    .addColumn("center_id", "bigint", (c) => c.primaryKey().references("centers.id"))
    .addColumn("policy", "jsonb", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "bigint", (c) => c.references("users.id"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  /** Append-only, hash-chained audit trail (等保 2.0). */
  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.references("centers.id"))
    .addColumn("actor_id", "bigint")
    .addColumn("actor_name", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text")
    .addColumn("entity_id", "text")
    .addColumn("details", "jsonb")
    .addColumn("ip", "text")
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_log_at_idx").on("audit_log").columns(["center_id", "id"]).execute();

  /** Idempotency-Key records for creation endpoints (API.md). */
  await db.schema
    .createTable("idempotency_keys")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("status_code", "integer", (c) => c.notNull())
    .addColumn("response", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("idempotency_keys_pk", ["scope", "key"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "idempotency_keys",
    "audit_log",
    "time_limit_policies",
    "calendar_years",
    "calendar_days",
    "integration_tokens",
    "sessions",
    "users",
    "departments",
    "centers",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
