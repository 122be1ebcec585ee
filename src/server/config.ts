import { isIP } from "node:net";
import { resolve } from "node:path";
import { z } from "zod";

/** A bad setting: main prints its one-line message (Chinese and English) and exits 1, no stack. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** One IP address or CIDR block ("10.0.0.0/8", "::1"). */
function isAddressOrCidr(v: string): boolean {
  const [ip, bits, more] = v.split("/");
  if (more !== undefined || !ip) return false;
  const family = isIP(ip);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/**
 * The only reader of process.env. Every variable is documented here and in
 * the README's configuration table; a bad value stops start-up with a clear message.
 */
const EnvSchema = z.object({
  /** HTTP port for UI and API. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface to bind. */
  HOST: z.string().default("0.0.0.0"),
  /** PGlite data directory (embedded mode). */
  YOUSU_DATA_DIR: z.string().default("./data"),
  /** postgres://… — use a PostgreSQL server instead of PGlite. */
  DATABASE_URL: z.string().url().optional(),
  /**
   * postgres://… of a streaming standby of DATABASE_URL: dashboards, exports and staff searches
   * read from it (docs/operations.md, "Read replica"). Only with DATABASE_URL.
   */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  /** Seconds of replay lag (decimals allowed) beyond which those reads go back to the primary. */
  DATABASE_REPLICA_MAX_LAG: z.coerce.number().min(0).max(3600).default(5),
  /** Password for the `admin` account created on first start (else one is generated and printed once). */
  YOUSU_ADMIN_PASSWORD: z.string().min(1).optional(),
  /** Start the server clock at this instant (tests, demos, training). */
  YOUSU_CLOCK: z.string().datetime({ offset: true }).optional(),
  /** Minutes of inactivity after which a session expires. */
  YOUSU_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Failed logins in a row before an account is locked. */
  YOUSU_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** Minutes an account stays locked. */
  YOUSU_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Run the background scheduler (sweeps, outbox) in this instance. */
  YOUSU_SCHEDULER: z.enum(["on", "off"]).default("on"),
  /** Seconds between supervision sweeps (催办 / 督办 / 通报) in each instance. */
  YOUSU_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /**
   * Trust X-Forwarded-For from these proxies (comma-separated IPs/CIDRs, e.g. "127.0.0.1"),
   * or "true" behind exactly-known infrastructure. Default: trust none, so a client cannot
   * spoof its address to escape per-IP rate limits.
   */
  YOUSU_TRUST_PROXY: z.string().optional(),
  /**
   * Personal-data encryption keys (docs/security.md): base64 32-byte keys, comma-separated,
   * the first encrypts, the others are older keys still read during a rotation.
   */
  YOUSU_DATA_KEY: z.string().min(1).optional(),
  /** A file with the same keys, one per line (first line newest); instead of YOUSU_DATA_KEY. */
  YOUSU_DATA_KEY_FILE: z.string().min(1).optional(),
  /** The cipher new personal-data values are written with (docs/security.md); both are always read. */
  YOUSU_DATA_CIPHER: z.enum(["aes-256-gcm", "sm4"]).default("aes-256-gcm"),
  /**
   * Who may read GET /metrics: comma-separated IPs/CIDRs matched against the client address
   * (as YOUSU_TRUST_PROXY resolves it). Default: this machine only. "none" closes it.
   */
  YOUSU_METRICS_ALLOW: z
    .string()
    .default("127.0.0.1,::1")
    .refine(
      (v) =>
        v.trim() === "none" ||
        v
          .split(",")
          .map((x) => x.trim())
          .every(isAddressOrCidr),
      { message: "应为逗号分隔的 IP 地址或 CIDR（如 127.0.0.1,10.0.0.0/8），或 none" },
    ),
  /** pino log level. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Directory of the built web app. */
  YOUSU_WEB_DIR: z.string().default("./dist/web"),
  /** Where the pre-initialised PGlite cluster for new data directories is kept (db/template.ts); `off`: none. */
  YOUSU_PGLITE_TEMPLATE: z.string().default("./dist/pglite-template"),
  /** Embedded mode: PostgreSQL's shared_buffers in MB (db/database.ts, PGLITE_SHARED_BUFFERS_MB). */
  YOUSU_PGLITE_SHARED_BUFFERS_MB: z.coerce.number().int().min(1).max(4096).default(32),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  port: number;
  host: string;
  database:
    | { kind: "pglite"; dataDir: string; sharedBuffersMb?: number }
    | {
        kind: "postgres";
        url: string;
        /** The read replica (DATABASE_REPLICA_URL) and its lag threshold, when configured. */
        replica?: { url: string; maxLagSeconds: number };
      };
  adminPassword: string | undefined;
  clockStart: Date | undefined;
  sessionIdleMinutes: number;
  loginMaxFailures: number;
  lockoutMinutes: number;
  scheduler: boolean;
  sweepIntervalMs: number;
  logLevel: Env["LOG_LEVEL"];
  webDir: string;
  /** Cache directory of the pre-initialised PGlite cluster (db/template.ts); null: initdb every new data dir. */
  pgliteTemplateDir: string | null;
  trustProxy: boolean | string[];
  /** Where the personal-data keys come from (lib/data-keys.ts); neither + PGlite: a key file beside the data dir. */
  dataKeys: { keys?: string; keyFile?: string; cipher?: "aes-256-gcm" | "sm4" };
  /** Addresses and CIDR blocks allowed to read GET /metrics (empty: nobody). */
  metricsAllow: string[];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`配置有误 / invalid configuration: ${issues.join("; ")}`);
  }
  const e = parsed.data;
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      "配置有误 / invalid configuration: DATABASE_REPLICA_URL: 只读副本仅用于 PostgreSQL 模式，请同时设置 DATABASE_URL（内嵌数据库没有副本） / a read replica needs DATABASE_URL (embedded mode has none)",
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? {
          kind: "postgres",
          url: e.DATABASE_URL,
          ...(e.DATABASE_REPLICA_URL
            ? { replica: { url: e.DATABASE_REPLICA_URL, maxLagSeconds: e.DATABASE_REPLICA_MAX_LAG } }
            : {}),
        }
      : {
          kind: "pglite",
          dataDir: resolve(e.YOUSU_DATA_DIR),
          sharedBuffersMb: e.YOUSU_PGLITE_SHARED_BUFFERS_MB,
        },
    adminPassword: e.YOUSU_ADMIN_PASSWORD,
    clockStart: e.YOUSU_CLOCK ? new Date(e.YOUSU_CLOCK) : undefined,
    sessionIdleMinutes: e.YOUSU_SESSION_IDLE_MINUTES,
    loginMaxFailures: e.YOUSU_LOGIN_MAX_FAILURES,
    lockoutMinutes: e.YOUSU_LOCKOUT_MINUTES,
    scheduler: e.YOUSU_SCHEDULER === "on",
    sweepIntervalMs: e.YOUSU_SWEEP_INTERVAL_SECONDS * 1000,
    logLevel: e.LOG_LEVEL,
    webDir: resolve(e.YOUSU_WEB_DIR),
    pgliteTemplateDir: e.YOUSU_PGLITE_TEMPLATE.trim() === "off" ? null : resolve(e.YOUSU_PGLITE_TEMPLATE),
    trustProxy: parseTrustProxy(e.YOUSU_TRUST_PROXY),
    dataKeys: {
      keys: e.YOUSU_DATA_KEY,
      keyFile: e.YOUSU_DATA_KEY_FILE && resolve(e.YOUSU_DATA_KEY_FILE),
      cipher: e.YOUSU_DATA_CIPHER,
    },
    metricsAllow: parseList(e.YOUSU_METRICS_ALLOW),
  };
}

function parseList(v: string): string[] {
  if (v.trim() === "none") return [];
  return v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Defaults for tests: in-memory DB, quiet logs, no scheduler. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: "127.0.0.1",
    database: { kind: "pglite", dataDir: "" },
    adminPassword: "Kq7#Lantern-Field",
    clockStart: undefined,
    sessionIdleMinutes: 30,
    loginMaxFailures: 5,
    lockoutMinutes: 15,
    scheduler: false,
    sweepIntervalMs: 30_000,
    logLevel: "silent",
    webDir: resolve("./dist/web"),
    pgliteTemplateDir: null,
    trustProxy: false,
    dataKeys: {},
    metricsAllow: ["127.0.0.1", "::1"],
    ...overrides,
  };
}

function parseTrustProxy(v: string | undefined): boolean | string[] {
  if (!v || v === "false") return false;
  if (v === "true") return true;
  return v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}
