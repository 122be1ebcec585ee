#!/usr/bin/env node
// `npm start` (serve), `npm run migrate`, `npm run sweep`: node scripts/start.mjs <command>.
//
// One node process (docs/adr/0010-compiled-server.md): it rebuilds what is missing or older than
// its sources (the server bundle; for `serve` also the web app unless YOUSU_WEB_DIR names another
// one) in a child process that exits before the server starts, then runs the compiled server,
// dist/server/main.js, in this process. So the process npm starts (package.json uses `exec`, the
// shell does not stay in between) is the server itself: SIGTERM or SIGINT sent to it, forwarded to
// it by npm, or sent by Ctrl+C to the whole process group, reaches the server's own shutdown
// handler, which closes the database cleanly and exits 0.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root, SERVER_OUT, staleTargets } from "./build.mjs";

const command = process.argv[2] ?? "serve";
const wanted = command === "serve" && !process.env.YOUSU_WEB_DIR ? ["server", "web"] : ["server"];
const stale = staleTargets(wanted);

if (stale.length > 0) {
  console.log("首次启动或代码更新后需要先构建（之后的启动会跳过这一步）。");
  const child = spawn(process.execPath, [join(root, "scripts/build.mjs"), ...stale], {
    cwd: root,
    stdio: "inherit",
  });
  // A stop requested during the build stops the build and exits without starting the server.
  let stopped = false;
  const stop = (signal) => {
    stopped = true;
    child.kill(signal);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const code = await new Promise((ok) => child.once("exit", (c, signal) => ok(signal ? 1 : (c ?? 1))));
  if (stopped) process.exit(0);
  if (code !== 0) process.exit(code);
  process.removeListener("SIGINT", stop);
  process.removeListener("SIGTERM", stop);
}

// Until the server installs its own handlers (first thing in main(), before it opens the
// database), a stop request only interrupts module loading: nothing is open, so exit 0 at once.
// Afterwards this listener defers to the server's.
const early = (signal) => {
  if (process.listenerCount(signal) === 1) process.exit(0);
};
process.on("SIGINT", early);
process.on("SIGTERM", early);

// Stack traces point into the TypeScript sources (dist/server/main.js.map).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(SERVER_OUT).href);
