import { buildApp } from "./app.js";
import { bootstrap } from "./bootstrap.js";
import { type Clock, offsetClock, systemClock } from "./clock.js";
import { loadConfig } from "./config.js";
import { createDeps } from "./context.js";
import { createDb } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { AppError } from "./errors.js";
import { drainOutbox } from "./jobs/outbox-worker.js";
import { type Scheduler, startScheduler } from "./jobs/scheduler.js";
import { forgetOldLoginFailures } from "./modules/accounts/index.js";
import { retrainStaleCenters } from "./modules/assist/index.js";
import { sealAudit, verifyChain } from "./modules/audit/index.js";
import { RecordingSmsProvider } from "./modules/notifications/index.js";
import { runSweep } from "./modules/supervision/index.js";

/**
 * Entry point. Sub-commands:
 *   serve (default)  migrate, bootstrap, then serve UI + API on PORT
 *   migrate          bring the schema to the latest version and exit
 *   outbox           deliver every due notification now and exit
 *   sweep            run the supervision sweep (催办 / 督办 / 通报) now and exit
 *   audit-verify     seal pending audit rows, verify the whole hash chain, exit 1 if it is broken
 */
async function main(): Promise<void> {
  const command = process.argv[2] ?? "serve";
  const config = loadConfig();
  const clock: Clock = config.clockStart ? offsetClock(config.clockStart) : systemClock;

  // SIGINT (Ctrl+C) and SIGTERM never kill the process outright: an embedded PGlite must be closed
  // to leave its data directory clean. A signal while the server runs shuts it down (`shutdown`
  // below); one that arrives earlier (database opening, migrations, a one-shot command) is
  // remembered and honoured once the current step has finished. Repeated signals change nothing:
  // Ctrl+C under `npm start` delivers SIGINT twice (the terminal's and npm's forwarded copy).
  let stopSignal: string | null = null;
  let onStop: ((signal: string) => void) | null = null;
  const requestStop = (signal: string) => {
    stopSignal ??= signal;
    onStop?.(signal);
  };
  process.on("SIGINT", () => requestStop("SIGINT"));
  process.on("SIGTERM", () => requestStop("SIGTERM"));

  const handle = await createDb(
    config.database.kind === "pglite"
      ? { kind: "pglite", dataDir: config.database.dataDir }
      : { kind: "postgres", url: config.database.url },
  );
  /** Stops before serving if a signal came during start-up: closes what is open and exits 0. */
  const stopIfRequested = async (close: () => Promise<void> = async () => {}) => {
    if (!stopSignal) return;
    console.log(`${stopSignal} during start-up: stopping before serving`);
    try {
      await close();
      await handle.close();
    } finally {
      process.exit(0);
    }
  };

  if (command === "migrate") {
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "schema is up to date");
    await handle.close();
    return;
  }
  const smsProvider = new RecordingSmsProvider(handle.db, clock);
  if (command === "outbox") {
    await migrateToLatest(handle.db);
    const total = await drainOutbox(handle.db, clock, smsProvider, { batchSize: 100, maxBatches: 10_000 });
    console.log(`outbox: sent ${total.sent}, retry later ${total.retried}, failed ${total.failed}`);
    await handle.close();
    return;
  }
  if (command === "sweep") {
    await migrateToLatest(handle.db);
    const r = await runSweep(createDeps({ db: handle.db, config, clock }), clock.now());
    console.log(
      `sweep: reminders ${r.reminders}, supervision orders ${r.supervisions}, notices ${r.notices}, skipped ${r.skipped}`,
    );
    await handle.close();
    return;
  }
  if (command === "audit-verify") {
    await migrateToLatest(handle.db);
    const sealed = await sealAudit(handle.db, clock.now());
    const r = await verifyChain(handle.db);
    console.log(
      r.ok
        ? `audit chain intact: ${r.checked} rows verified (${sealed} sealed now, ${r.unsealed ?? 0} still pending)`
        : `AUDIT CHAIN BROKEN after ${r.checked} good rows${r.firstBrokenId ? ` at row id ${r.firstBrokenId}` : ""}: ${r.problem ?? ""}`,
    );
    await handle.close();
    process.exit(r.ok ? 0 : 1);
  }
  if (command !== "serve") {
    console.error(`unknown command: ${command} (use: serve | migrate | outbox | sweep | audit-verify)`);
    await handle.close();
    process.exit(2);
  }

  await stopIfRequested();
  await migrateToLatest(handle.db);
  await stopIfRequested();
  const deps = createDeps({ db: handle.db, config, clock });
  const app = await buildApp(deps);
  if (config.clockStart) {
    app.log.warn(
      { clock: config.clockStart.toISOString() },
      "YOUSU_CLOCK is set: the server clock is simulated",
    );
  }
  const boot = await bootstrap(deps, app.log);
  if (boot.generatedAdminPassword) {
    // Printed once, on the first start only; it is stored only as an Argon2id hash.
    console.log(
      `\n  已创建管理员账号 admin，初始密码：${boot.generatedAdminPassword}\n  （仅显示这一次，请登录后立即修改）\n`,
    );
  }
  await stopIfRequested(() => app.close());

  let scheduler: Scheduler | null = null;
  if (config.scheduler) {
    scheduler = startScheduler(
      [
        {
          name: "outbox",
          intervalMs: 5_000,
          run: () => drainOutbox(handle.db, clock, smsProvider),
        },
        {
          name: "login-failures",
          intervalMs: 60 * 60_000,
          run: () => forgetOldLoginFailures(handle.db, clock.now()),
        },
        {
          // Links committed audit rows into the hash chain (ADR 0014); one instance at a time.
          name: "audit-seal",
          intervalMs: 2_000,
          run: () => sealAudit(handle.db, clock.now()),
        },
        {
          // 分办建议: centers with new dispatches since their model was trained get a new one.
          name: "assist-retrain",
          intervalMs: 6 * 60 * 60_000,
          run: () => retrainStaleCenters(handle.db, clock.now()),
        },
        {
          // Timers are data: every instance sweeps, SKIP LOCKED keeps each step single.
          name: "supervision",
          intervalMs: config.sweepIntervalMs,
          run: () => runSweep(deps, clock.now()),
        },
      ],
      app.log,
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    try {
      await scheduler?.stop();
      await app.close();
      await handle.close();
    } finally {
      process.exit(0);
    }
  };
  onStop = (signal) => void shutdown(signal);

  await app.listen({ port: config.port, host: config.host });
  if (stopSignal) return shutdown(stopSignal);
  app.log.info(
    { db: handle.kind, port: config.port },
    `Yousu 有诉即办 is serving on http://localhost:${config.port}`,
  );
}

main().catch((err) => {
  // A refusal to start (data directory in use, bad configuration) is told in one line; anything
  // else with its stack.
  console.error(err instanceof AppError ? `无法启动：${err.message}` : err);
  process.exit(1);
});
