import { type Kysely, sql } from "kysely";

/**
 * The supervision register (跟踪到底, ADR 0009): one row per tracked limit — a
 * work order's handling limit, a plan milestone, an online appeal's first
 * response — open from the moment the lifecycle sets it until it is met.
 * Supervision keeps it from the lifecycle's tracking events alone, so the
 * board and the sweep read one table instead of the lifecycle's tables, and
 * "every open matter has a limit on the board" is a query on one table.
 *
 * Backfilled from the open items as the previous board computed them.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("supervision_items")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("center_id", "bigint", (c) => c.notNull().references("centers.id"))
    .addColumn("target_kind", "text", (c) =>
      c.notNull().check(sql`target_kind in ('work_order','milestone','first_response')`),
    )
    .addColumn("target_id", "bigint", (c) => c.notNull())
    .addColumn("appeal_id", "bigint", (c) => c.notNull())
    .addColumn("tracking_no", "text", (c) => c.notNull())
    /** Full name for messages ("工作单 GD…"), short name for the board ("GD…"). */
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    /** Departments owing the item (ids as text), lead first; empty: the center's window staff. */
    .addColumn("department_ids", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn("lead_department_id", "bigint")
    .addColumn("start_at", "timestamptz", (c) => c.notNull())
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("closed_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("supervision_items_target_uq", ["center_id", "target_kind", "target_id"])
    .execute();
  // The board: open items of a center by due time (keyset on due_at, kind, id); size follows the open items.
  await sql`create index supervision_items_open_idx on supervision_items
    (center_id, due_at, target_kind, target_id) where closed_at is null`.execute(db);
  await sql`create index supervision_items_open_dept_idx on supervision_items
    (center_id, lead_department_id, due_at) where closed_at is null`.execute(db);

  // Open work orders (pending or signed), departments still on them, lead first.
  await sql`insert into supervision_items (center_id, target_kind, target_id, appeal_id, tracking_no, label, title,
      department_ids, lead_department_id, start_at, due_at, created_at, updated_at)
    select w.center_id, 'work_order', w.id, w.appeal_id, a.tracking_no, '工作单 ' || w.number, w.number,
      array(select x.department_id::text from work_order_assignments x
            where x.work_order_id = w.id and x.status <> 'returned'
            order by (x.department_id <> w.lead_department_id), x.id),
      w.lead_department_id, w.due_start, w.due_at, now(), now()
    from work_orders w join appeals a on a.id = w.appeal_id
    where w.status in ('pending','signed')`.execute(db);
  // Milestones of approved plans of open orders, not yet done.
  await sql`insert into supervision_items (center_id, target_kind, target_id, appeal_id, tracking_no, label, title,
      department_ids, lead_department_id, start_at, due_at, created_at, updated_at)
    select m.center_id, 'milestone', m.id, p.appeal_id, a.tracking_no,
      '工作单 ' || w.number || ' 方案第' || m.seq || '节点「' || m.title || '」',
      w.number || ' 第' || m.seq || '节点：' || m.title,
      array[p.department_id::text], p.department_id, coalesce(p.decided_at, m.due_at), m.due_at, now(), now()
    from plan_milestones m join plans p on p.id = m.plan_id join work_orders w on w.id = p.work_order_id
      join appeals a on a.id = p.appeal_id
    where m.status <> 'done' and p.status = 'approved' and w.status in ('pending','signed')`.execute(db);
  // Online appeals still owed their first response.
  await sql`insert into supervision_items (center_id, target_kind, target_id, appeal_id, tracking_no, label, title,
      department_ids, lead_department_id, start_at, due_at, created_at, updated_at)
    select a.center_id, 'first_response', a.id, a.id, a.tracking_no, '诉求 ' || a.tracking_no || ' 的首次回应',
      a.tracking_no, '{}'::text[], null, a.received_at, a.respond_by, now(), now()
    from appeals a
    where a.status = 'received' and a.responded_at is null and a.respond_by is not null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("supervision_items").execute();
}
