import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/server/app.js";
import { bootstrap } from "../src/server/bootstrap.js";
import { ManualClock } from "../src/server/clock.js";
import { testConfig } from "../src/server/config.js";
import { createDb } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { prepareDataKeys } from "../src/server/jobs/data-keys.js";
import { defaultKeyFile } from "../src/server/lib/data-keys.js";
import { installKeyring, Keyring } from "../src/server/lib/personal-data.js";
import { type TestContext, useTestApp } from "./app.js";
import { testBackend } from "./db.js";
import { CONTROL_TEXT, dirContains, recordKnownRequesters, scanBuffer, scanDir } from "./personal-data.js";
import { TEST_DATA_KEY } from "./setup-keys.js";

/**
 * Issue 13: "raw tables and backups contain no plaintext phone numbers". Appeals of known
 * requesters are recorded through every path that stores personal data; then every byte of the
 * embedded data directory (and, on PostgreSQL, a pg_dump of the database) is searched for their
 * phones (ASCII) and names, contact person and address (UTF-8).
 */
describe.each([
  ["aes-256-gcm", "pd1:"],
  ["sm4", "pd2:"],
] as const)("no plaintext personal data in the embedded data directory (%s)", (cipher, prefix) => {
  const root = mkdtempSync(join(tmpdir(), "yousu-pd-"));
  const dataDir = join(root, "data");
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    installKeyring(Keyring.fromSecrets([TEST_DATA_KEY]));
  });

  // An on-disk cluster, migrated from scratch: slower than the in-memory template of other suites.
  it("stores only ciphertext and blind indexes, and every read still works", {
    timeout: 180_000,
  }, async () => {
    const handle = await createDb({ kind: "pglite", dataDir });
    const ctx = {
      handle,
      clock: new ManualClock("2026-03-02T09:00:00+08:00"),
      config: testConfig(),
    } as TestContext;
    try {
      await migrateToLatest(handle.db);
      // No key configured, embedded mode: a key file is made once, beside (not in) the data dir.
      const keys = await prepareDataKeys(handle.db, { dataDir, cipher }, ctx.clock.now());
      expect(keys.generated).toBe(defaultKeyFile(dataDir));
      expect(statSync(keys.generated!).mode & 0o777).toBe(0o600);
      ctx.app = await buildApp({ db: handle.db, config: ctx.config, clock: ctx.clock });
      await bootstrap(ctx.app.deps, ctx.app.log);
      await ctx.app.ready();
      await recordKnownRequesters(ctx);
    } finally {
      await ctx.app?.close();
      await handle.close();
    }
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
    // Positive control: the (non-personal) appeal text is in the files as written, so the scan
    // does see row data; the requesters' phones, names, contact and address are not.
    expect(dirContains(dataDir, CONTROL_TEXT)).toBe(true);
    // The values are under the configured cipher (pd1 = AES-256-GCM, pd2 = SM4-GCM).
    expect(dirContains(dataDir, prefix)).toBe(true);
    expect(scanDir(dataDir)).toEqual([]);

    // The same data directory opens again with the generated key file (and not without it).
    const again = await createDb({ kind: "pglite", dataDir });
    try {
      const second = await prepareDataKeys(again.db, { dataDir, cipher }, new Date());
      expect(second.generated).toBeUndefined();
      rmSync(defaultKeyFile(dataDir));
      await expect(prepareDataKeys(again.db, { dataDir }, new Date())).rejects.toThrow(
        /找不到密钥文件.*请从备份恢复密钥文件/,
      );
    } finally {
      await again.close();
    }
  });
});

describe.runIf(testBackend === "postgres")("no plaintext personal data in a pg_dump", () => {
  const ctx = useTestApp();

  it("dumps ciphertext only", async () => {
    await recordKnownRequesters(ctx);
    const name = (
      await ctx.handle.db
        .selectNoFrom((eb) => eb.fn<string>("current_database").as("db"))
        .executeTakeFirstOrThrow()
    ).db;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const dump = spawnSync("pg_dump", ["--no-owner", url.toString()], { maxBuffer: 256 * 1024 * 1024 });
    expect(dump.status, dump.stderr?.toString()).toBe(0);
    expect(dump.stdout.length).toBeGreaterThan(10_000);
    expect(dump.stdout.includes(Buffer.from("pd1:"))).toBe(true);
    expect(dump.stdout.includes(Buffer.from(CONTROL_TEXT))).toBe(true);
    expect(scanBuffer(dump.stdout, "pg_dump")).toEqual([]);
  });
});
