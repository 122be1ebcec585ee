import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { sql } from "kysely";
import {
  appendAudit,
  insertAuditArchive,
  lockSealer,
  planAuditArchive,
  sealAudit,
  verifyChain,
} from "../modules/audit/index.js";
import type { Db, DbHandle } from "./database.js";
import {
  listPartitions,
  lockPartitions,
  monthIndexOf,
  monthLabel,
  monthStart,
  PARTITIONED_TABLES,
  type PartitionedTable,
  parseMonth,
} from "./partitions.js";

const run = promisify(execFile);

/** Audit records stay at least this long (Cybersecurity Law art. 21: six months). */
export const AUDIT_RETENTION_DAYS = 180;

export interface ArchiveOptions {
  /** "YYYY-MM": partitions of months before this one are archived. */
  before: string;
  outDir: string;
  now: Date;
  /** Who runs it (the audit entry's actor name), e.g. the operating-system user. */
  operator: string;
  /** PostgreSQL: the connection URL pg_dump uses. */
  url?: string;
}

export interface ArchivedPartition {
  table: PartitionedTable;
  partition: string;
  month: string;
  rows: number;
  file: string;
  sha256: string;
}

export interface ArchiveReport {
  archived: ArchivedPartition[];
  /** Partitions of earlier months kept, with the reason. */
  kept: { partition: string; reason: string }[];
}

/** What an archive file holds (written beside it as `<partition>.json`). */
export interface ArchiveManifest {
  table: PartitionedTable;
  partition: string;
  month: string;
  from: string;
  to: string;
  rows: number;
  format: "pg_dump" | "copy";
  file: string;
  sha256: string;
  archivedAt: string;
}

export class ArchiveError extends Error {}

/**
 * `npm run archive -- --before=YYYY-MM [--out=dir]` (ADR 0017): each monthly partition of the
 * append-only tables before that month is detached, written to a file (pg_dump of the detached
 * table on PostgreSQL, COPY on PGlite), read back and counted, and dropped only then. Audit months
 * inside the 180-day retention stay, and so do outbox months with messages still to deliver. The
 * audit chain keeps its anchor: before its months are detached (holding the sealer's lock) the
 * chain is verified and the position and hash where verification resumes are recorded in
 * audit_archives, in the same transaction as the detach. A partition left detached by a failed run
 * (say the disk was full) is picked up again by the next run. Each archived month is audited.
 */
