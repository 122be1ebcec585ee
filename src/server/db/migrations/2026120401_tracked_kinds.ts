import { type Kysely, sql } from "kysely";

/**
 * More tracked kinds (跟踪到底: every open matter has a limit on the board): review and dispatch
 * after intake, a simple order's same-day 研究部署, close-out after a reply, a 函转 followed until
 * the other center closes it, a rectification after a bad rating. Widens the target_kind checks
 * of the supervision tables; the codes are contracts' SUPERVISION_TARGETS.
 */
const KINDS = `'work_order','milestone','first_response','review','deployment','closeout','letter_transfer','rectification'`;

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, kinds] of [
    ["supervision_timers", `${KINDS},'supervision_order'`],
    ["supervision_records", `${KINDS},'supervision_order'`],
    ["supervision_items", KINDS],
  ] as const) {
    const r = await sql<{ conname: string }>`select conname from pg_constraint
      where conrelid = ${table}::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%target_kind%'`.execute(
      db,
    );
    for (const c of r.rows)
      await sql`alter table ${sql.table(table)} drop constraint ${sql.ref(c.conname)}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${sql.ref(`${table}_target_kind_check`)}
      check (target_kind in (${sql.raw(kinds)}))`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function down(_db: Kysely<any>): Promise<void> {
  // Narrowing the checks again would fail on rows of the new kinds; nothing to undo safely.
}
