import { type ExpressionBuilder, type RawBuilder, sql } from "kysely";
import type { OutboxChannel, OutboxStatus } from "../../../contracts/notifications.js";
import { canReceiveSms } from "../../../core/masking.js";
import type { Db } from "../../db/database.js";
import type { Database } from "../../db/schema.js";
import type { WriteBatch } from "../../db/write-batch.js";
import { decryptField, encryptField } from "../../lib/personal-data.js";
import { PHONE_FIELD } from "./sms-message.repository.js";

/** The recipient's phone is personal data: encrypted at rest, bound to this column (AAD). */
export const RECIPIENT_FIELD = "notification_outbox.recipient_phone";

/** What a business action asks to tell the requester (受理回执, refusal, answer …). */
export interface NotificationRequest {
  centerId: string;
  appealId: string | null;
  /** e.g. 'appeal.received', 'appeal.rejected', 'appeal.resolved', 'appeal.acknowledged' */
  kind: string;
  recipientPhone: string;
  text: string;
  /** Unique per message, e.g. `appeal:42:received`; a second enqueue with it is a no-op. */
  dedupeKey: string;
  /**
   * Business time of the action (the injected clock). Pass it: it stamps the row
   * and makes the message due at once even under a simulated clock. Falls back
   * to the database's now().
   */
  now?: Date;
  /**
   * Held until then (a receipt given at the window waits a few minutes, so the refusal or the
   * on-the-spot answer that follows can replace it: one coherent text — see cancelHeld).
   */
  holdUntil?: Date;
}

/** A number that cannot receive SMS (a landline) is told by a call from staff (电话告知). */
export const channelFor = (phone: string): OutboxChannel => (canReceiveSms(phone) ? "sms" : "call");

/**
 * Enqueues an SMS inside the caller's transaction (DESIGN.md §4 outbox): the
 * message exists if and only if the business change commits. Idempotent on
 * dedupe_key, so a retried action never texts the requester twice.
 * Returns true when a row was inserted.
 */
export async function enqueueNotification(trx: Db, n: NotificationRequest): Promise<boolean> {
  return (await insertMessages(trx, [n])) > 0;
}

/** Batch form of enqueueNotification (sweeps): one statement per 1,000 messages, same dedupe rule. */
export async function enqueueNotifications(trx: Db, list: NotificationRequest[]): Promise<void> {
  for (let i = 0; i < list.length; i += 1000) await insertMessages(trx, list.slice(i, i + 1000));
}

/**
 * One statement: the dedupe keys go into notification_outbox_keys (its primary key is what makes a
 * key unique: the outbox is partitioned by created_at, and a retried action stamps a new time), and
 * a message is inserted only for a key that was new. The first of repeated keys in a list wins.
 */
async function insertMessages(trx: Db, list: NotificationRequest[]): Promise<number> {
  const q = messagesSql(list, sql.table("v"), sql.table("k"));
  const r = await sql<{
    id: string;
  }>`with v as (${q.values}), k as (${q.keys}) ${q.messages} returning id`.execute(trx);
  return r.rows.length;
}

/**
 * enqueueNotification as part of a batch (a command that sends its result-less writes as one
 * statement before commit, ADR 0018): the same rows and dedupe rule against keys committed or
 * written earlier in the transaction, no result. One batch must not enqueue a dedupe key twice:
 * its parts run in one statement, so which of the two would be kept is not defined.
 */
export function deferNotification(batch: WriteBatch, n: NotificationRequest): void {
  batch.add((ref) => {
    const q = messagesSql([n], sql.table(ref("v")), sql.table(ref("k")));
    return [
      { name: "v", query: () => q.values },
      { name: "k", query: () => q.keys },
      { name: "messages", query: () => q.messages },
    ];
  });
}

