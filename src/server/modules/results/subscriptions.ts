import type { Deps } from "../../deps.js";
import { onAppealEvent } from "./stats.rollup.js";

/** What results listens to; called once by the composition root (src/server/context.ts). */
export function subscribeResults(deps: Deps): void {
  // appeal.event → the daily rollup of the figures (docs/metrics.md), in the same transaction.
  deps.events.on("appeal.event", (trx, e) => onAppealEvent(deps, trx, e));
}
