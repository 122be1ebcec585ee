import type { Db } from "../../../db/database.js";
import type { NewRow, Row } from "../../../db/schema.js";

/** SQL on appeal transfers (转办 / 函转 / 移交). */

export type TransferRow = Row<"appeal_transfers">;

export async function insertTransfer(trx: Db, row: NewRow<"appeal_transfers">): Promise<TransferRow> {
  return trx.insertInto("appeal_transfers").values(row).returningAll().executeTakeFirstOrThrow();
}

export interface TransferView extends TransferRow {
  from_center_name: string;
  target_center_name: string | null;
  tracking_no: string;
  received_tracking_no: string | null;
  received_status: string | null;
  received_due_at: Date | null;
  received_respond_by: Date | null;
}

function viewQuery(db: Db) {
  return db
    .selectFrom("appeal_transfers as t")
    .innerJoin("centers as c", "c.id", "t.center_id")
    .leftJoin("centers as tc", "tc.id", "t.target_center_id")
    .innerJoin("appeals as a", "a.id", "t.appeal_id")
    .leftJoin("appeals as ra", "ra.id", "t.received_appeal_id")
    .selectAll("t")
    .select([
      "c.name as from_center_name",
      "tc.name as target_center_name",
      "a.tracking_no as tracking_no",
      "ra.tracking_no as received_tracking_no",
      "ra.status as received_status",
      "ra.due_at as received_due_at",
      "ra.respond_by as received_respond_by",
    ]);
}

/** Transfers out of this appeal (its center) and the letter that brought it in, oldest first. */
export async function listTransfersOfAppeal(
  db: Db,
  centerId: string,
  appealId: string,
): Promise<{ outgoing: TransferView[]; incoming: TransferView[] }> {
  const [outgoing, incoming] = await Promise.all([
    viewQuery(db)
      .where("t.center_id", "=", centerId)
      .where("t.appeal_id", "=", appealId)
      .orderBy("t.id")
      .execute(),
    viewQuery(db)
      .where("t.target_center_id", "=", centerId)
      .where("t.received_appeal_id", "=", appealId)
      .orderBy("t.id")
      .execute(),
  ]);
  return { outgoing, incoming };
}

/** The 函转 that brought `receivedAppealId` into its center, if any. */
export async function findLetterOf(db: Db, receivedAppealId: string): Promise<TransferRow | undefined> {
  return db
    .selectFrom("appeal_transfers")
    .selectAll()
    .where("received_appeal_id", "=", receivedAppealId)
    .executeTakeFirst();
}