/** The three steps of insertMessages, reading each other's CTEs through `v` and `k`. */
function messagesSql(list: NotificationRequest[], v: RawBuilder<unknown>, k: RawBuilder<unknown>) {
  const rows = list.map((n, ord) => ({
    ord,
    center_id: n.centerId,
    appeal_id: n.appealId,
    kind: n.kind,
    channel: channelFor(n.recipientPhone),
    recipient_phone: encryptField(n.recipientPhone, RECIPIENT_FIELD),
    text: n.text,
    dedupe_key: n.dedupeKey,
    next_attempt_at: (n.holdUntil ?? n.now)?.toISOString() ?? null,
    created_at: n.now?.toISOString() ?? null,
  }));
  return {
    values: sql`select distinct on (v.dedupe_key) v.*
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(
        center_id bigint, appeal_id bigint, kind text, channel text, recipient_phone text, text text,
        dedupe_key text, next_attempt_at timestamptz, created_at timestamptz, ord int)
      order by v.dedupe_key, v.ord`,
    keys: sql`insert into notification_outbox_keys (dedupe_key, created_at)
      select dedupe_key, coalesce(created_at, now()) from ${v}
      on conflict (dedupe_key) do nothing
      returning dedupe_key`,
    messages: sql`insert into notification_outbox
      (center_id, appeal_id, kind, channel, recipient_phone, text, dedupe_key, next_attempt_at, created_at)
    select v.center_id, v.appeal_id, v.kind, v.channel, v.recipient_phone, v.text, v.dedupe_key,
      coalesce(v.next_attempt_at, now()), coalesce(v.created_at, now())
    from ${v} as v join ${k} as k on k.dedupe_key = v.dedupe_key
    order by v.ord`,
  };
}

/**
 * Withdraws a held message that has not gone out (pending, never claimed): the window's refusal
 * or on-the-spot answer replaces the receipt. True when it was withdrawn — the caller's own text
 * must then carry what the receipt would have (tracking number, query code).
 */
