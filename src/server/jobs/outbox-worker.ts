import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import type { Db } from "../db/database.js";
import type { SmsProvider } from "../modules/notifications/index.js";
import {
  claimDueMessages,
  failAbandonedMessages,
  markAttemptFailed,
  markSent,
  type OutboxMessage,
} from "../modules/notifications/index.js";

/** Attempts before a message is given up ('failed'). */
export const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/**
 * Delay before the next attempt after `attempts` failed ones:
 * 30 s × 2^(attempts−1), at most 1 h (30 s, 1 min, 2 min … 32 min, 1 h).
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
}

export interface DeliverOptions {
  /** Messages claimed per run. */
  batchSize?: number;
  /** How long a claim protects a message; must exceed the provider's own timeout. */
  leaseMs?: number;
  /** Messages of a batch sent at the same time (overlaps the gateway's latency). */
  concurrency?: number;
  workerId?: string;
}

export interface DeliverResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
}

/**
 * One pass of the outbox delivery worker: claim a bounded batch of due
 * messages, send each through the provider outside any transaction, then mark
 * it. Safe to run in any number of processes at once (claims never overlap);
 * a worker that dies after sending but before marking leaves the claim to
 * expire and the message is redelivered with the same idempotency key, which
 * the provider dedupes — at-least-once delivery, exactly-once effect.
 */
export async function deliverOutboxOnce(
  db: Db,
  clock: Clock,
  provider: SmsProvider,
  opts: DeliverOptions = {},
): Promise<DeliverResult> {
  const workerId = opts.workerId ?? `w-${randomUUID()}`;
  const now = clock.now();
  const result: DeliverResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  result.failed += await failAbandonedMessages(db, now, MAX_ATTEMPTS);
  const batch = await claimDueMessages(db, {
    now,
    leaseMs: opts.leaseMs ?? 60_000,
    limit: opts.batchSize ?? 20,
    workerId,
    maxAttempts: MAX_ATTEMPTS,
  });
  result.claimed = batch.length;
  const deliver = async (m: OutboxMessage) => {
    try {
      await provider.send({
        outboxId: m.id,
        centerId: m.centerId,
        phone: m.recipientPhone,
        text: m.text,
        idempotencyKey: `outbox:${m.id}`,
      });
      if (await markSent(db, m.id, workerId, clock.now(), m.createdAt)) result.sent++;
    } catch (err) {
      const giveUp = m.attempts >= MAX_ATTEMPTS;
      const retryAt = giveUp ? null : new Date(clock.now().getTime() + retryDelayMs(m.attempts));
      const error = err instanceof Error ? err.message : String(err);
      if (await markAttemptFailed(db, { id: m.id, workerId, error, retryAt, createdAt: m.createdAt })) {
        if (giveUp) result.failed++;
        else result.retried++;
      }
    }
  };
  const queue = [...batch];
  const lanes = Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, async () => {
    for (let m = queue.shift(); m; m = queue.shift()) await deliver(m);
  });
  await Promise.all(lanes);
  return result;
}

/**
 * Delivers until the outbox has nothing due (or `maxBatches` batches ran):
 * a burst of intake is sent at once instead of one batch per scheduler tick.
 */
export async function drainOutbox(
  db: Db,
  clock: Clock,
  provider: SmsProvider,
  opts: DeliverOptions & { maxBatches?: number } = {},
): Promise<DeliverResult> {
  const total: DeliverResult = { claimed: 0, sent: 0, retried: 0, failed: 0 };
  const batchSize = opts.batchSize ?? 20;
  for (let i = 0; i < (opts.maxBatches ?? 50); i++) {
    const r = await deliverOutboxOnce(db, clock, provider, { ...opts, batchSize });
    total.claimed += r.claimed;
    total.sent += r.sent;
    total.retried += r.retried;
    total.failed += r.failed;
    if (r.claimed < batchSize) break;
  }
  return total;
}
