import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, type LogEvent, PostgresDialect, sql } from "kysely";
import { copyTemplate, needsCluster } from "./cluster-copy.js";
import { lockDataDir } from "./data-dir-lock.js";
import { PGliteDialect } from "./pglite-dialect.js";
import { ReplicaRouter, RoutingDialect } from "./replica.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;

/** Databases whose transactions never run concurrently: an embedded PGlite has one connection. */
const singleConnection = new WeakSet<Db>();

/**
 * True for a handle whose transactions run one at a time (PGlite): nothing is gained there by
 * keeping a shared row out of a transaction, and a statement of its own costs a commit more.
 */
export const isSingleConnection = (db: Db): boolean => singleConnection.has(db);

export type DbConfig =
  | {
      kind: "pglite";
      dataDir: string | undefined /* undefined = in memory */;
      /** Start from this dumped data directory (tests: a migrated template, see test/db.ts). */
      loadDataDir?: Blob;
      /**
       * A pre-initialised cluster (db/template.ts) copied into `dataDir` when it holds none yet,
       * instead of PGlite running initdb there.
       */
      template?: string;
      /** PostgreSQL's shared_buffers in MB (YOUSU_PGLITE_SHARED_BUFFERS_MB); PGLITE_SHARED_BUFFERS_MB if unset. */
      sharedBuffersMb?: number;
    }
  | {
      kind: "postgres";
      url: string;
      poolSize?: number;
      /** Told every query run (tests: EXPLAIN the queries a request really sends). */
      onQuery?: (sql: string, parameters: readonly unknown[], durationMs: number) => void;
      /**
       * A streaming standby for reads that tolerate replication lag (DATABASE_REPLICA_URL): the
       * handle gets `readDb`, routed to it (src/server/db/replica.ts).
       */
      replica?: { url: string; maxLagSeconds: number; checkIntervalMs?: number; poolSize?: number };
    };

export interface DbHandle {
  db: Db;
  /**
   * Reads that tolerate replication lag: on the standby while it is close enough, else on the
   * primary. Only with a configured replica; otherwise use `db`.
   */
  readDb?: Db;
  /** The standby's routing state (lag, fallbacks), with `readDb`. */
  replica?: ReplicaRouter;
  kind: DbConfig["kind"];
  close(): Promise<void>;
  /**
   * PGlite only: the data directory as a tarball (backups, test templates). Taken while holding the
   * one connection after a CHECKPOINT, so no transaction is half-way through it.
   */
  dumpDataDir?: (compression?: "none" | "gzip") => Promise<Blob>;
  /** PGlite only: `COPY … TO '/dev/blob'` / `COPY … FROM '/dev/blob'` (archived partitions, ADR 0017). */
  copyToBlob?: (copySql: string) => Promise<Blob>;
  copyFromBlob?: (copySql: string, blob: Blob) => Promise<void>;
}

/** One round trip to the database (health checks). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * The embedded database's buffer pool. PostgreSQL's default (128 MB, what PGlite's cluster says) is
 * allocated and zeroed inside the WebAssembly heap at every open: ~0.1–0.3 s of CPU and ~110 MB of
 * resident memory before the first query (issue 14, docs/benchmarks.md). An embedded server serves
 * one center, whose hot pages (recent appeals, indexes, catalogs) fit in far less; pages outside
 * the pool are read from the OS page cache. YOUSU_PGLITE_SHARED_BUFFERS_MB raises it.
 */
export const PGLITE_SHARED_BUFFERS_MB = 32;

const INT8 = 20;
const DATE = 1082;
const identity = (v: string) => v;

/**
 * Both backends return the same JS shapes: int8 (ids, counts) as strings,
 * `date` as 'YYYY-MM-DD' strings (never a JS Date shifted by the host time
 * zone), timestamptz as Date, jsonb parsed.
 */
