import type { CenterRules } from "../core/center-rules.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Db } from "./db/database.js";
import type { DomainEvents } from "./lib/events.js";
import type { Metrics } from "./lib/metrics.js";

/** What a server instance is built from (main, tests and benchmarks pass these). */
export interface BaseDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

/**
 * The calendar, time zone and policy of a center, cached per instance and
 * checked against a one-row marker on every use, so an edit made through any
 * instance is seen at once. Call it before opening a transaction (on PGlite a
 * query on the outer handle inside a transaction would wait for the single
 * connection); inside one, pass the transaction as `handle`.
 */
export interface RulesSource {
  get(centerId: string, handle?: Db): Promise<CenterRules>;
}

/**
 * Everything a module's services may use, wired once in src/server/context.ts
 * (the composition root): the database, configuration, the injected clock, the
 * domain-event bus with its subscribers, and the per-center rules cache.
 */
export interface Deps extends BaseDeps {
  events: DomainEvents;
  rules: RulesSource;
  /** This instance's request and job measurements (GET /metrics). */
  metrics: Metrics;
}
