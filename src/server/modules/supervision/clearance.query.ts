import { APPEAL_STATUSES } from "../../../contracts/appeal-codes.js";
import { APPEAL_STATUS_LABELS, type AppealStatus } from "../../../contracts/appeals.js";
import type { Clearance, ClearanceQuery } from "../../../contracts/clearance.js";
import { SUPERVISION_TARGET_SHORT_LABELS } from "../../../contracts/supervision.js";
import { CalendarInputError, parseDate, startOfLocalDay, toOffsetIso } from "../../../core/calendar-date.js";
import { FINAL_STATES } from "../../../core/workflow.js";
import type { Deps } from "../../deps.js";
import { invalid } from "../../errors.js";
import type { UserActor } from "../../http/actor.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";
import { countCohort, listOpenOfCohort } from "../appeals/index.js";
import { presentItems } from "./supervision.query.js";
import * as repo from "./supervision.repository.js";

const CURSOR = "clearance";
const OPEN: readonly AppealStatus[] = APPEAL_STATUSES.filter((s) => !FINAL_STATES.includes(s));

/**
 * 销号清零: the appeals received from `from` to `to` (local dates, inclusive) — how many, how many
 * finished, and the ones still open with every limit running on them, oldest first.
 */
export async function clearanceReport(
  deps: Deps,
  actor: UserActor,
  q: ClearanceQuery,
  now: Date,
): Promise<Clearance> {
  const rules = await deps.rules.get(actor.centerId);
  const tz = rules.timeZone;
  const day = (s: string, path: string) => {
    try {
      return parseDate(s, path);
    } catch (e) {
      if (e instanceof CalendarInputError) throw invalid(path, `${s} 不是有效日期`);
      throw e;
    }
  };
  const from = new Date(startOfLocalDay(day(q.from, "from"), tz));
  const to = new Date(startOfLocalDay(day(q.to, "to") + 1, tz));
  const counts = await countCohort(deps.db, { centerId: actor.centerId, from, to });
  const after = q.cursor
    ? (([at, id]) => ({ receivedAt: new Date(at), id }))(
        decodeCursor(q.cursor, CURSOR, ["instant", "id"] as const),
      )
    : undefined;
  const rows = await listOpenOfCohort(deps.db, {
    centerId: actor.centerId,
    from,
    to,
    open: OPEN,
    after,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const limits = await presentItems(
    deps,
    rules,
    await repo.openItemsOfAppeals(
      deps.db,
      actor.centerId,
      page.map((a) => a.id),
    ),
    now,
  );
  const received = counts.reduce((n, c) => n + c.count, 0);
  const open = counts.filter((c) => OPEN.includes(c.status)).reduce((n, c) => n + c.count, 0);
  const last = page.at(-1);
  return {
    from: q.from,
    to: q.to,
    received,
    finished: received - open,
    open,
    cleared: open === 0,
    byStatus: APPEAL_STATUSES.map((status) => ({
      status,
      label: APPEAL_STATUS_LABELS[status],
      count: counts.find((c) => c.status === status)?.count ?? 0,
    })),
    items: page.map((a) => ({
      appealId: a.id,
      trackingNo: a.trackingNo,
      status: a.status,
      statusLabel: APPEAL_STATUS_LABELS[a.status],
      receivedAt: toOffsetIso(a.receivedAt, tz),
      excerpt: a.content.length > 60 ? `${a.content.slice(0, 60)}…` : a.content,
      limits: limits
        .filter((l) => l.appealId === a.id)
        .map((l) => ({
          kind: l.targetKind,
          kindLabel: SUPERVISION_TARGET_SHORT_LABELS[l.targetKind],
          label: l.label,
          departmentName: l.departmentName,
          dueAt: l.dueAt,
          light: l.light,
          countdown: l.countdown,
        })),
    })),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor(CURSOR, last.receivedAt.toISOString(), last.id) : null,
  };
}
