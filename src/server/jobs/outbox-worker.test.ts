import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, postgresUrlOf } from "../../../test/db.js";
import { ManualClock } from "../clock.js";
import { createDb, type Db, type DbHandle } from "../db/database.js";
import {
  claimDueMessages,
  enqueueNotification,
  RecordingSmsProvider,
  type SmsProvider,
  type SmsSendRequest,
} from "../modules/notifications/index.js";
import { deliverOutboxOnce, drainOutbox, MAX_ATTEMPTS, retryDelayMs } from "./outbox-worker.js";

let handle: DbHandle;
let db: Db;
let centerId: string;
const clock = new ManualClock("2026-10-01T09:00:00+08:00");
let seq = 0;

/** The recording provider, counting how often each outbox row reached it. */
class CountingProvider implements SmsProvider {
  readonly name = "recording";
  calls = new Map<string, number>();
  constructor(private readonly inner: SmsProvider) {}
  async send(req: SmsSendRequest) {
    this.calls.set(req.outboxId, (this.calls.get(req.outboxId) ?? 0) + 1);
    return this.inner.send(req);
  }
}

async function enqueue(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) {
    seq++;
    await enqueueNotification(db, {
      centerId,
      appealId: null,
      kind: "appeal.received",
      recipientPhone: "13800138000",
      text: `您的诉求已受理，受理编号 T${seq}`,
      dedupeKey: `test:${seq}`,
      now: clock.now(),
    });
  }
}

async function counts() {
  const r = await sql<{ status: string; n: string }>`
    select status, count(*)::text as n from notification_outbox group by status`.execute(db);
  const sms = await db
    .selectFrom("sms_messages")
    .select(db.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return { ...Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)])), sms: Number(sms.n) };
}

beforeAll(async () => {
  handle = await createTestDb();
  db = handle.db;
  const c = await db
    .insertInto("centers")
    .values({ code: "outbox-test", name: "测试中心", level: "county" })
    .returning("id")
    .executeTakeFirstOrThrow();
  centerId = c.id;
});
afterAll(async () => handle?.close());
beforeEach(async () => {
  await db.deleteFrom("sms_messages").execute();
  await db.deleteFrom("notification_outbox").execute();
  clock.set("2026-10-01T09:00:00+08:00");
});

