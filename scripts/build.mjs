#!/usr/bin/env node
// Builds what `npm start` runs (docs/adr/0010-compiled-server.md):
//   server  src/server/main.ts and everything it imports from src/server, src/core and src/contracts,
//           bundled by esbuild into one ES module, dist/server/main.js (+ source map). Packages stay
//           external: they load from node_modules at run time (PGlite finds its wasm and data files
//           there, native modules stay native).
//   web     the React app, `vite build` into dist/web.
//
//           After a server build, the pre-initialised PGlite cluster that new embedded data
//           directories are copied from (src/server/db/template.ts) is made if its inputs changed:
//           `node dist/server/main.js pglite-template`, beside the web build.
//
//   node scripts/build.mjs               both (`npm run build`)
//   node scripts/build.mjs server        only the server (or: web)
//   node scripts/build.mjs --if-stale …  only what is missing or older than its sources
//
// scripts/start.mjs imports staleTargets() to rebuild, before a start, only what is missing or
// older than its sources; nothing here runs on import.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SERVER_OUT = join(root, "dist/server/main.js");
const WEB_OUT = join(root, "dist/web/index.html");

// What each output is built from. node_modules/.package-lock.json is rewritten by every
// `npm install`/`npm ci`, so a dependency change (the build tools included) rebuilds both.
const COMMON = ["package.json", "scripts/build.mjs", "node_modules/.package-lock.json", "tsconfig.json"];
export const TARGETS = {
  server: { out: SERVER_OUT, inputs: ["src/server", "src/core", "src/contracts", ...COMMON] },
  web: { out: WEB_OUT, inputs: ["src/web", "src/contracts", "vite.config.ts", ...COMMON] },
};

/** Latest modification time under `path` (0 if missing); tests (*.test.ts) are not build inputs. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const e of readdirSync(path)) {
    if (/\.test\.tsx?$/.test(e)) continue;
    t = Math.max(t, newest(join(path, e)));
  }
  return t;
}

/** The targets among `names` whose output is missing or older than one of its inputs. */
export function staleTargets(names) {
  return names.filter((name) => {
    const { out, inputs } = TARGETS[name];
    if (!existsSync(out)) return true;
    return statSync(out).mtimeMs < Math.max(...inputs.map((p) => newest(join(root, p))));
  });
}

/** Explains, in Chinese, which build tool is missing and what to do. */
function missingTool(pkg) {
  return new Error(
    `缺少构建工具 ${pkg}：请先运行 npm install（或 npm ci），` +
      "或者在构建机上执行 npm run build 后连同 dist/ 目录一起部署（见 docs/operations.md）。",
  );
}

async function buildServer() {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    throw missingTool("esbuild");
  }
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ["src/server/main.ts"],
    outfile: SERVER_OUT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    packages: "external",
    tsconfig: "tsconfig.json",
    // Class and function names stay what the sources say (logs, error names, stack traces).
    keepNames: true,
    sourcemap: "linked",
    sourcesContent: false,
    legalComments: "none",
    logLevel: "warning",
    write: false,
  });
  // Write the map first and the bundle last, each through a rename, so an interrupted build never
  // leaves a truncated main.js that looks newer than its sources.
  mkdirSync(dirname(SERVER_OUT), { recursive: true });
  const files = [...result.outputFiles].sort((a, b) => (a.path === SERVER_OUT) - (b.path === SERVER_OUT));
  for (const f of files) {
    const tmp = `${f.path}.tmp-${process.pid}`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
  }
}

function buildWeb() {
  const vite = join(root, "node_modules/vite/bin/vite.js");
  if (!existsSync(vite)) throw missingTool("vite");
  const res = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  if (res.status !== 0) throw new Error(`vite build failed (${res.signal ?? `exit code ${res.status}`})`);
}

/** Where the server keeps the PGlite template (as src/server/config.ts resolves it); null: off. */
function templateDir() {
  const v = process.env.YOUSU_PGLITE_TEMPLATE ?? "./dist/pglite-template";
  return v.trim() === "off" ? null : resolve(v);
}

/**
 * Whether the template may be out of date: none made yet, or made before a change of the migrations
 * or the dependencies (PGlite). The server checks exactly (its key covers each migration's code) and
 * makes a missing one on first use; this only saves loading it after every other server build.
 */
function templateStale(dir) {
  if (!dir || process.env.DATABASE_URL) return false;
  const made = existsSync(dir)
    ? Math.max(0, ...readdirSync(dir).map((e) => newest(join(dir, e, "yousu-template.json"))))
    : 0;
  const inputs = ["src/server/db/migrations", "node_modules/.package-lock.json"];
  return made < Math.max(...inputs.map((p) => newest(join(root, p))));
}

/** Runs `node dist/server/main.js pglite-template` in a child process (beside the web build). */
function prepareTemplate() {
  console.log("正在准备内置数据库模板（新建数据目录时复制，免去初始化）…");
  const t0 = Date.now();
  const child = spawn(process.execPath, [SERVER_OUT, "pglite-template"], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, LOG_LEVEL: "warn" },
  });
  return new Promise((ok, fail) => {
    child.once("error", fail);
    child.once("exit", (code, signal) => {
      if (code === 0) {
        console.log(`内置数据库模板已就绪（${((Date.now() - t0) / 1000).toFixed(1)} 秒）。`);
        ok();
      } else fail(new Error(`pglite-template failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

const LABELS = { server: "服务端", web: "前端界面" };

/** Builds the named targets in order, reporting progress in Chinese. */
export async function build(names) {
  let template = null;
  for (const name of names) {
    const t0 = Date.now();
    console.log(`正在构建${LABELS[name]}…`);
    if (name === "server") await buildServer();
    else buildWeb();
    console.log(`${LABELS[name]}构建完成（${((Date.now() - t0) / 1000).toFixed(1)} 秒）。`);
    if (name === "server" && templateStale(templateDir())) template = prepareTemplate();
  }
  // Not fatal: without a template the server initialises a new data directory itself.
  await template?.catch((err) => console.warn(`数据库模板未能生成，首次启动时将直接初始化：${err.message}`));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const named = args.filter((a) => !a.startsWith("--"));
  const names = named.length > 0 ? named : ["server", "web"];
  const unknown = names.filter((n) => !(n in TARGETS));
  if (unknown.length > 0) {
    console.error(`unknown build target: ${unknown.join(", ")} (use: server | web)`);
    process.exit(2);
  }
  try {
    await build(args.includes("--if-stale") ? staleTargets(names) : names);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    console.error("构建失败，请查看上面的错误信息。");
    process.exit(1);
  }
}
