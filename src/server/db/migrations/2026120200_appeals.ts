import { type Kysely, sql } from "kysely";

/**
 * Appeals (诉求): the appeal itself with its requester, the append-only
 * timeline, repeat links and the per-center daily tracking-number counter.
 * center_id is in every table and every key (DESIGN.md §4: Citus by center).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  const channels = sql`('onsite','phone','miniapp','portal','hotline_12345','letter')`;
  const statuses = sql`('received','rejected','resolved','transferred','dispatched','replied','closed')`;

  await db.schema
    .createTable("appeals")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("tracking_no", "text", (c) => c.notNull())
    .addColumn("query_code", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ${channels}`))
    .addColumn("type", "text", (c) =>
      c.notNull().check(sql`type in ('complaint','opinion','suggestion','inquiry','difficulty')`),
    )
    .addColumn("category_code", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("received").check(sql`status in ${statuses}`))
    .addColumn("complexity", "text", (c) =>
      c.check(sql`complexity in ('simple','general','multi_department','major')`),
    )
    .addColumn("requester_kind", "text", (c) =>
      c.notNull().check(sql`requester_kind in ('person','organization')`),
    )
    .addColumn("requester_name", "text", (c) => c.notNull())
    .addColumn("org_name", "text")
    .addColumn("contact_person", "text")
    .addColumn("phone", "text", (c) => c.notNull())
    .addColumn("phone_digits", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull())
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull())
    .addColumn("received_by", "bigint", (c) => c.references("users.id"))
    .addColumn("received_by_name", "text")
    .addColumn("received_by_post", "text")
    .addColumn("source", "text")
    .addColumn("external_id", "text")
    .addColumn("respond_by", "timestamptz")
    .addColumn("respond_by_provisional", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("respond_by_explanation", "text")
    .addColumn("responded_at", "timestamptz")
    .addColumn("due_at", "timestamptz")
    .addColumn("due_provisional", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("due_explanation", "text")
    .addColumn("resolved_at", "timestamptz")
    .addColumn("closed_at", "timestamptz")
    .addColumn("reject_reason", "text", (c) =>
      c.check(
        sql`reject_reason in ('legal_procedure','petition','confidential','emergency','invalid','unlawful','other')`,
      ),
    )
    .addColumn("reject_explanation", "text")
    .addColumn("referred_to", "text")
    .addColumn("answer", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("search_tokens", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("appeals_center_tracking_uq", ["center_id", "tracking_no"])
    .execute();

  // Public tracking looks up by number alone; the center code prefix keeps it unique.
  await db.schema.createIndex("appeals_tracking_idx").on("appeals").column("tracking_no").execute();
  // Integration dedupe: a retried push with the same externalId is the same appeal.
  await sql`create unique index appeals_external_uq on appeals (center_id, source, external_id)
    where external_id is not null`.execute(db);
  // Lists: by status and newest first; all statuses newest first; keyset on (received_at, id).
  await sql`create index appeals_status_received_idx on appeals (center_id, status, received_at desc, id desc)`.execute(
    db,
  );
  await sql`create index appeals_received_idx on appeals (center_id, received_at desc, id desc)`.execute(db);
  // The online inbox: appeals still waiting for their first response, by deadline.
  await sql`create index appeals_inbox_idx on appeals (center_id, respond_by, id) where responded_at is null`.execute(
    db,
  );
  // List sorted by first-response deadline (no deadline sorts last).
  await sql`create index appeals_respond_by_sort_idx on appeals
    (center_id, (coalesce(respond_by, 'infinity'::timestamptz)), id)`.execute(db);
  // Open appeals by due date (overdue filter, supervision sweeps).
  await sql`create index appeals_due_idx on appeals (center_id, due_at)
    where due_at is not null and status not in ('rejected','resolved','closed','transferred')`.execute(db);
  // Repeat detection: same phone, recent appeals.
  await sql`create index appeals_phone_idx on appeals (center_id, phone_digits, received_at)`.execute(db);
  // Chinese full-text search over jieba-segmented tokens (space separated).
  await sql`create index appeals_search_idx on appeals using gin (to_tsvector('simple', search_tokens))`.execute(
    db,
  );

  /** Append-only timeline of an appeal. */
  await db.schema
    .createTable("appeal_events")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("appeal_id", "bigint", (c) => c.notNull().references("appeals.id"))
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("actor_id", "bigint")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("actor_kind", "text", (c) =>
      c.notNull().check(sql`actor_kind in ('user','integration','public','system')`),
    )
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex("appeal_events_appeal_idx")
    .on("appeal_events")
    .columns(["appeal_id", "id"])
    .execute();

  /** Repeat appeals (重复诉求) linked to a main appeal, or merged into it. */
  await db.schema
    .createTable("appeal_links")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("main_appeal_id", "bigint", (c) => c.notNull().references("appeals.id"))
    .addColumn("repeat_appeal_id", "bigint", (c) => c.notNull().references("appeals.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('repeat','merged')`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_by", "bigint", (c) => c.references("users.id"))
    .addUniqueConstraint("appeal_links_uq", ["center_id", "repeat_appeal_id", "main_appeal_id"])
    .addCheckConstraint("appeal_links_not_self", sql`main_appeal_id <> repeat_appeal_id`)
    .execute();
  await db.schema
    .createIndex("appeal_links_main_idx")
    .on("appeal_links")
    .columns(["center_id", "main_appeal_id"])
    .execute();

  /** Daily tracking-number sequence per center, allocated by upsert (row lock → no collisions). */
  await db.schema
    .createTable("tracking_counters")
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("last_value", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("tracking_counters_pk", ["center_id", "day"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["tracking_counters", "appeal_links", "appeal_events", "appeals"]) {
    await db.schema.dropTable(t).execute();
  }
}