export async function archivePartitions(handle: DbHandle, o: ArchiveOptions): Promise<ArchiveReport> {
  const db = handle.db;
  const before = parseMonth(o.before);
  if (before === null) throw new ArchiveError(`--before must be a month YYYY-MM: ${o.before}`);
  if (before > monthIndexOf(o.now)) {
    throw new ArchiveError(
      `--before=${o.before} is after the current month: only finished months are archived`,
    );
  }
  const report: ArchiveReport = { archived: [], kept: [] };
  const retentionEdge = o.now.getTime() - AUDIT_RETENTION_DAYS * 86_400_000;

  // Seal what is committed, then refuse to archive a chain that does not verify.
  while ((await sealAudit(db, o.now)) > 0) {}
  const check = await verifyChain(db);
  if (!check.ok)
    throw new ArchiveError(`the audit chain does not verify (${check.problem ?? ""}): nothing archived`);

  const toDump: { table: PartitionedTable; partition: string; month: number }[] = [];
  const anchors = new Map<string, { anchorSeq: string; anchorHash: string; links: number }>();
  for (const { table } of PARTITIONED_TABLES) {
    const parts = (await listPartitions(db, table)).filter((p) => p.month < before);
    const detach: string[] = [];
    for (const p of parts) {
      if (!p.attached) {
        toDump.push({ table, partition: p.name, month: p.month });
        continue;
      }
      if (table === "audit_log" && monthStart(p.month + 1).getTime() > retentionEdge) {
        report.kept.push({
          partition: p.name,
          reason: `audit records are kept ${AUDIT_RETENTION_DAYS} days`,
        });
        continue;
      }
      if (table === "notification_outbox" && (await hasUndelivered(db, p.name))) {
        report.kept.push({ partition: p.name, reason: "messages still pending or being sent" });
        continue;
      }
      detach.push(p.name);
    }
    if (detach.length === 0) continue;
    await db.transaction().execute(async (trx) => {
      await lockPartitions(trx);
      if (table === "audit_log") {
        await lockSealer(trx);
        const remaining = (await listPartitions(trx, table))
          .filter((p) => p.attached && !detach.includes(p.name))
          .map((p) => p.name);
        const plan = await planAuditArchive(trx, detach, [...remaining, "audit_log_default"]);
        for (const f of plan.facts) {
          anchors.set(f.partition, {
            anchorSeq: plan.anchorSeq,
            anchorHash: plan.anchorHash,
            links: plan.links.length,
          });
          await insertAuditArchive(trx, {
            at: o.now,
            partition: f.partition,
            rows: f.rows,
            firstSeq: f.firstSeq,
            lastSeq: f.lastSeq,
            anchorSeq: plan.anchorSeq,
            anchorHash: plan.anchorHash,
            links: plan.links,
            file: fileOf(o.outDir, f.partition, handle.kind),
          });
        }
      }
      for (const name of detach) await detachPartition(trx, table, name);
    });
    for (const name of detach) {
      const p = parts.find((x) => x.name === name);
      if (p) toDump.push({ table, partition: name, month: p.month });
    }
  }

  mkdirSync(o.outDir, { recursive: true });
  for (const d of toDump) {
    const rows = await countRows(db, d.partition);
    const file = fileOf(o.outDir, d.partition, handle.kind);
    await dumpTable(handle, d.partition, file, o.url);
    const inFile = await countRowsInDump(file, handle.kind);
    if (inFile !== rows) {
      throw new ArchiveError(
        `${d.partition}: ${rows} rows in the table but ${inFile} in ${file}; kept (detached)`,
      );
    }
    const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
    const manifest: ArchiveManifest = {
      table: d.table,
      partition: d.partition,
      month: monthLabel(d.month),
      from: monthStart(d.month).toISOString(),
      to: monthStart(d.month + 1).toISOString(),
      rows,
      format: handle.kind === "postgres" ? "pg_dump" : "copy",
      file: basename(file),
      sha256,
      archivedAt: o.now.toISOString(),
    };
    writeFileSync(join(o.outDir, `${d.partition}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
    await db.transaction().execute(async (trx) => {
      if (d.table === "notification_outbox") await forgetDedupeKeys(trx, d.partition);
      await sql`drop table ${sql.table(d.partition)}`.execute(trx);
      await appendAudit(trx, {
        centerId: null,
        actorId: null,
        actorName: o.operator,
        action: "data.archive",
        entity: d.table,
        entityId: d.partition,
        details: { month: manifest.month, rows, file: resolve(file), sha256, ...anchors.get(d.partition) },
        at: o.now,
      });
    });
    report.archived.push({
      table: d.table,
      partition: d.partition,
      month: manifest.month,
      rows,
      file,
      sha256,
    });
  }
  return report;
}

/**
 * Brings an archived month back (`npm run archive -- --restore=<dir>/<partition>.json`): the file
 * is checked against the manifest's SHA-256, loaded into a table of the partition's name and
 * attached for its month again, so the application reads it as before. Audited.
 */
export async function restorePartition(
  handle: DbHandle,
  manifestPath: string,
  o: { now: Date; operator: string; url?: string },
): Promise<ArchiveManifest> {
  const m = JSON.parse(readFileSync(manifestPath, "utf8")) as ArchiveManifest;
  const table = PARTITIONED_TABLES.find((t) => t.table === m.table)?.table;
  if (!table || !/^[a-z_]+_p\d{6}$/.test(m.partition))
    throw new ArchiveError(`not an archive manifest: ${manifestPath}`);
  const file = join(dirname(manifestPath), m.file);
  const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
  if (sha256 !== m.sha256) throw new ArchiveError(`${file}: SHA-256 differs from the manifest`);
  const db = handle.db;
  if (handle.kind === "postgres") {
    if (!o.url) throw new ArchiveError("restore needs DATABASE_URL");
    await run("pg_restore", ["--no-owner", "-d", o.url, file]);
  } else {
    await sql`create table ${sql.table(m.partition)} (like ${sql.table(table)} including defaults including constraints)`.execute(
      db,
    );
    await copyFrom(handle, m.partition, file);
  }
  await db.transaction().execute(async (trx) => {
    await lockPartitions(trx);
    await sql`alter table ${sql.table(table)} attach partition ${sql.table(m.partition)}
      for values from (${sql.lit(m.from)}) to (${sql.lit(m.to)})`.execute(trx);
    await appendAudit(trx, {
      centerId: null,
      actorId: null,
      actorName: o.operator,
      action: "data.restore",
      entity: table,
      entityId: m.partition,
      details: { month: m.month, rows: m.rows, file: resolve(file), sha256 },
      at: o.now,
    });
  });
  return m;
}

function fileOf(outDir: string, partition: string, kind: DbHandle["kind"]): string {
  return join(outDir, `${partition}.${kind === "postgres" ? "dump" : "copy"}`);
}

async function detachPartition(trx: Db, table: PartitionedTable, name: string): Promise<void> {
  await sql`alter table ${sql.table(table)} detach partition ${sql.table(name)}`.execute(trx);
}

async function hasUndelivered(db: Db, partition: string): Promise<boolean> {
  const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(partition)}
    where status in ('pending', 'sending')`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

async function countRows(db: Db, partition: string): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(partition)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The dedupe keys of an archived outbox month leave with it (only a retry within minutes needs them). */
async function forgetDedupeKeys(trx: Db, partition: string): Promise<void> {
  await sql`delete from notification_outbox_keys k using ${sql.table(partition)} p
    where k.dedupe_key = p.dedupe_key`.execute(trx);
}

async function dumpTable(handle: DbHandle, partition: string, file: string, url?: string): Promise<void> {
  if (handle.kind === "postgres") {
    if (!url) throw new ArchiveError("archive needs DATABASE_URL for pg_dump");
    await run("pg_dump", ["-Fc", "--no-owner", "-t", `public.${partition}`, "-f", file, url]);
    return;
  }
  if (!handle.copyToBlob) throw new ArchiveError("this database cannot COPY to a file");
  const blob = await handle.copyToBlob(`copy ${partition} to '/dev/blob'`);
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
}

async function copyFrom(handle: DbHandle, partition: string, file: string): Promise<void> {
  if (!handle.copyFromBlob) throw new ArchiveError("this database cannot COPY from a file");
  await handle.copyFromBlob(`copy ${partition} from '/dev/blob'`, new Blob([readFileSync(file)]));
}

/**
 * Reads a dump back and counts its rows: a COPY file has one line per row (newlines inside values
 * are escaped); a pg_dump archive is read through pg_restore (lines between COPY and "\.").
 */
async function countRowsInDump(file: string, kind: DbHandle["kind"]): Promise<number> {
  if (kind === "pglite") {
    const text = readFileSync(file, "utf8");
    return text.length === 0 ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  }
  const child = spawn("pg_restore", ["--data-only", "-f", "-", file], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (c) => {
    stderr += String(c);
  });
  const closed = new Promise<number | null>((r) => child.on("close", r));
  let inData = false;
  let rows = 0;
  for await (const line of createInterface({ input: child.stdout })) {
    if (inData) {
      if (line === "\\.") inData = false;
      else rows++;
    } else if (/^COPY .* FROM stdin;$/.test(line)) inData = true;
  }
  const code = await closed;
  if (code !== 0) throw new ArchiveError(`pg_restore could not read ${file}: ${stderr.trim()}`);
  return rows;
}
