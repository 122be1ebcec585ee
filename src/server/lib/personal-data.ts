import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { createRequire } from "node:module";
import { phoneDigits, UNREADABLE_VALUE } from "../../core/masking.js";

/**
 * sm-crypto-v2 (with the @noble curves and hashes it pulls in, ~45 ms of CPU to load) only once
 * an SM4 value is written or read: a server on AES-256-GCM never loads it (issue 14, start-up).
 * A synchronous require because encrypt/decrypt are synchronous; the package is CommonJS, which
 * is also what `import` resolved it to.
 */
let smCrypto: typeof import("sm-crypto-v2") | undefined;
function sm4(): typeof import("sm-crypto-v2")["sm4"] {
  smCrypto ??= createRequire(import.meta.url)("sm-crypto-v2") as typeof import("sm-crypto-v2");
  return smCrypto.sm4;
}

/**
 * Personal data encrypted at rest (issue 13, docs/security.md "Key management").
 *
 * Every requester field (name, phone, address, contact person) is stored as
 *
 *     pd1:<keyId>:<base64url(iv ‖ ciphertext ‖ tag)>
 *
 * AES-256-GCM with a random 96-bit IV per value; the field's name is the additional
 * authenticated data, so a value moved to another column does not decrypt. The key id
 * travels with the value, so rows written under an older key stay readable while a
 * rotation (jobs/data-keys.ts) re-encrypts them under the newest one.
 *
 * A keyring holds one or more 32-byte master keys; the first one encrypts. From each master
 * key two keys are derived with HKDF-SHA256: the AES key and the blind-index key. The blind
 * index is HMAC-SHA256 of the normalised value (phone: digits only), so lookups by phone are
 * an equality on an indexed column; during a rotation a lookup asks for the index under every
 * key of the ring (`blindIndexes`).
 *
 * Two ciphers, chosen by YOUSU_DATA_CIPHER; the prefix says which one a value is under, so both
 * are read at any time and a switch is a re-encryption pass like a key rotation:
 *
 *     pd1:<keyId>:…   AES-256-GCM (Node's OpenSSL), the default
 *     pd2:<keyId>:…   SM4-GCM (GB/T 32907 block cipher in GCM, RFC 8998; `sm-crypto-v2`), 国密
 *
 * Both use a 96-bit random IV, a 128-bit tag and the field name as AAD; the SM4 key is a separate
 * HKDF output (16 bytes) of the same master key. The blind index does not depend on the cipher
 * (HMAC-SHA256), so a switch does not change lookups. A value's "cipher key id" is the key id
 * qualified by the cipher (`<id>` for AES, `sm4:<id>` for SM4): data_keys records those, so a
 * pass that moved everything to SM4 retires the AES id and vice versa.
 *
 * The ring is installed once per process (main.ts; test/setup-keys.ts in tests). Nothing here
 * ever falls back to plaintext: without a ring, encrypting and decrypting throw.
 */

export type DataCipher = "aes-256-gcm" | "sm4";
export const DATA_CIPHERS: readonly DataCipher[] = ["aes-256-gcm", "sm4"];
const PREFIX: Record<DataCipher, string> = { "aes-256-gcm": "pd1", sm4: "pd2" };
const CIPHER_OF_PREFIX: Record<string, DataCipher> = { pd1: "aes-256-gcm", pd2: "sm4" };
/** The prefix of AES-256-GCM values (kept for callers that name the default format). */
export const CIPHER_PREFIX = PREFIX["aes-256-gcm"];
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The cipher key id recorded in data_keys: the key id, qualified for SM4. */
export function cipherKeyId(keyId: string, cipher: DataCipher): string {
  return cipher === "sm4" ? `sm4:${keyId}` : keyId;
}

/** The master key id of a cipher key id (`sm4:<id>` → `<id>`). */
export function masterKeyIdOf(cipherKey: string): string {
  return cipherKey.startsWith("sm4:") ? cipherKey.slice(4) : cipherKey;
}

export interface DataKey {
  /** 10 hex characters derived from the key itself: the same key has the same id everywhere. */
  id: string;
  encKey: Buffer;
  /** SM4 (128-bit) key, used when the value is `pd2`. */
  sm4Key: Buffer;
  indexKey: Buffer;
}

/** Raised for missing, malformed or wrong keys: main.ts prints its message without a stack. */
export class DataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataKeyError";
  }
}

export function deriveDataKey(master: Buffer): DataKey {
  if (master.length !== 32) throw new DataKeyError("数据加密密钥必须是 32 字节（base64 编码）");
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), info, 32));
  return {
    id: derive("yousu/personal-data/key-id").subarray(0, 5).toString("hex"),
    encKey: derive("yousu/personal-data/aes-256-gcm"),
    sm4Key: derive("yousu/personal-data/sm4-gcm").subarray(0, 16),
    indexKey: derive("yousu/personal-data/blind-index"),
  };
}

export class Keyring {
  readonly current: DataKey;
  private readonly byId: Map<string, DataKey>;

