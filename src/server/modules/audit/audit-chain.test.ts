import { type RawBuilder, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/app.js";
import { testBackend } from "../../../../test/db.js";
import type { AuditAction } from "../../../contracts/audit.js";
import { appendAudit, sealAudit, verifyChain } from "./index.js";

/**
 * The audit trail stays tamper-evident without a global lock in the request
 * path: a request appends its row in its own transaction, unsealed; a
 * background sealer links committed rows into the hash chain in order and logs
 * each seal. Any edited or deleted sealed row — the tail included — is found.
 */
// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp();

/**
 * Edits the trail as someone with owner rights on the database would: the guard trigger
 * (migration 2026121100) refuses edits and deletions, so it is switched off first.
 */
async function tamper(statement: RawBuilder<unknown>): Promise<void> {
  await sql`alter table audit_log disable trigger audit_log_guard`.execute(ctx.handle.db);
  try {
    await statement.execute(ctx.handle.db);
  } finally {
    await sql`alter table audit_log enable trigger audit_log_guard`.execute(ctx.handle.db);
  }
}

const entry = (action: string) => ({
  centerId: null,
  actorId: null,
  actorName: "system",
  // Test entries: any code (verification covers codes of older vocabularies too).
  action: action as AuditAction,
  details: { note: action },
  at: ctx.clock.now(),
});
const append = (action: string) =>
  ctx.handle.db.transaction().execute((trx) => appendAudit(trx, entry(action)));
const seal = () => sealAudit(ctx.handle.db, ctx.clock.now());

describe.runIf(testBackend === "postgres")("appending under concurrency (PostgreSQL)", () => {
  it("takes no global lock: a second transaction commits its entry while the first is still open", async () => {
    const second = await ctx.handle.db.transaction().execute(async (trx) => {
      await appendAudit(trx, entry("test.first"));
      const other = append("test.second").then(() => "committed");
      const timeout = new Promise((ok) => setTimeout(() => ok("blocked"), 3_000));
      return Promise.race([other, timeout]);
    });
    expect(second).toBe("committed");
    await seal();
    expect(await verifyChain(ctx.handle.db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it("a row committed after later rows were sealed joins the chain in the next seal", async () => {
    let release = () => {};
    const held = new Promise<void>((ok) => {
      release = ok;
    });
    const late = ctx.handle.db.transaction().execute(async (trx) => {
      await appendAudit(trx, entry("test.late"));
      await held;
    });
    await new Promise((ok) => setTimeout(ok, 100));
    await append("test.early");
    await seal();
    release();
    await late;
    expect(await seal()).toBe(1);
    const rows = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "in", ["test.late", "test.early"])
      .select(["action", "id", "chain_seq"])
      .execute();
    const late_ = rows.find((r) => r.action === "test.late");
    const early = rows.find((r) => r.action === "test.early");
    expect(Number(late_?.id)).toBeLessThan(Number(early?.id));
    expect(Number(late_?.chain_seq)).toBeGreaterThan(Number(early?.chain_seq));
    expect(await verifyChain(ctx.handle.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});

describe("sealing and verifying", () => {
  it("appends unsealed and seals in order; verification counts what is not sealed yet", async () => {
    await seal();
    await append("test.a");
    await append("test.b");
    const before = await verifyChain(ctx.handle.db);
    expect(before).toMatchObject({ ok: true, unsealed: 2 });
    expect(await seal()).toBe(2);
    expect(await verifyChain(ctx.handle.db)).toMatchObject({
      ok: true,
      unsealed: 0,
      checked: before.checked + 2,
    });
  });

  it("finds an edited sealed row", async () => {
    const row = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "test.a")
      .select(["id", sql<string>`details::text`.as("original")])
      .executeTakeFirstOrThrow();
    await tamper(sql`update audit_log set details = '{"note":"forged"}'::jsonb where id = ${row.id}`);
    expect(await verifyChain(ctx.handle.db)).toMatchObject({ ok: false, firstBrokenId: row.id });
    await tamper(sql`update audit_log set details = ${row.original}::jsonb where id = ${row.id}`);
    expect((await verifyChain(ctx.handle.db)).ok).toBe(true);
  });

  it("finds a deleted row in the middle and a deleted tail", async () => {
    await append("test.c");
    await append("test.d");
    await seal();
    const d = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "test.d")
      .select("id")
      .executeTakeFirstOrThrow();
    await tamper(sql`delete from audit_log where id = ${d.id}`);
    const tail = await verifyChain(ctx.handle.db);
    expect(tail.ok).toBe(false);
    expect(tail.problem).toContain("末尾");

    const b = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "test.b")
      .select("id")
      .executeTakeFirstOrThrow();
    const c = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "test.c")
      .select("id")
      .executeTakeFirstOrThrow();
    await tamper(sql`delete from audit_log where id = ${b.id}`);
    expect(await verifyChain(ctx.handle.db)).toMatchObject({ ok: false, firstBrokenId: c.id });
  });
});

describe("the database guards the trail (三员分立: nobody edits or erases audit records)", () => {
  it("refuses UPDATE and DELETE of audit rows and seals; the sealer still seals new rows", async () => {
    await append("test.guarded");
    const row = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "test.guarded")
      .select("id")
      .executeTakeFirstOrThrow();
    // Before sealing: content cannot change, and a "seal" that edits content is refused too.
    await expect(
      sql`update audit_log set actor_name = 'someone else' where id = ${row.id}`.execute(ctx.handle.db),
    ).rejects.toThrow(/cannot be edited/);
    await expect(
      sql`update audit_log set chain_seq = 999999, prev_hash = 'x', hash = 'y', action = 'test.forged' where id = ${row.id}`.execute(
        ctx.handle.db,
      ),
    ).rejects.toThrow(/cannot be edited/);
    expect(await seal()).toBeGreaterThan(0);
    // Sealed: no re-sealing, no edit, no deletion — not even of the whole table.
    await expect(
      sql`update audit_log set hash = ${"0".repeat(64)} where id = ${row.id}`.execute(ctx.handle.db),
    ).rejects.toThrow(/cannot be edited/);
    await expect(sql`delete from audit_log where id = ${row.id}`.execute(ctx.handle.db)).rejects.toThrow(
      /cannot be deleted/,
    );
    await expect(sql`delete from audit_log`.execute(ctx.handle.db)).rejects.toThrow(/cannot be deleted/);
    await expect(sql`delete from audit_seals`.execute(ctx.handle.db)).rejects.toThrow(
      /cannot be edited or deleted/,
    );
    await expect(sql`update audit_seals set head_hash = 'x'`.execute(ctx.handle.db)).rejects.toThrow(
      /cannot be edited or deleted/,
    );
    // (The chain itself was broken on purpose by the tests above; the guarded row was sealed.)
    const sealed = await ctx.handle.db
      .selectFrom("audit_log")
      .where("id", "=", row.id)
      .select("chain_seq")
      .executeTakeFirstOrThrow();
    expect(sealed.chain_seq).not.toBeNull();
  });
});
