import type { Deps } from "../../deps.js";
import type { RequesterCalled } from "../notifications/index.js";
import { reconcileProvisionalDeadlines } from "./commands/provisional.js";
import { insertAppealEvents } from "./data/appeal.repository.js";

/** What the appeal lifecycle listens to; called once by the composition root (src/server/context.ts). */
export function subscribeLifecycle(deps: Deps): void {
  // ADR 0005: a loaded holiday notice settles provisional deadlines, inside the loading transaction.
  deps.events.on("calendar.yearLoaded", (trx, e) => reconcileProvisionalDeadlines(deps, trx, e));
  // 电话告知: a call to a requester whose number takes no SMS goes on the appeal's timeline.
  deps.events.on("requester.called", (trx, e: RequesterCalled) =>
    insertAppealEvents(trx, [
      {
        center_id: e.centerId,
        appeal_id: e.appealId,
        at: e.at,
        actor_id: e.actor.id,
        actor_name: e.actor.name,
        actor_kind: "user",
        type: "requester_called",
        details: JSON.stringify({
          kind: e.kind,
          kindLabel: e.kindLabel,
          reached: e.reached,
          gaveUp: e.gaveUp,
          note: e.note,
        }),
      },
    ]),
  );
}
