import { userInfo } from "node:os";
import { buildApp } from "./app.js";
import { bootstrap } from "./bootstrap.js";
import { type Clock, offsetClock, systemClock } from "./clock.js";
import { ConfigError, loadConfig } from "./config.js";
import { createDeps } from "./context.js";
import { DATA_KEYS_LOCK, withAdvisoryLock } from "./db/advisory-lock.js";
import { ArchiveError, archivePartitions, restorePartition } from "./db/archive.js";
import { answerOnlineDump, backup, defaultBackupName, restore } from "./db/backup.js";
import { needsCluster } from "./db/cluster-copy.js";
import { advertiseInLock } from "./db/data-dir-lock.js";
import { createDb } from "./db/database.js";
import { migrateToLatest } from "./db/migrate.js";
import { ensurePartitions } from "./db/partitions.js";
import { ensureTemplate, findTemplate } from "./db/template.js";
import { AppError } from "./errors.js";
import { prepareDataKeys, reencryptPersonalData, runScheduledRotation } from "./jobs/data-keys.js";
import { drainOutbox } from "./jobs/outbox-worker.js";
import { runRetention } from "./jobs/retention.js";
import { type Scheduler, startScheduler } from "./jobs/scheduler.js";
import { DataKeyError } from "./lib/personal-data.js";
import { forgetOldLoginFailures, resetMfaByOperator } from "./modules/accounts/index.js";
import { retrainStaleCenters } from "./modules/assist/index.js";
import { sealAudit, verifyChain } from "./modules/audit/index.js";
import { RecordingSmsProvider } from "./modules/notifications/index.js";
import { foldRollups } from "./modules/results/index.js";
import { runSweep } from "./modules/supervision/index.js";

/**
 * Entry point. Sub-commands:
 *   serve (default)  migrate, bootstrap, then serve UI + API on PORT
 *   migrate          bring the schema to the latest version and exit
 *   outbox           deliver every due notification now and exit
 *   sweep            run the supervision sweep (催办 / 督办 / 通报) now and exit
 *   audit-verify     seal pending audit rows, verify the whole hash chain, exit 1 if it is broken
 *   keys-rotate      re-encrypt personal data under the newest key of YOUSU_DATA_KEY (and the cipher of
 *                    YOUSU_DATA_CIPHER), retire old keys
 *   mfa-reset --user=NAME  remove a user's second factor (operator with database access; audited)
 *   backup [file] [--key-file F] [--with-key]  write a backup; the key beside it unless --with-key
 *   restore <file> [--force] [--key-from F] [--key-file F]  restore one into the configured database
 *   archive --before=YYYY-MM [--out=dir] | --restore=<dir>/<partition>.json
 *                    archive old months of the append-only tables / bring one back (ADR 0017)
 *   pglite-template  create the pre-initialised cluster for new data directories if missing
 *                    (db/template.ts; run by `npm run build`) and exit
 */
