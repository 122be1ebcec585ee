import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { resolve } from "node:path";
import { AppError } from "../errors.js";

/**
 * One server per embedded data directory. PGlite is a single-process database: a second process
 * opening the same directory would run its own copy of PostgreSQL over the same files, and both
 * would acknowledge writes that the other overwrites (two appeals with one tracking number, one of
 * them gone after a restart). The lock is a file beside the directory (`<dir>.lock`, so backups of
 * the directory never carry it) created exclusively with the owner's pid and host. A lock whose
 * process is gone (kill -9, power loss) is taken over; a live one stops the second server with a
 * clear message.
 */
export interface DataDirLock {
  path: string;
  release(): void;
}

export interface Owner {
  pid: number;
  host: string;
  since: string;
  /** Set by a serving process that answers this signal with an online backup (npm run backup). */
  onlineBackup?: "SIGUSR2";
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readOwner(path: string): Owner | null {
  try {
    const v = JSON.parse(readFileSync(path, "utf8")) as Partial<Owner>;
    return typeof v.pid === "number" && typeof v.host === "string" ? (v as Owner) : null;
  } catch {
    return null;
  }
}

function create(path: string): boolean {
  try {
    const fd = openSync(path, "wx");
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  const path = lockPathOf(dataDir);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (create(path)) {
      return {
        path,
        release: () => {
          // Only our own lock: never remove one a later owner took over.
          if (readOwner(path)?.pid === process.pid) unlinkSync(path);
        },
      };
    }
    const owner = readOwner(path);
    const stale = !owner || (owner.host === hostname() && !alive(owner.pid));
    if (!stale) {
      throw new AppError(
        "CONFLICT",
        `数据目录 ${resolve(dataDir)} 正由另一个服务进程使用（主机 ${owner.host}，进程 ${owner.pid}，自 ${owner.since}）。` +
          "内嵌数据库只能由一个进程打开：请先停止该进程，或改用 PostgreSQL（DATABASE_URL）运行多个实例。",
      );
    }
    // Left by a process that is gone: take it over (once; a concurrent starter may win the race).
    try {
      unlinkSync(path);
    } catch {
      // Removed by the other starter meanwhile.
    }
  }
  throw new AppError("CONFLICT", `数据目录 ${resolve(dataDir)} 正由另一个服务进程启动，请稍后再试`);
}

/** The lock path of a data directory (`<dir>.lock`). */
export const lockPathOf = (dataDir: string): string => `${resolve(dataDir)}.lock`;

/** The live process on this host holding the directory, if any (a stale lock counts as free). */
export function lockHolder(dataDir: string): Owner | null {
  const owner = readOwner(lockPathOf(dataDir));
  if (!owner) return null;
  if (owner.host !== hostname()) return owner; // another host: assume alive, never touch it
  return alive(owner.pid) ? owner : null;
}

/** Adds fields to our own lock file (atomically: write a copy, rename it over). */
export function advertiseInLock(dataDir: string, fields: Partial<Owner>): void {
  const path = lockPathOf(dataDir);
  const owner = readOwner(path);
  if (owner?.pid !== process.pid) return;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ ...owner, ...fields }));
  renameSync(tmp, path);
}