export async function createDb(config: DbConfig): Promise<DbHandle> {
  if (config.kind === "postgres") {
    // Loaded only for a PostgreSQL server: embedded starts do not pay for the driver's modules.
    const { default: pg } = await import("pg");
    const types = {
      getTypeParser: (oid: number, format?: "text" | "binary") =>
        oid === INT8 || oid === DATE ? identity : pg.types.getTypeParser(oid, format),
    };
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10, types });
    // An idle pooled connection can be terminated by the server (restart, failover, an admin's
    // pg_terminate_backend, a test database dropped WITH (FORCE)). pg emits that on the pool;
    // without a listener it would crash the process. The pool discards the client and the next
    // query opens a new one, so a warning is the right response.
    pool.on("error", (err) => {
      process.emitWarning(`PostgreSQL idle connection error: ${err.message}`, "YousuDbWarning");
    });
    // A connection that ends while checked out (failover, pg_terminate_backend mid-query) fails its
    // query, which reaches the caller; pg then also emits "error" on the client, which the pool only
    // listens to while the client is idle. This listener keeps that second report from crashing the
    // process; the broken client is discarded on release.
    pool.on("connect", (client) => {
      client.on("error", () => {});
    });
    const onQuery = config.onQuery;
    const log = onQuery
      ? {
          log: (e: LogEvent) => {
            if (e.level === "query") onQuery(e.query.sql, e.query.parameters, e.queryDurationMillis);
          },
        }
      : {};
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...log });
    if (!config.replica) return { db, kind: "postgres", close: () => db.destroy() };

    const r = config.replica;
    const replicaPool = new pg.Pool({
      connectionString: r.url,
      max: r.poolSize ?? config.poolSize ?? 10,
      types,
      // A standby that does not answer must not hold a request for long: fall back instead.
      connectionTimeoutMillis: 2000,
    });
    replicaPool.on("error", (err) => {
      process.emitWarning(`PostgreSQL replica idle connection error: ${err.message}`, "YousuDbWarning");
    });
    // A standby that goes away mid-query (stopped, promoted, the backend terminated) ends the
    // checked-out connection too: pg rejects the query (the router re-runs it on the primary) and
    // then emits "Connection terminated" on the client, which the pool only listens to while idle.
    // Without this listener that event would crash the process; the client is discarded on release.
    replicaPool.on("connect", (client) => {
      client.on("error", () => {});
    });
    const replica = new ReplicaRouter(replicaPool, r);
    const readDb = new Kysely<Database>({
      dialect: new RoutingDialect(
        () => new PostgresDialect({ pool }).createDriver(),
        () => new PostgresDialect({ pool: replicaPool }).createDriver(),
        replica,
      ),
      ...log,
    });
    return {
      db,
      readDb,
      replica,
      kind: "postgres",
      close: async () => {
        await readDb.destroy();
        if (!replicaPool.ended) await replicaPool.end();
        await db.destroy();
      },
    };
  }
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  // One process per data directory (a second one would lose acknowledged writes).
  const lock = config.dataDir ? lockDataDir(config.dataDir) : undefined;
  try {
    // Under the lock: no other process can be filling or opening the directory meanwhile.
    if (config.dataDir && config.template && needsCluster(config.dataDir)) {
      copyTemplate(config.template, config.dataDir);
    }
  } catch (e) {
    lock?.release();
    throw e;
  }
  // One options object: `new PGlite(undefined, { loadDataDir })` ignores its options (the tarball
  // was never loaded into an in-memory database that way).
  const pglite = new PGlite({
    startParams: [
      ...PGlite.defaultStartParams,
      "-c",
      `shared_buffers=${config.sharedBuffersMb ?? PGLITE_SHARED_BUFFERS_MB}MB`,
    ],
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
  });
  try {
    await pglite.waitReady;
  } catch (e) {
    lock?.release();
    throw e;
  }
  const db = new Kysely<Database>({
    dialect: new PGliteDialect(pglite, { [INT8]: identity, [DATE]: identity }),
  });
  singleConnection.add(db);
  return {
    db,
    kind: "pglite",
    close: async () => {
      await db.destroy();
      // Kysely only destroys a driver that ran a query: close PGlite itself too (a stop requested
      // while the database was opening must still leave the data directory shut down cleanly).
      if (!pglite.closed) await pglite.close();
      lock?.release();
    },
    dumpDataDir: (compression = "none") =>
      db.connection().execute(async (conn) => {
        await sql`checkpoint`.execute(conn);
        return (await pglite.dumpDataDir(compression)) as Blob;
      }),
    copyToBlob: (copySql) =>
      db.connection().execute(async () => {
        const r = await pglite.query(copySql);
        return r.blob ?? new Blob([]); // an empty table writes no blob
      }),
    copyFromBlob: (copySql, blob) =>
      db.connection().execute(async () => {
        await pglite.query(copySql, [], { blob });
      }),
  };
}
