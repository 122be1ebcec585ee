import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import { parseKeyList } from "../lib/data-keys.js";
import { Keyring, masterKeyIdOf } from "../lib/personal-data.js";
import { lockHolder } from "./data-dir-lock.js";
import { createDb, type DbHandle } from "./database.js";
import { migrationStatus } from "./migrate.js";

/**
 * `npm run backup` / `npm run restore` (docs/operations.md). A backup is one tar file:
 *   manifest.json    what it holds: the storage mode, the time, the last migration
 *   database.tar.gz  PGlite: the data directory, dumped by PGlite after a CHECKPOINT while holding
 *                    its one connection (no transaction half-way); or
 *   database.dump    PostgreSQL: pg_dump -Fc (a consistent snapshot, taken while servers run)
 *   data.key         only with --with-key: the data key file (beside the data directory,
 *                    `<dir>.key`, or given with --key-file).
 * By default the key is NOT put into the archive: a stolen backup must not carry the key to its
 * own ciphertext. It is written beside it as `<backup>.key` (0600) for the operator to store
 * elsewhere (another medium, a safe, the center's secret store); the manifest lists the key ids
 * the data is under, so a restore can tell which key it needs and check the one it is given.
 * A PGlite directory in use by a server is dumped by that server (the backup asks it with SIGUSR2,
 * see requestOnlineDump); a free one is opened here. Restores never touch a directory or database
 * a server has open.
 */

const run = promisify(execFile);
const FORMAT = "yousu-backup";

export interface Manifest {
  format: typeof FORMAT;
  version: 1;
  kind: "pglite" | "postgres";
  createdAt: string;
  lastMigration: string | null;
  files: string[];
  /** Master key ids the personal data is encrypted under (absent in backups of older versions). */
  dataKeyIds?: string[];
  /** Where the data key went: into the archive (--with-key), beside it (`<backup>.key`), nowhere. */
  key?: "included" | "separate" | "none";
}

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: Manifest;
  /** PGlite: the running server made the dump (true) or this process opened the directory (false). */
  online?: boolean;
  /** The key file written beside the backup (default), to be stored apart from it. */
  separateKeyFile?: string;
}

/** The data key file of a data directory, if one exists (`<dir>.key`). */
function defaultKeyFile(config: Config): string | undefined {
  if (config.database.kind !== "pglite") return undefined;
  const path = `${config.database.dataDir}.key`;
  return existsSync(path) ? path : undefined;
}

async function lastMigration(handle: DbHandle): Promise<string | null> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(
    handle.db,
  );
  return r.rows[0]?.name ?? null;
}

