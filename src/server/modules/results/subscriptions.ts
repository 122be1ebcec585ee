import type { Deps } from "../../deps.js";
import type { SupervisionRecorded } from "../supervision/index.js";
import { findAppealFacts } from "./data/results.repository.js";
import { onAppealClosed } from "./follow-up-duties.service.js";
import { countResult, onAppealEvent } from "./stats.rollup.js";

/** What results listens to; called once by the composition root (src/server/context.ts). */
export function subscribeResults(deps: Deps): void {
  // appeal.event → the daily rollup of the figures (docs/metrics.md), in the same transaction.
  deps.events.on("appeal.event", (trx, e) => onAppealEvent(deps, trx, e));
  // A close-out (销号) owes a follow-up call unless the requester has rated (回访任务).
  deps.events.on("appeal.event", async (trx, e) => {
    if (e.type !== "closed") return;
    const appeal = await findAppealFacts(trx, e.centerId, e.appealId);
    if (appeal) await onAppealClosed(deps, trx, appeal, e.at);
  });
  // 督办单 and 通报 count for the department they are addressed to; one addressed to the center
  // itself (a late first response, review, close-out or follow-up call) counts for the center.
  deps.events.on("supervision.recorded", async (trx, e: SupervisionRecorded) => {
    if (e.kind === "reminder") return;
    const add = e.kind === "supervision" ? { supervised: 1 } : { noticed: 1 };
    await countResult(deps, trx, e.centerId, e.appealId, e.at, add, { departmentId: e.departmentId });
  });
}
