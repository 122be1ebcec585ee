import type { Appeal } from "../../../contracts/appeals.js";
import {
  type DrillMetric,
  type HotTopics,
  type MonthlyReport,
  REPORT_LIST_LIMIT,
  type ReportItem,
  type StatsAppealsQuery,
} from "../../../contracts/insight.js";
import {
  addMonths,
  CalendarInputError,
  formatDate,
  localDay,
  parseDate,
  startOfLocalDay,
  toOffsetIso,
} from "../../../core/calendar-date.js";
import type { StatsCounter } from "../../db/schema/results.js";
import type { Deps } from "../../deps.js";
import { invalid } from "../../errors.js";
import type { UserActor } from "../../http/actor.js";
import { decodeCursor, encodeCursor } from "../../lib/cursor.js";
import { presentAppealsByIds } from "../appeals/index.js";
import { assessment } from "./assessment.service.js";
import * as repo from "./data/insight.repository.js";
import { statsScope, summary } from "./stats.service.js";

/**
 * 热点分析, drill-down from a figure to its appeals, and the monthly report (月度报告) —
 * all read from the rollups (appeal_terms_daily, stats_facts, stats_daily); docs/metrics.md.
 */

/** The period of equal length just before [from, to]. */
export function previousPeriod(from: string, to: string): { previousFrom: string; previousTo: string } {
  const f = parseDate(from, "from");
  const t = parseDate(to, "to");
  return { previousFrom: formatDate(f - (t - f + 1)), previousTo: formatDate(f - 1) };
}

export async function hotTopics(
  deps: Deps,
  actor: UserActor,
  q: { from: string; to: string; limit: number },
): Promise<HotTopics> {
  const prev = previousPeriod(q.from, q.to);
  // Read replica (docs/operations.md), as every figure of this file.
  const items = await repo.sumTerms(
    deps.readDb,
    actor.centerId,
    { from: q.from, to: q.to, previousFrom: prev.previousFrom },
    q.limit,
  );
  return { from: q.from, to: q.to, ...prev, items };
}

/** The rollup counters a drill-down metric sums (satisfied and bad are sums of levels). */
export const METRIC_COUNTERS: Record<DrillMetric, StatsCounter[]> = {
  received: ["received"],
  accepted: ["accepted"],
  rejected: ["rejected"],
  resolved_on_spot: ["resolved_on_spot"],
  dispatched: ["dispatched"],
  closed: ["closed"],
  responded: ["responded"],
  responded_on_time: ["responded_on_time"],
  on_time: ["on_time"],
  overdue: ["overdue"],
  extended: ["extended"],
  returned: ["returned"],
  supervised: ["supervised"],
  noticed: ["noticed"],
  rated: ["rated"],
  satisfied: ["level5", "level4", "level3"],
  bad: ["level2", "level1"],
  resolved_by_requester: ["resolved_by_requester"],
  disputed: ["disputed"],
  rectifications_opened: ["rectifications_opened"],
  rectifications_done: ["rectifications_done"],
  repeated: ["repeated"],
};

/** GET /stats/appeals: the distinct appeals behind one number of /stats/summary (same cells, same days). */
export async function statsAppeals(
  deps: Deps,
  actor: UserActor,
  q: StatsAppealsQuery,
  now: Date,
): Promise<{ items: Appeal[]; nextCursor: string | null }> {
  // A department user sees its own department's numbers only (as in the summary).
  const own = statsScope(actor);
  const departmentId = own ?? q.departmentId;
  const after = q.cursor ? decodeCursor(q.cursor, "stats.appeals", ["id"] as const)[0] : undefined;
  const ids = await repo.pageFactAppeals(
    deps.readDb,
    {
      centerId: actor.centerId,
      counters: METRIC_COUNTERS[q.metric],
      from: q.from,
      to: q.to,
      departmentId,
      channel: q.channel,
      type: q.type,
      category: q.category,
    },
    q.limit + 1,
    after,
  );
  const page = ids.slice(0, q.limit);
  const items = await presentAppealsByIds(deps.readDb, actor, page, now);
  const last = page[page.length - 1];
  return { items, nextCursor: ids.length > q.limit && last ? encodeCursor("stats.appeals", last) : null };
}

/** A report month: its first and last local dates; a month after the current one → 400 at `month`. */
export async function monthBounds(deps: Deps, centerId: string, month: string, now: Date) {
  const rules = await deps.rules.get(centerId);
  let first: number;
  try {
    first = parseDate(`${month}-01`, "month");
  } catch (e) {
    if (e instanceof CalendarInputError) throw invalid("month", e.message);
    throw e;
  }
  const today = localDay(now.getTime(), rules.timeZone);
  if (formatDate(first).slice(0, 7) > formatDate(today).slice(0, 7)) {
    throw invalid("month", "不能选择未来的月份");
  }
  const last = addMonths(first, 1) - 1;
  return {
    timeZone: rules.timeZone,
    from: formatDate(first),
    to: formatDate(last),
    previousMonth: formatDate(addMonths(first, -1)).slice(0, 7),
    previousFrom: formatDate(addMonths(first, -1)),
    previousTo: formatDate(first - 1),
    start: new Date(startOfLocalDay(first, rules.timeZone)),
    end: new Date(startOfLocalDay(last + 1, rules.timeZone)),
  };
}

const isoOrNull = (d: Date | null, tz: string) => (d ? toOffsetIso(d, tz) : null);

/** 月度报告: the month vs the previous month, per department, hot topics, overdue and rectified items. */
export async function monthlyReport(
  deps: Deps,
  actor: UserActor,
  month: string,
  now: Date,
): Promise<MonthlyReport> {
  const b = await monthBounds(deps, actor.centerId, month, now);
  const cur = await summary(deps, actor, { from: b.from, to: b.to, groupBy: "department" });
  const prev = await summary(deps, actor, { from: b.previousFrom, to: b.previousTo });
  const hot = await hotTopics(deps, actor, { from: b.from, to: b.to, limit: 20 });
  const ranking = await assessment(deps, actor, month, now);
  const overdue = await repo.listOverdueItems(deps.readDb, actor.centerId, b.from, b.to, REPORT_LIST_LIMIT);
  const rectified = await repo.listRectifiedItems(
    deps.readDb,
    actor.centerId,
    b.start,
    b.end,
    REPORT_LIST_LIMIT,
  );
  const center = "中心（未分办）";
  return {
    month,
    from: b.from,
    to: b.to,
    previousMonth: b.previousMonth,
    basicSatisfiedWeight: cur.basicSatisfiedWeight,
    targets: cur.targets,
    totals: cur.totals,
    previousTotals: prev.totals,
    departments: cur.groups,
    hotTopics: hot.items,
    ranking: {
      weights: ranking.weights,
      complete: ranking.complete,
      publishedVersion: ranking.published?.version ?? null,
      items: ranking.items,
    },
    overdueItems: overdue.map(
      (r): ReportItem => ({
        appealId: r.id,
        trackingNo: r.tracking_no,
        departmentName: r.department_name ?? center,
        content: r.content,
        dueAt: isoOrNull(r.due_at, b.timeZone),
        doneAt: isoOrNull(r.replied_at, b.timeZone),
        result: null,
      }),
    ),
    rectifiedItems: rectified.map(
      (r): ReportItem => ({
        appealId: r.id,
        trackingNo: r.tracking_no,
        departmentName: r.department_name ?? center,
        content: r.content,
        dueAt: isoOrNull(r.due_at, b.timeZone),
        doneAt: isoOrNull(r.completed_at, b.timeZone),
        result: r.result,
      }),
    ),
  };
}
