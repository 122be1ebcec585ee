import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

/**
 * End-to-end harness: the real server as a child process (`node scripts/start.mjs serve`,
 * exactly what `npm start` runs: the compiled dist/server/main.js, rebuilt first if its sources
 * changed) on a free port with a throw-away PGlite data directory, and Debian's Chromium driven
 * by playwright-core. Also used by bench/startup.bench.ts to time start-up.
 */

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const ADMIN_USERNAME = "admin";
export const ADMIN_PASSWORD = "Kq7#Lantern-Field";
export const CHROMIUM_PATH = "/usr/bin/chromium";
/**
 * Options for `expect.poll(fn, POLL)` on rendered UI: vitest's default (1 s) is too short
 * for a 2-core CI machine that also runs the server and Chromium.
 */
export const POLL = { timeout: 30_000, interval: 100 };

export interface StartOptions {
  /** YOUSU_CLOCK: start the server clock at this ISO instant. */
  clock?: string;
  /** Use this data directory (kept on stop) instead of a fresh temporary one (removed on stop). */
  dataDir?: string;
  /** Extra environment variables for the server. */
  env?: Record<string, string>;
  /** How long to wait for /api/health (ms). */
  timeoutMs?: number;
}

export interface RunningServer {
  baseUrl: string;
  port: number;
  /** The server's process id (a single node process). */
  pid: number;
  dataDir: string;
  /** Milliseconds from spawn to the first healthy /api/health answer. */
  startMs: number;
  /** What the server printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes a temporary data dir. */
  stop(): Promise<void>;
}

/** A port the OS reports free right now (small race with other processes; startServer retries). */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", fail);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

/** Spawns `node scripts/start.mjs serve` and resolves once /api/health answers 200. */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  ensureServerBuilt();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(opts);
    } catch (err) {
      lastError = err;
      // Only a lost port race is worth another try; anything else is a real failure.
      if (!String(err).includes("EADDRINUSE")) throw err;
    }
  }
  throw lastError;
}

let built = false;
/**
 * Rebuilds dist/server once per test process if it is older than its sources (what start.mjs
 * would do on every start), and makes sure the pre-initialised PGlite cluster that new data
 * directories are copied from exists (what `npm run build` leaves), so startMs measures starting
 * the server, not building it.
 */
function ensureServerBuilt(): void {
  if (built) return;
  const res = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs"), "--if-stale", "server"], {
    cwd: ROOT,
    stdio: "inherit",
  });
  if (res.status !== 0) throw new Error(`building the server failed (exit code ${res.status})`);
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  const tpl = spawnSync(process.execPath, [join(ROOT, "dist/server/main.js"), "pglite-template"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (tpl.status !== 0) throw new Error(`preparing the PGlite template failed (exit code ${tpl.status})`);
  built = true;
}

async function startOnce(opts: StartOptions): Promise<RunningServer> {
  const temporary = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "yousu-e2e-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    YOUSU_DATA_DIR: dataDir,
    YOUSU_ADMIN_PASSWORD: ADMIN_PASSWORD,
    YOUSU_WEB_DIR: join(ROOT, "dist/web"),
    LOG_LEVEL: "warn",
    ...opts.env,
  };
  delete env.DATABASE_URL; // always the embedded database, never the developer's server
  if (opts.clock) env.YOUSU_CLOCK = opts.clock;
  else delete env.YOUSU_CLOCK;

  const t0 = performance.now();
  // scripts/start.mjs runs the server in its own process (npm would add a parent), so stop()
  // reaches it with one signal.
  const child = spawn(process.execPath, ["scripts/start.mjs", "serve"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-64_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));

  const cleanup = () => {
    if (temporary) {
      rmSync(dataDir, { recursive: true, force: true });
      // The personal-data key file the first start created next to the data directory.
      rmSync(`${dataDir}.key`, { force: true });
    }
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(baseUrl, child, exited, opts.timeoutMs ?? 120_000, () => out);
  } catch (err) {
    await kill(child, exited);
    cleanup();
    throw err;
  }
  const startMs = performance.now() - t0;

  let stopped: Promise<void> | undefined;
  return {
    baseUrl,
    port,
    pid: child.pid ?? -1,
    dataDir,
    startMs,
    output: () => out,
    stop: () => {
      stopped ??= kill(child, exited).then(cleanup);
      return stopped;
    },
  };
}

