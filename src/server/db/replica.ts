import { AsyncLocalStorage } from "node:async_hooks";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import type pg from "pg";

/**
 * Read replica routing (docs/operations.md, "Read replica"). `Deps.readDb` is a Kysely instance
 * whose every query runs on the streaming standby of DATABASE_REPLICA_URL while that standby is
 * reachable and no further behind than `maxLagSeconds`, and on the primary otherwise. Only reads
 * that tolerate that lag use it (dashboards, exports, staff searches); commands, transactions and
 * reads that must see a just-committed write use `Deps.db`, the primary.
 *
 * Read-your-writes (ADR 0019): a request may carry the primary's WAL position after its session's
 * last write (`runWithReadAfter` / `setReadAfter`, set by the auth plugin from the session row).
 * Its eligible reads go to the standby only once the standby has replayed that far, else to the
 * primary (route "fresh"), so a user's own action is never missing from the list they open next.
 */

/** Why a replica-eligible query ran where it ran. */
export type ReadRoute =
  | "replica"
  /** The standby's replay is more than maxLagSeconds behind (or its lag is unknown). */
  | "lag"
  /** The standby cannot be reached (refused, timed out, connection lost, shutting down). */
  | "down"
  /** The URL names a server that is not in recovery (a promoted standby, the primary itself). */
  | "not_standby"
  /** The standby cancelled the query (conflict with recovery); it was run again on the primary. */
  | "conflict"
  /**
   * The standby is usable but has not yet replayed the request's session's last write
   * (read-your-writes): this read ran on the primary.
   */
  | "fresh";

export interface ReplicaState {
  /** Where eligible reads go now: "replica", or the reason they go to the primary. */
  route: Exclude<ReadRoute, "conflict" | "fresh">;
  /** Replay lag at the last check in seconds (0 = every received WAL replayed); null if unknown. */
  lagSeconds: number | null;
  /** The standby's `pg_last_wal_replay_lsn()` at the last check ("16/B374D848"); null if unknown. */
  replayLsn: string | null;
  /** Clock time (ms) of the last check; 0 = never checked. */
  checkedAt: number;
}

export interface ReplicaOptions {
  /** Fall back to the primary when the standby's replay lag exceeds this (seconds). */
  maxLagSeconds: number;
  /** How old the last lag check may be before the next query triggers a new one (ms). */
  checkIntervalMs?: number;
  /**
   * A read whose session wrote past the last replay position seen waits for a new check if the last
   * one is at least this old (ms), else goes to the primary at once. Default min(checkIntervalMs, 20).
   */
  recheckMs?: number;
}

