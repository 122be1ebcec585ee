import { STANDARD_CEILINGS, timeLimitPolicySchema } from "../../../contracts/calendar.js";
import {
  ceilingProblems,
  DEFAULT_TIME_LIMIT_POLICY,
  neverLaterThan,
  type TimeLimitPolicy,
} from "../../../core/time-limits.js";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import * as repo from "./calendar.repository.js";

/** 时限策略 — per-center time limits (DESIGN.md §3), versioned for optimistic concurrency. */
export interface TimeLimitPolicyRecord {
  policy: TimeLimitPolicy;
  version: number;
  updatedAt: string | null;
}

/**
 * A stored policy merged over the defaults, so fields added by later releases
 * (e.g. review, close-out) get their default until an admin edits them. A
 * stored value that no longer validates, or that exceeds the standard's limit
 * (a policy saved before the ceilings were enforced), falls back to the
 * default for that field: deadlines are never counted looser than the standard.
 */
function normalize(stored: unknown): TimeLimitPolicy {
  const s = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const merged = { ...DEFAULT_TIME_LIMIT_POLICY } as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_TIME_LIMIT_POLICY) as (keyof TimeLimitPolicy)[]) {
    const field = timeLimitPolicySchema.shape[key].safeParse(s[key]);
    if (!field.success) continue;
    const ceiling = STANDARD_CEILINGS[key as keyof typeof STANDARD_CEILINGS];
    if (ceiling && !neverLaterThan(field.data as never, ceiling.spec)) continue;
    merged[key] = field.data;
  }
  return merged as unknown as TimeLimitPolicy;
}

export async function getTimeLimitPolicyRecord(db: Db, centerId: string): Promise<TimeLimitPolicyRecord> {
  const row = await repo.findPolicy(db, centerId);
  if (!row) return { policy: { ...DEFAULT_TIME_LIMIT_POLICY }, version: 0, updatedAt: null };
  return { policy: normalize(row.policy), version: row.version, updatedAt: row.updated_at.toISOString() };
}

/** The center's time-limit policy (defaults when none is stored yet). */
export async function getTimeLimitPolicy(db: Db, centerId: string): Promise<TimeLimitPolicy> {
  return (await getTimeLimitPolicyRecord(db, centerId)).policy;
}

/** Stores the default policy for a center that has none (idempotent; first start and new centers). */
export async function ensureDefaultPolicy(db: Db, centerId: string, now: Date = new Date(0)): Promise<void> {
  await repo.insertPolicyIfMissing(db, centerId, DEFAULT_TIME_LIMIT_POLICY, now);
}

/** Admin edit with expectedVersion: a stale version → 409 VERSION_CONFLICT, nothing written. */
export async function updateTimeLimitPolicy(
  db: Db,
  actor: UserActor,
  input: { policy: TimeLimitPolicy; expectedVersion: number },
  meta: { now: Date; ip: string | null },
): Promise<TimeLimitPolicyRecord> {
  const looser = ceilingProblems(input.policy);
  if (looser.length) throw new AppError("VALIDATION_FAILED", looser[0]!.message, looser);
  return db.transaction().execute(async (trx) => {
    // A center without a stored policy reads as version 0 (the defaults); the first edit creates it.
    const inserted = await repo.insertPolicyIfMissing(
      trx,
      actor.centerId,
      DEFAULT_TIME_LIMIT_POLICY,
      meta.now,
    );
    const before = await getTimeLimitPolicyRecord(trx, actor.centerId);
    const row = await repo.updatePolicyIfVersion(trx, {
      centerId: actor.centerId,
      policy: input.policy,
      expectedVersion: inserted && input.expectedVersion === 0 ? 1 : input.expectedVersion,
      updatedBy: actor.userId,
      now: meta.now,
    });
    if (!row) {
      throw new AppError("VERSION_CONFLICT", "时限策略已被他人修改，请刷新后重试", [
        { path: "expectedVersion", message: `当前版本为 ${before.version}` },
      ]);
    }
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "time_limit_policy.update",
      entity: "time_limit_policy",
      entityId: actor.centerId,
      details: { before: before.policy, after: input.policy, version: row.version },
      ip: meta.ip,
      at: meta.now,
    });
    return { policy: normalize(row.policy), version: row.version, updatedAt: row.updated_at.toISOString() };
  });
}
