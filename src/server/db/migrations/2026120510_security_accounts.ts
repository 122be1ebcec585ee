import { type Kysely, sql } from "kysely";

/**
 * Login failures per (username as typed, source address) instead of per account, so a
 * stranger can lock only their own address out (issue 13); and the flag that forces a
 * password change at the next sign-in (a weak bootstrap password).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("login_failures")
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .addColumn("last_failure_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("login_failures_pkey", ["username", "source"])
    .execute();
  await sql`create index login_failures_last_failure_idx on login_failures (last_failure_at)`.execute(db);
  await db.schema
    .alterTable("users")
    .addColumn("must_change_password", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("must_change_password").execute();
  await db.schema.dropTable("login_failures").execute();
}
