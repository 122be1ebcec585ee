// Builds the web app when dist/web is missing or older than its sources, so
// `npm install && npm start` works on a fresh clone without a separate build step.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const out = "dist/web/index.html";
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const sources = Math.max(newest("src/web"), newest("src/contracts"), statSync("vite.config.ts").mtimeMs);
if (!existsSync(out) || statSync(out).mtimeMs < sources) {
  console.log("正在构建前端界面（首次启动约需半分钟）…");
  execSync("npx vite build --logLevel warn", { stdio: "inherit" });
}