async function main(): Promise<void> {
  const command = process.argv[2] ?? "serve";
  const config = loadConfig();
  const clock: Clock = config.clockStart ? offsetClock(config.clockStart) : systemClock;
  // Start-up phases in milliseconds, logged once the server listens (docs/benchmarks.md).
  const phases: Record<string, number> = { load: Math.round(performance.now()) };
  let phaseAt = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - phaseAt);
    phaseAt = now;
  };

  if (command === "pglite-template") {
    if (!config.pgliteTemplateDir) {
      console.log("YOUSU_PGLITE_TEMPLATE=off: no template");
      return;
    }
    const t = await ensureTemplate(config.pgliteTemplateDir);
    console.log(`${t.created ? "created" : "up to date"}: ${t.dir}`);
    return;
  }

  // Backup and restore open what they need themselves (a running server may hold the directory).
  if (command === "backup" || command === "restore") return backupCommand(command, config);

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
      ? {
          kind: "pglite",
          dataDir: config.database.dataDir,
          template: await clusterTemplate(config.database.dataDir, config.pgliteTemplateDir),
          sharedBuffersMb: config.database.sharedBuffersMb,
        }
      : {
          kind: "postgres",
          url: config.database.url,
          // Only the server reads from the standby; one-shot commands use the primary alone.
          ...(config.database.replica && command === "serve" ? { replica: config.database.replica } : {}),
        },
  );
  phase("database");
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
  /** Personal-data keys: loaded, checked against the database and installed before any row is read. */
  const dataKeys = async () => {
    const r = await prepareDataKeys(
      handle.db,
      {
        ...config.dataKeys,
        dataDir: config.database.kind === "pglite" ? config.database.dataDir : undefined,
      },
      clock.now(),
      // Instances starting together: one backfills, the others wait for it (advisory lock).
      { shared: handle.kind === "postgres" },
    );
    if (r.generated) {
      console.log(
        `\n  已生成个人信息加密密钥文件：${r.generated}\n  （备份数据目录时必须同时备份此文件，丢失后诉求人信息将无法读取）\n`,
      );
    }
    if (r.backfilled) console.log(`personal data: encrypted ${r.backfilled} rows stored in plaintext before`);
    return r.ring;
  };
  const smsProvider = new RecordingSmsProvider(handle.db, clock);
  if (command === "keys-rotate") {
    await migrateToLatest(handle.db);
    const ring = await dataKeys();
    // Waits for a pass another instance runs right now (advisory lock), then does the rest.
    const locked = await withAdvisoryLock(
      handle.db,
      { key: DATA_KEYS_LOCK, wait: true, shared: handle.kind === "postgres" },
      () => reencryptPersonalData(handle.db, ring, clock.now()),
    );
    if (!locked.acquired) throw new Error("unreachable: a waiting lock is always acquired");
    const r = locked.value;
    if (r.notNewest) {
      console.error(
        `keys: the first key and cipher of the ring (${ring.targetId}) are older than ${r.notNewest}, which data is already written under: put the newest key first`,
      );
      await handle.close();
      process.exit(1);
    }
    console.log(
      `keys: ${r.changed} rows re-encrypted under ${ring.targetId}` +
        (r.retired.length ? `; retired ${r.retired.join(", ")} (may now be removed from the key list)` : "") +
        (r.missed ? `; ${r.missed} rows changed meanwhile: run again` : ""),
    );
    await handle.close();
    process.exit(r.missed ? 1 : 0);
  }
  if (command === "mfa-reset") {
    // `npm run mfa:reset -- --user=admin`: only with direct access to the data directory or
    // DATABASE_URL (an embedded server must be stopped first: it holds the directory).
    const user = process.argv
      .slice(3)
      .find((a) => a.startsWith("--user="))
      ?.slice("--user=".length);
    if (!user) {
      console.error("用法 / usage: npm run mfa:reset -- --user=<用户名>");
      await handle.close();
      process.exit(2);
    }
    await migrateToLatest(handle.db);
    const operator = (() => {
      try {
        return userInfo().username;
      } catch {
        return "unknown";
      }
    })();
    const r = await resetMfaByOperator(handle.db, user, { now: clock.now(), operator });
    console.log(
      `已重置用户 ${user} 的双因素认证${r.hadFactor ? "" : "（该用户原本未启用）"}，注销会话 ${r.revokedSessions} 个；` +
        `已记入审计日志（操作人 cli:${operator}）。该用户现在只用密码登录，请尽快重新绑定动态口令。`,
    );
    await handle.close();
    return;
  }
  if (command === "outbox") {
    await migrateToLatest(handle.db);
    await dataKeys();
    const total = await drainOutbox(handle.db, clock, smsProvider, { batchSize: 100, maxBatches: 10_000 });
    console.log(`outbox: sent ${total.sent}, retry later ${total.retried}, failed ${total.failed}`);
    await handle.close();
    return;
  }
  if (command === "sweep") {
    await migrateToLatest(handle.db);
    await dataKeys();
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
  if (command === "archive") {
    await migrateToLatest(handle.db);
    const arg = (name: string) =>
      process.argv
        .slice(3)
        .find((a) => a.startsWith(`--${name}=`))
        ?.slice(name.length + 3);
    const operator = `npm run archive (${process.env.USER ?? "operator"})`;
    const url = config.database.kind === "postgres" ? config.database.url : undefined;
    try {
      const restoreFrom = arg("restore");
      if (restoreFrom) {
        const m = await restorePartition(handle, restoreFrom, { now: clock.now(), operator, url });
        console.log(`restored ${m.partition}: ${m.rows} rows of ${m.table}, ${m.month}`);
      } else {
        const before = arg("before");
        if (!before) throw new ArchiveError("usage: npm run archive -- --before=YYYY-MM [--out=dir]");
        const r = await archivePartitions(handle, {
          before,
          outDir: arg("out") ?? "./archive",
          now: clock.now(),
          operator,
          url,
        });
        for (const a of r.archived) console.log(`archived ${a.partition}: ${a.rows} rows → ${a.file}`);
        for (const k of r.kept) console.log(`kept ${k.partition}: ${k.reason}`);
        if (r.archived.length === 0) console.log(`nothing to archive before ${before}`);
      }
    } catch (e) {
      console.error(`archive: ${e instanceof Error ? e.message : String(e)}`);
      await handle.close();
      process.exit(1);
    }
    await handle.close();
    return;
  }
  if (command !== "serve") {
    console.error(
      `unknown command: ${command} (use: serve | migrate | outbox | sweep | audit-verify | keys-rotate | mfa-reset | archive)`,
    );
    await handle.close();
    process.exit(2);
  }

  await stopIfRequested();
  await migrateToLatest(handle.db);
  phase("migrations");
  const ring = await dataKeys();
  phase("keys");
  await stopIfRequested();
  const deps = createDeps({ db: handle.db, readDb: handle.readDb, replica: handle.replica, config, clock });
  const app = await buildApp(deps);
  phase("app");
  // Each change of the read route is logged once (not every statement): standby lagging, down, back.
  handle.replica?.listen({
    changed: (state, previous, err) => {
      const fields = { replica: state.route, previous: previous.route, lagSeconds: state.lagSeconds };
      if (state.route === "replica") app.log.info(fields, "read replica in use again");
      else
        app.log.warn(
          { ...fields, err: err instanceof Error ? err.message : undefined },
          "read replica not used: reads fall back to the primary",
        );
    },
  });
  if (handle.replica) {
    await handle.replica.refresh();
    app.log.info(
      { replica: handle.replica.state.route, maxLagSeconds: handle.replica.maxLagSeconds },
      "read replica configured (DATABASE_REPLICA_URL)",
    );
  }
  if (config.clockStart) {
    app.log.warn(
      { clock: config.clockStart.toISOString() },
      "YOUSU_CLOCK is set: the server clock is simulated",
    );
  }
  const boot = await bootstrap(deps, app.log);
  phase("bootstrap");
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
          // Monthly partitions of the append-only tables, prepared three months ahead (ADR 0017).
          name: "partitions",
          intervalMs: 6 * 60 * 60_000,
          run: () => ensurePartitions(handle.db, clock.now()),
        },
        {
          // Key rotation without downtime: while data is under an older key, re-encrypt it in
          // batches (each row compare-and-set); a no-op query once every row is on the newest key.
          name: "data-keys",
          intervalMs: 10 * 60_000,
          // One instance at a time (advisory lock; the others skip the round).
          run: async () => {
            await runScheduledRotation(handle.db, ring, clock.now(), { shared: handle.kind === "postgres" });
          },
        },
        {
          // The rollups' deltas, appended by requests without locking shared rows (issue 14), are
          // folded into stats_daily / appeal_terms_daily; reads count unfolded ones meanwhile.
          name: "stats-fold",
          intervalMs: 2_000,
          run: () => foldRollups(handle.db),
        },
        {
          // Retention (PIPL art. 19): finished appeals past the period lose their personal fields;
          // SKIP LOCKED keeps each appeal to one instance. Batches until none is left, hourly.
          name: "retention",
          intervalMs: 60 * 60_000,
          run: () => runRetention(handle.db, clock.now()),
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
      (name, seconds, ok) => deps.metrics.job(name, seconds, ok),
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

  // Embedded mode: `npm run backup` asks this process for a consistent dump (SIGUSR2), since no
  // other process may open the directory. Advertised in the lock file only once the handler is on.
  if (config.database.kind === "pglite") {
    const dataDir = config.database.dataDir;
    let dumping = Promise.resolve();
    process.on("SIGUSR2", () => {
      dumping = dumping.then(async () => {
        const out = await answerOnlineDump(dataDir, handle).catch((err) => {
          app.log.error({ err }, "online backup failed");
          return null;
        });
        if (out) app.log.info({ file: out }, "online backup written");
      });
    });
    advertiseInLock(dataDir, { onlineBackup: "SIGUSR2" });
  }

  await app.listen({ port: config.port, host: config.host });
  phase("listen");
  if (stopSignal) return shutdown(stopSignal);
  app.log.info(
    {
      db: handle.kind,
      port: config.port,
      startupMs: phases,
      rssMb: Math.round(process.memoryUsage().rss / 1048576),
    },
    `Yousu 有诉即办 is serving on http://localhost:${config.port}`,
  );
}

