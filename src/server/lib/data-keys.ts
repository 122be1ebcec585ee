import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { sql } from "kysely";
import type { Db } from "../db/database.js";
import { type DataCipher, DataKeyError, Keyring, masterKeyIdOf } from "./personal-data.js";

/**
 * Where the personal-data keys come from (docs/security.md "Key management"):
 *
 * - `YOUSU_DATA_KEY`: one or more base64-encoded 32-byte keys, comma-separated; the first one
 *   encrypts, the others are older keys that are still read (a rotation in progress);
 * - `YOUSU_DATA_KEY_FILE`: a file with one base64 key per line (`#` comments), first line newest;
 * - neither, embedded PGlite: `<data dir>.key` next to the data directory, created once (0600)
 *   on the first start, so `npm install && npm start` works without configuration. Backups must
 *   include it; it is deliberately not inside the data directory.
 * - neither, PostgreSQL: refused. Several instances must share one key, which they cannot if
 *   each made its own.
 *
 * The table data_keys lists every key id data was ever encrypted under and whether rows may
 * still carry it (retired_at null). Start-up refuses a ring that lacks such a key, so a wrong
 * or lost key is told at once instead of when the first row fails to decrypt. The pseudo key
 * `plaintext` stands for rows written before encryption existed (migration 2026121200): the
 * start-up backfill encrypts them and retires it.
 */

export const PLAINTEXT_KEY_ID = "plaintext";

export interface DataKeySource {
  /** YOUSU_DATA_KEY */
  keys?: string;
  /** YOUSU_DATA_KEY_FILE */
  keyFile?: string;
  /** The PGlite data directory (embedded mode); undefined with PostgreSQL or in memory. */
  dataDir?: string;
  /** YOUSU_DATA_CIPHER: what new values are written with (default AES-256-GCM). */
  cipher?: DataCipher;
}

/** Parses a list of base64 keys separated by commas or new lines; `#` starts a comment. */
export function parseKeyList(text: string, source: string): Buffer[] {
  const items = text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, ""))
    .flatMap((line) => line.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new DataKeyError(`${source} 中没有密钥`);
  return items.map((item, i) => {
    const buf = /^[A-Za-z0-9+/_-]+={0,2}$/.test(item) ? Buffer.from(item, "base64") : Buffer.alloc(0);
    if (buf.length !== 32) {
      throw new DataKeyError(
        `${source} 的第 ${i + 1} 个密钥不是 base64 编码的 32 字节（可用 \`openssl rand -base64 32\` 生成）`,
      );
    }
    return buf;
  });
}

/** The key file the embedded mode creates next to its data directory. */
export function defaultKeyFile(dataDir: string): string {
  return `${dataDir.replace(/[/\\]+$/, "")}.key`;
}

/** Writes a new random key to `path` (0600, never overwriting) and returns it. */
export function generateKeyFile(path: string): Buffer {
  const key = randomBytes(32);
  const text = [
    "# Yousu personal-data encryption key (AES-256-GCM master key), created on first start.",
    "# Back this file up together with the data directory, but store the copy separately:",
    "# without it the requesters' names, phones and addresses cannot be read. See docs/security.md.",
    "# First line: the key that encrypts; lines after it: older keys still read during a rotation.",
    key.toString("base64"),
    "",
  ].join("\n");
  writeFileSync(path, text, { mode: 0o600, flag: "wx" });
  return key;
}

/**
 * The ring to run with, checked against the keys the database says its data is under.
 * `generated`: the path of a key file made now (the caller tells the operator); `active`: the key
 * ids data was under when the ring was opened (activeKeyIds, `plaintext` included).
 */
