// Development: the API from its TypeScript sources with reload on PORT (default 8080; `node --watch
// --import tsx`) and the Vite dev server with hot reload on VITE_PORT (default 5173), which proxies
// /api to PORT. Open http://localhost:5173. Ctrl+C stops both; if either exits, the other is stopped too.
// Node's watch mode, not `tsx watch`: on a reload or Ctrl+C it signals the server and waits for it
// to exit, where tsx watch SIGKILLs it on a second signal (Ctrl+C gives it two: the terminal's and
// ours) or after 5 s, leaving the embedded PGlite data directory unclean.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (pkg, file) => join(root, "node_modules", pkg, file);
const opts = { cwd: root, stdio: "inherit" };

// Node is spawned directly (not through npx) so that signals reach the real processes.
const apiPort = process.env.PORT ?? "8080";
const webPort = process.env.VITE_PORT ?? "5173";
console.log(`开发模式：界面 http://localhost:${webPort}（/api 转发到 ${apiPort} 端口的服务）`);
const procs = [
  spawn(process.execPath, ["--watch", "--import", "tsx", "src/server/main.ts", "serve"], opts),
  spawn(process.execPath, [bin("vite", "bin/vite.js")], opts),
];

let stopping = false;
const stop = (code = 0) => {
  if (stopping) return;
  stopping = true;
  for (const p of procs) if (p.exitCode === null) p.kill("SIGTERM");
  const left = procs.filter((p) => p.exitCode === null);
  if (left.length === 0) process.exit(code);
  let n = left.length;
  for (const p of left) p.once("exit", () => --n === 0 && process.exit(code));
  setTimeout(() => process.exit(code), 5_000).unref();
};
for (const p of procs) p.once("exit", (code) => stop(code ?? 0));
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
