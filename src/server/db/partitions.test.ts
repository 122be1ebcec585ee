import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/app.js";
import { postgresUrlOf, testBackend } from "../../../test/db.js";
import type { AuditAction } from "../../contracts/audit.js";
import { appendAudit, sealAudit, verifyChain } from "../modules/audit/index.js";
import { enqueueNotification } from "../modules/notifications/index.js";
import { type ArchiveManifest, archivePartitions, restorePartition } from "./archive.js";
import type { Db } from "./database.js";
import { migrations } from "./migrations/index.js";
import { ensurePartitions } from "./partitions.js";

/**
 * Monthly partitions of the append-only tables (migration 2026121600, ADR 0017): the migration
 * keeps every row and the audit chain, rows land in their month, the ahead job is idempotent and
 * empties DEFAULT for the months it creates, and archiving detaches, dumps, verifies and drops old
 * months while audit:verify keeps working — and keeps finding edited and deleted rows.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();
const out = mkdtempSync(join(tmpdir(), "yousu-archive-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const db = (): Db => ctx.handle.db;
const at = (iso: string) => new Date(iso);
const audit = (action: string, when: string) =>
  db()
    .transaction()
    .execute((trx) =>
      appendAudit(trx, {
        centerId: null,
        actorId: null,
        actorName: "system",
        action: action as AuditAction,
        details: { note: action },
        at: at(when),
      }),
    );
const seal = async () => {
  while ((await sealAudit(db(), at("2031-12-15T00:00:00Z"))) > 0) {}
};
async function centerId(): Promise<string> {
  const r = await sql<{ id: string }>`select id from centers order by id limit 1`.execute(db());
  return r.rows[0]?.id as string;
}
async function partitionOf(table: string, where: string): Promise<string[]> {
  const r = await sql<{ p: string }>`select tableoid::regclass::text as p from ${sql.table(table)}
    where ${sql.raw(where)} order by id`.execute(db());
  return r.rows.map((x) => x.p);
}
async function count(table: string): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db());
  return Number(r.rows[0]?.n);
}
async function exists(name: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select to_regclass(${name}) is not null as ok`.execute(db());
  return r.rows[0]?.ok === true;
}
async function tamper(statement: string): Promise<void> {
  await sql`alter table audit_log disable trigger audit_log_guard`.execute(db());
  try {
    await sql.raw(statement).execute(db());
  } finally {
    await sql`alter table audit_log enable trigger audit_log_guard`.execute(db());
  }
}
async function url(): Promise<string | undefined> {
  const r = await sql<{ name: string }>`select current_database() as name`.execute(db());
  return postgresUrlOf(r.rows[0]?.name as string);
}
const outbox = (center: string, key: string, created: string, status = "sent") =>
  sql<{
    id: string;
  }>`insert into notification_outbox (center_id, kind, channel, recipient_phone, text, dedupe_key, status,
      next_attempt_at, created_at)
    values (${center}, 'test', 'sms', 'x', 'text', ${key}, ${status}, ${at(created)}, ${at(created)})
    returning id`.execute(db());

describe(`monthly partitions (${testBackend})`, () => {
  it("the migration keeps every row, id and the audit chain; old dedupe keys still dedupe", async () => {
    const migrator = new Migrator({ db: db(), provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo("2026121300_retention_index");
    expect(down.error).toBeUndefined();
    const center = await centerId();
    await audit("test.old", "2025-01-10T08:00:00+08:00");
    await audit("test.recent", "2026-12-05T08:00:00+08:00");
    await seal();
    const o1 = await outbox(center, "k:old", "2025-01-10T09:00:00+08:00");
    await sql`insert into sms_messages (center_id, outbox_id, phone, text, provider, sent_at)
      values (${center}, ${o1.rows[0]?.id as string}, 'x', 'text', 'recording', ${at("2025-01-10T09:01:00+08:00")})`.execute(
      db(),
    );
    const before = {
      audit: await count("audit_log"),
      outbox: await count("notification_outbox"),
      sms: await count("sms_messages"),
      events: await count("appeal_events"),
    };
    const ids = await sql<{ id: string }>`select id from audit_log order by id`.execute(db());

    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect({
      audit: await count("audit_log"),
      outbox: await count("notification_outbox"),
      sms: await count("sms_messages"),
      events: await count("appeal_events"),
    }).toEqual(before);
    expect((await sql<{ id: string }>`select id from audit_log order by id`.execute(db())).rows).toEqual(
      ids.rows,
    );
    expect(await verifyChain(db())).toMatchObject({ ok: true });
    // Rows are in their month: the oldest month got a partition, the rest the months after it.
    expect(await partitionOf("audit_log", "action = 'test.old'")).toEqual(["audit_log_p202501"]);
    expect(await partitionOf("notification_outbox", "dedupe_key = 'k:old'")).toEqual([
      "notification_outbox_p202501",
    ]);
    // A key enqueued before the migration is still known, whenever the retry comes.
    const again = await db()
      .transaction()
      .execute((trx) =>
        enqueueNotification(trx, {
          centerId: center,
          appealId: null,
          kind: "test",
          recipientPhone: "13800138000",
          text: "again",
          dedupeKey: "k:old",
          now: at("2027-01-05T00:00:00Z"),
        }),
      );
    expect(again).toBe(false);
    // New ids continue after the copied ones.
    await audit("test.after", "2026-12-06T08:00:00+08:00");
    const after = await sql<{ id: string }>`select id from audit_log where action = 'test.after'`.execute(
      db(),
    );
    expect(BigInt(after.rows[0]?.id as string)).toBeGreaterThan(BigInt(ids.rows.at(-1)?.id as string));
  });

  it("the ahead job creates months idempotently and moves rows out of DEFAULT; the audit guard stays", async () => {
    const center = await centerId();
    // Rows of a month with no partition yet go to DEFAULT: no insert ever fails.
    await audit("test.future", "2030-02-10T08:00:00+08:00");
    await outbox(center, "k:future", "2030-02-10T09:00:00+08:00");
    expect(await partitionOf("audit_log", "action = 'test.future'")).toEqual(["audit_log_default"]);

    const first = await ensurePartitions(db(), at("2030-01-15T00:00:00+08:00"), 1);
    expect(first.created).toHaveLength(8);
    expect(first.created).toContain("audit_log_p203002");
    expect(first.moved).toBe(2);
    expect(await partitionOf("audit_log", "action = 'test.future'")).toEqual(["audit_log_p203002"]);
    expect(await partitionOf("notification_outbox", "dedupe_key = 'k:future'")).toEqual([
      "notification_outbox_p203002",
    ]);
    expect(await ensurePartitions(db(), at("2030-01-15T00:00:00+08:00"), 1)).toEqual({
      created: [],
      moved: 0,
    });
    // Two instances at once: one creates, the other finds them.
    const both = await Promise.all([
      ensurePartitions(db(), at("2030-06-15T00:00:00+08:00"), 0),
      ensurePartitions(db(), at("2030-06-15T00:00:00+08:00"), 0),
    ]);
    expect(both[0].created.length + both[1].created.length).toBe(4);
    // The default partition got its copy of the guard back after the move.
    await expect(sql`delete from audit_log where action = 'test.old'`.execute(db())).rejects.toThrow(
      /cannot be deleted/,
    );
    await expect(
      sql`update audit_log set ip = 'x' where action = 'test.future'`.execute(db()),
    ).rejects.toThrow(/cannot be edited/);
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  });

  it("the outbox worker's due query reads an index per partition, never a heap of sent months", async () => {
    const plan = await sql<{ "QUERY PLAN": string }>`explain
      select id from notification_outbox
      where status in ('pending', 'sending') and channel = 'sms' and attempts < 8
        and next_attempt_at <= now() and (claimed_until is null or claimed_until < now())
      order by next_attempt_at, id limit 20 for update skip locked`.execute(db());
    const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/notification_outbox_p\d+_next_attempt_at_id_idx/);
    expect(text).not.toMatch(/Seq Scan/);
  });

  it("archives old months: detached, dumped, read back, dropped, audited; audit:verify resumes at the anchor", async () => {
    const center = await centerId();
    await ensurePartitions(db(), at("2031-03-01T00:00:00+08:00"), 2);
    await audit("test.mar", "2031-03-10T08:00:00+08:00");
    await audit("test.apr", "2031-04-10T08:00:00+08:00");
    await seal();
    // A row of April sealed after a row of May: its position lies above the archived prefix.
    await audit("test.may", "2031-05-02T08:00:00+08:00");
    await seal();
    await audit("test.apr-late", "2031-04-30T23:00:00+08:00");
    await seal();
    await audit("test.may-2", "2031-05-03T08:00:00+08:00");
    await seal();
    await outbox(center, "k:mar", "2031-03-10T09:00:00+08:00");
    await outbox(center, "k:apr", "2031-04-10T09:00:00+08:00", "pending");
    const marRows = await count("audit_log_p203103");

    const report = await archivePartitions(ctx.handle, {
      before: "2031-05",
      outDir: out,
      now: at("2031-12-15T00:00:00+08:00"),
      operator: "test",
      url: await url(),
    });
    const names = report.archived.map((a) => a.partition);
    expect(names).toEqual(
      expect.arrayContaining(["audit_log_p203103", "audit_log_p203104", "notification_outbox_p203103"]),
    );
    expect(names).not.toContain("audit_log_p203105");
    expect(report.kept).toContainEqual({
      partition: "notification_outbox_p203104",
      reason: "messages still pending or being sent",
    });
    expect(await exists("audit_log_p203103")).toBe(false);
    expect(await exists("notification_outbox_p203104")).toBe(true);
    const mar = JSON.parse(readFileSync(join(out, "audit_log_p203103.json"), "utf8")) as ArchiveManifest;
    expect(mar).toMatchObject({ table: "audit_log", month: "2031-03", rows: marRows });
    expect(existsSync(join(out, mar.file))).toBe(true);
    const audited = await sql<{ n: string }>`select count(*) as n from audit_log
      where action = 'data.archive' and entity_id = 'audit_log_p203103'`.execute(db());
    expect(Number(audited.rows[0]?.n)).toBe(1);
    // The chain still verifies, from the anchor, across the late April row's recorded link.
    expect(await verifyChain(db())).toMatchObject({ ok: true });
    await seal();
    expect(await verifyChain(db())).toMatchObject({ ok: true, unsealed: 0 });

    // …and still finds an edited row and a deleted one among the rows that stay.
    await tamper(`update audit_log set details = '{"note":"forged"}' where action = 'test.may-2'`);
    expect(await verifyChain(db())).toMatchObject({ ok: false, problem: "记录内容与哈希不符（已被修改）" });
    await tamper(`update audit_log set details = '{"note":"test.may-2"}' where action = 'test.may-2'`);
    expect(await verifyChain(db())).toMatchObject({ ok: true });
    const may = await sql<{ id: string; chain_seq: string }>`select id, chain_seq from audit_log
      where action = 'test.may'`.execute(db());
    const saved = await sql<
      Record<string, unknown>
    >`select * from audit_log where action = 'test.may'`.execute(db());
    await tamper("delete from audit_log where action = 'test.may'");
    const broken = await verifyChain(db());
    expect(broken.ok).toBe(false);
    expect(broken.problem).toMatch(/缺失/);
    // Put it back as it was (the owner's undo), then bring April back from its archive.
    const row = saved.rows[0] as Record<string, unknown>;
    await sql`insert into audit_log overriding system value
      select * from jsonb_populate_record(null::audit_log, ${JSON.stringify(row)}::jsonb)`.execute(db());
    expect(may.rows[0]?.chain_seq).toBeDefined();
    expect(await verifyChain(db())).toMatchObject({ ok: true });

    const restored = await restorePartition(ctx.handle, join(out, "audit_log_p203104.json"), {
      now: at("2031-12-16T00:00:00+08:00"),
      operator: "test",
      url: await url(),
    });
    expect(restored.rows).toBeGreaterThan(0);
    expect(await partitionOf("audit_log", "action = 'test.apr-late'")).toEqual(["audit_log_p203104"]);
    await seal();
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  }, 240_000);

  it("never archives audit months inside the 180-day retention, nor a month not over yet", async () => {
    await expect(
      archivePartitions(ctx.handle, {
        before: "2031-10",
        outDir: out,
        now: at("2031-09-01T00:00:00+08:00"),
        operator: "test",
      }),
    ).rejects.toThrow(/only finished months/);
    const report = await archivePartitions(ctx.handle, {
      before: "2031-06",
      outDir: out,
      now: at("2031-09-01T00:00:00+08:00"),
      operator: "test",
      url: await url(),
    });
    expect(report.kept).toContainEqual({
      partition: "audit_log_p203105",
      reason: "audit records are kept 180 days",
    });
    expect(await exists("audit_log_p203105")).toBe(true);
    expect(await verifyChain(db())).toMatchObject({ ok: true });
  }, 120_000);
});
