import type { Deps } from "../../deps.js";
import { reconcileProvisionalDeadlines } from "./commands/provisional.js";

/** What the appeal lifecycle listens to; called once by the composition root (src/server/context.ts). */
export function subscribeLifecycle(deps: Deps): void {
  // ADR 0005: a loaded holiday notice settles provisional deadlines, inside the loading transaction.
  deps.events.on("calendar.yearLoaded", (trx, e) => reconcileProvisionalDeadlines(deps, trx, e));
}