/** Master key ids data may be under (data_keys, lib/data-keys.ts); none before that table existed. */
async function dataKeyIds(handle: DbHandle): Promise<string[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('data_keys')::text as t`.execute(
    handle.db,
  );
  if (!exists.rows[0]?.t) return [];
  const r = await sql<{ key_id: string }>`select key_id from data_keys where retired_at is null
    and key_id <> 'plaintext' order by key_id`.execute(handle.db);
  return [...new Set(r.rows.map((x) => masterKeyIdOf(x.key_id)))];
}

/** The master key ids of a key file's keys (throws a readable error when it holds none). */
function keyIdsOfFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new AppError("NOT_FOUND", `无法读取密钥文件 ${path}`);
  }
  try {
    return Keyring.fromSecrets(parseKeyList(text, `密钥文件 ${path}`)).ids;
  } catch (e) {
    throw new AppError("VALIDATION_FAILED", (e as Error).message);
  }
}

/** Writes the backup of the configured database to `file` (a .tar). */
export async function backup(
  config: Config,
  file: string,
  opts: { keyFile?: string; withKey?: boolean; onlineTimeoutMs?: number } = {},
): Promise<BackupResult> {
  const target = resolve(file);
  if (existsSync(target)) throw new AppError("CONFLICT", `备份文件 ${target} 已存在，不会覆盖`);
  const separateKey = `${target}.key`;
  if (existsSync(separateKey)) throw new AppError("CONFLICT", `密钥文件 ${separateKey} 已存在，不会覆盖`);
  const keyFile = opts.keyFile ? resolve(opts.keyFile) : defaultKeyFile(config);
  if (keyFile && !existsSync(keyFile)) throw new AppError("NOT_FOUND", `密钥文件 ${keyFile} 不存在`);
  const work = mkdtempSync(join(tmpdir(), "yousu-backup-"));
  try {
    let online: boolean | undefined;
    let migration: string | null;
    let keyIds: string[];
    const files: string[] = [];
    if (config.database.kind === "postgres") {
      await run("pg_dump", ["-Fc", "-f", join(work, "database.dump"), config.database.url], {
        maxBuffer: 16 * 1024 * 1024,
      }).catch((e: Error & { stderr?: string }) => {
        throw new AppError("INTERNAL", `pg_dump 失败：${(e.stderr ?? e.message).trim()}`);
      });
      files.push("database.dump");
      const handle = await createDb({ kind: "postgres", url: config.database.url, poolSize: 1 });
      try {
        migration = await lastMigration(handle);
        keyIds = await dataKeyIds(handle);
      } finally {
        await handle.close();
      }
    } else {
      const dataDir = config.database.dataDir;
      if (!existsSync(join(dataDir, "PG_VERSION"))) {
        throw new AppError("NOT_FOUND", `数据目录 ${dataDir} 不存在或不是数据库目录`);
      }
      const out = join(work, "database.tar.gz");
      const holder = lockHolder(dataDir);
      if (holder) {
        await requestOnlineDump(dataDir, out, opts.onlineTimeoutMs ?? 10 * 60_000);
        online = true;
      } else {
        const handle = await createDb({ kind: "pglite", dataDir });
        try {
          const blob = await handle.dumpDataDir!("gzip");
          writeFileSync(out, Buffer.from(await blob.arrayBuffer()));
        } finally {
          await handle.close();
        }
        online = false;
      }
      files.push("database.tar.gz");
      ({ migration, keyIds } = await inspectDump(out));
    }
    let key: Manifest["key"] = "none";
    if (keyFile && opts.withKey) {
      writeFileSync(join(work, "data.key"), readFileSync(keyFile), { mode: 0o600 });
      files.push("data.key");
      key = "included";
    } else if (keyFile) key = "separate";
    const manifest: Manifest = {
      format: FORMAT,
      version: 1,
      kind: config.database.kind,
      createdAt: new Date().toISOString(),
      lastMigration: migration,
      files,
      dataKeyIds: keyIds,
      key,
    };
    writeFileSync(join(work, "manifest.json"), JSON.stringify(manifest, null, 2));
    const partial = `${target}.partial`;
    await run("tar", ["-cf", partial, "-C", work, "manifest.json", ...files]);
    renameSync(partial, target);
    if (key === "separate" && keyFile) {
      writeFileSync(separateKey, readFileSync(keyFile), { mode: 0o600, flag: "wx" });
    }
    return {
      file: target,
      bytes: statSync(target).size,
      manifest,
      ...(online === undefined ? {} : { online }),
      ...(key === "separate" ? { separateKeyFile: separateKey } : {}),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The newest migration a PGlite dump has run and its data key ids (opened in memory, read-only use). */
async function inspectDump(tarGz: string): Promise<{ migration: string | null; keyIds: string[] }> {
  const handle = await createDb({
    kind: "pglite",
    dataDir: undefined,
    loadDataDir: new Blob([readFileSync(tarGz)], { type: "application/x-gzip" }),
  });
  try {
    return { migration: await lastMigration(handle), keyIds: await dataKeyIds(handle) };
  } finally {
    await handle.close();
  }
}

/** Paths of the online-backup hand-over between `npm run backup` and the serving process. */
export const onlineRequestPath = (dataDir: string): string => `${resolve(dataDir)}.backup-request.json`;

/**
 * Asks the server holding `dataDir` for a dump: writes the request file beside the directory and
 * sends SIGUSR2 to the pid in the lock — only if the lock says that process answers it (a process
 * without a handler would be terminated by the signal). Then waits for `<out>.done`.
 */
async function requestOnlineDump(dataDir: string, out: string, timeoutMs: number): Promise<void> {
  const holder = lockHolder(dataDir);
  if (!holder) throw new AppError("CONFLICT", "服务进程刚刚退出，请重新运行备份");
  if (holder.onlineBackup !== "SIGUSR2") {
    throw new AppError(
      "CONFLICT",
      `数据目录 ${dataDir} 正由进程 ${holder.pid}（${holder.host}）使用，且该进程不支持在线备份` +
        "（命令行任务或旧版本）。请等它结束或停止服务后再备份 / the directory is in use by a process that cannot take online backups: stop it first.",
    );
  }
  const id = randomBytes(8).toString("hex");
  writeFileSync(onlineRequestPath(dataDir), JSON.stringify({ id, out, requestedBy: process.pid }), {
    mode: 0o600,
  });
  process.kill(holder.pid, "SIGUSR2");
  const done = `${out}.done`;
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(done)) {
      const r = JSON.parse(readFileSync(done, "utf8")) as { id: string; ok: boolean; error?: string };
      rmSync(done, { force: true });
      if (r.id !== id) continue;
      if (!r.ok) throw new AppError("INTERNAL", `服务进程备份失败：${r.error ?? ""}`);
      return;
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new AppError("INTERNAL", `服务进程 ${holder.pid} 在 ${timeoutMs / 1000} 秒内没有完成备份`);
}

/**
 * The server's side (main.ts installs it on SIGUSR2 in embedded mode): reads the request beside the
 * data directory, dumps the database into the requested file and reports in `<out>.done`.
 */
export async function answerOnlineDump(dataDir: string, handle: DbHandle): Promise<string | null> {
  const path = onlineRequestPath(dataDir);
  if (!existsSync(path)) return null;
  const req = JSON.parse(readFileSync(path, "utf8")) as { id: string; out: string };
  rmSync(path, { force: true });
  try {
    const blob = await handle.dumpDataDir!("gzip");
    writeFileSync(`${req.out}.partial`, Buffer.from(await blob.arrayBuffer()));
    renameSync(`${req.out}.partial`, req.out);
    writeFileSync(`${req.out}.done`, JSON.stringify({ id: req.id, ok: true }));
  } catch (e) {
    writeFileSync(`${req.out}.done`, JSON.stringify({ id: req.id, ok: false, error: (e as Error).message }));
  }
  return req.out;
}

/** Restores a backup file into the configured database (empty, or replaced with `force`). */
export async function restore(
  config: Config,
  file: string,
  opts: { force?: boolean; keyFile?: string; keyFrom?: string } = {},
): Promise<{ manifest: Manifest; appeals: number; replaced?: string; keyNote?: string }> {
  const source = resolve(file);
  if (!existsSync(source)) throw new AppError("NOT_FOUND", `备份文件 ${source} 不存在`);
  const work = mkdtempSync(join(tmpdir(), "yousu-restore-"));
  try {
    await run("tar", ["-xf", source, "-C", work]).catch(() => {
      throw new AppError("VALIDATION_FAILED", `${source} 不是 Yousu 备份文件（无法解包）`);
    });
    const manifestPath = join(work, "manifest.json");
    const manifest = existsSync(manifestPath)
      ? (JSON.parse(readFileSync(manifestPath, "utf8")) as Manifest)
      : undefined;
    if (manifest?.format !== FORMAT) {
      throw new AppError("VALIDATION_FAILED", `${source} 不是 Yousu 备份文件（缺少 manifest.json）`);
    }
    if (manifest.kind !== config.database.kind) {
      throw new AppError(
        "VALIDATION_FAILED",
        `备份来自${manifest.kind === "pglite" ? "内嵌数据库（PGlite）" : " PostgreSQL"}，当前配置为${
          config.database.kind === "pglite" ? "内嵌数据库" : " PostgreSQL"
        }：只能恢复到同一种存储方式`,
      );
    }
    // The key: inside the archive (--with-key), or the separate file given with --key-from, or the
    // `<backup>.key` the backup wrote beside it. Checked against the manifest before anything is
    // restored, so a wrong key is told now, not when the server refuses to start.
    const inside = manifest.files.includes("data.key");
    if (opts.keyFrom && !existsSync(resolve(opts.keyFrom))) {
      throw new AppError("NOT_FOUND", `密钥文件 ${resolve(opts.keyFrom)} 不存在`);
    }
    const keySource = inside
      ? join(work, "data.key")
      : opts.keyFrom
        ? resolve(opts.keyFrom)
        : existsSync(`${source}.key`)
          ? `${source}.key`
          : undefined;
    const needed = manifest.dataKeyIds ?? [];
    if (keySource && needed.length > 0) {
      const have = keyIdsOfFile(keySource);
      const missing = needed.filter((id) => !have.includes(id));
      if (missing.length > 0) {
        throw new AppError(
          "VALIDATION_FAILED",
          `密钥文件 ${inside ? "（备份内）" : keySource} 中没有备份数据所用的密钥 ${missing.join("、")}（其中的密钥：${have.join("、")}）：请提供备份时的密钥文件`,
        );
      }
    }
    let replaced: string | undefined;
    let handle: DbHandle;
    if (config.database.kind === "postgres") {
      handle = await restorePostgres(config.database.url, join(work, "database.dump"), opts.force ?? false);
    } else {
      const dataDir = config.database.dataDir;
      const holder = lockHolder(dataDir);
      if (holder) {
        throw new AppError(
          "CONFLICT",
          `数据目录 ${dataDir} 正由进程 ${holder.pid}（${holder.host}）使用：请先停止服务再恢复 / stop the server first`,
        );
      }
      if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
        if (!opts.force) {
          throw new AppError(
            "CONFLICT",
            `数据目录 ${dataDir} 不是空的：加 --force 把它改名保留后再恢复 / not empty: add --force (it is renamed, not deleted)`,
          );
        }
        replaced = `${dataDir}.replaced-${new Date().toISOString().replaceAll(":", "").replace(/\..*$/, "")}`;
        renameSync(dataDir, replaced);
      } else if (existsSync(dataDir)) {
        rmSync(dataDir, { recursive: true });
      }
      handle = await createDb({
        kind: "pglite",
        dataDir,
        loadDataDir: new Blob([readFileSync(join(work, "database.tar.gz"))], { type: "application/x-gzip" }),
      });
    }
    let appeals: number;
    try {
      const m = await migrationStatus(handle.db);
      if (m.unknown.length > 0) {
        throw new AppError(
          "CONFLICT",
          `备份来自更新的版本（迁移 ${m.unknown.join(", ")}）：请先升级 Yousu 再恢复`,
        );
      }
      const r = await sql<{ n: string }>`select count(*) as n from appeals`.execute(handle.db);
      appeals = Number(r.rows[0]?.n ?? 0);
    } finally {
      await handle.close();
    }
    const keyTarget =
      opts.keyFile ?? (config.database.kind === "pglite" ? `${config.database.dataDir}.key` : undefined);
    let keyNote: string | undefined;
    if (keySource && keyTarget) {
      const key = readFileSync(keySource);
      if (existsSync(keyTarget) && !readFileSync(keyTarget).equals(key)) {
        if (!opts.force)
          throw new AppError("CONFLICT", `密钥文件 ${keyTarget} 已存在且不同：加 --force 替换`);
        renameSync(keyTarget, `${keyTarget}.replaced-${Date.now()}`);
      }
      writeFileSync(keyTarget, key, { mode: 0o600 });
      keyNote = `数据密钥已写入 ${keyTarget}`;
    } else if (keySource) {
      keyNote =
        `PostgreSQL：启动各实例时用 YOUSU_DATA_KEY_FILE=${keySource}（或 YOUSU_DATA_KEY 设为其中的密钥）；` +
        "也可加 --key-file 指定把密钥写到哪里";
    } else if (needed.length > 0) {
      keyNote =
        `该备份中的个人信息用密钥 ${needed.join("、")} 加密，密钥不在备份文件中：` +
        `启动前请取回备份时单独保存的密钥文件（${source}.key），` +
        (config.database.kind === "pglite"
          ? `放到 ${config.database.dataDir}.key，或用 --key-from 指定它重新恢复，或设置 YOUSU_DATA_KEY / YOUSU_DATA_KEY_FILE`
          : "并设置 YOUSU_DATA_KEY / YOUSU_DATA_KEY_FILE");
    }
    return { manifest, appeals, ...(replaced ? { replaced } : {}), ...(keyNote ? { keyNote } : {}) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** pg_restore into the configured database: empty, or emptied first with `force`. */
async function restorePostgres(url: string, dump: string, force: boolean): Promise<DbHandle> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ n: string }>(
      "select count(*) as n from information_schema.tables where table_schema = 'public'",
    );
    if (Number(tables.rows[0]?.n) > 0) {
      if (!force) {
        throw new AppError(
          "CONFLICT",
          "目标数据库不是空的：加 --force 清空它（drop schema public cascade）后再恢复 / not empty: add --force",
        );
      }
      const others = await client.query<{ n: string }>(
        "select count(*) as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
      );
      if (Number(others.rows[0]?.n) > 0) {
        throw new AppError(
          "CONFLICT",
          `还有 ${others.rows[0]?.n} 个连接在使用该数据库：请先停止所有服务实例再恢复 / stop every instance first`,
        );
      }
      await client.query("drop schema public cascade");
      await client.query("create schema public");
    }
  } finally {
    await client.end();
  }
  await run("pg_restore", ["--no-owner", "--exit-on-error", "-d", url, dump], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch((e: Error & { stderr?: string }) => {
    throw new AppError("INTERNAL", `pg_restore 失败：${(e.stderr ?? e.message).trim()}`);
  });
  return createDb({ kind: "postgres", url, poolSize: 1 });
}

/** A default file name for a backup: `yousu-<mode>-<UTC time>.tar` in the current directory. */
export function defaultBackupName(config: Config, now = new Date()): string {
  const stamp = now.toISOString().replaceAll(":", "").replaceAll("-", "").replace(/\..*$/, "");
  const base = config.database.kind === "pglite" ? basename(config.database.dataDir) : "postgres";
  return `yousu-${base}-${stamp}.tar`;
}