async function waitHealthy(
  baseUrl: string,
  child: ChildProcess,
  exited: Promise<number | null>,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((c) => {
    exitCode = c;
  });
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (exitCode !== undefined || child.exitCode !== null) {
      throw new Error(
        `server exited (code ${exitCode ?? child.exitCode}) before it was healthy:\n${output()}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${output()}`);
}

async function kill(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Debian's Chromium, headless, with the flags that keep it off this machine's closed network. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A new page in a fresh context (own cookies), sized like an office desktop, in Chinese. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1440, height: 900 },
  });
  return context.newPage();
}

/**
 * Signs in through the login form (data-testid login-username / login-password /
 * login-submit) and waits until the app has left the login page.
 */
export async function login(
  page: Page,
  baseUrl: string,
  username: string = ADMIN_USERNAME,
  password: string = ADMIN_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 15_000 });
}

/** Saves a full-page screenshot under test-results/ (for looking at failures). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ROOT, "test-results", `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the API (POST /api/v1/auth/login) and returns the Bearer token. */
export async function apiLogin(
  baseUrl: string,
  username: string = ADMIN_USERNAME,
  password: string = ADMIN_PASSWORD,
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string };
  return body.token;
}

/** A JSON API call with a Bearer token; returns the status and the parsed body. */
export async function api<T = unknown>(
  baseUrl: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (e.g. HTML); return the text
  }
  return { status: res.status, body: parsed as T };
}

/** Who signs in: a username and its password. */
export interface Account {
  username: string;
  password: string;
}

/** The administrator the server creates on its first start. */
export const ADMIN: Account = { username: ADMIN_USERNAME, password: ADMIN_PASSWORD };

/** A staff user the administrator creates (POST /api/v1/users). */
export interface StaffUser extends Account {
  displayName: string;
  post?: string;
}

/** A department the administrator creates (POST /api/v1/departments). */
export interface DepartmentInput {
  code: string;
  name: string;
  phone?: string;
  location?: string;
  services?: string[];
}

/**
 * api() that fails unless the answer has the expected status (201 for POST, else 200);
 * returns the body. For set-up steps whose answer is not what the test is about.
 */
