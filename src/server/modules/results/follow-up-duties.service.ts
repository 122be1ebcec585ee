import {
  FOLLOW_UP_DUTY_REASON_LABELS,
  FOLLOW_UP_DUTY_STATUS_LABELS,
  type FollowUpDuty,
} from "../../../contracts/results.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import { dueStatus } from "../../../core/due-light.js";
import type { Db } from "../../db/database.js";
import type { Deps } from "../../deps.js";
import type { UserActor } from "../../http/actor.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";
import { appendAudit } from "../audit/index.js";
import { computeDeadlineForCenter } from "../calendar/index.js";
import * as repo from "./data/duties.repository.js";
import { levelLabel } from "./rating-label.js";

/**
 * 回访任务 (docs/metrics.md "Follow-up duties"): the default policy owes a follow-up call on every
 * closed appeal the requester has not rated (within policy `closedFollowUp`), and on every bad
 * rating given on the portal (within policy `badRatingFollowUp`, 1 working day by default; tracked
 * on the supervision register as kind `follow_up`, so a late one is 催办 and 督办 like any limit).
 * A rating on the portal makes the closed-appeal call unnecessary (waived); recording a follow-up
 * (POST /appeals/{id}/follow-ups) discharges every open duty of the appeal.
 */

type AppealRef = { center_id: string; id: string; tracking_no: string };

async function audit(trx: Db, d: repo.DutyRow, trackingNo: string) {
  await appendAudit(trx, {
    centerId: d.center_id,
    actorId: null,
    actorName: "系统",
    action: "follow_up_duty.open",
    entity: "follow_up_duty",
    entityId: d.id,
    details: { appealId: d.appeal_id, trackingNo, reason: d.reason, dueAt: d.due_at.toISOString() },
    ip: null,
    at: d.created_at,
  });
}

/** An appeal was closed (销号): a follow-up is owed unless the requester has already rated it. */
export async function onAppealClosed(deps: Deps, trx: Db, appeal: AppealRef, now: Date): Promise<void> {
  if (await repo.hasRating(trx, appeal.center_id, appeal.id)) return;
  const rules = await deps.rules.get(appeal.center_id, trx);
  const due = computeDeadlineForCenter(rules, now, rules.policy.closedFollowUp);
  const d = await repo.insertDuty(trx, {
    center_id: appeal.center_id,
    appeal_id: appeal.id,
    reason: "closed",
    rating_id: null,
    status: "open",
    due_at: due.dueAt,
    created_at: now,
  });
  if (d) await audit(trx, d, appeal.tracking_no);
}

/**
 * A rating was written. On the portal it waives the closed-appeal call (the requester spoke for
 * themselves), and a bad one owes a call within `badRatingFollowUp`, tracked on the register.
 * A rating given on a follow-up call needs no further call: the call was the follow-up.
 */
export async function onRated(
  deps: Deps,
  trx: Db,
  appeal: AppealRef,
  rating: { id: string; level: number; source: "portal" | "follow_up" },
  bad: boolean,
  now: Date,
): Promise<void> {
  if (rating.source !== "portal") return;
  await repo.closeDuties(trx, {
    centerId: appeal.center_id,
    appealId: appeal.id,
    reason: "closed",
    status: "waived",
    followUpId: null,
    at: now,
  });
  if (!bad) return;
  const rules = await deps.rules.get(appeal.center_id, trx);
  const due = computeDeadlineForCenter(rules, now, rules.policy.badRatingFollowUp);
  const d = await repo.insertDuty(trx, {
    center_id: appeal.center_id,
    appeal_id: appeal.id,
    reason: "bad_rating",
    rating_id: rating.id,
    status: "open",
    due_at: due.dueAt,
    created_at: now,
  });
  if (!d) return;
  await audit(trx, d, appeal.tracking_no);
  await deps.events.emit(trx, "tracking.started", {
    item: {
      centerId: appeal.center_id,
      kind: "follow_up",
      id: d.id,
      appealId: appeal.id,
      trackingNo: appeal.tracking_no,
      label: `差评回访（受理编号 ${appeal.tracking_no}，${levelLabel(rating.level)}）`,
      title: appeal.tracking_no,
      departmentIds: [],
      startAt: now,
      dueAt: due.dueAt,
    },
    rules,
    now,
  });
}

/** A follow-up was recorded: every open duty of the appeal is discharged by it. */
export async function onFollowedUp(
  deps: Deps,
  trx: Db,
  appeal: { center_id: string; id: string },
  followUpId: string,
  now: Date,
): Promise<number> {
  const done = await repo.closeDuties(trx, {
    centerId: appeal.center_id,
    appealId: appeal.id,
    status: "done",
    followUpId,
    at: now,
  });
  for (const d of done) {
    if (d.reason === "bad_rating") {
      await deps.events.emit(trx, "tracking.ended", {
        centerId: d.center_id,
        kind: "follow_up",
        id: d.id,
        now,
      });
    }
  }
  return done.length;
}

/** The first open duties of a center, soonest due first (the 工作台's 待回访). */
export async function openFollowUpDuties(deps: Deps, centerId: string, limit: number, now: Date) {
  return listDuties(deps, { centerId } as UserActor, { status: "open", limit }, now);
}

/** GET /follow-up-duties — the queue of calls to make (open: soonest due first, with the due light). */
export async function listDuties(
  deps: Deps,
  actor: UserActor,
  q: { status: FollowUpDuty["status"]; reason?: FollowUpDuty["reason"]; limit: number; cursor?: string },
  now: Date,
): Promise<{ items: FollowUpDuty[]; nextCursor: string | null }> {
  const list = `follow-up-duties:${q.status}`;
  let after: { dueAt: string; id: string } | undefined;
  let beforeId: string | undefined;
  if (q.cursor) {
    if (q.status === "open") {
      const [dueAt, id] = decodeCursor(q.cursor, list, ["instant", "id"] as const);
      after = { dueAt, id };
    } else {
      [beforeId] = decodeCursor(q.cursor, list, ["id"] as const);
    }
  }
  const rows = await repo.listDuties(deps.db, {
    centerId: actor.centerId,
    status: q.status,
    reason: q.reason,
    after,
    beforeId,
    limit: q.limit + 1,
  });
  const rules = await deps.rules.get(actor.centerId);
  const tz = rules.timeZone;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const s =
        r.status === "open"
          ? dueStatus({
              now,
              dueAt: r.due_at,
              calendar: rules.calendar,
              timeZone: tz,
              start: r.created_at,
              reminder: rules.policy.reminder,
            })
          : null;
      return {
        id: r.id,
        appealId: r.appeal_id,
        trackingNo: r.tracking_no,
        reason: r.reason,
        reasonLabel: FOLLOW_UP_DUTY_REASON_LABELS[r.reason],
        ratingLevel: r.level,
        ratingLevelLabel: r.level === null ? null : levelLabel(r.level),
        ratingComment: r.comment,
        status: r.status,
        statusLabel: FOLLOW_UP_DUTY_STATUS_LABELS[r.status],
        dueAt: toOffsetIso(r.due_at, tz),
        light: s?.light ?? null,
        countdown: s?.countdown ?? null,
        createdAt: toOffsetIso(r.created_at, tz),
        closedAt: r.closed_at ? toOffsetIso(r.closed_at, tz) : null,
        followUpId: r.follow_up_id,
      };
    }),
    nextCursor:
      rows.length > q.limit && last
        ? q.status === "open"
          ? encodeCursor(list, last.due_at.toISOString(), last.id)
          : encodeCursor(list, last.id)
        : null,
  };
}
