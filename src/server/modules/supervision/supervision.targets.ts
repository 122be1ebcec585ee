import type { Db } from "../../db/database.js";
import * as repo from "./supervision.repository.js";

/**
 * The items supervision watches, in one shape: a work order's handling limit,
 * a plan milestone, an online appeal's first response. Loaded with a share
 * lock, so a department's reply that commits first is seen (and a reply that
 * comes second waits for the sweep's transaction, then resolves its order).
 */
export type ItemKind = "work_order" | "milestone" | "first_response";

export interface Item {
  kind: ItemKind;
  id: string;
  centerId: string;
  appealId: string;
  trackingNo: string;
  /** The requester's phone (for the 督办 notice to the requester); never shown. */
  phone: string;
  /** Still waiting for the department (or the window, for a first response). */
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

/** Loads (and share-locks) items by kind and id; missing ones are absent from the map. */
export async function loadItems(
  trx: Db,
  wanted: { kind: ItemKind; id: string }[],
): Promise<Map<string, Item>> {
  const ids = (k: ItemKind) => [...new Set(wanted.filter((w) => w.kind === k).map((w) => w.id))];
  const out = new Map<string, Item>();

  const orders = await repo.lockWorkOrders(trx, ids("work_order"));
  const depts = await repo.orderDepartments(
    trx,
    orders.map((o) => o.id),
  );
  for (const o of orders) {
    const others = (depts.get(o.id) ?? []).filter((d) => d !== o.lead_department_id);
    out.set(itemKey("work_order", o.id), {
      kind: "work_order",
      id: o.id,
      centerId: o.center_id,
      appealId: o.appeal_id,
      trackingNo: o.tracking_no,
      phone: o.phone,
      open: o.status === "pending" || o.status === "signed",
      dueAt: o.due_at,
      startAt: o.due_start,
      departmentIds: [o.lead_department_id, ...others],
      departmentName: o.department_name,
      label: `工作单 ${o.number}`,
    });
  }

  for (const m of await repo.lockMilestones(trx, ids("milestone"))) {
    out.set(itemKey("milestone", m.id), {
      kind: "milestone",
      id: m.id,
      centerId: m.center_id,
      appealId: m.appeal_id,
      trackingNo: m.tracking_no,
      phone: m.phone,
      open:
        m.status !== "done" &&
        m.plan_status === "approved" &&
        (m.order_status === "pending" || m.order_status === "signed"),
      dueAt: m.due_at,
      startAt: m.plan_decided_at ?? m.due_at,
      departmentIds: [m.department_id],
      departmentName: m.department_name,
      label: `工作单 ${m.number} 方案第${m.seq}节点「${m.title}」`,
    });
  }

  for (const a of await repo.lockFirstResponses(trx, ids("first_response"))) {
    if (!a.respond_by) continue;
    out.set(itemKey("first_response", a.id), {
      kind: "first_response",
      id: a.id,
      centerId: a.center_id,
      appealId: a.id,
      trackingNo: a.tracking_no,
      phone: a.phone,
      open: a.status === "received" && a.responded_at === null,
      dueAt: a.respond_by,
      startAt: a.received_at,
      departmentIds: [],
      departmentName: null,
      label: `诉求 ${a.tracking_no} 的首次回应`,
    });
  }
  return out;
}
