// Builds the web app when dist/web is missing or older than its sources, so
// `npm install && npm start` works on a fresh clone without a separate build step
// (docs/adr/0006-runtime-tsx.md). Does nothing, in milliseconds, when the build is current.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist/web/index.html");

if (process.env.YOUSU_WEB_DIR) {
  // The operator serves a web build of their own choosing; leave it alone.
  process.exit(0);
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

const inputs = [
  "src/web",
  "src/contracts",
  "vite.config.ts",
  "package.json",
  // Rewritten by every `npm install`/`npm ci`: a dependency upgrade rebuilds the UI.
  "node_modules/.package-lock.json",
];
const sources = Math.max(...inputs.map((p) => newest(join(root, p))));
if (existsSync(out) && statSync(out).mtimeMs >= sources) process.exit(0);

const vite = join(root, "node_modules/vite/bin/vite.js");
if (!existsSync(vite)) {
  console.error(
    "缺少前端构建工具 vite：请先运行 npm install（不要使用 --omit=dev），或先执行 npm run build。",
  );
  process.exit(1);
}
console.log("正在构建前端界面（仅首次启动或代码更新后需要，通常不到一分钟）…");
const t0 = Date.now();
const res = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
  cwd: root,
  stdio: "inherit",
});
if (res.status !== 0) {
  console.error("前端界面构建失败，请查看上面的错误信息。");
  process.exit(res.status ?? 1);
}
console.log(`前端界面构建完成（${((Date.now() - t0) / 1000).toFixed(1)} 秒）。`);
