import { sql } from "kysely";
import type { AppealStatus } from "../../../../contracts/appeals.js";
import type { Db } from "../../../db/database.js";
import { decryptField, normalisePhone, phoneIndexes } from "../../../lib/personal-data.js";
import type { AppealRow } from "./appeal.repository.js";
import { openAppeals, REQUESTER_FIELDS } from "./requester-crypto.js";

/**
 * 并单 (merge of a repeat appeal): both appeals of one center locked in id order (two merges of the
 * same pair in opposite directions cannot deadlock, and the second sees the first's result).
 */
export async function lockAppealsOfCenter(trx: Db, centerId: string, ids: string[]): Promise<AppealRow[]> {
  return trx
    .selectFrom("appeals")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("id", "in", ids)
    .orderBy("id")
    .forUpdate()
    .execute()
    .then(openAppeals);
}

/** Whether some appeal was merged into this one (appeals_merged_into_idx). */
export async function hasMergedRepeats(trx: Db, centerId: string, id: string): Promise<boolean> {
  const row = await trx
    .selectFrom("appeals")
    .select("id")
    .where("center_id", "=", centerId)
    .where("merged_into_id", "=", id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The repeats merged into this appeal, personal fields opened (they are told its outcome). */
export async function findMergedRepeats(trx: Db, centerId: string, id: string): Promise<AppealRow[]> {
  const rows = await trx
    .selectFrom("appeals")
    .selectAll()
    .where("center_id", "=", centerId)
    .where("merged_into_id", "=", id)
    .orderBy("id")
    .execute();
  return openAppeals(rows);
}

export async function insertMergeLink(
  trx: Db,
  link: { centerId: string; mainId: string; repeatId: string; by: string; at: Date },
): Promise<void> {
  await trx
    .insertInto("appeal_links")
    .values({
      center_id: link.centerId,
      main_appeal_id: link.mainId,
      repeat_appeal_id: link.repeatId,
      kind: "merged",
      created_at: link.at,
      created_by: link.by,
    })
    .execute();
}

export interface SimilarCandidate {
  id: string;
  trackingNo: string;
  status: AppealStatus;
  receivedAt: Date;
  content: string;
  phoneDigits: string;
  simhash: string | null;
}

/**
 * Candidates for repeat detection among one center's appeals received since `since` and still open
 * (not finished, not merged): those sharing a SimHash band with the text (GIN index on sim_bands),
 * and those from the same phone (its blind index, appeals_phone_bidx_idx). Bounded; scored by the caller.
 */
export async function findRepeatCandidates(
  db: Db,
  q: {
    centerId: string;
    bands: number[];
    phoneDigits: string | null;
    since: Date;
    excludeId: string | null;
    limit: number;
  },
): Promise<SimilarCandidate[]> {
  const open = ["received", "dispatched", "replied"] as const;
  const base = () =>
    db
      .selectFrom("appeals")
      .select(["id", "tracking_no", "status", "received_at", "content", "phone", "simhash"])
      .where("center_id", "=", q.centerId)
      .where("received_at", ">=", q.since)
      .where("status", "in", open)
      .$if(q.excludeId !== null, (b) => b.where("id", "<>", q.excludeId as string))
      .orderBy("received_at", "desc")
      .limit(q.limit);
  const byText =
    q.bands.length > 0
      ? await base()
          .where(sql<boolean>`sim_bands && ${sql.val(q.bands)}::integer[]`)
          .execute()
      : [];
  const byPhone = q.phoneDigits
    ? await base().where("phone_bidx", "in", phoneIndexes(q.phoneDigits)).execute()
    : [];
  const seen = new Map<string, SimilarCandidate>();
  for (const r of [...byText, ...byPhone]) {
    seen.set(r.id, {
      id: r.id,
      trackingNo: r.tracking_no,
      status: r.status,
      receivedAt: r.received_at,
      content: r.content,
      // The phone is encrypted at rest (ADR 0015): compared by its digits once opened.
      phoneDigits: normalisePhone(decryptField(r.phone, REQUESTER_FIELDS.phone)),
      simhash: r.simhash,
    });
  }
  return [...seen.values()];
}
