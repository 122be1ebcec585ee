import { createHash } from "node:crypto";
import { type SqlBool, sql } from "kysely";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { canonicalJson } from "./canonical-json.js";
import { decryptField, encryptField, type Keyring, openValue } from "./personal-data.js";

/**
 * Idempotency-Key for creation endpoints (API.md conventions). The key is
 * claimed and its response stored in the same transaction as the creation,
 * so either both commit or neither does: a client retrying after a timeout
 * gets the original response, never a second record.
 *
 * Concurrency: a second request with the same key blocks on the first one's
 * uncommitted row (unique key), then sees it committed and replays it; if the
 * first rolled back, the second claims the key itself.
 */
export interface IdempotencyClaim {
  /** Whose key it is (e.g. `user:12`, `integration:3`): keys never collide across callers. */
  scope: string;
  key: string;
  requestHash: string;
}

export type ClaimResult = { kind: "new" } | { kind: "replay"; statusCode: number; response: unknown };

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Validates the header value; undefined when absent. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || !KEY_PATTERN.test(v)) {
    throw new AppError("VALIDATION_FAILED", "Idempotency-Key 须为 1–200 个可见 ASCII 字符", [
      { path: "Idempotency-Key", message: "格式不正确" },
    ]);
  }
  return v;
}

/** sha256 of the body's canonical JSON (object keys sorted), so key order does not matter. */
export function hashRequest(body: unknown): string {
  return createHash("sha256").update(canonicalJson(body)).digest("hex");
}

/**
 * Claims `key` inside `trx`. "new": the caller creates and then calls
 * completeIdempotencyKey in the same transaction. "replay": the stored
 * original response. A different body under the same key → 422.
 */
export async function claimIdempotencyKey(trx: Db, c: IdempotencyClaim, now: Date): Promise<ClaimResult> {
  const inserted = await trx
    .insertInto("idempotency_keys")
    .values({
      scope: c.scope,
      key: c.key,
      request_hash: c.requestHash,
      status_code: 0,
      response: "null",
      created_at: now,
    })
    .onConflict((oc) => oc.columns(["scope", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();
  if (inserted) return { kind: "new" };
  const row = await trx
    .selectFrom("idempotency_keys")
    .select(["request_hash", "status_code", "response"])
    .where("scope", "=", c.scope)
    .where("key", "=", c.key)
    .executeTakeFirstOrThrow();
  if (row.request_hash !== c.requestHash) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "该 Idempotency-Key 已用于另一份不同的请求，请更换后重试", [
      { path: "Idempotency-Key", message: "已用于不同的请求内容" },
    ]);
  }
  return { kind: "replay", statusCode: row.status_code, response: openResponse(row.response) };
}

/**
 * A stored response repeats what the creation returned, requester's name and address included:
 * it is kept encrypted like the appeal itself (lib/personal-data.ts), as `{"pd1": ciphertext}`.
 */
export const RESPONSE_FIELD = "idempotency_keys.response";

export function sealResponse(response: unknown): string {
  return JSON.stringify({ pd1: encryptField(JSON.stringify(response), RESPONSE_FIELD) });
}

function openResponse(stored: unknown): unknown {
  if (stored && typeof stored === "object" && typeof (stored as { pd1?: unknown }).pd1 === "string") {
    return JSON.parse(decryptField((stored as { pd1: string }).pd1, RESPONSE_FIELD));
  }
  return stored;
}

/** Stores the response of a claimed key (same transaction as the creation). */
export async function completeIdempotencyKey(
  trx: Db,
  c: IdempotencyClaim,
  statusCode: number,
  response: unknown,
): Promise<void> {
  await trx
    .updateTable("idempotency_keys")
    .set({ status_code: statusCode, response: sealResponse(response) })
    .where("scope", "=", c.scope)
    .where("key", "=", c.key)
    .execute();
}

/** Forgets keys older than `before` (retries come within minutes, not weeks). */
export async function purgeIdempotencyKeys(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom("idempotency_keys").where("created_at", "<", before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * One batch of the re-encryption pass (jobs/data-keys.ts) over stored responses, keyset on
 * (scope, key). `legacy`: responses stored in plaintext before encryption existed are sealed too.
 */
export async function rekeyIdempotencyBatch(
  db: Db,
  ring: Keyring,
  o: { after: [string, string] | null; limit: number; legacy: boolean },
): Promise<{ last: [string, string] | null; changed: number; missed: number }> {
  let q = db.selectFrom("idempotency_keys").select(["scope", "key", "response", "status_code"]);
  if (o.after) {
    const [scope, key] = o.after;
    q = q.where((eb) =>
      eb.or([eb("scope", ">", scope), eb.and([eb("scope", "=", scope), eb("key", ">", key)])]),
    );
  }
  const rows = await q.orderBy("scope").orderBy("key").limit(o.limit).execute();
  let changed = 0;
  let missed = 0;
  for (const r of rows) {
    if (r.status_code === 0) continue; // claimed, its response not stored yet
    const stored = r.response as unknown;
    const sealed =
      stored && typeof stored === "object" && typeof (stored as { pd1?: unknown }).pd1 === "string"
        ? (stored as { pd1: string }).pd1
        : undefined;
    if (sealed !== undefined && ring.isCurrent(sealed)) continue;
    if (sealed === undefined && !o.legacy) continue;
    const plain =
      sealed === undefined ? JSON.stringify(stored) : openValue(ring, sealed, RESPONSE_FIELD, false);
    const res = await db
      .updateTable("idempotency_keys")
      .set({ response: JSON.stringify({ pd1: ring.encrypt(plain, RESPONSE_FIELD) }) })
      .where("scope", "=", r.scope)
      .where("key", "=", r.key)
      .where(sql<SqlBool>`response = ${JSON.stringify(stored)}::jsonb`)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) > 0) changed++;
    else missed++;
  }
  const last = rows[rows.length - 1];
  return { last: rows.length === o.limit && last ? [last.scope, last.key] : null, changed, missed };
}
