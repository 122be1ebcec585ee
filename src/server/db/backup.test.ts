import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { TestContext } from "../../../test/app.js";
import { appealBody, recordOk, windowClerk } from "../../../test/appeals.js";
import { TEST_DATA_KEY } from "../../../test/setup-keys.js";
import { buildApp } from "../app.js";
import { bootstrap } from "../bootstrap.js";
import { ManualClock } from "../clock.js";
import { type Config, testConfig } from "../config.js";
import { prepareDataKeys } from "../jobs/data-keys.js";
import { Keyring } from "../lib/personal-data.js";
import { answerOnlineDump, backup, restore } from "./backup.js";
import { advertiseInLock } from "./data-dir-lock.js";
import { createDb, type DbConfig } from "./database.js";
import { migrateToLatest } from "./migrate.js";

const KEY_FILE_TEXT = `# test key\n${TEST_DATA_KEY.toString("base64")}\n`;
const KEY_ID = Keyring.fromSecrets([TEST_DATA_KEY]).current.id;

/**
 * npm run backup / npm run restore, round trips on both storage modes: appeals recorded through
 * the API, a backup, the database wiped, the backup restored, the same appeals there.
 */
const dirs: string[] = [];
const tmp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** An app on `db`, bootstrapped, with `n` appeals recorded by a window clerk; returns their numbers. */
async function withAppeals(dbConfig: DbConfig, config: Config, n: number) {
  const handle = await createDb(dbConfig);
  await migrateToLatest(handle.db);
  const clock = new ManualClock("2026-03-02T09:00:00+08:00");
  // Registers the test key as the one the data is under (data_keys), as a server start does.
  await prepareDataKeys(handle.db, { keys: TEST_DATA_KEY.toString("base64") }, clock.now());
  const app = await buildApp({ db: handle.db, config, clock });
  await bootstrap(app.deps, app.log);
  const ctx: TestContext = { app, handle, clock, config };
  const clerk = await windowClerk(ctx);
  const numbers: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = await recordOk(ctx, clerk.token, appealBody({ content: `备份恢复测试诉求第${i}件` }));
    numbers.push(a.trackingNo as string);
  }
  return { handle, app, numbers };
}

/** The names of the files inside a backup archive, sorted. */
async function tarList(file: string): Promise<string[]> {
  return execFileSync("tar", ["-tf", file], { encoding: "utf8" }).trim().split("\n").sort();
}

async function trackingNumbers(dbConfig: DbConfig): Promise<string[]> {
  const handle = await createDb(dbConfig);
  try {
    const r = await sql<{ n: string }>`select tracking_no as n from appeals order by id`.execute(handle.db);
    return r.rows.map((x) => x.n);
  } finally {
    await handle.close();
  }
}

describe("backup and restore, embedded PGlite", () => {
  it("round-trips a closed data directory; the key goes beside the backup, not into it; restore refuses to overwrite without --force", async () => {
    const root = tmp("yousu-bk-");
    const dataDir = join(root, "data");
    const config = testConfig({ database: { kind: "pglite", dataDir } });
    const { handle, app, numbers } = await withAppeals({ kind: "pglite", dataDir }, config, 3);
    await app.close();
    await handle.close();
    writeFileSync(`${dataDir}.key`, KEY_FILE_TEXT);

    const file = join(root, "yousu.tar");
    const made = await backup(config, file);
    expect(made.online).toBe(false);
    expect(made.manifest.kind).toBe("pglite");
    // The archive holds no key; it is written beside it, to be stored apart.
    expect(made.manifest.files).toEqual(["database.tar.gz"]);
    expect(made.manifest).toMatchObject({ key: "separate", dataKeyIds: [KEY_ID] });
    expect(made.separateKeyFile).toBe(`${file}.key`);
    expect(readFileSync(`${file}.key`, "utf8")).toBe(KEY_FILE_TEXT);
    expect(await tarList(file)).toEqual(["database.tar.gz", "manifest.json"]);
    expect(made.manifest.lastMigration).toMatch(/^\d{10}_/);
    await expect(backup(config, file)).rejects.toThrow(/已存在/);

    // Not empty: refused; the directory is untouched.
    await expect(restore(config, file)).rejects.toThrow(/--force/);
    expect(await trackingNumbers({ kind: "pglite", dataDir })).toEqual(numbers);

    // Wiped (directory and key gone); the separate key file moved away (stored apart).
    rmSync(dataDir, { recursive: true });
    rmSync(`${dataDir}.key`);
    const apart = join(root, "safe.key");
    renameSync(`${file}.key`, apart);
    // Without the key: restored, and told which key it needs and where it goes.
    const bare = await restore(config, file);
    expect(bare.appeals).toBe(3);
    expect(bare.keyNote).toContain(`用密钥 ${KEY_ID} 加密，密钥不在备份文件中`);
    expect(bare.keyNote).toContain(`${dataDir}.key`);
    expect(existsSync(`${dataDir}.key`)).toBe(false);
    // A wrong key is refused before anything is restored.
    const wrong = join(root, "wrong.key");
    writeFileSync(wrong, `${randomBytes(32).toString("base64")}\n`);
    await expect(restore(config, file, { force: true, keyFrom: wrong })).rejects.toThrow(
      new RegExp(`没有备份数据所用的密钥 ${KEY_ID}`),
    );
    // With the separate key: restored with it.
    const back = await restore(config, file, { force: true, keyFrom: apart });
    expect(back.appeals).toBe(3);
    expect(await trackingNumbers({ kind: "pglite", dataDir })).toEqual(numbers);
    expect(readFileSync(`${dataDir}.key`, "utf8")).toBe(KEY_FILE_TEXT);
    expect(back.replaced).toBeDefined();
    expect(existsSync(back.replaced!)).toBe(true);

    // --with-key puts the key into the archive (the old behaviour, on request) and restores it.
    const inside = join(root, "with-key.tar");
    const made2 = await backup(config, inside, { withKey: true });
    expect(made2.manifest).toMatchObject({ files: ["database.tar.gz", "data.key"], key: "included" });
    expect(made2.separateKeyFile).toBeUndefined();
    expect(existsSync(`${inside}.key`)).toBe(false);
    rmSync(`${dataDir}.key`);
    const forced = await restore(config, inside, { force: true });
    expect(forced.replaced).toBeDefined();
    expect(readFileSync(`${dataDir}.key`, "utf8")).toBe(KEY_FILE_TEXT);
  }, 300_000);

  it("takes a consistent backup from the server holding the directory (SIGUSR2), and refuses to restore under it", async () => {
    const root = tmp("yousu-bk-online-");
    const dataDir = join(root, "data");
    const config = testConfig({ database: { kind: "pglite", dataDir } });
    const { handle, app, numbers } = await withAppeals({ kind: "pglite", dataDir }, config, 2);
    const onSignal = () => void answerOnlineDump(dataDir, handle);
    try {
      // The lock does not yet say this process answers the signal: refused, and the signal is never sent.
      await expect(backup(config, join(root, "refused.tar"))).rejects.toThrow(/不支持在线备份/);
      process.on("SIGUSR2", onSignal);
      advertiseInLock(dataDir, { onlineBackup: "SIGUSR2" });

      const file = join(root, "online.tar");
      const made = await backup(config, file);
      expect(made.online).toBe(true);
      // The server keeps serving after it.
      const more = await withClerkAppeal(app, handle, config);
      expect(more).toMatch(/\d/);

      await expect(restore(config, file, { force: true })).rejects.toThrow(/请先停止服务/);
      await app.close();
      await handle.close();

      const back = await restore(config, file, { force: true });
      expect(back.appeals).toBe(2);
      // The dump holds what was acknowledged before it, not the appeal recorded after.
      expect(await trackingNumbers({ kind: "pglite", dataDir })).toEqual(numbers);
    } finally {
      process.off("SIGUSR2", onSignal);
      await app.close();
      await handle.close().catch(() => {});
    }
  }, 120_000);
});

