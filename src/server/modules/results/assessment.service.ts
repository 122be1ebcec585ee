import { createHash } from "node:crypto";
import {
  type Assessment,
  type AssessmentItem,
  type AssessmentPublication,
  type AssessmentWeights,
  type AssessmentWeightsRecord,
  assessmentWeightsSchema,
  DEFAULT_ASSESSMENT_WEIGHTS,
} from "../../../contracts/assessment.js";
import { rankDepartments } from "../../../core/assessment.js";
import { formatDate, localDay } from "../../../core/calendar-date.js";
import type { Db } from "../../db/database.js";
import type { Deps } from "../../deps.js";
import { AppError, forbidden, invalid } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { canonicalJson } from "../../lib/canonical-json.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";
import { findActiveRecipients } from "../accounts/index.js";
import { appendAudit } from "../audit/index.js";
import { findDepartmentNames, listDepartments } from "../departments/index.js";
import { notifyStaff } from "../notifications/index.js";
import * as repo from "./data/assessment.repository.js";
import { sumCells } from "./data/stats.repository.js";
import { counts, toFigures } from "./stats.service.js";

/**
 * 考核: a month's score and rank per department from the daily rollup (never the appeals table),
 * with the center's weights (docs/metrics.md "Assessment"); published months are frozen
 * snapshots, versioned, and each department is told its own result.
 */

// ---- weights ---------------------------------------------------------------------------------

/** Stored weights over the defaults; a stored value that no longer validates reads as the defaults. */
function normalize(stored: unknown): AssessmentWeights {
  const r = assessmentWeightsSchema.safeParse(stored);
  return r.success ? r.data : { ...DEFAULT_ASSESSMENT_WEIGHTS };
}

export async function getWeightsRecord(db: Db, centerId: string): Promise<AssessmentWeightsRecord> {
  const row = await repo.findWeights(db, centerId);
  if (!row) return { weights: { ...DEFAULT_ASSESSMENT_WEIGHTS }, version: 0, updatedAt: null };
  return { weights: normalize(row.weights), version: row.version, updatedAt: row.updated_at.toISOString() };
}

/** Admin edit with expectedVersion: a stale version → 409 VERSION_CONFLICT, nothing written. */
export async function updateWeights(
  deps: Deps,
  actor: UserActor,
  input: { weights: AssessmentWeights; expectedVersion: number },
  meta: { now: Date; ip: string | null },
): Promise<AssessmentWeightsRecord> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await getWeightsRecord(trx, actor.centerId);
    // A center without stored weights reads as version 0 (the defaults); the first edit stores version 1.
    const row =
      input.expectedVersion === 0 &&
      (await repo.insertWeightsIfMissing(trx, actor.centerId, input.weights, meta.now, actor.userId))
        ? await repo.findWeights(trx, actor.centerId)
        : await repo.updateWeightsIfVersion(trx, {
            centerId: actor.centerId,
            weights: input.weights,
            expectedVersion: input.expectedVersion,
            updatedBy: actor.userId,
            now: meta.now,
          });
    if (!row) {
      throw new AppError("VERSION_CONFLICT", "考核权重已被他人修改，请刷新后重试", [
        { path: "expectedVersion", message: `当前版本为 ${before.version}` },
      ]);
    }
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "assessment.weights.update",
      entity: "assessment_weights",
      entityId: actor.centerId,
      details: { before: before.weights, after: input.weights, version: row.version },
      ip: meta.ip,
      at: meta.now,
    });
    return { weights: normalize(row.weights), version: row.version, updatedAt: row.updated_at.toISOString() };
  });
}

// ---- the month's ranking ------------------------------------------------------------------------

/** The month's first and last local day; 400 on `month` for a month after the current one. */
async function monthRange(deps: Deps, centerId: string, month: string, now: Date) {
  const rules = await deps.rules.get(centerId);
  const today = formatDate(localDay(now.getTime(), rules.timeZone));
  if (month > today.slice(0, 7)) throw invalid("month", `${month} 尚未到来，不能考核未来的月份`);
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const to = `${month}-${String(last).padStart(2, "0")}`;
  return { from: `${month}-01`, to, complete: to < today, basicWeight: rules.policy.basicSatisfiedWeight };
}

/** The department a user is limited to, or null when they see every department (leader, supervisor, admin). */
export function ownDepartmentOf(actor: UserActor): string | null {
  if (actor.roles.some((r) => r === "leader" || r === "supervisor" || r === "admin")) return null;
  if (!actor.roles.includes("department") || !actor.departmentId) throw forbidden("无权查看考核结果");
  return actor.departmentId;
}

/**
 * Every department of the center that is active or has figures in the month (the center itself,
 * 中心（未分办）, is not assessed), scored and ranked.
 */
export async function computeRanking(
  deps: Deps,
  centerId: string,
  month: string,
  now: Date,
  /** Where the figures are read: the primary when publishing, the read replica for the view. */
  figuresDb: Db = deps.db,
) {
  const range = await monthRange(deps, centerId, month, now);
  // The weights a leader just saved are read on the primary.
  const weights = (await getWeightsRecord(deps.db, centerId)).weights;
  const rows = await sumCells(figuresDb, centerId, range.from, range.to, "department_id");
  const byDept = new Map(rows.filter((r) => r.key !== "0").map((r) => [r.key, r]));
  const active = await listDepartments(figuresDb, centerId, {});
  const names = new Map(active.map((d) => [String(d.id), d.name]));
  const missing = [...byDept.keys()].filter((id) => !names.has(id));
  for (const [id, name] of await findDepartmentNames(figuresDb, missing)) names.set(id, name);
  const items = rankDepartments(
    [...names].map(([id, name]) => ({
      departmentId: id,
      departmentName: name,
      figures: toFigures(counts(byDept.get(id) ?? {}), range.basicWeight),
    })),
    weights,
  );
  return { ...range, month, weights, items };
}

