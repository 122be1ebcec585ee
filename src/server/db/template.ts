import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Migration } from "kysely";
import { TEMPLATE_MARKER as MARKER } from "./cluster-copy.js";
import { alive } from "./data-dir-lock.js";
import { createDb } from "./database.js";
import { migrateToLatest } from "./migrate.js";
import { migrations as shipped } from "./migrations/index.js";

/**
 * A pre-initialised embedded cluster: PGlite's initdb (seconds of WebAssembly, ~1 GB of memory at
 * its peak) plus every migration, done once and kept as a plain data directory,
 * `<cacheDir>/<key>/`. A new, empty data directory is filled with a copy of it instead of running
 * initdb and the migrations again; the server then opens it like any other (and still runs
 * `migrateToLatest`, a no-op on a current template). The template holds no set-up of an
 * installation (no center, no admin, no keys): `bootstrap` does that on the copy, as on a fresh one.
 *
 * The key covers what makes a template right for this code: the PGlite version (the cluster's file
 * format) and each migration's name and code. A template whose key, or whose recorded migration
 * list, differs is never used; a missing one is created (on first use, or by `npm run build`).
 * The directory is closed cleanly before it is published (an atomic rename of a finished temporary
 * directory), so a copy needs no recovery and a half-written template is never visible.
 */

export interface TemplateInfo {
  /** Hex digest of the PGlite version and every migration (name, up and down code). */
  key: string;
  pglite: string;
  /** Migration names, in order. */
  migrations: string[];
}

let pgliteVersionCache: string | undefined;
/** The installed PGlite's version (its package.json is not exported: found beside its entry). */
export function pgliteVersion(): string {
  if (pgliteVersionCache) return pgliteVersionCache;
  let dir = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const pkg = join(dir, "package.json");
    if (!existsSync(pkg)) continue;
    const v = JSON.parse(readFileSync(pkg, "utf8")) as { name?: string; version?: string };
    if (v.name === "@electric-sql/pglite" && v.version) {
      pgliteVersionCache = v.version;
      return v.version;
    }
  }
  throw new Error("cannot find the version of @electric-sql/pglite");
}

export function templateInfo(list: Record<string, Migration> = shipped): TemplateInfo {
  const names = Object.keys(list).sort();
  const pglite = pgliteVersion();
  const h = createHash("sha256");
  h.update(`pglite ${pglite}\n`);
  for (const name of names) {
    const m = list[name]!;
    h.update(`${name}\n${String(m.up)}\n${String(m.down ?? "")}\n`);
  }
  return { key: h.digest("hex").slice(0, 24), pglite, migrations: names };
}

/** The finished template for `info` in `cacheDir`, or undefined (missing, stale, unreadable). */
export function findTemplate(cacheDir: string, info: TemplateInfo = templateInfo()): string | undefined {
  const dir = join(cacheDir, info.key);
  try {
    const m = JSON.parse(readFileSync(join(dir, MARKER), "utf8")) as Partial<TemplateInfo>;
    const same =
      m.key === info.key &&
      m.pglite === info.pglite &&
      JSON.stringify(m.migrations) === JSON.stringify(info.migrations) &&
      existsSync(join(dir, "PG_VERSION"));
    return same ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The template for these migrations, created now when missing (initdb + migrations in a temporary
 * directory, closed, renamed into place). Several processes may race: each builds its own and the
 * first rename wins. Older templates of other keys are pruned (see KEEP).
 */
export async function ensureTemplate(
  cacheDir: string,
  list: Record<string, Migration> = shipped,
): Promise<{ dir: string; created: boolean }> {
  const info = templateInfo(list);
  const found = findTemplate(cacheDir, info);
  if (found) return { dir: found, created: false };
  mkdirSync(cacheDir, { recursive: true });
  const dir = join(cacheDir, info.key);
  const tmp = join(cacheDir, `${info.key}.tmp-${process.pid}-${Date.now()}`);
  try {
    const handle = await createDb({ kind: "pglite", dataDir: tmp });
    try {
      await migrateToLatest(handle.db, list);
    } finally {
      await handle.close();
    }
    writeFileSync(join(tmp, MARKER), `${JSON.stringify({ ...info, createdAt: new Date().toISOString() })}\n`);
    // A stale directory under this key (a marker of another list) is replaced; a finished one that
    // a concurrent process published meanwhile is kept and ours dropped.
    if (existsSync(dir) && !findTemplate(cacheDir, info)) rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(tmp, dir);
    } catch (e) {
      if (!findTemplate(cacheDir, info)) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  prune(cacheDir, info.key);
  return { dir, created: true };
}

/**
 * Templates kept: the newest few, since one checkout may need more than one key (the bundled server
 * and the TypeScript sources under tsx print the same migration code differently), and a migration
 * being edited makes a new key at each change.
 */
const KEEP = 3;

function prune(cacheDir: string, current: string): void {
  const finished: { name: string; at: number }[] = [];
  for (const e of readdirSync(cacheDir)) {
    const builder = /\.tmp-(\d+)-/.exec(e);
    if (builder) {
      // Left by a process that died while building a template (its lock file too).
      if (!alive(Number(builder[1]))) rmSync(join(cacheDir, e), { recursive: true, force: true });
      continue;
    }
    try {
      finished.push({ name: e, at: statSync(join(cacheDir, e, MARKER)).mtimeMs });
    } catch {
      if (e !== current) rmSync(join(cacheDir, e), { recursive: true, force: true }); // unfinished
    }
  }
  finished.sort((a, b) => b.at - a.at);
  for (const old of finished.slice(KEEP)) {
    if (old.name !== current) rmSync(join(cacheDir, old.name), { recursive: true, force: true });
  }
}