async function withClerkAppeal(
  app: Awaited<ReturnType<typeof buildApp>>,
  handle: Awaited<ReturnType<typeof createDb>>,
  config: Config,
) {
  const ctx: TestContext = { app, handle, clock: new ManualClock("2026-03-02T10:00:00+08:00"), config };
  const clerk = await windowClerk(ctx);
  return (await recordOk(ctx, clerk.token)).trackingNo as string;
}

const PG = process.env.TEST_DATABASE_URL;

describe.runIf(PG)("backup and restore, PostgreSQL", () => {
  it("round-trips through pg_dump and pg_restore; a non-empty target needs --force", async () => {
    const name = `yousu_bk_${randomBytes(4).toString("hex")}`;
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: PG });
      await c.connect();
      try {
        await c.query(q);
      } finally {
        await c.end();
      }
    };
    await admin(`create database "${name}"`);
    const u = new URL(PG!);
    u.pathname = `/${name}`;
    const url = u.toString();
    const config = testConfig({ database: { kind: "postgres", url } });
    const root = tmp("yousu-bk-pg-");
    try {
      const { handle, app, numbers } = await withAppeals({ kind: "postgres", url }, config, 3);
      const file = join(root, "pg.tar");
      // Taken while the app is connected (pg_dump's snapshot).
      const made = await backup(config, file);
      expect(made.manifest.kind).toBe("postgres");
      expect(made.manifest.files).toEqual(["database.dump"]);
      // The key comes from YOUSU_DATA_KEY on PostgreSQL: not in the backup, but named in it.
      expect(made.manifest).toMatchObject({ key: "none", dataKeyIds: [KEY_ID] });
      await app.close();
      await handle.close();

      // Into the same, non-empty database: refused without --force, nothing changed.
      await expect(restore(config, file)).rejects.toThrow(/--force/);
      // Into a PGlite configuration: refused.
      await expect(
        restore(testConfig({ database: { kind: "pglite", dataDir: join(root, "x") } }), file),
      ).rejects.toThrow(/同一种存储方式/);

      // Wiped: the database dropped and created empty, then restored.
      await admin(`drop database "${name}" with (force)`);
      await admin(`create database "${name}"`);
      const back = await restore(config, file);
      expect(back.appeals).toBe(3);
      expect(back.keyNote).toContain(`用密钥 ${KEY_ID} 加密`);
      expect(await trackingNumbers({ kind: "postgres", url })).toEqual(numbers);

      // --force over a live copy: replaced, same content.
      const again = await restore(config, file, { force: true });
      expect(again.appeals).toBe(3);
      const check = await createDb({ kind: "postgres", url });
      try {
        await migrateToLatest(check.db); // nothing pending: the restored schema is current
        const r = await sql<{ n: string }>`select count(*) as n from appeal_events`.execute(check.db);
        expect(Number(r.rows[0]!.n)).toBeGreaterThanOrEqual(3);
      } finally {
        await check.close();
      }
    } finally {
      await admin(`drop database if exists "${name}" with (force)`);
    }
  }, 120_000);
});