export async function cancelHeld(trx: Db, dedupeKey: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable("notification_outbox")
    .set({ status: "cancelled", last_error: "已由后续告知取代", claimed_until: null })
    .where("dedupe_key", "=", dedupeKey)
    .where("status", "=", "pending")
    .where("attempts", "=", 0)
    .where((w) => w.or([w("claimed_until", "is", null), w("claimed_until", "<", now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export type { OutboxStatus };

export interface OutboxMessage {
  id: string;
  centerId: string;
  appealId: string | null;
  kind: string;
  channel: OutboxChannel;
  recipientPhone: string;
  text: string;
  dedupeKey: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  claimedBy: string | null;
  claimedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * Claims up to `limit` due messages for one worker and counts the attempt.
 * The picking query locks with SKIP LOCKED, so concurrent workers (in this
 * process or in other instances) take disjoint rows. It sits in a
 * MATERIALIZED CTE on purpose: written as `where id in (select … limit n for
 * update skip locked)` PostgreSQL may re-run the subquery (rescans, EvalPlanQual
 * rechecks under concurrent updates) and claim far more than `limit` rows —
 * observed in the two-instance test. A 'sending' row whose lease has expired
 * (its worker crashed between send and mark) is due again.
 */
export async function claimDueMessages(
  db: Db,
  o: { now: Date; leaseMs: number; limit: number; workerId: string; maxAttempts: number },
): Promise<OutboxMessage[]> {
  const rows = await db
    .with(
      (cte) => cte("picked").materialized(),
      (qb) =>
        qb
          .selectFrom("notification_outbox")
          .select(["id", "created_at"])
          .where("status", "in", ["pending", "sending"])
          .where("channel", "=", "sms")
          .where("attempts", "<", o.maxAttempts)
          .where("next_attempt_at", "<=", o.now)
          .where((w) => w.or([w("claimed_until", "is", null), w("claimed_until", "<", o.now)]))
          .orderBy("next_attempt_at")
          .orderBy("id")
          .limit(o.limit)
          .forUpdate()
          .skipLocked(),
    )
    .updateTable("notification_outbox")
    .from("picked")
    .set((eb) => ({
      status: "sending",
      attempts: eb("notification_outbox.attempts", "+", 1),
      claimed_by: o.workerId,
      claimed_until: new Date(o.now.getTime() + o.leaseMs),
    }))
    .whereRef("notification_outbox.id", "=", "picked.id")
    .whereRef("notification_outbox.created_at", "=", "picked.created_at")
    .returningAll("notification_outbox")
    .execute();
  return rows.map(toMessage).sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
}

/**
 * The row's partition key as a range: a JS Date holds milliseconds, created_at may hold
 * microseconds (now()). Lets PostgreSQL read one partition instead of probing each one's key.
 */
const createdWithin =
  (createdAt: Date | undefined) => (eb: ExpressionBuilder<Database, "notification_outbox">) =>
    createdAt
      ? eb.and([eb("created_at", ">=", createdAt), eb("created_at", "<", new Date(createdAt.getTime() + 1))])
      : eb.lit(true);

/** Marks a delivered message; only the worker still holding the claim may. */
export async function markSent(
  db: Db,
  id: string,
  workerId: string,
  now: Date,
  createdAt?: Date,
): Promise<boolean> {
  const r = await db
    .updateTable("notification_outbox")
    .set({ status: "sent", sent_at: now, claimed_by: null, claimed_until: null, last_error: null })
    .where("id", "=", id)
    .where(createdWithin(createdAt))
    .where("claimed_by", "=", workerId)
    .where("status", "=", "sending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Releases a failed attempt: due again at `retryAt`, or 'failed' for good when retryAt is null. */
export async function markAttemptFailed(
  db: Db,
  o: { id: string; workerId: string; error: string; retryAt: Date | null; createdAt?: Date },
): Promise<boolean> {
  const r = await db
    .updateTable("notification_outbox")
    .set({
      status: o.retryAt ? "pending" : "failed",
      next_attempt_at: o.retryAt ?? sql<Date>`next_attempt_at`,
      claimed_by: null,
      claimed_until: null,
      last_error: o.error.slice(0, 1000),
    })
    .where("id", "=", o.id)
    .where(createdWithin(o.createdAt))
    .where("claimed_by", "=", o.workerId)
    .where("status", "=", "sending")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * A message whose last allowed attempt was claimed by a worker that then
 * vanished would stay 'sending' forever; give up on it explicitly.
 */
export async function failAbandonedMessages(db: Db, now: Date, maxAttempts: number): Promise<number> {
  const r = await db
    .updateTable("notification_outbox")
    .set({
      status: "failed",
      claimed_by: null,
      claimed_until: null,
      last_error: sql<string>`coalesce(last_error, '投递超时（租约过期）')`,
    })
    .where("status", "=", "sending")
    .where("channel", "=", "sms")
    .where("attempts", ">=", maxAttempts)
    .where("claimed_until", "<", now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Outbox rows of one center, newest first, for the admin's view. */
export async function listOutbox(
  db: Db,
  q: { centerId: string; status?: OutboxStatus; limit: number; beforeId?: string },
): Promise<OutboxMessage[]> {
  let query = db
    .selectFrom("notification_outbox")
    .selectAll()
    .where("center_id", "=", q.centerId)
    .orderBy("id", "desc")
    .limit(q.limit);
  if (q.status) query = query.where("status", "=", q.status);
  if (q.beforeId) query = query.where("id", "<", q.beforeId);
  return (await query.execute()).map(toMessage);
}

type OutboxRow = {
  id: string;
  center_id: string;
  appeal_id: string | null;
  kind: string;
  channel: OutboxChannel;
  recipient_phone: string;
  text: string;
  dedupe_key: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: Date;
  claimed_by: string | null;
  claimed_until: Date | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
};

function toMessage(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    centerId: r.center_id,
    appealId: r.appeal_id,
    kind: r.kind,
    channel: r.channel,
    recipientPhone: decryptField(r.recipient_phone, RECIPIENT_FIELD),
    text: r.text,
    dedupeKey: r.dedupe_key,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    claimedBy: r.claimed_by,
    claimedUntil: r.claimed_until,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/**
 * Messages waiting to go out (pending) or being sent, per channel, with the oldest one's due time
 * (GET /metrics): a range of notification_outbox_due_idx, whose size follows the backlog.
 */
export async function outboxDepths(
  db: Db,
): Promise<{ channel: string; status: string; count: number; oldest: Date | null }[]> {
  const r = await sql<{ channel: string; status: string; n: string; oldest: Date | null }>`
    select o.channel, o.status, count(*) as n, min(o.next_attempt_at) as oldest
    from notification_outbox o where o.status in ('pending', 'sending')
    group by o.channel, o.status order by o.channel, o.status`.execute(db);
  return r.rows.map((x) => ({ channel: x.channel, status: x.status, count: Number(x.n), oldest: x.oldest }));
}

/**
 * Retention (PIPL art. 19): the phone numbers of the messages of anonymised appeals are
 * removed from the outbox and the SMS log; the texts and times stay for the record.
 */
export async function forgetRecipients(db: Db, appealIds: string[]): Promise<void> {
  if (appealIds.length === 0) return;
  await db
    .updateTable("sms_messages")
    .set({ phone: encryptField("", PHONE_FIELD), phone_bidx: null })
    .where("outbox_id", "in", (eb) =>
      eb.selectFrom("notification_outbox").select("id").where("appeal_id", "in", appealIds),
    )
    .execute();
  // A message not sent yet is withdrawn: with no number left it could only fail (or become a call).
  await db
    .updateTable("notification_outbox")
    .set({ status: "cancelled" })
    .where("appeal_id", "in", appealIds)
    .where("status", "=", "pending")
    .execute();
  await db
    .updateTable("notification_outbox")
    .set({ recipient_phone: encryptField("", RECIPIENT_FIELD) })
    .where("appeal_id", "in", appealIds)
    .execute();
}
