import type { Db } from "../../db/database.js";
import { findDepartmentNames } from "../departments/index.js";
import { type ItemKind, type ItemRow, lockItems } from "./supervision.repository.js";

/**
 * The items supervision watches, in one shape, read from its register: a work
 * order's handling limit, a plan milestone, an online appeal's first response.
 */
export type { ItemKind };

export interface Item {
  kind: ItemKind;
  id: string;
  centerId: string;
  appealId: string;
  trackingNo: string;
  /** Still owed (the register row is open). */
  open: boolean;
  dueAt: Date;
  /** Start of the period, for the fraction-remaining reminder threshold. */
  startAt: Date;
  /** Addressed departments, lead first; empty for first responses (the center's window staff). */
  departmentIds: string[];
  departmentName: string | null;
  /** Chinese name of the item, e.g. "工作单 GD20261201001". */
  label: string;
}

export const itemKey = (kind: string, id: string) => `${kind}:${id}`;

function toItem(r: ItemRow, names: Map<string, string>): Item {
  const lead = r.department_ids[0];
  return {
    kind: r.target_kind,
    id: r.target_id,
    centerId: r.center_id,
    appealId: r.appeal_id,
    trackingNo: r.tracking_no,
    open: r.closed_at === null,
    dueAt: r.due_at,
    startAt: r.start_at,
    departmentIds: r.department_ids,
    departmentName: lead ? (names.get(lead) ?? null) : null,
    label: r.label,
  };
}

/** Loads (and share-locks) items by kind and id; ones never tracked are absent from the map. */
export async function loadItems(
  trx: Db,
  wanted: { kind: ItemKind; id: string }[],
): Promise<Map<string, Item>> {
  const rows = await lockItems(trx, wanted);
  const names = await findDepartmentNames(
    trx,
    rows.flatMap((r) => r.department_ids.slice(0, 1)),
  );
  return new Map(rows.map((r) => [itemKey(r.target_kind, r.target_id), toItem(r, names)]));
}
