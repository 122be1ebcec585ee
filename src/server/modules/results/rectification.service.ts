import type { Rectification } from "../../../contracts/results.js";
import type { Db } from "../../db/database.js";
import type { Deps } from "../../deps.js";
import { AppError, forbidden, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { notifyRequesters, recordAppealEvents } from "../appeals/index.js";
import { appendAudit } from "../audit/index.js";
import { computeDeadlineForCenter } from "../calendar/index.js";
import { findDepartmentNames } from "../departments/index.js";
import * as repo from "./data/results.repository.js";
import { levelLabel } from "./rating-label.js";
import { countResult } from "./stats.rollup.js";

/**
 * 整改: a bad rating opens a rectification for the responsible department (the lead department
 * of the appeal's latest 工作单, else the center itself), due within the policy's limit and
 * tracked on the supervision register like every other limit (kind `rectification`) until the
 * department records what it did. Then the requester may rate once more.
 */

export async function openRectification(
  deps: Deps,
  trx: Db,
  appeal: { center_id: string; id: string; tracking_no: string },
  rating: repo.RatingRow,
  now: Date,
): Promise<repo.RectificationRow> {
  const rules = await deps.rules.get(appeal.center_id, trx);
  const due = computeDeadlineForCenter(rules, now, rules.policy.rectification);
  const order = await repo.findLatestOrder(trx, appeal.center_id, appeal.id);
  const departmentId = order?.lead_department_id ?? null;
  const rect = await repo.insertRectification(trx, {
    center_id: appeal.center_id,
    appeal_id: appeal.id,
    rating_id: rating.id,
    department_id: departmentId,
    status: "open",
    started_at: now,
    due_at: due.dueAt,
  });
  await deps.events.emit(trx, "tracking.started", {
    item: {
      centerId: appeal.center_id,
      kind: "rectification",
      id: rect.id,
      appealId: appeal.id,
      trackingNo: appeal.tracking_no,
      label: `差评整改（受理编号 ${appeal.tracking_no}）`,
      title: appeal.tracking_no,
      departmentIds: departmentId ? [departmentId] : [],
      startAt: now,
      dueAt: due.dueAt,
    },
    rules,
    now,
  });
  await recordAppealEvents(trx, [
    {
      center_id: appeal.center_id,
      appeal_id: appeal.id,
      at: now,
      actor_id: null,
      actor_name: "系统",
      actor_kind: "system",
      type: "rectification_opened",
      details: JSON.stringify({
        rectificationId: rect.id,
        ratingId: rating.id,
        level: rating.level,
        levelLabel: levelLabel(rating.level),
        departmentId,
        dueAt: due.dueAt.toISOString(),
        explanation: due.explanation,
      }),
    },
  ]);
  await appendAudit(trx, {
    centerId: appeal.center_id,
    actorId: null,
    actorName: "系统",
    action: "rectification.open",
    entity: "rectification",
    entityId: rect.id,
    details: { appealId: appeal.id, ratingId: rating.id, departmentId, dueAt: due.dueAt.toISOString() },
    ip: null,
    at: now,
  });
  await countResult(deps, trx, appeal.center_id, appeal.id, now, { rectifications_opened: 1 });
  return rect;
}

/** Who may record a rectification: the department it is addressed to; the center's reviewers when it has none. */
function mayComplete(actor: UserActor, rect: repo.RectificationRow): boolean {
  if (rect.department_id)
    return actor.roles.includes("department") && actor.departmentId === rect.department_id;
  return actor.roles.includes("dispatcher");
}

export async function completeRectification(
  deps: Deps,
  actor: UserActor,
  id: string,
  result: string,
  meta: { now: Date; ip: string | null },
): Promise<Rectification> {
  const row = await deps.db.transaction().execute(async (trx) => {
    const rect = await repo.findRectification(trx, actor.centerId, id, true);
    // A department sees only its own: another's is "not found", as everywhere (API.md).
    if (
      !rect ||
      (actor.roles.includes("department") &&
        !actor.roles.includes("dispatcher") &&
        rect.department_id !== actor.departmentId)
    ) {
      throw notFound("整改");
    }
    if (!mayComplete(actor, rect)) throw forbidden("只有责任部门可以填报整改情况");
    const done = await repo.completeRectification(trx, id, {
      result,
      by: actor.userId,
      byName: actor.displayName,
      at: meta.now,
    });
    if (!done) throw new AppError("ILLEGAL_TRANSITION", "该整改已完成");
    await deps.events.emit(trx, "tracking.ended", {
      centerId: done.center_id,
      kind: "rectification",
      id: done.id,
      now: meta.now,
    });
    const appeal = await repo.findAppealFacts(trx, done.center_id, done.appeal_id);
    await recordAppealEvents(trx, [
      {
        center_id: done.center_id,
        appeal_id: done.appeal_id,
        at: meta.now,
        actor_id: actor.userId,
        actor_name: actor.displayName,
        actor_kind: "user",
        type: "rectification_completed",
        details: JSON.stringify({ rectificationId: done.id, result }),
      },
    ]);
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "rectification.complete",
      entity: "rectification",
      entityId: done.id,
      details: { appealId: done.appeal_id, result },
      ip: meta.ip,
      at: meta.now,
    });
    if (appeal) {
      await notifyRequesters(trx, [
        {
          centerId: done.center_id,
          appealId: done.appeal_id,
          kind: "appeal.rectified",
          text:
            `您的诉求（受理编号${appeal.tracking_no}）的差评已整改：${result.slice(0, 200)}` +
            "欢迎凭受理编号和查询码在门户网站「进度查询」再次评价。",
          dedupeKey: `rectification:${done.id}:done`,
          now: meta.now,
        },
      ]);
    }
    await countResult(deps, trx, done.center_id, done.appeal_id, meta.now, { rectifications_done: 1 });
    return done;
  });
  return (await presentRectifications(deps.db, actor.centerId, [row]))[0]!;
}

