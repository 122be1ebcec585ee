import { sql } from "kysely";
import type { Db } from "./database.js";

/**
 * Monthly partitions of the append-only tables (migration 2026121600, ADR 0017). A month is a
 * local month of China Standard Time (UTC+8, no daylight saving); its partition is named
 * `<table>_pYYYYMM` and every table has a `<table>_default` partition, so no insert ever fails.
 */
export const PARTITIONED_TABLES = [
  { table: "appeal_events", key: "at" },
  { table: "audit_log", key: "at" },
  { table: "notification_outbox", key: "created_at" },
  { table: "sms_messages", key: "sent_at" },
] as const;
export type PartitionedTable = (typeof PARTITIONED_TABLES)[number]["table"];

const OFFSET_MS = 8 * 3_600_000;
/** Months created ahead of the current one by the `partitions` task. */
export const AHEAD_MONTHS = 3;
/** Advisory lock of partition DDL (the ahead job and the archive): one instance at a time. */
const PARTITION_LOCK = 7201;

/** A month as year * 12 + (month - 1). */
export type MonthIndex = number;

export function monthIndexOf(d: Date): MonthIndex {
  const local = new Date(d.getTime() + OFFSET_MS);
  return local.getUTCFullYear() * 12 + local.getUTCMonth();
}

/** "2026-01" → month index; null when malformed. */
export function parseMonth(s: string): MonthIndex | null {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return Number(m[1]) * 12 + month - 1;
}

export function monthLabel(i: MonthIndex): string {
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
}

/** The first instant of a month. */
export function monthStart(i: MonthIndex): Date {
  return new Date(Date.UTC(Math.floor(i / 12), i % 12, 1) - OFFSET_MS);
}

export function partitionName(table: PartitionedTable, i: MonthIndex): string {
  return `${table}_p${Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, "0")}`;
}

/** The month a partition name stands for, or null (the default partition, other tables). */
export function monthOfPartition(table: PartitionedTable, name: string): MonthIndex | null {
  const m = new RegExp(`^${table}_p(\\d{4})(\\d{2})$`).exec(name);
  return m ? parseMonth(`${m[1]}-${m[2]}`) : null;
}

export interface PartitionInfo {
  name: string;
  month: MonthIndex;
  /** false: detached by an archive run that has not finished (dump or drop pending). */
  attached: boolean;
}

/** The monthly partitions of a table, attached or left detached by an unfinished archive, oldest first. */
export async function listPartitions(db: Db, table: PartitionedTable): Promise<PartitionInfo[]> {
  const r = await sql<{ name: string; attached: boolean }>`
    select c.relname as name,
      exists (select 1 from pg_inherits i where i.inhrelid = c.oid and i.inhparent = ${table}::regclass) as attached
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and c.relname like ${`${table}\\_p%`}`.execute(db);
  return r.rows
    .map((x) => ({ name: x.name, attached: x.attached, month: monthOfPartition(table, x.name) }))
    .filter((x): x is PartitionInfo => x.month !== null)
    .sort((a, b) => a.month - b.month);
}

export interface EnsureResult {
  /** Partitions created now. */
  created: string[];
  /** Rows moved out of a DEFAULT partition into a partition created now. */
  moved: number;
}

/**
 * Creates the partitions of the current month and the `ahead` next ones where missing (scheduler
 * task `partitions`, and at start). Idempotent and safe in several instances at once: the check is
 * repeated under a transaction-scoped advisory lock, and nothing is locked when every partition
 * exists. Rows that fell into the DEFAULT partition for a month being created (the server was
 * down past the last prepared month, or a simulated clock) are moved into it: the default
 * partition is detached for the move (its copy of the audit guard goes with it) and attached again,
 * all in one transaction.
 */
export async function ensurePartitions(db: Db, now: Date, ahead = AHEAD_MONTHS): Promise<EnsureResult> {
  const result: EnsureResult = { created: [], moved: 0 };
  const first = monthIndexOf(now);
  for (const { table, key } of PARTITIONED_TABLES) {
    for (let i = first; i <= first + ahead; i++) {
      const name = partitionName(table, i);
      if (await relationExists(db, name)) continue;
      await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`.execute(trx);
        if (await relationExists(trx, name)) return;
        const from = monthStart(i);
        const to = monthStart(i + 1);
        const inDefault = await sql<{ n: string }>`
          select count(*) as n from ${sql.table(`${table}_default`)}
          where ${sql.ref(key)} >= ${from} and ${sql.ref(key)} < ${to}`.execute(trx);
        const n = Number(inDefault.rows[0]?.n ?? 0);
        if (n === 0) {
          await sql`create table ${sql.table(name)} partition of ${sql.table(table)}
            for values from (${sql.lit(from.toISOString())}) to (${sql.lit(to.toISOString())})`.execute(trx);
        } else {
          await sql`alter table ${sql.table(table)} detach partition ${sql.table(`${table}_default`)}`.execute(
            trx,
          );
          await sql`create table ${sql.table(name)} partition of ${sql.table(table)}
            for values from (${sql.lit(from.toISOString())}) to (${sql.lit(to.toISOString())})`.execute(trx);
          await sql`insert into ${sql.table(table)} overriding system value
            select * from ${sql.table(`${table}_default`)}
            where ${sql.ref(key)} >= ${from} and ${sql.ref(key)} < ${to}`.execute(trx);
          await sql`delete from ${sql.table(`${table}_default`)}
            where ${sql.ref(key)} >= ${from} and ${sql.ref(key)} < ${to}`.execute(trx);
          await sql`alter table ${sql.table(table)} attach partition ${sql.table(`${table}_default`)} default`.execute(
            trx,
          );
          result.moved += n;
        }
        result.created.push(name);
      });
    }
  }
  return result;
}

/**
 * A scan of pg_class under the statement's snapshot, not to_regclass (whose relation cache may not
 * yet know a table another session created while this one waited for the lock).
 */
async function relationExists(db: Db, name: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select exists (select 1 from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relname = ${name}) as ok`.execute(db);
  return r.rows[0]?.ok === true;
}

/** Takes the partition DDL lock inside the caller's transaction (archive). */
export async function lockPartitions(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${PARTITION_LOCK})`.execute(trx);
}
