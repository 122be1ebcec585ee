import type { z } from "zod";
import type { OutboxStatus, outboxListSchema, smsListSchema } from "../../../contracts/notifications.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import { maskPhone, phoneDigits } from "../../../core/masking.js";
import type { Db } from "../../db/database.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { findCenter } from "../centers/index.js";
import { listOutbox } from "./outbox.repository.js";
import { listSmsMessages } from "./sms-message.repository.js";

type SmsList = z.infer<typeof smsListSchema>;
type OutboxList = z.infer<typeof outboxListSchema>;

/** Times are shown with the center's own offset, like every other API time. */
async function centerIso(db: Db, centerId: string): Promise<(d: Date) => string> {
  const tz = (await findCenter(db, centerId))?.timezone ?? "Asia/Shanghai";
  return (d) => toOffsetIso(d, tz);
}

/**
 * The SMS log of the admin's center (系统管理 → 短信记录). Phone numbers are
 * masked; `reveal` shows them in full and is recorded in the audit trail in
 * the same transaction as the read (DESIGN.md §4: access to personal data is logged).
 */
export async function listSms(
  db: Db,
  actor: UserActor,
  q: { limit: number; cursor?: string; phone?: string; reveal: boolean },
  ctx: { now: Date; ip: string | null },
): Promise<SmsList> {
  const digits = q.phone ? phoneDigits(q.phone) : undefined;
  const iso = await centerIso(db, actor.centerId);
  return db.transaction().execute(async (trx) => {
    const rows = await listSmsMessages(trx, {
      centerId: actor.centerId,
      limit: q.limit + 1,
      beforeId: q.cursor,
      phoneDigits: digits || undefined,
    });
    const page = rows.slice(0, q.limit);
    if (q.reveal && page.length > 0) {
      await appendAudit(trx, {
        ...auditFields(actor),
        action: "sms.phone.reveal",
        entity: "sms_messages",
        details: { ids: page.map((m) => m.id), phoneFilter: digits ?? null },
        ip: ctx.ip,
        at: ctx.now,
      });
    }
    return {
      items: page.map((m) => ({
        id: m.id,
        outboxId: m.outboxId,
        phone: q.reveal ? m.phone : maskPhone(m.phone),
        text: m.text,
        provider: m.provider,
        sentAt: iso(m.sentAt),
      })),
      nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
    };
  });
}

/** Pending, failing and sent notifications of the admin's center (delivery monitoring). */
export async function listOutboxItems(
  db: Db,
  actor: UserActor,
  q: { status?: OutboxStatus; limit: number; cursor?: string },
): Promise<OutboxList> {
  const rows = await listOutbox(db, {
    centerId: actor.centerId,
    status: q.status,
    limit: q.limit + 1,
    beforeId: q.cursor,
  });
  const page = rows.slice(0, q.limit);
  const iso = await centerIso(db, actor.centerId);
  return {
    items: page.map((m) => ({
      id: m.id,
      appealId: m.appealId,
      kind: m.kind,
      channel: m.channel,
      recipientPhone: maskPhone(m.recipientPhone),
      text: m.text,
      status: m.status,
      attempts: m.attempts,
      nextAttemptAt: iso(m.nextAttemptAt),
      lastError: m.lastError,
      createdAt: iso(m.createdAt),
      sentAt: m.sentAt ? iso(m.sentAt) : null,
    })),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