describe("notification outbox", () => {
  it("enqueues a message once per dedupe key", async () => {
    const base = {
      centerId,
      appealId: null,
      kind: "appeal.received",
      recipientPhone: "13800138000",
      text: "已受理",
    };
    expect(await enqueueNotification(db, { ...base, dedupeKey: "appeal:1:received", now: clock.now() })).toBe(
      true,
    );
    expect(await enqueueNotification(db, { ...base, dedupeKey: "appeal:1:received", now: clock.now() })).toBe(
      false,
    );
    expect(await counts()).toEqual({ pending: 1, sms: 0 });
  });

  it("rolls the message back with the caller's transaction", async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueNotification(trx, {
          centerId,
          appealId: null,
          kind: "appeal.received",
          recipientPhone: "13800138000",
          text: "已受理",
          dedupeKey: "rolled-back",
        });
        throw new Error("business rule failed");
      }),
    ).rejects.toThrow("business rule failed");
    expect(await counts()).toEqual({ sms: 0 });
  });

  it("delivers a message once and records it in the SMS log", async () => {
    await enqueue(3);
    const provider = new CountingProvider(new RecordingSmsProvider(db, clock));
    expect(await deliverOutboxOnce(db, clock, provider)).toEqual({
      claimed: 3,
      sent: 3,
      retried: 0,
      failed: 0,
    });
    expect(await deliverOutboxOnce(db, clock, provider)).toEqual({
      claimed: 0,
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(await counts()).toEqual({ sent: 3, sms: 3 });
    const sms = await db.selectFrom("sms_messages").selectAll().orderBy("id").execute();
    // Sent concurrently within the batch: compare as a set.
    expect(sms.map((s) => s.text).sort()).toEqual(
      [1, 2, 3].map((i) => `您的诉求已受理，受理编号 T${seq - 3 + i}`).sort(),
    );
    expect(sms[0]?.sent_at.toISOString()).toBe(clock.now().toISOString());
    expect([...provider.calls.values()]).toEqual([1, 1, 1]);
  });

  it("never sends a message twice when workers race in one process", async () => {
    await enqueue(40);
    const provider = new CountingProvider(new RecordingSmsProvider(db, clock));
    const runs = await Promise.all(
      [1, 2, 3, 4].map(() => deliverOutboxOnce(db, clock, provider, { batchSize: 15 })),
    );
    for (const r of runs) expect(r.claimed).toBeLessThanOrEqual(15);
    const claimed = runs.reduce((s, r) => s + r.claimed, 0);
    // Some runs may find nothing left; keep going until the outbox is drained.
    let extra = 0;
    for (;;) {
      const r = await deliverOutboxOnce(db, clock, provider, { batchSize: 15 });
      if (r.claimed === 0) break;
      extra += r.claimed;
    }
    expect(claimed + extra).toBe(40);
    expect(provider.calls.size).toBe(40);
    expect([...provider.calls.values()].every((n) => n === 1)).toBe(true);
    expect(await counts()).toEqual({ sent: 40, sms: 40 });
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    "never sends a message twice when two instances (two pools) race on PostgreSQL",
    async () => {
      const name = (await sql<{ db: string }>`select current_database() as db`.execute(db)).rows[0]?.db;
      const url = postgresUrlOf(name as string) as string;
      const other = await createDb({ kind: "postgres", url, poolSize: 4 });
      try {
        await enqueue(200);
        // Open both pools' connections first so neither instance gets a head start,
        // and make each send take a moment so the instances really interleave.
        await Promise.all([db, other.db].flatMap((d) => [1, 2].map(() => sql`select 1`.execute(d))));
        const slow = (d: Db): SmsProvider => {
          const inner = new RecordingSmsProvider(d, clock);
          return {
            name: inner.name,
            send: async (req) => {
              await new Promise((r) => setTimeout(r, 2));
              return inner.send(req);
            },
          };
        };
        const p1 = new CountingProvider(slow(db));
        const p2 = new CountingProvider(slow(other.db));
        const drain = async (d: Db, p: SmsProvider) => {
          let total = 0;
          for (;;) {
            const rs = await Promise.all([1, 2].map(() => deliverOutboxOnce(d, clock, p, { batchSize: 7 })));
            // A claim never exceeds its batch (a plain `id in (… limit … skip locked)`
            // subquery can be re-run by PostgreSQL and claim far more).
            for (const r of rs) expect(r.claimed).toBeLessThanOrEqual(7);
            const n = rs.reduce((s, r) => s + r.claimed, 0);
            total += n;
            if (n === 0) return total;
          }
        };
        const [a, b] = await Promise.all([drain(db, p1), drain(other.db, p2)]);
        expect(a + b).toBe(200);
        expect(a).toBeGreaterThan(0);
        expect(b).toBeGreaterThan(0);
        const ids = [...p1.calls.keys(), ...p2.calls.keys()];
        expect(new Set(ids).size).toBe(200);
        expect(ids.length).toBe(200);
        expect(await counts()).toEqual({ sent: 200, sms: 200 });
      } finally {
        await other.close();
      }
    },
  );

  it("retries a failing provider with exponential backoff, then gives up", async () => {
    await enqueue(1);
    let calls = 0;
    const failing: SmsProvider = {
      name: "broken",
      send: async () => {
        calls++;
        throw new Error("网关超时");
      },
    };
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const r = await deliverOutboxOnce(db, clock, failing);
      expect(r.claimed).toBe(1);
      const row = await db.selectFrom("notification_outbox").selectAll().executeTakeFirstOrThrow();
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toBe("网关超时");
      if (attempt < MAX_ATTEMPTS) {
        expect(row.status).toBe("pending");
        const delay = row.next_attempt_at.getTime() - clock.now().getTime();
        delays.push(delay);
        // Not due before the backoff has elapsed.
        clock.advance(delay - 1000);
        expect((await deliverOutboxOnce(db, clock, failing)).claimed).toBe(0);
        clock.advance(1000);
      } else {
        expect(row.status).toBe("failed");
        expect(r.failed).toBe(1);
      }
    }
    expect(delays.map((d) => d / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    expect(calls).toBe(MAX_ATTEMPTS);
    clock.advance(24 * 3600_000);
    expect((await deliverOutboxOnce(db, clock, failing)).claimed).toBe(0);
    expect(await counts()).toEqual({ failed: 1, sms: 0 });
  });

  it("drains a burst in consecutive batches, up to a cap", async () => {
    await enqueue(45);
    const provider = new CountingProvider(new RecordingSmsProvider(db, clock));
    expect(await drainOutbox(db, clock, provider, { batchSize: 10, maxBatches: 2 })).toEqual({
      claimed: 20,
      sent: 20,
      retried: 0,
      failed: 0,
    });
    expect(await drainOutbox(db, clock, provider, { batchSize: 10 })).toEqual({
      claimed: 25,
      sent: 25,
      retried: 0,
      failed: 0,
    });
    expect(await counts()).toEqual({ sent: 45, sms: 45 });
  });

  it("sends a batch concurrently but each message once", async () => {
    await enqueue(12);
    let inFlight = 0;
    let maxInFlight = 0;
    const inner = new RecordingSmsProvider(db, clock);
    const slow: SmsProvider = {
      name: "recording",
      send: async (req) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return inner.send(req);
      },
    };
    const provider = new CountingProvider(slow);
    const r = await deliverOutboxOnce(db, clock, provider, { batchSize: 12, concurrency: 4 });
    expect(r.sent).toBe(12);
    expect(maxInFlight).toBe(4);
    expect([...provider.calls.values()]).toEqual(Array(12).fill(1));
  });

  it("caps the backoff at one hour", () => {
    expect(retryDelayMs(1)).toBe(30_000);
    expect(retryDelayMs(7)).toBe(1920_000);
    expect(retryDelayMs(8)).toBe(3600_000);
    expect(retryDelayMs(20)).toBe(3600_000);
  });

  it("recovers from a worker that crashed between sending and marking", async () => {
    await enqueue(1);
    const provider = new CountingProvider(new RecordingSmsProvider(db, clock));
    // A worker claims and sends, then dies before marking the row sent.
    const [m] = await claimDueMessages(db, {
      now: clock.now(),
      leaseMs: 60_000,
      limit: 10,
      workerId: "crashed",
      maxAttempts: MAX_ATTEMPTS,
    });
    if (!m) throw new Error("nothing claimed");
    await provider.send({
      outboxId: m.id,
      centerId,
      phone: m.recipientPhone,
      text: m.text,
      idempotencyKey: `outbox:${m.id}`,
    });
    // While the lease holds, nobody else takes it.
    clock.advance(59_000);
    expect((await deliverOutboxOnce(db, clock, provider)).claimed).toBe(0);
    // After it expires the message is redelivered; the provider dedupes.
    clock.advance(2_000);
    expect(await deliverOutboxOnce(db, clock, provider)).toEqual({
      claimed: 1,
      sent: 1,
      retried: 0,
      failed: 0,
    });
    expect(provider.calls.get(m.id)).toBe(2);
    expect(await counts()).toEqual({ sent: 1, sms: 1 });
    // The crashed worker cannot overwrite the state when it comes back.
    const late = await db
      .updateTable("notification_outbox")
      .set({ status: "pending" })
      .where("claimed_by", "=", "crashed")
      .executeTakeFirst();
    expect(Number(late.numUpdatedRows)).toBe(0);
  });

  it("gives up on a message whose last attempt was abandoned", async () => {
    await enqueue(1);
    await db
      .updateTable("notification_outbox")
      .set({ attempts: MAX_ATTEMPTS - 1 })
      .execute();
    await claimDueMessages(db, {
      now: clock.now(),
      leaseMs: 60_000,
      limit: 10,
      workerId: "crashed",
      maxAttempts: MAX_ATTEMPTS,
    });
    clock.advance(61_000);
    const r = await deliverOutboxOnce(db, clock, new RecordingSmsProvider(db, clock));
    expect(r).toEqual({ claimed: 0, sent: 0, retried: 0, failed: 1 });
    expect(await counts()).toEqual({ failed: 1, sms: 0 });
  });
});
