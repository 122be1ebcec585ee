import type { Light } from "../../../contracts/appeals.js";
import type {
  Board,
  BoardItem,
  BoardQuery,
  BoardTarget,
  SupervisionListQuery,
  SupervisionRecord,
} from "../../../contracts/supervision.js";
import { toOffsetIso } from "../../../core/calendar-date.js";
import type { CenterRules } from "../../../core/center-rules.js";
import { dueSoonUntil, lightAt } from "../../../core/due-light.js";
import type { Db } from "../../db/database.js";
import type { Deps } from "../../deps.js";
import { AppError, notFound } from "../../errors.js";
import type { UserActor } from "../../http/actor.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";
import { findExcerpts, findTrackingNumbers } from "../appeals/index.js";
import { findDepartmentNames } from "../departments/index.js";
import * as repo from "./supervision.repository.js";
import { countdownFor } from "./supervision.sweep.js";

/** Reads of supervision: the board (督办看板) and the records (催办 / 督办单 / 通报). */

const CENTER_READERS = ["supervisor", "leader", "admin"] as const;

/** Center-wide readers see the center's records; a department handler sees its department's. */
function recordScope(actor: UserActor): { departmentId: string | null } {
  if (actor.roles.some((r) => (CENTER_READERS as readonly string[]).includes(r)))
    return { departmentId: null };
  if (actor.roles.includes("department") && actor.departmentId) return { departmentId: actor.departmentId };
  throw new AppError("FORBIDDEN", "当前角色无权查看督办记录");
}

function present(
  r: repo.RecordRow,
  tz: string,
  trackingNo: string,
  departmentName: string | null,
): SupervisionRecord {
  const iso = (d: Date | null) => (d ? toOffsetIso(d, tz) : null);
  return {
    id: r.id,
    kind: r.kind,
    number: r.number,
    targetKind: r.target_kind,
    targetId: r.target_id,
    appealId: r.appeal_id,
    trackingNo,
    departmentId: r.department_id,
    departmentName,
    targetDueAt: toOffsetIso(r.target_due_at, tz),
    dueAt: iso(r.due_at),
    status: r.status,
    resolvedAt: iso(r.resolved_at),
    supervisionOrderId: r.supervision_order_id,
    manual: r.manual,
    note: r.note,
    facts: r.facts,
    recipients: r.recipients,
    createdAt: toOffsetIso(r.created_at, tz),
    createdByName: r.created_by_name,
  };
}

async function presentAll(db: Db, rows: repo.RecordRow[], tz: string): Promise<SupervisionRecord[]> {
  const [numbers, names] = await Promise.all([
    findTrackingNumbers(
      db,
      rows.map((r) => r.appeal_id),
    ),
    findDepartmentNames(
      db,
      rows.flatMap((r) => (r.department_id ? [r.department_id] : [])),
    ),
  ]);
  return rows.map((r) =>
    present(
      r,
      tz,
      numbers.get(r.appeal_id) ?? "",
      r.department_id ? (names.get(r.department_id) ?? null) : null,
    ),
  );
}