/** A WAL position ("16/B374D848", as pg_lsn prints) as a number; null for anything else. */
export function parseLsn(lsn: string | null | undefined): bigint | null {
  const m = typeof lsn === "string" ? /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn) : null;
  return m ? (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`) : null;
}

/**
 * The per-request read floor: the WAL position the request's eligible reads must see (the
 * session's last write), or null. Lives in an AsyncLocalStorage so the routing driver, deep under
 * services that only hold `Deps.readDb`, can see it.
 */
export interface ReadAfter {
  lsn: string | null;
}
const readAfterStore = new AsyncLocalStorage<ReadAfter>();

/** Runs `fn` (a request) with its own read floor, empty until setReadAfter fills it. */
export function runWithReadAfter<T>(fn: () => T): T {
  return readAfterStore.run({ lsn: null }, fn);
}

/** Sets the current request's read floor (no-op outside runWithReadAfter). */
export function setReadAfter(lsn: string | null): void {
  const store = readAfterStore.getStore();
  if (store) store.lsn = lsn;
}

/** The current request's read floor, if any. */
export function currentReadAfter(): string | null {
  return readAfterStore.getStore()?.lsn ?? null;
}

type Listener = {
  /** Every routed query (outside transactions: one per statement). */
  routed?: (route: ReadRoute) => void;
  /** The route changed (replica → lag, down → replica, …): log it, once per change. */
  changed?: (state: ReplicaState, previous: ReplicaState, error?: unknown) => void;
};

/**
 * A connection error rather than an SQL error: the standby is unreachable, stopping or gone.
 * pg reports network errors with Node's codes and server shutdowns with SQLSTATE class 08 / 57P0x.
 */
export function isUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/.test(code))
    return true;
  if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300")
    return true;
  const message = typeof e?.message === "string" ? e.message : "";
  return /Connection terminated|connection timeout|timeout expired|Client has encountered a connection error/i.test(
    message,
  );
}

/** SQLSTATE 40001 on a standby: "canceling statement due to conflict with recovery". */
function isRecoveryConflict(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === "40001";
}

/** The replay lag as the standby sees it; 0 when everything it received is replayed and it streams. */
const LAG_SQL = `select pg_is_in_recovery() as standby,
  case
    when pg_last_wal_receive_lsn() is not null
     and pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
     and exists (select 1 from pg_stat_wal_receiver) then 0
    else extract(epoch from now() - pg_last_xact_replay_timestamp())
  end::float8 as lag,
  pg_last_wal_replay_lsn()::text as replay_lsn`;

/**
 * Decides per query whether the standby serves it. The state comes from a lag probe on the standby
 * that runs at most every `checkIntervalMs`, in the background except the very first one (so the
 * first read already knows), and from failures seen by routed queries themselves.
 */
export class ReplicaRouter {
  private current: ReplicaState = { route: "down", lagSeconds: null, replayLsn: null, checkedAt: 0 };
  /** current.replayLsn parsed. */
  private replayed: bigint | null = null;
  private probing: Promise<void> | null = null;
  private readonly listeners: Listener[] = [];
  readonly maxLagSeconds: number;
  private readonly checkIntervalMs: number;
  private readonly recheckMs: number;

  constructor(
    private readonly pool: pg.Pool,
    options: ReplicaOptions,
  ) {
    this.maxLagSeconds = options.maxLagSeconds;
    this.checkIntervalMs = options.checkIntervalMs ?? 1000;
    this.recheckMs = options.recheckMs ?? Math.min(this.checkIntervalMs, 20);
  }

  get state(): ReplicaState {
    return { ...this.current };
  }

  listen(l: Listener): void {
    this.listeners.push(l);
  }

  /**
   * Where the next eligible query goes. Awaits the first probe only; later probes run behind —
   * except when the request's read floor (`currentReadAfter()`) is past the last replay position
   * seen: then a new probe is awaited (unless the last one is under `recheckMs` old), and the
   * read goes to the primary ("fresh") if the standby still has not replayed that far.
   */
  async route(readAfter: string | null = currentReadAfter()): Promise<Exclude<ReadRoute, "conflict">> {
    if (this.current.checkedAt === 0) await this.refresh();
    else if (Date.now() - this.current.checkedAt >= this.checkIntervalMs) void this.refresh();
    if (this.current.route !== "replica") return this.current.route;
    const floor = parseLsn(readAfter);
    if (floor === null || this.hasReplayed(floor)) return "replica";
    if (this.probing || Date.now() - this.current.checkedAt >= this.recheckMs) await this.refresh();
    if (this.current.route !== "replica") return this.current.route;
    return this.hasReplayed(floor) ? "replica" : "fresh";
  }

  /** The standby had replayed the WAL up to `lsn` at the last check. */
  private hasReplayed(lsn: bigint): boolean {
    return this.replayed !== null && this.replayed >= lsn;
  }

  /** Probes the standby now (tests call it to know the state before a read). */
  refresh(): Promise<void> {
    this.probing ??= this.probe().finally(() => {
      this.probing = null;
    });
    return this.probing;
  }

  /** A routed query found the standby unreachable: stop using it until the next probe says otherwise. */
  markDown(error: unknown): void {
    this.set({ route: "down", lagSeconds: null, replayLsn: null, checkedAt: Date.now() }, error);
  }

  routed(route: ReadRoute): void {
    for (const l of this.listeners) l.routed?.(route);
  }

  private async probe(): Promise<void> {
    try {
      const r = await this.pool.query<{ standby: boolean; lag: number | null; replay_lsn: string | null }>(
        LAG_SQL,
      );
      const row = r.rows[0];
      const lag = row?.lag ?? null;
      const route: ReplicaState["route"] = !row?.standby
        ? "not_standby"
        : lag !== null && lag <= this.maxLagSeconds
          ? "replica"
          : "lag";
      this.set({
        route,
        lagSeconds: row?.standby ? lag : null,
        replayLsn: row?.standby ? (row.replay_lsn ?? null) : null,
        checkedAt: Date.now(),
      });
    } catch (e) {
      this.set({ route: "down", lagSeconds: null, replayLsn: null, checkedAt: Date.now() }, e);
    }
  }

  private set(next: ReplicaState, error?: unknown): void {
    const previous = this.current;
    this.current = next;
    this.replayed = parseLsn(next.replayLsn);
    // The very first probe reports too, unless it simply finds the standby usable.
    const first = previous.checkedAt === 0;
    if (first ? next.route !== "replica" : previous.route !== next.route) {
      for (const l of this.listeners) l.changed?.(next, previous, error);
    }
  }
}

/** Kysely's connection to the standby, which re-runs a statement on the primary if the standby fails it. */
class RoutedConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly router: ReplicaRouter,
    private readonly primary: Driver,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (e) {
      // Inside a transaction the statement cannot move alone: the caller sees the error.
      if (this.inTransaction) throw e;
      if (isUnreachable(e)) {
        this.router.markDown(e);
        this.router.routed("down");
      } else if (isRecoveryConflict(e)) {
        this.router.routed("conflict");
      } else {
        throw e;
      }
      const c = await this.primary.acquireConnection();
      try {
        return await c.executeQuery<R>(query);
      } finally {
        await this.primary.releaseConnection(c);
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * A driver over two: each connection comes from the standby's driver when the router says so,
 * else from the primary's (same pool as `Deps.db`).
 */
class RoutingDriver implements Driver {
  private readonly wrappers = new WeakMap<DatabaseConnection, RoutedConnection>();

  constructor(
    private readonly primary: Driver,
    private readonly replica: Driver,
    private readonly router: ReplicaRouter,
  ) {}

  async init(): Promise<void> {
    await this.primary.init();
    await this.replica.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const route = await this.router.route();
    if (route === "replica") {
      try {
        const inner = await this.replica.acquireConnection();
        this.router.routed("replica");
        let w = this.wrappers.get(inner);
        if (!w) {
          w = new RoutedConnection(inner, this.router, this.primary);
          this.wrappers.set(inner, w);
        }
        return w;
      } catch (e) {
        if (!isUnreachable(e)) throw e;
        this.router.markDown(e);
        this.router.routed("down");
        return this.primary.acquireConnection();
      }
    }
    this.router.routed(route);
    return this.primary.acquireConnection();
  }

  private owner(c: DatabaseConnection): {
    driver: Driver;
    conn: DatabaseConnection;
    routed?: RoutedConnection;
  } {
    return c instanceof RoutedConnection
      ? { driver: this.replica, conn: c.inner, routed: c }
      : { driver: this.primary, conn: c };
  }

  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const o = this.owner(c);
    await o.driver.beginTransaction(o.conn, settings);
    if (o.routed) o.routed.inTransaction = true;
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    const o = this.owner(c);
    if (o.routed) o.routed.inTransaction = false;
    await o.driver.commitTransaction(o.conn);
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    const o = this.owner(c);
    if (o.routed) o.routed.inTransaction = false;
    await o.driver.rollbackTransaction(o.conn);
  }

  async savepoint(c: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    const o = this.owner(c);
    await o.driver.savepoint?.(o.conn, name, compile);
  }

  async rollbackToSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    const o = this.owner(c);
    await o.driver.rollbackToSavepoint?.(o.conn, name, compile);
  }

  async releaseSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler["compileQuery"]) {
    const o = this.owner(c);
    await o.driver.releaseSavepoint?.(o.conn, name, compile);
  }

  async releaseConnection(c: DatabaseConnection): Promise<void> {
    const o = this.owner(c);
    if (o.routed) o.routed.inTransaction = false;
    await o.driver.releaseConnection(o.conn);
  }

  async destroy(): Promise<void> {
    // Both pools belong to the DbHandle (the primary's to Deps.db), which ends them.
  }
}

/** The dialect of `Deps.readDb`: PostgreSQL's adapter and compiler over the routing driver. */
export class RoutingDialect implements Dialect {
  constructor(
    private readonly primary: () => Driver,
    private readonly replica: () => Driver,
    private readonly router: ReplicaRouter,
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new RoutingDriver(this.primary(), this.replica(), this.router);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own dialects take Kysely<any> here
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}