/**
 * The pre-initialised cluster to copy into an embedded data directory that holds none yet
 * (db/template.ts), created now if missing; undefined (PGlite then runs initdb there itself) when
 * the directory is already initialised, templates are off, or the cache cannot be written.
 */
async function clusterTemplate(dataDir: string, cacheDir: string | null): Promise<string | undefined> {
  if (!cacheDir || !needsCluster(dataDir)) return undefined;
  try {
    if (!findTemplate(cacheDir)) {
      console.log("正在初始化内置数据库模板（仅此一次，之后新建数据目录只需复制）…");
    }
    return (await ensureTemplate(cacheDir)).dir;
  } catch (err) {
    console.warn(
      `cannot use the PGlite template in ${cacheDir} (${err instanceof Error ? err.message : String(err)}): initialising ${dataDir} directly`,
    );
    return undefined;
  }
}

/** `npm run backup [-- file]`, `npm run restore -- file [--force]`; `--key-file F` for either. */
async function backupCommand(command: "backup" | "restore", config: ReturnType<typeof loadConfig>) {
  const args = process.argv.slice(3);
  const keyAt = args.indexOf("--key-file");
  const keyFile = keyAt >= 0 ? args[keyAt + 1] : undefined;
  const fromAt = args.indexOf("--key-from");
  const keyFrom = fromAt >= 0 ? args[fromAt + 1] : undefined;
  const positional = args.filter(
    (a, i) => !a.startsWith("--") && (keyAt < 0 || i !== keyAt + 1) && (fromAt < 0 || i !== fromAt + 1),
  );
  const keyOpt = keyFile ? { keyFile } : {};
  if (command === "backup") {
    const r = await backup(config, positional[0] ?? defaultBackupName(config), {
      ...keyOpt,
      withKey: args.includes("--with-key"),
    });
    const how = r.online === true ? "（由运行中的服务进程在线导出）" : "";
    console.log(
      `备份完成${how} / backup written: ${r.file} (${(r.bytes / 1e6).toFixed(1)} MB, ${r.manifest.kind}, ` +
        `migration ${r.manifest.lastMigration ?? "none"}${r.manifest.key === "included" ? ", data key included (--with-key)" : ""})`,
    );
    if (r.separateKeyFile) {
      console.log(
        `数据密钥单独写到了 ${r.separateKeyFile}：请把它与备份文件分开保存（另一介质、保险柜或密钥管理系统），恢复时需要它。`,
      );
    } else if (r.manifest.key === "none" && (r.manifest.dataKeyIds ?? []).length > 0) {
      console.log(
        `备份不含数据密钥（${r.manifest.dataKeyIds!.join("、")}）：密钥来自 YOUSU_DATA_KEY / YOUSU_DATA_KEY_FILE，请另行妥善保存。`,
      );
    }
    return;
  }
  if (!positional[0]) {
    console.error(
      "用法 / usage: npm run restore -- <backup file> [--force] [--key-from 备份的密钥文件] [--key-file 写到哪里]",
    );
    process.exit(2);
  }
  const r = await restore(config, positional[0], {
    force: args.includes("--force"),
    ...keyOpt,
    ...(keyFrom ? { keyFrom } : {}),
  });
  console.log(
    `恢复完成 / restored: ${r.appeals} appeals, backup of ${r.manifest.createdAt}` +
      (r.replaced ? `; the previous data directory was kept as ${r.replaced}` : ""),
  );
  if (r.keyNote) console.log(r.keyNote);
}

main().catch((err) => {
  // A refusal to start (data directory in use, bad configuration) is told in one line; anything
  // else with its stack.
  if (err instanceof ConfigError) console.error(`无法启动 / cannot start: ${err.message}`);
  else if (err instanceof AppError || err instanceof DataKeyError) {
    const cmd = process.argv[2];
    const what =
      cmd === "backup"
        ? "备份失败"
        : cmd === "restore"
          ? "恢复失败"
          : cmd === "mfa-reset"
            ? "重置失败"
            : "无法启动";
    console.error(`${what}：${err.message}`);
  } else console.error(err);
  process.exit(1);
});