  constructor(
    readonly keys: readonly DataKey[],
    /** The cipher new values are written with; values under the other one are still read. */
    readonly cipher: DataCipher = "aes-256-gcm",
  ) {
    if (keys.length === 0) throw new DataKeyError("密钥环为空：至少需要一个数据加密密钥");
    this.current = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k]));
  }

  static fromSecrets(secrets: readonly Buffer[], cipher: DataCipher = "aes-256-gcm"): Keyring {
    return new Keyring(secrets.map(deriveDataKey), cipher);
  }

  /** The cipher key id new values are written under (data_keys: the rotation target). */
  get targetId(): string {
    return cipherKeyId(this.current.id, this.cipher);
  }

  get ids(): string[] {
    return this.keys.map((k) => k.id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  encrypt(plain: string, field: string): string {
    const iv = randomBytes(IV_BYTES);
    const aad = Buffer.from(field, "utf8");
    const data = Buffer.from(plain, "utf8");
    let body: Buffer;
    let tag: Buffer;
    if (this.cipher === "sm4") {
      const r = sm4().encrypt(data, this.current.sm4Key, {
        mode: "gcm",
        iv,
        associatedData: aad,
        output: "array",
        outputTag: true,
      });
      body = Buffer.from(r.output);
      tag = Buffer.from(r.tag!);
    } else {
      const cipher = createCipheriv("aes-256-gcm", this.current.encKey, iv);
      cipher.setAAD(aad);
      body = Buffer.concat([cipher.update(data), cipher.final()]);
      tag = cipher.getAuthTag();
    }
    const payload = Buffer.concat([iv, body, tag]).toString("base64url");
    return `${PREFIX[this.cipher]}:${this.current.id}:${payload}`;
  }

  decrypt(value: string, field: string): string {
    const parsed = parseCipher(value);
    if (!parsed) throw new DataKeyError(`字段 ${field} 不是密文：数据库中不应有未加密的个人信息`);
    const key = this.byId.get(parsed.keyId);
    if (!key) {
      throw new DataKeyError(`字段 ${field} 用密钥 ${parsed.keyId} 加密，但当前密钥环中没有这个密钥`);
    }
    const raw = Buffer.from(parsed.payload, "base64url");
    if (raw.length < IV_BYTES + TAG_BYTES) throw new DataKeyError(`字段 ${field} 的密文已损坏`);
    const iv = raw.subarray(0, IV_BYTES);
    const body = raw.subarray(IV_BYTES, raw.length - TAG_BYTES);
    const tag = raw.subarray(raw.length - TAG_BYTES);
    const aad = Buffer.from(field, "utf8");
    try {
      if (parsed.cipher === "sm4") {
        const out = sm4().decrypt(body, key.sm4Key, {
          mode: "gcm",
          iv,
          associatedData: aad,
          tag,
          output: "array",
        });
        return Buffer.from(out).toString("utf8");
      }
      const decipher = createDecipheriv("aes-256-gcm", key.encKey, iv);
      decipher.setAAD(aad);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    } catch {
      throw new DataKeyError(`字段 ${field} 的密文校验失败（密文被改动或密钥不对）`);
    }
  }

  /** HMAC-SHA256 (hex) of an already normalised value under the newest key. */
  blindIndex(normalised: string, purpose: string): string {
    return hmac(this.current.indexKey, purpose, normalised);
  }

  /** The value's blind index under every key of the ring, newest first (lookups during a rotation). */
  blindIndexes(normalised: string, purpose: string): string[] {
    return this.keys.map((k) => hmac(k.indexKey, purpose, normalised));
  }

  /** Whether `value` is encrypted under the newest key with the configured cipher (rotation: nothing to do). */
  isCurrent(value: string): boolean {
    return value.startsWith(`${PREFIX[this.cipher]}:${this.current.id}:`);
  }
}

function hmac(key: Buffer, purpose: string, value: string): string {
  return createHmac("sha256", key).update(`${purpose}\u0000${value}`, "utf8").digest("hex");
}

export function parseCipher(
  value: string,
): { cipher: DataCipher; keyId: string; payload: string } | undefined {
  const m = /^(pd[12]):([0-9a-f]{10}):([A-Za-z0-9_-]+)$/.exec(value);
  return m ? { cipher: CIPHER_OF_PREFIX[m[1]!]!, keyId: m[2]!, payload: m[3]! } : undefined;
}

export function isCiphertext(value: string): boolean {
  return parseCipher(value) !== undefined;
}

/** The key id a stored value was encrypted with (undefined: not a ciphertext). */
export function keyIdOf(value: string): string | undefined {
  return parseCipher(value)?.keyId;
}

/** The cipher key id of a stored value (`<id>` or `sm4:<id>`; undefined: not a ciphertext). */
export function cipherKeyIdOf(value: string): string | undefined {
  const p = parseCipher(value);
  return p ? cipherKeyId(p.keyId, p.cipher) : undefined;
}

/**
 * A stored value brought to the newest key (rotation and the one-time backfill): unchanged when
 * already current, re-encrypted when under an older key, encrypted when plaintext — the latter
 * only when `legacy` (rows written before encryption existed); otherwise plaintext is an error.
 */
export function resealValue(ring: Keyring, value: string, field: string, legacy: boolean): string {
  if (ring.isCurrent(value)) return value;
  if (isCiphertext(value)) return ring.encrypt(ring.decrypt(value, field), field);
  if (!legacy) throw new DataKeyError(`字段 ${field} 中有未加密的值`);
  return ring.encrypt(value, field);
}

/** The plaintext of a stored value for a re-encryption pass (see resealValue). */
export function openValue(ring: Keyring, value: string, field: string, legacy: boolean): string {
  if (isCiphertext(value)) return ring.decrypt(value, field);
  if (!legacy) throw new DataKeyError(`字段 ${field} 中有未加密的值`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// The process's ring.

let installed: Keyring | undefined;

export function installKeyring(ring: Keyring): void {
  installed = ring;
}

/** The installed ring; throws (never returns plaintext paths) when none is installed. */
export function keyring(): Keyring {
  if (!installed) throw new DataKeyError("个人信息加密密钥未加载：服务启动时必须先加载密钥");
  return installed;
}

export function encryptField(value: string, field: string): string;
export function encryptField(value: string | null, field: string): string | null;
export function encryptField(value: string | null, field: string): string | null {
  return value === null ? null : keyring().encrypt(value, field);
}

export function decryptField(value: string, field: string): string;
export function decryptField(value: string | null, field: string): string | null;
export function decryptField(value: string | null, field: string): string | null {
  return value === null ? null : keyring().decrypt(value, field);
}

const PHONE_PURPOSE = "phone";
const NAME_PURPOSE = "name";

/** The normalised phone (digits only), as every phone lookup compares it. */
export const normalisePhone = phoneDigits;

/** Names compare without surrounding or inner spaces and case-insensitively (Latin names). */
export function normaliseName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** The phone's blind index under the ring's newest key (stored with the row). */
export function phoneIndexUnder(ring: Keyring, phone: string): string {
  return ring.blindIndex(normalisePhone(phone), PHONE_PURPOSE);
}

export function nameIndexUnder(ring: Keyring, name: string): string {
  return ring.blindIndex(normaliseName(name), NAME_PURPOSE);
}

export function phoneIndex(phone: string): string {
  return phoneIndexUnder(keyring(), phone);
}

/** The phone's blind index under every key of the ring (lookups). */
export function phoneIndexes(phone: string): string[] {
  return keyring().blindIndexes(normalisePhone(phone), PHONE_PURPOSE);
}

export function nameIndex(name: string): string {
  return nameIndexUnder(keyring(), name);
}

export function nameIndexes(name: string): string[] {
  return keyring().blindIndexes(normaliseName(name), NAME_PURPOSE);
}

/** Constant-time membership of a stored blind index among candidates. */
export function matchesIndex(stored: string | null, candidates: readonly string[]): boolean {
  if (!stored) return false;
  const a = Buffer.from(stored, "utf8");
  let hit = false;
  for (const c of candidates) {
    const b = Buffer.from(c, "utf8");
    if (a.length === b.length && timingSafeEqual(a, b)) hit = true;
  }
  return hit;
}

// ---------------------------------------------------------------------------------------------
// Values that cannot be decrypted where a list is shown.

/** What a list shows for a personal field that does not decrypt (a corrupt or foreign value). */
export { UNREADABLE_VALUE };

export interface DecryptFailure {
  /** Table and column (the AAD), e.g. `appeals.phone`. */
  field: string;
  /** The row's id, when known. */
  rowId?: string;
  message: string;
}

let unreadableCount = 0;
let reporter: (f: DecryptFailure) => void = (f) =>
  process.emitWarning(`${f.field} of row ${f.rowId ?? "?"}: ${f.message}`, "YousuDecryptWarning");

/** The process's number of values shown as UNREADABLE_VALUE since start (GET /metrics). */
export function unreadableValues(): number {
  return unreadableCount;
}

/** Where failures are told (the server's log; a warning by default). */
export function setDecryptFailureReporter(fn: (f: DecryptFailure) => void): void {
  reporter = fn;
}

/**
 * Decrypts for display only: a value that does not decrypt (changed bytes, an unknown key, a
 * plaintext that should not be there) becomes UNREADABLE_VALUE, is counted and reported, so one
 * corrupt row does not fail a whole list page. Never use it where the value is written back.
 */
export function decryptForDisplay(value: string | null, field: string, rowId?: string): string | null {
  if (value === null) return null;
  try {
    return keyring().decrypt(value, field);
  } catch (e) {
    if (!(e instanceof DataKeyError)) throw e;
    unreadableCount++;
    reporter({ field, rowId, message: e.message });
    return UNREADABLE_VALUE;
  }
}
