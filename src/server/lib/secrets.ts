import { createHash, randomBytes } from "node:crypto";

/**
 * Opaque bearer secrets. Only the sha256 of a token is stored, so a database
 * leak does not yield usable sessions; 32 random bytes make brute force and
 * a slow hash unnecessary. The prefix tells a leaked secret's kind at a glance.
 */
export const SESSION_PREFIX = "yss_";
export const INTEGRATION_PREFIX = "ysi_";

export function newToken(prefix: string): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const SESSION_COOKIE = "yousu_session";
export const CSRF_HEADER = "x-csrf-token" as const;
/** Absolute session lifetime, whatever the activity. */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** last_seen_at is written at most this often (not on every request). */
export const TOUCH_INTERVAL_MS = 60 * 1000;