export async function listRectifications(
  deps: Deps,
  actor: UserActor,
  q: { status?: "open" | "done"; limit: number; cursor?: string },
): Promise<{ items: Rectification[]; nextCursor: string | null }> {
  const ownOnly =
    actor.roles.includes("department") && !actor.roles.some((r) => r === "dispatcher" || r === "supervisor");
  if (ownOnly && !actor.departmentId) throw forbidden();
  const rows = await repo.listRectifications(deps.db, {
    centerId: actor.centerId,
    departmentId: ownOnly ? (actor.departmentId ?? undefined) : undefined,
    status: q.status,
    before: q.cursor,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    items: await presentRectifications(deps.db, actor.centerId, page),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

async function presentRectifications(
  db: Db,
  centerId: string,
  rows: (repo.RectificationRow & { level?: number; comment?: string | null; tracking_no?: string })[],
): Promise<Rectification[]> {
  const names = await findDepartmentNames(
    db,
    rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
  );
  const out: Rectification[] = [];
  for (const r of rows) {
    let { level, comment, tracking_no: trackingNo } = r;
    if (level === undefined || trackingNo === undefined) {
      const rating = await repo.findRating(db, centerId, r.rating_id);
      const appeal = await repo.findAppealFacts(db, centerId, r.appeal_id);
      level = rating?.level ?? 0;
      comment = rating?.comment ?? null;
      trackingNo = appeal?.tracking_no ?? "";
    }
    out.push({
      id: r.id,
      appealId: r.appeal_id,
      trackingNo,
      ratingId: r.rating_id,
      level,
      levelLabel: levelLabel(level),
      comment: comment ?? null,
      departmentId: r.department_id,
      departmentName: r.department_id ? (names.get(r.department_id) ?? "") : "中心",
      status: r.status,
      dueAt: r.due_at.toISOString(),
      startedAt: r.started_at.toISOString(),
      result: r.result,
      completedAt: r.completed_at?.toISOString() ?? null,
      completedByName: r.completed_by_name,
    });
  }
  return out;
}
