import type { Kysely } from "kysely";

/**
 * Records complete (受理 记录要素; 附录A 工作单):
 * - appeals.address_declined: the requester chose not to give an address (诉求人不愿提供), recorded
 *   instead of an empty field so a missing address is always a decision, never an omission;
 * - users.phone: the staff member's office phone, the default 工作单联系人电话 when they dispatch;
 * - centers.hours: the service hours published in the notice (公示受理方式), receipts and 工作单.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("appeals")
    .addColumn("address_declined", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable("users").addColumn("phone", "text").execute();
  await db.schema.alterTable("centers").addColumn("hours", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("centers").dropColumn("hours").execute();
  await db.schema.alterTable("users").dropColumn("phone").execute();
  await db.schema.alterTable("appeals").dropColumn("address_declined").execute();
}
