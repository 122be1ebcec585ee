import type { Deps } from "../../deps.js";
import type { SupervisionRecorded } from "../supervision/index.js";
import { countResult, onAppealEvent } from "./stats.rollup.js";

/** What results listens to; called once by the composition root (src/server/context.ts). */
export function subscribeResults(deps: Deps): void {
  // appeal.event → the daily rollup of the figures (docs/metrics.md) and the follow-up duty of a
  // close-out (回访任务), in the same transaction.
  deps.events.on("appeal.event", (trx, e) => onAppealEvent(deps, trx, e));
  // 督办单 and 通报 count for the department they are addressed to; one addressed to the center
  // itself (a late first response, review, close-out or follow-up call) counts for the center.
  deps.events.on("supervision.recorded", async (trx, e: SupervisionRecorded) => {
    if (e.kind === "reminder") return;
    const add = e.kind === "supervision" ? { supervised: 1 } : { noticed: 1 };
    await countResult(
      deps,
      trx,
      e.centerId,
      e.appealId,
      e.at,
      add,
      { departmentId: e.departmentId },
      e.timeZone,
    );
  });
}