export async function apiOk<T = unknown>(
  baseUrl: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  status: number = method === "POST" ? 201 : 200,
): Promise<T> {
  const res = await api<T>(baseUrl, token, method, path, body);
  if (res.status !== status) {
    throw new Error(`${method} ${path}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/**
 * Signed in as the administrator, creates the department (if given) and the staff users, each
 * with its roles; users with the `department` role belong to the department. Returns the
 * department's id ("" without one).
 */
export async function seedStaff(
  baseUrl: string,
  staff: readonly (readonly [StaffUser, readonly string[]])[],
  department?: DepartmentInput,
): Promise<string> {
  const admin = await apiLogin(baseUrl);
  const departmentId = department
    ? (await apiOk<{ id: string }>(baseUrl, admin, "POST", "/api/v1/departments", department)).id
    : "";
  for (const [user, roles] of staff) {
    await apiOk(baseUrl, admin, "POST", "/api/v1/users", {
      ...user,
      roles,
      departmentId: roles.includes("department") ? departmentId : null,
    });
  }
  return departmentId;
}

/** A running server with a browser whose pages' errors are collected: one per e2e file. */
export interface Console {
  /** The server now running (restart() replaces it). */
  readonly server: RunningServer;
  readonly baseUrl: string;
  /** Uncaught errors of every page opened through page(). */
  readonly errors: string[];
  /** The browser, launched on first use. */
  browser(): Promise<Browser>;
  /** A fresh page (own cookies) whose errors are collected, signed in as `user` if given. */
  page(user?: Account): Promise<Page>;
  /** A Bearer token for `user` (the administrator by default). */
  token(user?: Account): Promise<string>;
  /** api() against this server. */
  api<T = unknown>(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** seedStaff() on this server. */
  seedStaff(
    staff: readonly (readonly [StaffUser, readonly string[]])[],
    department?: DepartmentInput,
  ): Promise<string>;
  /** createAppeal() on this server. */
  createAppeal<T = { id: string; trackingNo: string }>(
    token: string,
    fields: Parameters<typeof createAppeal>[2],
  ): Promise<T>;
  /** dispatchAppeal() on this server. */
  dispatch<T = { id: string }>(
    token: string,
    appealId: string,
    leadDepartmentId: string,
    complexity?: string,
  ): Promise<T>;
  /** Stops the server and starts it again on the same data directory with these options. */
  restart(opts?: Omit<StartOptions, "dataDir">): Promise<void>;
  /** Closes the browser, stops the server and removes the data directory. */
  close(): Promise<void>;
}

/**
 * Starts the server (on a temporary data directory that outlives restarts) for an e2e file;
 * the browser is launched when the first page is opened.
 */
export async function startConsole(opts: Omit<StartOptions, "dataDir"> = {}): Promise<Console> {
  const dataDir = mkdtempSync(join(tmpdir(), "yousu-e2e-"));
  let server = await startServer({ ...opts, dataDir });
  let browser: Promise<Browser> | undefined;
  const errors: string[] = [];
  const getBrowser = () => {
    browser ??= launchBrowser();
    return browser;
  };
  return {
    get server() {
      return server;
    },
    get baseUrl() {
      return server.baseUrl;
    },
    errors,
    browser: getBrowser,
    async page(user) {
      const page = await newPage(await getBrowser());
      page.on("pageerror", (e) => errors.push(e.message));
      if (user) await login(page, server.baseUrl, user.username, user.password);
      return page;
    },
    token: (user) => apiLogin(server.baseUrl, user?.username, user?.password),
    api: (token, method, path, body) => api(server.baseUrl, token, method, path, body),
    seedStaff: (staff, department) => seedStaff(server.baseUrl, staff, department),
    createAppeal: (token, fields) => createAppeal(server.baseUrl, token, fields),
    dispatch: (token, appealId, leadDepartmentId, complexity) =>
      dispatchAppeal(server.baseUrl, token, appealId, leadDepartmentId, complexity),
    async restart(next = {}) {
      await server.stop();
      server = await startServer({ ...next, dataDir });
    },
    async close() {
      await (await browser)?.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.key`, { force: true });
    },
  };
}

/** Records an on-site complaint (POST /api/v1/appeals) as `token`; fields override the defaults. */
export function createAppeal<T = { id: string; trackingNo: string }>(
  baseUrl: string,
  token: string,
  fields: { content: string; type?: string; channel?: string; requester?: Record<string, string | boolean> },
): Promise<T> {
  return apiOk<T>(baseUrl, token, "POST", "/api/v1/appeals", {
    channel: "onsite",
    type: "complaint",
    requester: { name: "张三", phone: "13812345678", address: "城关镇人民路 1 号" },
    ...fields,
  });
}

/** Dispatches an appeal to its lead department (POST /api/v1/appeals/:id/dispatch). */
export function dispatchAppeal<T = { id: string }>(
  baseUrl: string,
  token: string,
  appealId: string,
  leadDepartmentId: string,
  complexity = "general",
): Promise<T> {
  return apiOk<T>(baseUrl, token, "POST", `/api/v1/appeals/${appealId}/dispatch`, {
    complexity,
    leadDepartmentId,
  });
}

/**
 * A citizen's phone: a 360 px wide touch screen in zh-CN. Page errors and console errors go to
 * `problems`, except console lines `expected` accepts (e.g. the 404 of a wrong query code).
 */
export async function phonePage(
  browser: Browser,
  problems: string[],
  expected: (text: string) => boolean = () => false,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !expected(m.text())) problems.push(`console: ${m.text()}`);
  });
  return { context, page };
}
