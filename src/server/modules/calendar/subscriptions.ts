import type { Deps } from "../../deps.js";
import type { CenterCreated } from "../centers/index.js";
import { seedShippedCalendarIn } from "./calendar-year.service.js";
import { ensureDefaultPolicy } from "./time-limit-policy.service.js";

/** What the calendar listens to; called once by the composition root (src/server/context.ts). */
export function subscribeCalendar(deps: Deps): void {
  // A new center gets the shipped holiday notices and the default policy in its creating transaction.
  deps.events.on("center.created", async (trx, e: CenterCreated) => {
    await seedShippedCalendarIn(trx, deps.events, e.centerId, e.at);
    await ensureDefaultPolicy(trx, e.centerId, e.at);
  });
}
