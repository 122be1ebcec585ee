import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/app.js";
import { appealBody, recordOk } from "../../../test/appeals.js";
import { testBackend } from "../../../test/db.js";
import { expectReadsWork, recordKnownRequesters } from "../../../test/personal-data.js";
import { TEST_DATA_KEY } from "../../../test/setup-keys.js";
import { activeKeyIds, openDataKeys } from "../lib/data-keys.js";
import { DataKeyError, installKeyring, Keyring, keyIdOf } from "../lib/personal-data.js";
import { prepareDataKeys, reencryptPersonalData, rotationPending } from "./data-keys.js";

const A = TEST_DATA_KEY.toString("base64");
const B = randomBytes(32).toString("base64");
const idOf = (k: string) => Keyring.fromSecrets([Buffer.from(k, "base64")]).current.id;

describe("personal-data keys: rotation without downtime, backfill, refusal of a wrong key", () => {
  const ctx = useTestApp();
  afterAll(() => installKeyring(Keyring.fromSecrets([TEST_DATA_KEY])));
  const db = () => ctx.handle.db;

  /** The key id of every stored personal value (appeals, outbox, SMS log, idempotency responses). */
  async function storedKeyIds(): Promise<Set<string | undefined>> {
    const appeals = await db()
      .selectFrom("appeals")
      .select(["requester_name", "phone", "address", "contact_person"])
      .execute();
    const outbox = await db().selectFrom("notification_outbox").select("recipient_phone").execute();
    const sms = await db().selectFrom("sms_messages").select("phone").execute();
    const idem = await db()
      .selectFrom("idempotency_keys")
      .select("response")
      .where("status_code", ">", 0)
      .execute();
    return new Set(
      [
        ...appeals.flatMap((a) =>
          [a.requester_name, a.phone, a.address, a.contact_person].filter((v) => v !== null),
        ),
        ...outbox.map((o) => o.recipient_phone),
        ...sms.map((m) => m.phone),
        ...idem.map((r) => (r.response as { pd1: string }).pd1),
      ].map((v) => keyIdOf(v as string)),
    );
  }

  it("a restart with the key already registered writes nothing (not even an identity value)", async () => {
    await prepareDataKeys(db(), { keys: A }, ctx.clock.now());
    const identity = async () => {
      const r = await sql<{ v: string | null }>`
        select last_value::text as v from pg_sequences
        where sequencename = (select pg_get_serial_sequence('data_keys', 'seq')::regclass::text)`.execute(
        db(),
      );
      return r.rows[0]?.v;
    };
    const before = { rows: await db().selectFrom("data_keys").selectAll().orderBy("key_id").execute() };
    const seqBefore = await identity();
    for (let i = 0; i < 2; i++) {
      const again = await prepareDataKeys(db(), { keys: A }, new Date(ctx.clock.now().getTime() + 60_000));
      expect(again.ring.current.id).toBe(idOf(A));
    }
    expect({ rows: await db().selectFrom("data_keys").selectAll().orderBy("key_id").execute() }).toEqual(
      before,
    );
    expect(await identity()).toBe(seqBefore);
  });

  it("rotates to a new key while reads go on, then retires the old one", async () => {
    const first = await prepareDataKeys(db(), { keys: A }, ctx.clock.now());
    expect(first.ring.current.id).toBe(idOf(A));
    const { ids, token } = await recordKnownRequesters(ctx);
    expect(await storedKeyIds()).toEqual(new Set([idOf(A)]));

    // Phase: the new key first, the old one after it. New rows go under B, old ones stay readable.
    const { ring } = await prepareDataKeys(db(), { keys: `${B},${A}` }, ctx.clock.now());
    expect(ring.current.id).toBe(idOf(B));
    expect(await rotationPending(db(), ring)).toBe(true);
    // An instance not restarted yet (old key still first) never moves data back to the old key.
    const lagging = Keyring.fromSecrets([Buffer.from(A, "base64"), Buffer.from(B, "base64")]);
    expect(await rotationPending(db(), lagging)).toBe(false);
    expect(await reencryptPersonalData(db(), lagging, ctx.clock.now())).toMatchObject({
      notNewest: idOf(B),
      changed: 0,
      retired: [],
    });
    const fresh = await recordOk(
      ctx,
      token,
      appealBody({ requester: { name: "新密钥", phone: "13700000001", address: "x" } }),
    );
    await expectReadsWork(ctx, token, ids);
    expect(await storedKeyIds()).toEqual(new Set([idOf(A), idOf(B)]));

    // The pass runs in small batches while the API keeps reading.
    const [result] = await Promise.all([
      reencryptPersonalData(db(), ring, ctx.clock.now(), { batchSize: 2 }),
      (async () => {
        for (let i = 0; i < 3; i++) await expectReadsWork(ctx, token, ids);
      })(),
    ]);
    expect(result.missed).toBe(0);
    expect(result.changed).toBeGreaterThan(10);
    expect(result.retired).toEqual([idOf(A)]);
    expect(await storedKeyIds()).toEqual(new Set([idOf(B)]));
    expect(await activeKeyIds(db())).toEqual([idOf(B)]);
    expect(await rotationPending(db(), ring)).toBe(false);
    // A second pass finds nothing to do.
    expect((await reencryptPersonalData(db(), ring, ctx.clock.now())).changed).toBe(0);

    // The old key can now be dropped: the ring of B alone reads everything, lookups included.
    await prepareDataKeys(db(), { keys: B }, ctx.clock.now());
    await expectReadsWork(ctx, token, ids);
    const detail = await ctx.app.inject({
      method: "GET",
      url: `/api/v1/appeals/${fresh.id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(detail.json().requester.name).toBe("新密钥");

    // Only the old key: refused at start-up, naming the missing key, before any row is read.
    await expect(openDataKeys(db(), { keys: A }, ctx.clock.now())).rejects.toThrow(
      new RegExp(`用密钥 ${idOf(B)} 加密.*密钥不对或已丢失`),
    );
  });

  it("encrypts rows stored in plaintext before the migration, once, and drops names from search tokens", async () => {
    const clerkRow = await db()
      .selectFrom("appeals")
      .select("id")
      .orderBy("id")
      .limit(1)
      .executeTakeFirstOrThrow();
    // What a database written before migration 2026121200 holds: plaintext, no blind index.
    await sql`update appeals set requester_name = '旧数据人', phone = '13987650099', address = '旧地址一号',
      contact_person = null, phone_bidx = null, name_bidx = null, search_tokens = 'xx 旧数据人'
      where id = ${clerkRow.id}`.execute(db());
    await sql`update notification_outbox set recipient_phone = '13987650099' where appeal_id = ${clerkRow.id}`.execute(
      db(),
    );
    await sql`update data_keys set retired_at = null where key_id = 'plaintext'`.execute(db());

    const r = await prepareDataKeys(db(), { keys: B }, ctx.clock.now());
    expect(r.backfilled).toBeGreaterThan(0);
    const row = await db()
      .selectFrom("appeals")
      .select(["requester_name", "phone", "address", "phone_bidx", "name_bidx", "search_tokens"])
      .where("id", "=", clerkRow.id)
      .executeTakeFirstOrThrow();
    expect(keyIdOf(row.phone)).toBe(idOf(B));
    expect(keyIdOf(row.requester_name)).toBe(idOf(B));
    expect(keyIdOf(row.address!)).toBe(idOf(B));
    expect(row.phone_bidx).toMatch(/^[0-9a-f]{64}$/);
    expect(row.search_tokens).not.toContain("旧数据人");
    expect(await storedKeyIds()).toEqual(new Set([idOf(B)]));
    expect(await activeKeyIds(db())).toEqual([idOf(B)]);
    // Once: the next start has nothing to backfill.
    expect((await prepareDataKeys(db(), { keys: B }, ctx.clock.now())).backfilled).toBeUndefined();
  });

  it("refuses to start without a key on PostgreSQL, with a malformed key or an unreadable key file", async () => {
    await expect(openDataKeys(db(), {}, ctx.clock.now())).rejects.toThrow(
      /必须设置 YOUSU_DATA_KEY 或 YOUSU_DATA_KEY_FILE/,
    );
    await expect(openDataKeys(db(), { keys: "not-a-key" }, ctx.clock.now())).rejects.toBeInstanceOf(
      DataKeyError,
    );
    await expect(openDataKeys(db(), { keyFile: "/nonexistent/yousu.key" }, ctx.clock.now())).rejects.toThrow(
      /无法读取.*ENOENT/,
    );
  });
});

describe.runIf(testBackend === "pglite")("start-up with a wrong key (process)", () => {
  const root = mkdtempSync(join(tmpdir(), "yousu-key-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("tells a malformed YOUSU_DATA_KEY in one line, without a stack trace, and exits 1", {
    timeout: 180_000,
  }, () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      YOUSU_DATA_DIR: join(root, "data"),
      YOUSU_DATA_KEY: "c2hvcnQ=",
      YOUSU_SCHEDULER: "off",
      PORT: "0",
      LOG_LEVEL: "silent",
    };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/server/main.ts", "serve"], {
      env,
      encoding: "utf8",
      timeout: 170_000,
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain("无法启动：YOUSU_DATA_KEY 的第 1 个密钥不是 base64 编码的 32 字节");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
