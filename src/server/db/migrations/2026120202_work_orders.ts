import { type Kysely, sql } from "kysely";

/**
 * Review, dispatch and handling (审核 · 分办转办 · 办理): the 工作单 with its
 * per-department assignments (one lead department plus co-departments),
 * extension requests, major-issue plans with milestones, and transfers of an
 * appeal out of the center (external unit, another level's center by letter
 * 函转, or an authority for a suspected violation 移交).
 *
 * center_id is in every table and every key (DESIGN.md §4: Citus by center).
 * Deadlines are indexed columns (ADR 0003: timers are data).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  const complexities = sql`('simple','general','multi_department','major')`;
  const rules = sql`('same_day','working_days','calendar_days','months')`;

  await db.schema
    .createTable("work_orders")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("appeal_id", "bigint", (c) => c.notNull().references("appeals.id"))
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("complexity", "text", (c) => c.notNull().check(sql`complexity in ${complexities}`))
    .addColumn("difficulty_kind", "text", (c) =>
      c.check(sql`difficulty_kind in ('cannot_do','hard_to_do','refused','other')`),
    )
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending','signed','returned','replied','closed')`),
    )
    .addColumn("lead_department_id", "bigint", (c) => c.notNull().references("departments.id"))
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("due_rule", "text", (c) => c.notNull().check(sql`due_rule in ${rules}`))
    .addColumn("due_n", "integer", (c) => c.notNull())
    .addColumn("due_start", "timestamptz", (c) => c.notNull())
    .addColumn("due_provisional", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("due_explanation", "text")
    .addColumn("contact_user_id", "bigint", (c) => c.references("users.id"))
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_phone", "text")
    .addColumn("note", "text")
    .addColumn("result", "text")
    .addColumn("returned_reason", "text")
    .addColumn("rework_reason", "text")
    .addColumn("close_note", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("created_by", "bigint", (c) => c.references("users.id"))
    .addColumn("signed_at", "timestamptz")
    .addColumn("returned_at", "timestamptz")
    .addColumn("replied_at", "timestamptz")
    .addColumn("replied_by", "bigint", (c) => c.references("users.id"))
    .addColumn("closed_at", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("work_orders_center_number_uq", ["center_id", "number"])
    .execute();
  // The center's list by status and due date (dispatcher, supervision sweeps).
  await sql`create index work_orders_status_due_idx on work_orders (center_id, status, due_at, id)`.execute(
    db,
  );
  await sql`create index work_orders_due_idx on work_orders (center_id, due_at, id)`.execute(db);
  await sql`create index work_orders_appeal_idx on work_orders (center_id, appeal_id, id)`.execute(db);
  // At most one live work order per appeal: a concurrent second dispatch fails here.
  await sql`create unique index work_orders_one_active_uq on work_orders (appeal_id)
    where status in ('pending','signed','replied')`.execute(db);
  // Provisional deadlines recomputed when a year's holiday notice is loaded (ADR 0005).
  await sql`create index work_orders_provisional_idx on work_orders (center_id)
    where due_provisional and status in ('pending','signed')`.execute(db);

  /** One row per addressed department; due_at mirrors the order's for the department inbox index. */
  await db.schema
    .createTable("work_order_assignments")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("work_order_id", "bigint", (c) => c.notNull().references("work_orders.id"))
    .addColumn("appeal_id", "bigint", (c) => c.notNull().references("appeals.id"))
    .addColumn("department_id", "bigint", (c) => c.notNull().references("departments.id"))
    .addColumn("role", "text", (c) => c.notNull().check(sql`role in ('lead','co')`))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending','signed','returned','opinion_submitted','replied')`),
    )
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("signed_at", "timestamptz")
    .addColumn("signed_by", "bigint", (c) => c.references("users.id"))
    .addColumn("signed_by_name", "text")
    .addColumn("returned_reason", "text")
    .addColumn("returned_at", "timestamptz")
    .addColumn("opinion", "text")
    .addColumn("opinion_at", "timestamptz")
    .addColumn("replied_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("work_order_assignments_dept_uq", ["work_order_id", "department_id"])
    .execute();
  await sql`create unique index work_order_assignments_one_lead_uq on work_order_assignments (work_order_id)
    where role = 'lead'`.execute(db);
  // The department inbox (workbench) by status and due date.
  await sql`create index work_order_assignments_inbox_idx on work_order_assignments
    (center_id, department_id, status, due_at, id)`.execute(db);
  await sql`create index work_order_assignments_dept_due_idx on work_order_assignments
    (center_id, department_id, due_at, id)`.execute(db);
  // Department scope of appeals: exists (assignment of this department for the appeal).
  await sql`create index work_order_assignments_scope_idx on work_order_assignments
    (appeal_id, department_id) where status <> 'returned'`.execute(db);

  /** Daily work-order number sequence per center (GD + YYYYMMDD + seq). */
  await db.schema
    .createTable("work_order_counters")
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("day", "date", (c) => c.notNull())
    .addColumn("last_value", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("work_order_counters_pk", ["center_id", "day"])
    .execute();

  /** 延期申请: the department asks, the reviewer decides; the requester is told the new limit and reason. */
  await db.schema
    .createTable("extension_requests")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("work_order_id", "bigint", (c) => c.notNull().references("work_orders.id"))
    .addColumn("appeal_id", "bigint", (c) => c.notNull().references("appeals.id"))
    .addColumn("department_id", "bigint", (c) => c.notNull().references("departments.id"))
    .addColumn("requested_by", "bigint", (c) => c.references("users.id"))
    .addColumn("requested_by_name", "text", (c) => c.notNull())
    .addColumn("requested_until", "date", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`status in ('pending','approved','denied')`),
    )
    .addColumn("decided_by", "bigint", (c) => c.references("users.id"))
    .addColumn("decided_by_name", "text")
    .addColumn("decided_at", "timestamptz")
    .addColumn("decision_note", "text")
    .addColumn("old_due_at", "timestamptz", (c) => c.notNull())
    .addColumn("new_due_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`create unique index extension_requests_one_pending_uq on extension_requests (work_order_id)
    where status = 'pending'`.execute(db);
  await sql`create index extension_requests_status_idx on extension_requests (center_id, status, created_at, id)`.execute(
    db,
  );
  await sql`create index extension_requests_order_idx on extension_requests (work_order_id, id)`.execute(db);

  /** 重大问题解决方案: milestones with their own deadlines and progress reports. */
  await db.schema
    .createTable("plans")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("work_order_id", "bigint", (c) => c.notNull().references("work_orders.id"))
    .addColumn("appeal_id", "bigint", (c) => c.notNull().references("appeals.id"))
    .addColumn("department_id", "bigint", (c) => c.notNull().references("departments.id"))
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("submitted").check(sql`status in ('draft','submitted','approved','rejected')`),
    )
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("submitted_by", "bigint", (c) => c.references("users.id"))
    .addColumn("submitted_by_name", "text")
    .addColumn("submitted_at", "timestamptz")
    .addColumn("decided_by", "bigint", (c) => c.references("users.id"))
    .addColumn("decided_by_name", "text")
    .addColumn("decided_at", "timestamptz")
    .addColumn("decision_note", "text")
    .addColumn("completed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await sql`create unique index plans_one_live_uq on plans (work_order_id)
    where status in ('draft','submitted','approved')`.execute(db);
  await sql`create index plans_status_idx on plans (center_id, status, id)`.execute(db);
  await sql`create index plans_order_idx on plans (work_order_id, id)`.execute(db);

  await db.schema
    .createTable("plan_milestones")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("plan_id", "bigint", (c) => c.notNull().references("plans.id"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("due_date", "date", (c) => c.notNull())
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("open").check(sql`status in ('open','reported','done')`),
    )
    .addColumn("last_report", "text")
    .addColumn("reported_at", "timestamptz")
    .addColumn("done_at", "timestamptz")
    .addUniqueConstraint("plan_milestones_seq_uq", ["plan_id", "seq"])
    .execute();
  // Open milestones by deadline (supervision of approved plans).
  await sql`create index plan_milestones_due_idx on plan_milestones (center_id, due_at, id)
    where status <> 'done'`.execute(db);

  /** Where an appeal went when it left the center (转办 / 函转 / 移交). */
  await db.schema
    .createTable("appeal_transfers")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("appeal_id", "bigint", (c) => c.notNull().references("appeals.id"))
    .addColumn("target_kind", "text", (c) =>
      c.notNull().check(sql`target_kind in ('external_unit','center','authority')`),
    )
    .addColumn("target_name", "text")
    .addColumn("target_center_id", "bigint", (c) => c.references("centers.id"))
    .addColumn("received_appeal_id", "bigint", (c) => c.references("appeals.id"))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("created_by", "bigint", (c) => c.references("users.id"))
    .addColumn("created_by_name", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint(
      "appeal_transfers_center_target",
      sql`target_kind <> 'center' or (target_center_id is not null and target_center_id <> center_id)`,
    )
    .execute();
  await sql`create index appeal_transfers_appeal_idx on appeal_transfers (center_id, appeal_id, id)`.execute(
    db,
  );
  await sql`create index appeal_transfers_received_idx on appeal_transfers (received_appeal_id)
    where received_appeal_id is not null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "appeal_transfers",
    "plan_milestones",
    "plans",
    "extension_requests",
    "work_order_counters",
    "work_order_assignments",
    "work_orders",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
