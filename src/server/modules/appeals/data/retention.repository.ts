import { sql } from "kysely";
import type { Db } from "../../../db/database.js";
import { encryptField, phoneIndexes } from "../../../lib/personal-data.js";
import { openAppeals, REQUESTER_FIELDS } from "./requester-crypto.js";

/** Appeals that have ended: their personal fields are kept only for the center's retention period. */
export const FINISHED_STATUSES = ["closed", "transferred", "resolved", "rejected", "merged"] as const;
/** When an appeal ended (closed or transferred; resolved or refused at the window). */
const endedAt = sql`coalesce(a.closed_at, a.resolved_at, a.responded_at, a.received_at)`;

export interface ExpiredAppeal {
  id: string;
  center_id: string;
  tracking_no: string;
  content: string;
  org_name: string | null;
}

/**
 * Claims up to `limit` finished appeals whose retention period (center_security_settings,
 * default `defaultDays`) has passed and that are not anonymised yet. SKIP LOCKED in a
 * MATERIALIZED CTE like the supervision sweep: concurrent instances take disjoint rows, and
 * the locks hold until the caller's transaction (which anonymises them) commits.
 */
export async function claimExpiredAppeals(
  trx: Db,
  now: Date,
  defaultDays: number,
  limit: number,
): Promise<ExpiredAppeal[]> {
  const r = await sql<ExpiredAppeal>`with due as materialized (
      select a.id from appeals a
      left join center_security_settings s on s.center_id = a.center_id
      where a.anonymized_at is null
        and a.status in ('closed', 'transferred', 'resolved', 'rejected', 'merged')
        and ${endedAt} < ${now}::timestamptz - make_interval(days => coalesce(s.retention_days, ${defaultDays}::int))
        -- The shortest period of any center, computed once: bounds the index range, so a run
        -- with nothing due reads no appeal (appeals_retention_idx).
        and ${endedAt} < ${now}::timestamptz - make_interval(days => (
          select least(${defaultDays}::int, coalesce(min(retention_days), ${defaultDays}::int))
          from center_security_settings))
      order by ${endedAt}, a.id
      limit ${limit}
      for update of a skip locked
    )
    select a.id, a.center_id, a.tracking_no, a.content, a.org_name
    from appeals a join due on due.id = a.id order by a.id`.execute(trx);
  return r.rows;
}

/** Removes the requester's personal fields of one appeal; what statistics need stays. */
export async function anonymiseAppeal(trx: Db, id: string, searchTokens: string, now: Date): Promise<void> {
  await trx
    .updateTable("appeals")
    .set({
      // Encrypted like every requester value (ADR 0015), so reads and key rotation treat the
      // anonymised row like any other; no blind index: the row is found by no name or phone.
      requester_name: encryptField("（已匿名）", REQUESTER_FIELDS.requester_name),
      contact_person: null,
      phone: encryptField("", REQUESTER_FIELDS.phone),
      phone_bidx: null,
      name_bidx: null,
      address: null,
      search_tokens: searchTokens,
      anonymized_at: now,
    })
    .where("id", "=", id)
    .where("anonymized_at", "is", null)
    .execute();
}

/**
 * Every appeal of one requester in a center (by the phone's blind index under every key of the
 * ring), oldest first, with its timeline; personal fields opened.
 */
export async function appealsOfPhone(db: Db, centerId: string, digits: string) {
  const sealed = await db
    .selectFrom("appeals")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("phone_bidx", "in", phoneIndexes(digits))
    .orderBy("received_at")
    .orderBy("id")
    .limit(1000)
    .execute();
  const appeals = openAppeals(sealed);
  const ids = appeals.map((a) => a.id);
  const events =
    ids.length === 0
      ? []
      : await db
          .selectFrom("appeal_events")
          .select(["appeal_id", "at", "type", "actor_name"])
          .where("appeal_id", "in", ids)
          .orderBy("at")
          .orderBy("id")
          .execute();
  return { appeals, events };
}
