import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../test/db.js";
import type { DbHandle } from "../db/database.js";
import { AppError } from "../errors.js";
import { canonicalJson } from "./canonical-json.js";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  hashRequest,
  parseIdempotencyKey,
  purgeIdempotencyKeys,
} from "./idempotency.js";

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h?.close();
});

const now = new Date("2026-03-02T09:00:00+08:00");

/** Runs "create once" under a key the way a service does: claim, create, store the response. */
async function createOnce(scope: string, key: string, body: unknown, made: string[]) {
  const claim = { scope, key, requestHash: hashRequest(body) };
  return h.db.transaction().execute(async (trx) => {
    const c = await claimIdempotencyKey(trx, claim, now);
    if (c.kind === "replay") return { status: c.statusCode, body: c.response };
    const id = `rec-${made.length + 1}`;
    made.push(id);
    const response = { id, body };
    await completeIdempotencyKey(trx, claim, 201, response);
    return { status: 201, body: response };
  });
}

describe("Idempotency-Key", () => {
  it("replays the original response for the same key and body", async () => {
    const made: string[] = [];
    const a = await createOnce("user:1", "k-1", { x: 1, y: [1, 2] }, made);
    const b = await createOnce("user:1", "k-1", { y: [1, 2], x: 1 }, made);
    expect(a).toEqual(b);
    expect(made).toHaveLength(1);
  });

  it("refuses the same key with a different body (422)", async () => {
    const made: string[] = [];
    await createOnce("user:1", "k-2", { x: 1 }, made);
    const err = await createOnce("user:1", "k-2", { x: 2 }, made).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect((err as AppError).status).toBe(422);
    expect(made).toHaveLength(1);
  });

  it("keeps callers apart by scope", async () => {
    const made: string[] = [];
    await createOnce("user:1", "k-3", { x: 1 }, made);
    await createOnce("integration:7", "k-3", { x: 1 }, made);
    expect(made).toHaveLength(2);
  });

  it("frees the key when the creation rolls back", async () => {
    const claim = { scope: "user:1", key: "k-4", requestHash: hashRequest({ x: 1 }) };
    await h.db
      .transaction()
      .execute(async (trx) => {
        await claimIdempotencyKey(trx, claim, now);
        throw new Error("creation failed");
      })
      .catch(() => undefined);
    const made: string[] = [];
    const r = await createOnce("user:1", "k-4", { x: 1 }, made);
    expect(r.status).toBe(201);
    expect(made).toHaveLength(1);
  });

  it("lets exactly one of two concurrent requests create", async () => {
    const made: string[] = [];
    const results = await Promise.all(
      Array.from({ length: 4 }, () => createOnce("user:2", "k-5", { x: 5 }, made)),
    );
    expect(made).toHaveLength(1);
    for (const r of results) expect(r).toEqual(results[0]);
  });

  it("validates the header and hashes canonically", () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey("abc-123")).toBe("abc-123");
    expect(() => parseIdempotencyKey("has space")).toThrow(AppError);
    expect(() => parseIdempotencyKey("x".repeat(201))).toThrow(AppError);
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, "x"] } })).toBe('{"a":{"c":[2,"x"]},"b":1}');
  });

  it("purges old keys", async () => {
    const n = await purgeIdempotencyKeys(h.db, new Date(now.getTime() + 1));
    expect(n).toBeGreaterThan(0);
  });
});
