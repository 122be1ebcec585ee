import type { CenterRules } from "../core/center-rules.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { Db } from "./db/database.js";
import type { ReplicaRouter } from "./db/replica.js";
import type { DomainEvents } from "./lib/events.js";
import type { Metrics } from "./lib/metrics.js";

/** What a server instance is built from (main, tests and benchmarks pass these). */
export interface BaseDeps {
  db: Db;
  /** Reads routed to the standby (DbHandle.readDb); absent = the primary (`db`). */
  readDb?: Db;
  /** The standby's routing state, when DATABASE_REPLICA_URL is set. */
  replica?: ReplicaRouter;
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
  /**
   * For reads that tolerate replication lag and run outside any transaction — dashboards and
   * statistics, exports, staff lists and searches, knowledge search: the standby of
   * DATABASE_REPLICA_URL while it is reachable and within DATABASE_REPLICA_MAX_LAG, else the
   * primary. Equal to `db` without a replica. Within an API request it sees at least the request's
   * session's own last write (read-your-writes, ADR 0019), not necessarily other sessions' recent
   * ones. Never write through it, never use it for a read that must see a write just made by
   * anyone (the appeal detail, public tracking, anything in a command, jobs):
   * docs/operations.md, "Read replica".
   */
  readDb: Db;
  events: DomainEvents;
  rules: RulesSource;
  /** This instance's request and job measurements (GET /metrics). */
  metrics: Metrics;
}

/**
 * The deps of a read-only report whose service reads `deps.db` throughout: the same deps with
 * `db` = the read replica. Only for code that never writes and needs no just-committed row.
 */
export function onReplica(deps: Deps): Deps {
  return { ...deps, db: deps.readDb };
}
