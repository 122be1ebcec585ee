import {
  type FollowUpInput,
  isBadRating,
  type PublicRatingInput,
  type PublicRatingState,
  type Rating,
} from "../../../contracts/results.js";
import type { Db } from "../../db/database.js";
import type { Deps } from "../../deps.js";
import { AppError, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { recordAppealEvents } from "../appeals/index.js";
import { appendAudit } from "../audit/index.js";
import { findPublicAppeal, type LookupThrottle } from "../public/index.js";
import * as repo from "./data/results.repository.js";
import { onFollowedUp, onRated } from "./follow-up-duties.service.js";
import { levelLabel } from "./rating-label.js";
import { openRectification } from "./rectification.service.js";
import { countResult, ratingCounters } from "./stats.rollup.js";

/**
 * 好差评 (DESIGN.md §2.7): the requester rates a finished appeal once; after a completed
 * rectification once more. Bad ratings (不满意, 非常不满意) open a rectification.
 */

const FINISHED = new Set(["closed", "resolved", "rejected"]);

export function presentRating(r: repo.RatingRow): Rating {
  return {
    id: r.id,
    appealId: r.appeal_id,
    round: r.round,
    level: r.level,
    levelLabel: levelLabel(r.level),
    resolved: r.resolved,
    comment: r.comment,
    source: r.source,
    createdAt: r.created_at.toISOString(),
    disputed: r.disputed_at !== null,
    disputeReason: r.dispute_reason,
  };
}

/** The round the next rating takes, or why there is none (Chinese, for a 409 or the portal). */
async function nextRound(trx: Db, appeal: { center_id: string; id: string; status: string }) {
  if (!FINISHED.has(appeal.status)) return { round: null, reason: "诉求尚未办结，办结后才能评价" };
  const ratings = await repo.listRatings(trx, appeal.center_id, appeal.id, true);
  const last = ratings.at(-1);
  if (!last) return { round: 1, reason: null };
  const rects = await repo.listRectificationsOfAppeal(trx, appeal.center_id, appeal.id);
  const rect = rects.find((r) => r.rating_id === last.id);
  if (rect?.status === "done") return { round: last.round + 1, reason: null };
  if (rect) return { round: null, reason: "您的评价已收到，相关部门正在整改，整改完成后可再次评价" };
  return { round: null, reason: "该诉求已评价，感谢您的反馈" };
}

interface NewRating {
  level: number;
  resolved: boolean | null;
  comment: string | null;
  source: "portal" | "follow_up";
}

/** Writes a rating in `trx`: the row, the timeline, the audit entry, the figures, a rectification if bad. */
async function writeRating(
  deps: Deps,
  trx: Db,
  appeal: { center_id: string; id: string; status: string; tracking_no: string },
  input: NewRating,
  actor: { id: string | null; name: string; kind: "public" | "user" },
  meta: { now: Date; ip: string | null },
): Promise<repo.RatingRow> {
  const next = await nextRound(trx, appeal);
  if (next.round === null) throw new AppError("CONFLICT", next.reason);
  const rating = await repo.insertRating(trx, {
    center_id: appeal.center_id,
    appeal_id: appeal.id,
    round: next.round,
    level: input.level,
    resolved: input.resolved,
    comment: input.comment,
    source: input.source,
    created_at: meta.now,
  });
  await recordAppealEvents(trx, [
    {
      center_id: appeal.center_id,
      appeal_id: appeal.id,
      at: meta.now,
      actor_id: actor.id,
      actor_name: actor.name,
      actor_kind: actor.kind,
      type: "rated",
      details: JSON.stringify({
        ratingId: rating.id,
        round: rating.round,
        level: rating.level,
        levelLabel: levelLabel(rating.level),
        resolved: rating.resolved,
        comment: rating.comment,
        source: rating.source,
      }),
    },
  ]);
  await appendAudit(trx, {
    centerId: appeal.center_id,
    actorId: actor.id,
    actorName: actor.name,
    action: "rating.create",
    entity: "appeal",
    entityId: appeal.id,
    details: {
      trackingNo: appeal.tracking_no,
      ratingId: rating.id,
      round: rating.round,
      level: rating.level,
    },
    ip: meta.ip,
    at: meta.now,
  });
  // The first rating of an appeal is the one the figures count (API.md); every bad one is rectified.
  if (rating.round === 1) {
    await countResult(
      deps,
      trx,
      appeal.center_id,
      appeal.id,
      meta.now,
      ratingCounters(rating.level, rating.resolved),
    );
  }
  if (isBadRating(rating.level)) await openRectification(deps, trx, appeal, rating, meta.now);
  await onRated(deps, trx, appeal, rating, isBadRating(rating.level), meta.now);
  return rating;
}

/** Two ratings of one round at once: the unique (center, appeal, round) lets one in; the other is told plainly. */
function alreadyRated(e: unknown): never {
  if ((e as { code?: string } | null)?.code === "23505")
    throw new AppError("CONFLICT", "该诉求已评价，感谢您的反馈");
  throw e;
}

/** POST /public/appeals/{trackingNo}/rating — authenticated like the tracking page. */
export async function ratePublic(
  deps: Deps,
  throttle: LookupThrottle,
  trackingNo: string,
  input: PublicRatingInput,
  meta: { now: Date; ip: string | null },
): Promise<Rating> {
  const found = await findPublicAppeal(deps.db, throttle, trackingNo, input, {
    now: meta.now,
    source: meta.ip ?? "unknown",
  });
  const rating = await deps.db
    .transaction()
    .execute(async (trx) => {
      const appeal = await repo.findAppealFacts(trx, found.center_id, found.id);
      if (!appeal) throw notFound("诉求");
      const level = input.level;
      return writeRating(
        deps,
        trx,
        appeal,
        { level, resolved: input.resolved ?? null, comment: input.comment || null, source: "portal" },
        { id: null, name: "服务对象", kind: "public" },
        meta,
      );
    })
    .catch(alreadyRated);
  return presentRating(rating);
}

/** GET /public/appeals/{trackingNo}/rating — may the requester rate now, and what was said. */
export async function publicRatingState(
  deps: Deps,
  throttle: LookupThrottle,
  trackingNo: string,
  q: { queryCode?: string; phone?: string },
  meta: { now: Date; source: string },
): Promise<PublicRatingState> {
  const found = await findPublicAppeal(deps.db, throttle, trackingNo, q, meta);
  return deps.db.transaction().execute(async (trx) => {
    const next = await nextRound(trx, found);
    const ratings = await repo.listRatings(trx, found.center_id, found.id);
    const rect = (await repo.listRectificationsOfAppeal(trx, found.center_id, found.id)).at(-1);
    return {
      canRate: next.round !== null,
      reason: next.reason,
      ratings: ratings.map((r) => ({
        level: r.level,
        levelLabel: levelLabel(r.level),
        resolved: r.resolved,
        createdAt: r.created_at.toISOString(),
      })),
      rectification: rect
        ? { status: rect.status, dueAt: rect.due_at.toISOString(), result: rect.result }
        : null,
    };
  });
}

/** POST /appeals/{id}/follow-ups — 回访; a level given on the call is the requester's rating. */
export async function recordFollowUp(
  deps: Deps,
  actor: UserActor,
  appealId: string,
  input: FollowUpInput,
  meta: { now: Date; ip: string | null },
) {
  return deps.db
    .transaction()
    .execute(async (trx) => {
      const appeal = await repo.findAppealFacts(trx, actor.centerId, appealId);
      if (!appeal) throw notFound("诉求");
      const rating =
        input.level === undefined
          ? null
          : await writeRating(
              deps,
              trx,
              appeal,
              {
                level: input.level,
                resolved: input.resolved ?? null,
                comment: input.comment || null,
                source: "follow_up",
              },
              { id: actor.userId, name: actor.displayName, kind: "user" },
              meta,
            );
      const row = await repo.insertFollowUp(trx, {
        center_id: appeal.center_id,
        appeal_id: appeal.id,
        method: input.method,
        reached: input.reached,
        level: input.level ?? null,
        resolved: input.resolved ?? null,
        comment: input.comment || null,
        rating_id: rating?.id ?? null,
        created_at: meta.now,
        created_by: actor.userId,
        created_by_name: actor.displayName,
      });
      await onFollowedUp(deps, trx, appeal, row.id, meta.now);
      await recordAppealEvents(trx, [
        {
          center_id: appeal.center_id,
          appeal_id: appeal.id,
          at: meta.now,
          actor_id: actor.userId,
          actor_name: actor.displayName,
          actor_kind: "user",
          type: "followed_up",
          details: JSON.stringify({
            followUpId: row.id,
            method: row.method,
            reached: row.reached,
            level: row.level,
            resolved: row.resolved,
            comment: row.comment,
          }),
        },
      ]);
      await appendAudit(trx, {
        ...auditFields(actor),
        action: "follow_up.create",
        entity: "appeal",
        entityId: appeal.id,
        details: {
          trackingNo: appeal.tracking_no,
          followUpId: row.id,
          reached: row.reached,
          level: row.level,
        },
        ip: meta.ip,
        at: meta.now,
      });
      return {
        id: row.id,
        appealId: row.appeal_id,
        method: row.method,
        reached: row.reached,
        level: row.level,
        resolved: row.resolved,
        comment: row.comment,
        ratingId: row.rating_id,
        createdAt: row.created_at.toISOString(),
        createdByName: row.created_by_name,
      };
    })
    .catch(alreadyRated);
}

/** POST /ratings/{id}/dispute — 申诉复核: stays visible, counted separately (docs/metrics.md). */
export async function disputeRating(
  deps: Deps,
  actor: UserActor,
  id: string,
  reason: string,
  meta: { now: Date; ip: string | null },
): Promise<Rating> {
  return deps.db.transaction().execute(async (trx) => {
    const found = await repo.findRating(trx, actor.centerId, id);
    if (!found) throw notFound("评价");
    const row = await repo.disputeRating(trx, id, { reason, by: actor.userId, at: meta.now });
    if (!row) throw new AppError("CONFLICT", "该评价已申诉复核");
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "rating.dispute",
      entity: "rating",
      entityId: id,
      details: { appealId: row.appeal_id, level: row.level, reason },
      ip: meta.ip,
      at: meta.now,
    });
    await countResult(deps, trx, row.center_id, row.appeal_id, meta.now, { disputed: 1 });
    return presentRating(row);
  });
}

/** Ratings, follow-ups and rectifications of one appeal (the appeal page). */
export async function resultsOfAppeal(deps: Deps, actor: UserActor, appealId: string) {
  const appeal = await repo.findAppealFacts(deps.db, actor.centerId, appealId);
  if (!appeal) throw notFound("诉求");
  const ratings = await repo.listRatings(deps.db, actor.centerId, appealId);
  return { ratings: ratings.map(presentRating) };
}