export async function listRecords(
  deps: Deps,
  actor: UserActor,
  q: SupervisionListQuery,
  db: Db = deps.db,
): Promise<{ items: SupervisionRecord[]; nextCursor: string | null }> {
  const scope = recordScope(actor);
  const rows = await repo.listRecordRows(db, {
    centerId: actor.centerId,
    scopeDepartmentId: scope.departmentId ?? undefined,
    kind: q.kind,
    status: q.status,
    departmentId: q.departmentId,
    appealId: q.appealId,
    targetKind: q.targetKind,
    targetId: q.targetId,
    beforeId: q.cursor,
    limit: q.limit + 1,
  });
  const { timeZone } = await deps.rules.get(actor.centerId, db);
  const page = rows.slice(0, q.limit);
  return {
    items: await presentAll(db, page, timeZone),
    nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/** One record in the caller's scope (404 outside it); `db` may be the caller's transaction. */
export async function getRecord(
  deps: Deps,
  actor: UserActor,
  id: string,
  db: Db = deps.db,
): Promise<SupervisionRecord> {
  const scope = recordScope(actor);
  const [row] = await repo.listRecordRows(db, {
    centerId: actor.centerId,
    scopeDepartmentId: scope.departmentId ?? undefined,
    id,
    limit: 1,
  });
  if (!row) throw notFound("督办记录");
  const { timeZone } = await deps.rules.get(actor.centerId, db);
  const [dto] = await presentAll(db, [row], timeZone);
  return dto!;
}

// ---------------------------------------------------------------------------
// The board (督办看板): every open item with its light, by department.

/** Board rows as the API shows them: light, countdown, 催办 count, latest 督办单, 通报. */
export async function presentItems(
  deps: Deps,
  rules: CenterRules,
  page: repo.BoardRow[],
  now: Date,
): Promise<BoardItem[]> {
  const { db } = deps;
  const c = rules.centerId;
  const [records, names, excerpts] = await Promise.all([
    repo.recordsOfItems(
      db,
      c,
      page.map((p) => ({ kind: p.target_kind, id: p.target_id })),
    ),
    findDepartmentNames(
      db,
      page.flatMap((p) => (p.lead_department_id ? [p.lead_department_id] : [])),
    ),
    findExcerpts(
      db,
      page.map((p) => p.appeal_id),
    ),
  ]);
  return page.map((p) => {
    const mine = records.filter((r) => r.target_kind === p.target_kind && r.target_id === p.target_id);
    const order = mine.filter((r) => r.kind === "supervision").at(-1);
    return {
      targetKind: p.target_kind,
      targetId: p.target_id,
      appealId: p.appeal_id,
      trackingNo: p.tracking_no,
      label: p.title,
      excerpt: excerpts.get(p.appeal_id) ?? "",
      departmentId: p.lead_department_id,
      departmentName: p.lead_department_id ? (names.get(p.lead_department_id) ?? null) : null,
      dueAt: toOffsetIso(p.due_at, rules.timeZone),
      remindAt: p.remind_at ? toOffsetIso(p.remind_at, rules.timeZone) : null,
      light: lightAt(now, p.due_at, rules.timeZone, p.remind_at),
      countdown: countdownFor(rules, now, p.due_at),
      reminders: mine.filter((r) => r.kind === "reminder").length,
      supervisionOrderId: order?.id ?? null,
      supervisionNumber: order?.number ?? null,
      supervisionStatus: order?.status ?? null,
      supervisionDueAt: order?.due_at ? toOffsetIso(order.due_at, rules.timeZone) : null,
      noticed: mine.some((r) => r.kind === "notice"),
    };
  });
}

/**
 * Open items for a to-do list, most urgent first (overdue, then soonest due): of some kinds,
 * of a department (lead or co), or due by a time. One more than `limit` tells there are more.
 */
export async function openItems(
  deps: Deps,
  centerId: string,
  f: { kinds?: readonly BoardTarget[]; departmentId?: string; dueBy?: Date; limit: number },
  now: Date,
): Promise<{ items: BoardItem[]; more: boolean }> {
  const rules = await deps.rules.get(centerId);
  const rows = await repo.listOpenItems(deps.db, {
    centerId,
    now,
    soon: dueSoonUntil(now, rules.timeZone),
    targetKinds: f.kinds,
    anyDepartmentId: f.departmentId,
    dueBy: f.dueBy,
    limit: f.limit + 1,
  });
  return { items: await presentItems(deps, rules, rows.slice(0, f.limit), now), more: rows.length > f.limit };
}

/** Open items per lead department with their lights (the supervisor's and leader's overview). */
export async function openItemSummary(deps: Deps, centerId: string, now: Date) {
  const rules = await deps.rules.get(centerId);
  const summary = await repo.summarizeOpenItems(deps.db, centerId, now, dueSoonUntil(now, rules.timeZone));
  const names = await findDepartmentNames(
    deps.db,
    summary.flatMap((s) => (s.department_id ? [s.department_id] : [])),
  );
  return summary
    .map((s) => ({
      departmentId: s.department_id,
      departmentName: s.department_id ? (names.get(s.department_id) ?? "") : "中心（窗口与审核分办）",
      green: s.green,
      yellow: s.yellow,
      red: s.red,
    }))
    .sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.departmentName.localeCompare(b.departmentName));
}

const BOARD_CURSOR = "supervision.board";

export async function board(deps: Deps, actor: UserActor, q: BoardQuery, now: Date): Promise<Board> {
  const { db } = deps;
  const c = actor.centerId;
  const rules = await deps.rules.get(c);
  const after = q.cursor
    ? (([at, kind, id]) => ({ dueAt: new Date(at), kind, id }))(
        decodeCursor(q.cursor, BOARD_CURSOR, ["instant", "text", "id"] as const),
      )
    : undefined;
  const soon = dueSoonUntil(now, rules.timeZone);
  const [rows, summary] = await Promise.all([
    repo.listOpenItems(db, {
      centerId: c,
      now,
      soon,
      light: q.light as Light | undefined,
      departmentId: q.departmentId,
      targetKind: q.targetKind,
      after,
      limit: q.limit + 1,
    }),
    openItemSummary(deps, c, now),
  ]);
  const page = rows.slice(0, q.limit);
  const items = await presentItems(deps, rules, page, now);
  const last = page.at(-1);
  return {
    now: toOffsetIso(now, rules.timeZone),
    summary,
    items,
    nextCursor:
      rows.length > q.limit && last
        ? encodeCursor(BOARD_CURSOR, last.due_at.toISOString(), last.target_kind, last.target_id)
        : null,
  };
}