function presentPublication(row: repo.PublicationRow, own: string | null): AssessmentPublication {
  const items = row.items as AssessmentItem[];
  return {
    id: row.id,
    month: row.month,
    version: row.version,
    publishedAt: row.published_at.toISOString(),
    publishedByName: row.published_by_name,
    complete: row.complete,
    weights: normalize(row.weights),
    items: own === null ? items : items.filter((i) => i.departmentId === own),
    ranked: items.filter((i) => i.rank !== null).length,
  };
}

/** GET /stats/assessment — a department user sees its own row only (ranked among all). */
export async function assessment(
  deps: Deps,
  actor: UserActor,
  month: string,
  now: Date,
): Promise<Assessment> {
  const own = ownDepartmentOf(actor);
  const r = await computeRanking(deps, actor.centerId, month, now, deps.readDb);
  // The publication a leader just made is read on the primary.
  const pub = await repo.latestPublication(deps.db, actor.centerId, month);
  return {
    month,
    from: r.from,
    to: r.to,
    complete: r.complete,
    weights: r.weights,
    basicSatisfiedWeight: r.basicWeight,
    items: own === null ? r.items : r.items.filter((i) => i.departmentId === own),
    published: pub
      ? {
          id: pub.id,
          version: pub.version,
          publishedAt: pub.published_at.toISOString(),
          publishedByName: pub.published_by_name,
        }
      : null,
  };
}

const fingerprintOf = (weights: AssessmentWeights, items: AssessmentItem[]) =>
  createHash("sha256").update(canonicalJson({ weights, items })).digest("hex");

/**
 * POST /stats/assessment/publish — 通报考核结果: freezes the month's ranking as a new version and
 * sends each department's users its own score and rank. Publishing the same figures and weights
 * again is idempotent (the existing version, nothing sent); changed figures make a new version.
 */
export async function publish(
  deps: Deps,
  actor: UserActor,
  month: string,
  meta: { now: Date; ip: string | null },
): Promise<AssessmentPublication & { created: boolean; notified: number }> {
  const r = await computeRanking(deps, actor.centerId, month, meta.now);
  const fingerprint = fingerprintOf(r.weights, r.items);
  const attempt = () =>
    deps.db.transaction().execute(async (trx) => {
      const latest = await repo.latestPublication(trx, actor.centerId, month);
      if (latest && latest.fingerprint === fingerprint) {
        return { ...presentPublication(latest, null), created: false, notified: 0 };
      }
      const row = await repo.insertPublication(trx, {
        center_id: actor.centerId,
        month,
        version: (latest?.version ?? 0) + 1,
        weights: JSON.stringify(r.weights),
        complete: r.complete,
        items: JSON.stringify(r.items),
        fingerprint,
        published_at: meta.now,
        published_by: actor.userId,
        published_by_name: actor.displayName,
      });
      const ranked = r.items.filter((i) => i.rank !== null).length;
      const byDept = new Map(r.items.map((i) => [i.departmentId, i]));
      const people = await findActiveRecipients(trx, [...byDept.keys()], [], []);
      const notified = await notifyStaff(
        trx,
        people.flatMap((p) => {
          const item = p.department_id ? byDept.get(p.department_id) : undefined;
          if (!item) return [];
          const result =
            item.rank === null
              ? "本月无可考核数据，未参与排名"
              : `得分 ${item.score!.toFixed(2)}，在 ${ranked} 个部门中排名第 ${item.rank}`;
          return [
            {
              center_id: actor.centerId,
              user_id: p.id,
              kind: "assessment.published",
              title: `${month} 考核结果通报：${item.departmentName}${item.rank === null ? "未参与排名" : `第 ${item.rank} 名`}`,
              body:
                `${month} 部门考核结果（第 ${row.version} 版${r.complete ? "" : "，月中数据"}）：${result}。` +
                `扣分 ${item.deductions}（督办 ${item.figures.supervised} 件、通报 ${item.figures.noticed} 件）。`,
              appeal_id: null,
              link: `/assessment?month=${month}`,
              record_id: null,
              created_at: meta.now,
            },
          ];
        }),
      );
      await appendAudit(trx, {
        ...auditFields(actor),
        action: "assessment.publish",
        entity: "assessment_publication",
        entityId: row.id,
        details: { month, version: row.version, departments: r.items.length, ranked, notified },
        ip: meta.ip,
        at: meta.now,
      });
      return { ...presentPublication(row, null), created: true, notified };
    });
  // Two publishers at once: the unique (center, month, version) lets one in; the other reads its result.
  return attempt().catch((e) => {
    if ((e as { code?: string } | null)?.code === "23505") return attempt();
    throw e;
  });
}

/** GET /stats/assessment/publications — the latest version of each published month, newest first. */
export async function publications(
  deps: Deps,
  actor: UserActor,
  q: { month?: string; limit: number; cursor?: string },
) {
  const own = ownDepartmentOf(actor);
  const before = q.cursor
    ? decodeCursor(q.cursor, "assessment-publications", ["text"] as const)[0]
    : undefined;
  const rows = await repo.listLatestPublications(deps.db, {
    centerId: actor.centerId,
    month: q.month,
    beforeMonth: before,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => presentPublication(r, own)),
    nextCursor: rows.length > q.limit ? encodeCursor("assessment-publications", page.at(-1)!.month) : null,
  };
}
