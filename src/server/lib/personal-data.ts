import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { phoneDigits } from "../../core/masking.js";

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
 * The ring is installed once per process (main.ts; test/setup-keys.ts in tests). Nothing here
 * ever falls back to plaintext: without a ring, encrypting and decrypting throw.
 */

export const CIPHER_PREFIX = "pd1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface DataKey {
  /** 10 hex characters derived from the key itself: the same key has the same id everywhere. */
  id: string;
  encKey: Buffer;
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
    indexKey: derive("yousu/personal-data/blind-index"),
  };
}

export class Keyring {
  readonly current: DataKey;
  private readonly byId: Map<string, DataKey>;

  constructor(readonly keys: readonly DataKey[]) {
    if (keys.length === 0) throw new DataKeyError("密钥环为空：至少需要一个数据加密密钥");
    this.current = keys[0]!;
    this.byId = new Map(keys.map((k) => [k.id, k]));
  }

  static fromSecrets(secrets: readonly Buffer[]): Keyring {
    return new Keyring(secrets.map(deriveDataKey));
  }

  get ids(): string[] {
    return this.keys.map((k) => k.id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  encrypt(plain: string, field: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.current.encKey, iv);
    cipher.setAAD(Buffer.from(field, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    const payload = Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
    return `${CIPHER_PREFIX}:${this.current.id}:${payload}`;
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
    const decipher = createDecipheriv("aes-256-gcm", key.encKey, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(field, "utf8"));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
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

  /** Whether `value` is encrypted under the newest key (rotation: nothing to do). */
  isCurrent(value: string): boolean {
    return value.startsWith(`${CIPHER_PREFIX}:${this.current.id}:`);
  }
}

function hmac(key: Buffer, purpose: string, value: string): string {
  return createHmac("sha256", key).update(`${purpose}\u0000${value}`, "utf8").digest("hex");
}

export function parseCipher(value: string): { keyId: string; payload: string } | undefined {
  const m = /^pd1:([0-9a-f]{10}):([A-Za-z0-9_-]+)$/.exec(value);
  return m ? { keyId: m[1]!, payload: m[2]! } : undefined;
}

export function isCiphertext(value: string): boolean {
  return parseCipher(value) !== undefined;
}

/** The key id a stored value was encrypted with (undefined: not a ciphertext). */
export function keyIdOf(value: string): string | undefined {
  return parseCipher(value)?.keyId;
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
