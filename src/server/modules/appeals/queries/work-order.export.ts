import { toOffsetIso } from "../../../../core/calendar-date.js";
import type { Deps } from "../../../deps.js";
import type { UserActor } from "../../../http/actor.js";
import { loadBundles } from "../data/work-order.repository.js";
import { appendixA } from "./work-order.print.js";
import { centerTimeZone, loadReadable, presentOrder } from "./work-order.query.js";

/**
 * Export of one 工作单 as data: the Appendix A fields under their standard
 * labels (phone masked — the printed form is the official copy) plus the
 * work order as the API returns it. Spreadsheet export builds on this.
 */
export async function exportWorkOrder(deps: Deps, actor: UserActor, id: string, now: Date) {
  const { db } = deps;
  const order = await loadReadable(db, actor, id);
  const [bundle] = await loadBundles(db, [order]);
  const { timezone } = await centerTimeZone(db, order.center_id);
  const fields = appendixA(bundle!, timezone, false);
  return {
    exportedAt: toOffsetIso(now, timezone),
    fields: { ...fields } as Record<string, string>,
    workOrder: await presentOrder(deps, actor, order, now),
  };
}
