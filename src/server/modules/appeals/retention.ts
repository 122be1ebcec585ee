import type { RequesterExport } from "../../../contracts/security.js";
import { maskPhone, phoneDigits } from "../../../core/masking.js";
import type { Db } from "../../db/database.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { toSearchDocument } from "../../lib/text-search.js";
import { SECURITY_DEFAULTS } from "../accounts/index.js";
import { appendAudit } from "../audit/index.js";
import { forgetRecipients } from "../notifications/index.js";
import { anonymiseAppeal, appealsOfPhone, claimExpiredAppeals } from "./data/retention.repository.js";

/**
 * Retention of personal data (PIPL art. 19): a finished appeal keeps the requester's name,
 * phone, address and contact person for the center's retention period (security settings,
 * default 3 years, at least 180 days), then the sweep removes them. Tracking number, type,
 * category, channel, dates, status, content and every figure built from them stay, so the
 * statistics (stats_daily, ADR 0012) do not change. Audit records are never deleted by it.
 */
export async function anonymiseExpired(db: Db, now: Date, batch = 200): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = await claimExpiredAppeals(trx, now, SECURITY_DEFAULTS.retentionDays, batch);
    for (const r of rows) {
      await anonymiseAppeal(trx, r.id, toSearchDocument(r.content, r.org_name), now);
      await appendAudit(trx, {
        centerId: r.center_id,
        actorId: null,
        actorName: "system",
        action: "appeal.anonymize",
        entity: "appeal",
        entityId: r.id,
        details: { trackingNo: r.tracking_no },
        at: now,
      });
    }
    await forgetRecipients(
      trx,
      rows.map((r) => r.id),
    );
    return rows.length;
  });
}

/**
 * One requester's data on request (PIPL art. 45, the right of access): every appeal filed in
 * the center with the phone number, unmasked, with its timeline. Needs a reason; audited
 * (with the masked number only — the audit trail holds no full phone numbers).
 */
export async function exportRequester(
  db: Db,
  actor: UserActor,
  q: { phone: string; reason: string },
  meta: { now: Date; ip: string | null },
): Promise<RequesterExport> {
  const { appeals, events } = await appealsOfPhone(db, actor.centerId, phoneDigits(q.phone));
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      ...auditFields(actor),
      action: "requester.export",
      entity: "requester",
      details: { phone: maskPhone(q.phone), reason: q.reason, appeals: appeals.length },
      ip: meta.ip,
      at: meta.now,
    }),
  );
  return {
    phone: q.phone,
    exportedAt: meta.now.toISOString(),
    appeals: appeals.map((a) => ({
      trackingNo: a.tracking_no,
      channel: a.channel,
      type: a.type,
      status: a.status,
      requesterKind: a.requester_kind,
      requesterName: a.requester_name,
      orgName: a.org_name,
      contactPerson: a.contact_person,
      phone: a.phone,
      address: a.address,
      content: a.content,
      receivedAt: a.received_at.toISOString(),
      closedAt: a.closed_at?.toISOString() ?? null,
      answer: a.answer,
      events: events
        .filter((e) => e.appeal_id === a.id)
        .map((e) => ({ at: e.at.toISOString(), type: e.type, actorName: e.actor_name })),
    })),
  };
}
