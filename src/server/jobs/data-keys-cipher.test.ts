import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/app.js";
import { testBackend } from "../../../test/db.js";
import { expectReadsWork, recordKnownRequesters } from "../../../test/personal-data.js";
import { TEST_DATA_KEY } from "../../../test/setup-keys.js";
import { activeKeyIds } from "../lib/data-keys.js";
import { installKeyring, Keyring, parseCipher } from "../lib/personal-data.js";
import {
  prepareDataKeys,
  reencryptPersonalData,
  rotationPending,
  runScheduledRotation,
} from "./data-keys.js";

const A = TEST_DATA_KEY.toString("base64");
const idA = Keyring.fromSecrets([TEST_DATA_KEY]).current.id;
/** PostgreSQL: several instances may share the database, so the passes take the advisory lock. */
const shared = testBackend === "postgres";

describe("personal data: SM4 as the selectable cipher, switching both ways", () => {
  const ctx = useTestApp();
  afterAll(() => installKeyring(Keyring.fromSecrets([TEST_DATA_KEY])));
  const db = () => ctx.handle.db;

  /** The prefixes (pd1 = AES-256-GCM, pd2 = SM4-GCM) of every stored requester value. */
  async function storedCiphers(): Promise<Set<string | undefined>> {
    const appeals = await db()
      .selectFrom("appeals")
      .select(["requester_name", "phone", "address", "contact_person"])
      .execute();
    const outbox = await db().selectFrom("notification_outbox").select("recipient_phone").execute();
    const sms = await db().selectFrom("sms_messages").select("phone").execute();
    return new Set(
      [
        ...appeals.flatMap((a) => [a.requester_name, a.phone, a.address, a.contact_person]),
        ...outbox.map((o) => o.recipient_phone),
        ...sms.map((m) => m.phone),
      ]
        .filter((v): v is string => v !== null && v !== "")
        .map((v) => parseCipher(v)?.cipher),
    );
  }

  it("round trip: an SM4 value decrypts, binds its field, and a changed byte is refused", () => {
    const ring = Keyring.fromSecrets([TEST_DATA_KEY], "sm4");
    const c = ring.encrypt("13812345678", "appeals.phone");
    expect(c).toMatch(/^pd2:[0-9a-f]{10}:/);
    expect(ring.decrypt(c, "appeals.phone")).toBe("13812345678");
    // The AES ring of the same master key reads it too (switching), but not as another column.
    const aes = Keyring.fromSecrets([TEST_DATA_KEY]);
    expect(aes.decrypt(c, "appeals.phone")).toBe("13812345678");
    expect(() => ring.decrypt(c, "appeals.address")).toThrow(/校验失败/);
    const p = parseCipher(c)!;
    const raw = Buffer.from(p.payload, "base64url");
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => ring.decrypt(`pd2:${p.keyId}:${raw.toString("base64url")}`, "appeals.phone")).toThrow(
      /校验失败/,
    );
    expect(ring.isCurrent(c)).toBe(true);
    expect(aes.isCurrent(c)).toBe(false);
  });

  it("switches AES → SM4 by a re-encryption pass while reads go on, and back", async () => {
    await prepareDataKeys(db(), { keys: A }, ctx.clock.now(), { shared });
    const { ids, token } = await recordKnownRequesters(ctx);
    expect(await storedCiphers()).toEqual(new Set(["aes-256-gcm"]));

    const sm4 = (await prepareDataKeys(db(), { keys: A, cipher: "sm4" }, ctx.clock.now(), { shared })).ring;
    expect(sm4.targetId).toBe(`sm4:${idA}`);
    expect(await rotationPending(db(), sm4)).toBe(true);
    // Both kinds are read in the middle of the switch.
    await expectReadsWork(ctx, token, ids);
    const r = await reencryptPersonalData(db(), sm4, ctx.clock.now(), { batchSize: 3 });
    expect(r).toMatchObject({ missed: 0, retired: [idA] });
    expect(r.changed).toBeGreaterThan(5);
    expect(await storedCiphers()).toEqual(new Set(["sm4"]));
    expect(await activeKeyIds(db())).toEqual([`sm4:${idA}`]);
    await expectReadsWork(ctx, token, ids);
    // New values are written with SM4.
    const row = await db()
      .selectFrom("appeals")
      .select("phone")
      .where("id", "=", ids[0]!)
      .executeTakeFirstOrThrow();
    expect(row.phone.startsWith("pd2:")).toBe(true);

    // Back to AES: the retired AES id becomes the target again and the pass moves everything.
    const aes = (await prepareDataKeys(db(), { keys: A }, ctx.clock.now(), { shared })).ring;
    expect(await rotationPending(db(), aes)).toBe(true);
    // The SM4 ring (an instance not restarted yet) does not move data back.
    expect((await reencryptPersonalData(db(), sm4, ctx.clock.now())).notNewest).toBe(idA);
    const back = await reencryptPersonalData(db(), aes, ctx.clock.now());
    expect(back).toMatchObject({ missed: 0, retired: [`sm4:${idA}`] });
    expect(await storedCiphers()).toEqual(new Set(["aes-256-gcm"]));
    await expectReadsWork(ctx, token, ids);
  });
});

