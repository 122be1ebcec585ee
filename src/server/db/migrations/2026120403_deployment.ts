import type { Kysely } from "kysely";

/**
 * 研究部署 of a simple 工作单 (办理: 对于简单事项，当天研究部署): who in the lead department handles
 * it and how, recorded on the day it arrives; a tracked limit until then.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("work_orders")
    .addColumn("deployment_handler", "text")
    .addColumn("deployment_measures", "text")
    .addColumn("deployed_at", "timestamptz")
    .addColumn("deployed_by", "bigint", (c) => c.references("users.id"))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("work_orders")
    .dropColumn("deployment_handler")
    .dropColumn("deployment_measures")
    .dropColumn("deployed_at")
    .dropColumn("deployed_by")
    .execute();
}
