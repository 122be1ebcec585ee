import type { BaseDeps, Deps } from "./deps.js";
import { DomainEvents } from "./lib/events.js";
import { Metrics } from "./lib/metrics.js";
import { subscribeLifecycle } from "./modules/appeals/index.js";
import { CenterRulesCache, subscribeCalendar } from "./modules/calendar/index.js";
import { ensureDefaultCategories } from "./modules/categories/index.js";
import { ensureStarterKnowledge } from "./modules/knowledge/index.js";
import { subscribeResults } from "./modules/results/index.js";
import { subscribeSupervision } from "./modules/supervision/index.js";

/**
 * The composition root: one place where an instance's shared pieces are made
 * and modules are wired to each other's events. Nothing subscribes as a side
 * effect of importing or registering routes, so two instances in one process
 * (tests, benchmarks) never see each other's handlers (ADR 0009).
 */
export function createDeps(base: BaseDeps): Deps {
  const deps: Deps = {
    ...base,
    readDb: base.readDb ?? base.db,
    events: new DomainEvents(),
    rules: new CenterRulesCache(base.db),
    metrics: new Metrics(),
  };
  // Reads routed to the standby or back to the primary (GET /metrics).
  base.replica?.listen({ routed: (route) => deps.metrics.replicaRead(route) });
  // center.created → the calendar seeds the shipped notices and the default policy.
  subscribeCalendar(deps);
  // center.created → the default category taxonomy and the starter knowledge base (issue 12).
  deps.events.on("center.created", async (trx, e) => {
    await ensureDefaultCategories(trx, e.centerId, e.at);
    await ensureStarterKnowledge(trx, e.centerId, e.at);
  });
  // calendar.yearLoaded → the lifecycle settles provisional deadlines (ADR 0005).
  subscribeLifecycle(deps);
  // tracking.started / tracking.ended → the supervision register and its timers (ADR 0008).
  subscribeSupervision(deps);
  // appeal.event → the daily rollup of the figures (docs/metrics.md).
  subscribeResults(deps);
  return deps;
}