describe("personal data: backfill and rotation across instances (advisory lock), resumable backfill", () => {
  const ctx = useTestApp();
  afterAll(() => installKeyring(Keyring.fromSecrets([TEST_DATA_KEY])));
  const db = () => ctx.handle.db;

  /** Puts `n` appeals back into plaintext, as a database from before migration 2026121200. */
  async function makePlaintext(): Promise<number> {
    const rows = await db().selectFrom("appeals").select("id").execute();
    for (const [i, r] of rows.entries()) {
      await sql`update appeals set requester_name = ${`旧数据${i}`}, phone = ${`1398765${String(i).padStart(4, "0")}`},
        address = '旧地址', contact_person = null, phone_bidx = null, name_bidx = null where id = ${r.id}`.execute(
        db(),
      );
    }
    await sql`update data_keys set retired_at = null where key_id = 'plaintext'`.execute(db());
    return rows.length;
  }

  const relfilenode = async () =>
    (
      await sql<{ n: string }>`select relfilenode::text as n from pg_class where relname = 'appeals'`.execute(
        db(),
      )
    ).rows[0]!.n;

  it("two instances starting together: one backfills, the other waits and finds it done", async () => {
    await prepareDataKeys(db(), { keys: A }, ctx.clock.now(), { shared });
    await recordKnownRequesters(ctx);
    const n = await makePlaintext();
    expect(n).toBeGreaterThan(3);
    // Without the lock both passes would race: one loses compare-and-set and refuses to start.
    const [one, two] = await Promise.all([
      prepareDataKeys(db(), { keys: A }, ctx.clock.now(), { shared, batchSize: 1 }),
      prepareDataKeys(db(), { keys: A }, ctx.clock.now(), { shared, batchSize: 1 }),
    ]);
    expect([one.backfilled, two.backfilled].sort()).toEqual([0, n].sort());
    expect(await activeKeyIds(db())).toEqual([idA]);
    const phones = await db().selectFrom("appeals").select("phone").execute();
    expect(phones.every((p) => p.phone.startsWith("pd1:"))).toBe(true);
  });

  it("two scheduled rotations at once: one does the work, the other skips the round", async () => {
    const B = Buffer.alloc(32, 0x33).toString("base64");
    const { ring } = await prepareDataKeys(db(), { keys: `${B},${A}` }, ctx.clock.now(), { shared });
    const results = await Promise.all([
      runScheduledRotation(db(), ring, ctx.clock.now(), { shared, batchSize: 1 }),
      runScheduledRotation(db(), ring, ctx.clock.now(), { shared, batchSize: 1 }),
    ]);
    const worked = results.filter((r) => typeof r === "object");
    expect(worked).toHaveLength(1);
    expect(worked[0]).toMatchObject({ missed: 0, retired: [idA] });
    expect(results.filter((r) => typeof r !== "object")).toEqual(["skipped"]);
    // Back to A (first, B still read) for the next test: the retired A becomes the target again.
    const { ring: back } = await prepareDataKeys(db(), { keys: `${A},${B}` }, ctx.clock.now(), { shared });
    expect(await runScheduledRotation(db(), back, ctx.clock.now(), { shared })).toMatchObject({
      missed: 0,
      retired: [Keyring.fromSecrets([Buffer.from(B, "base64")]).current.id],
    });
  });

  it("a backfill that stopped after encrypting but before compacting compacts on the next start", async () => {
    // The state a crash between the encrypting pass and VACUUM FULL leaves: every row already
    // ciphertext, `plaintext` not yet retired. The next start must still compact the tables
    // (the plaintext row versions are still in their files) before retiring it.
    await sql`update data_keys set retired_at = null where key_id = 'plaintext'`.execute(db());
    const before = await relfilenode();
    const r = await prepareDataKeys(db(), { keys: A }, ctx.clock.now(), { shared });
    expect(r.backfilled).toBe(0);
    expect(await relfilenode()).not.toBe(before);
    expect(await activeKeyIds(db())).toEqual([idA]);
  });
});
