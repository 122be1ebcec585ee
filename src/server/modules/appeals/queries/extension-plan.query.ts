import type { Extension, Plan } from "../../../../contracts/work-orders.js";
import type { Db } from "../../../db/database.js";
import { forbidden, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import * as extensions from "../data/extension.repository.js";
import * as plans from "../data/plan.repository.js";
import { CENTER_READERS, centerTimeZone, loadReadable } from "./work-order.query.js";

/** Reads of extension requests (延期申请) and solution plans (解决方案). */

export async function presentExtension(db: Db, id: string, centerId: string): Promise<Extension> {
  const { timezone } = await centerTimeZone(db, centerId);
  return extensions.toExtensionDto(await extensions.getExtensionView(db, id), timezone);
}

export async function presentPlan(db: Db, id: string, centerId: string, now: Date): Promise<Plan> {
  const { timezone } = await centerTimeZone(db, centerId);
  const p = await plans.getPlanView(db, id);
  return plans.toPlanDto(p, await plans.listMilestones(db, [p.id]), timezone, now);
}

/** Center-wide readers see the center's; a department handler sees its department's. */
function departmentFilter(actor: UserActor): string | undefined {
  const centerWide = actor.roles.some((r) => CENTER_READERS.includes(r));
  if (centerWide) return undefined;
  if (!actor.departmentId) throw forbidden("当前账号未关联部门");
  return actor.departmentId;
}

/** The reviewer's queue (whole center) or a department's own requests. */
export async function listExtensions(
  db: Db,
  actor: UserActor,
  q: { status?: "pending" | "approved" | "denied"; limit: number },
): Promise<Extension[]> {
  const rows = await extensions.listExtensions(db, {
    centerId: actor.centerId,
    status: q.status,
    departmentId: departmentFilter(actor),
    limit: q.limit,
  });
  const { timezone } = await centerTimeZone(db, actor.centerId);
  return rows.map((r) => extensions.toExtensionDto(r, timezone));
}

export async function getPlan(db: Db, actor: UserActor, id: string, now: Date): Promise<Plan> {
  const p = await plans.findPlan(db, actor.centerId, id);
  if (!p) throw notFound("解决方案");
  await loadReadable(db, actor, p.work_order_id).catch(() => {
    throw notFound("解决方案");
  });
  return presentPlan(db, p.id, actor.centerId, now);
}

export async function listPlans(
  db: Db,
  actor: UserActor,
  q: { status?: "draft" | "submitted" | "approved" | "rejected"; limit: number },
  now: Date,
): Promise<Plan[]> {
  const rows = await plans.listPlans(db, {
    centerId: actor.centerId,
    status: q.status,
    departmentId: departmentFilter(actor),
    limit: q.limit,
  });
  const { timezone } = await centerTimeZone(db, actor.centerId);
  const milestones = await plans.listMilestones(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => plans.toPlanDto(r, milestones, timezone, now));
}
