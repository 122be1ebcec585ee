import { createHmac, randomBytes } from "node:crypto";

/**
 * TOTP (RFC 6238) over HOTP (RFC 4226) with HMAC-SHA1, 30-second steps and 6 digits — what every
 * authenticator app (and the national 动态令牌 apps) accepts by default. node:crypto only.
 */

export const TOTP_PERIOD_S = 30;
export const TOTP_DIGITS = 6;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Encode(buf: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (case, spaces and padding ignored); throws on a character outside the alphabet. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, "");
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error("invalid base32");
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** HOTP value of `counter` (RFC 4226 §5.3, dynamic truncation). */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", key).update(msg).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, "0");
}

/** The time step of an instant. */
export function totpStep(at: Date | number): number {
  const ms = typeof at === "number" ? at : at.getTime();
  return Math.floor(ms / 1000 / TOTP_PERIOD_S);
}

/** The TOTP code at Unix time `seconds`. */
export function totpAt(key: Buffer, seconds: number, digits = TOTP_DIGITS): string {
  return hotp(key, Math.floor(seconds / TOTP_PERIOD_S), digits);
}

/**
 * The step whose code `code` is, within ±`window` steps of `now` (clock drift), or null.
 * Steps not greater than `usedStep` (the last one that signed in) never match, so a code seen
 * once (a shoulder-surfed or phished one) cannot be replayed.
 */
export function matchTotp(
  key: Buffer,
  code: string,
  now: Date,
  usedStep: number | null,
  window = 1,
): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStep(now);
  let found: number | null = null;
  // Every candidate is computed (no early exit), so timing does not tell which step matched.
  for (let s = current - window; s <= current + window; s++) {
    const ok = hotp(key, s) === code;
    if (ok && (usedStep === null || s > usedStep) && found === null) found = s;
  }
  return found;
}

/** A new 160-bit secret (RFC 4226 recommends at least 128, SHA-1's block suits 160). */
export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

/** The key-URI of Google Authenticator's format, understood by every authenticator app. */
export function otpauthUrl(issuer: string, account: string, secretBase32: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const q = new URLSearchParams({
    secret: secretBase32,
    issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_S),
  });
  return `otpauth://totp/${label}?${q.toString()}`;
}