export async function openDataKeys(
  db: Db,
  src: DataKeySource,
  now: Date,
): Promise<{ ring: Keyring; generated?: string; active: string[] }> {
  const active = await activeKeyIds(db);
  const inUse = active.filter((id) => id !== PLAINTEXT_KEY_ID);
  let secrets: Buffer[];
  let generated: string | undefined;
  if (src.keys) {
    secrets = parseKeyList(src.keys, "YOUSU_DATA_KEY");
  } else if (src.keyFile) {
    secrets = parseKeyList(readKeyFile(src.keyFile, "YOUSU_DATA_KEY_FILE"), `密钥文件 ${src.keyFile}`);
  } else if (src.dataDir) {
    const path = defaultKeyFile(src.dataDir);
    if (existsSync(path)) {
      secrets = parseKeyList(readKeyFile(path, "密钥文件"), `密钥文件 ${path}`);
    } else if (inUse.length > 0) {
      throw new DataKeyError(
        `数据库中的个人信息已用密钥 ${inUse.join("、")} 加密，但找不到密钥文件 ${path}，也没有设置 YOUSU_DATA_KEY：` +
          "请从备份恢复密钥文件，或用 YOUSU_DATA_KEY / YOUSU_DATA_KEY_FILE 提供原来的密钥",
      );
    } else {
      secrets = [generateKeyFile(path)];
      generated = path;
    }
  } else {
    throw new DataKeyError(
      "未配置个人信息加密密钥：使用 PostgreSQL（DATABASE_URL）时必须设置 YOUSU_DATA_KEY 或 YOUSU_DATA_KEY_FILE" +
        "（base64 编码的 32 字节，可用 `openssl rand -base64 32` 生成；所有实例使用同一密钥）",
    );
  }
  const ring = Keyring.fromSecrets(secrets, src.cipher ?? "aes-256-gcm");
  // data_keys holds cipher key ids (`sm4:<id>` for SM4); both ciphers are read with the same master key.
  const missing = [...new Set(inUse.map(masterKeyIdOf))].filter((id) => !ring.has(id));
  if (missing.length > 0) {
    throw new DataKeyError(
      `数据库中的个人信息用密钥 ${missing.join("、")} 加密，但配置的密钥（${ring.ids.join("、")}）中没有它：` +
        "密钥不对或已丢失。请用原来的密钥启动；轮换密钥时把新密钥放在第一位、旧密钥放在其后",
    );
  }
  // A restart with the same key finds it active already: nothing to register (registerKey would
  // only burn a value of data_keys' identity sequence, a WAL write, on every start).
  if (!inUse.includes(ring.targetId)) await registerKey(db, ring.targetId, now);
  return { ring, generated, active };
}

function readKeyFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new DataKeyError(`无法读取${what} ${path}：${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

// --- data_keys (SQL) ---------------------------------------------------------------------------

/** Key ids rows may still be encrypted under (including `plaintext` until the backfill ran). */
export async function activeKeyIds(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("data_keys")
    .select("key_id")
    .where("retired_at", "is", null)
    .orderBy("key_id")
    .execute();
  return rows.map((r) => r.key_id);
}

/**
 * Records that data is (about to be) encrypted under `id` (a cipher key id). A key that is still
 * active keeps its place in the registration order (a rolling restart must not make an older
 * ring the target again); a retired one used again — a deliberate switch back, e.g. from SM4 to
 * AES under the same master key — becomes the newest, so the rotation moves data to it.
 */
export async function registerKey(db: Db, id: string, now: Date): Promise<void> {
  // SET seq = DEFAULT takes the identity's next value (allowed for GENERATED ALWAYS).
  await sql`update data_keys set seq = default, retired_at = null, registered_at = ${now}
            where key_id = ${id} and retired_at is not null`.execute(db);
  await db
    .insertInto("data_keys")
    .values({ key_id: id, registered_at: now, retired_at: null })
    .onConflict((oc) => oc.column("key_id").doNothing())
    .execute();
}

/**
 * The cipher key id registered last (as a ring's first key and cipher). Only a ring whose first key is this one moves
 * data: during a rolling restart an instance still running the previous ring (old key first)
 * must not re-encrypt back to the old key what the others already wrote under the new one.
 */
export async function newestKeyId(db: Db): Promise<string | undefined> {
  const r = await db
    .selectFrom("data_keys")
    .select("key_id")
    .where("key_id", "<>", PLAINTEXT_KEY_ID)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return r?.key_id;
}

/** No row carries these keys any more (after a completed re-encryption pass). */
export async function retireKeys(db: Db, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("data_keys")
    .set({ retired_at: now })
    .where("key_id", "in", ids)
    .where("retired_at", "is", null)
    .execute();
}
