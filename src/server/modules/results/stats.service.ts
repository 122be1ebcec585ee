import { APPEAL_TYPE_LABELS, CHANNEL_LABELS } from "../../../contracts/appeal-codes.js";
import type { Figures, StatsGroup, StatsSummary } from "../../../contracts/results.js";
import { STATS_COUNTERS, type StatsCounter } from "../../db/schema/results.js";
import type { Deps } from "../../deps.js";
import { forbidden } from "../../errors.js";
import type { UserActor } from "../../http/actor.js";
import { categoryLabels } from "../categories/index.js";
import { findDepartmentNames } from "../departments/index.js";
import { type Dimension, sumCells } from "./data/stats.repository.js";

/**
 * GET /stats/summary — the figures of docs/metrics.md for a period, in total and by one
 * dimension, summed from the daily rollup (never a COUNT over appeals per request).
 */

type Counts = Record<StatsCounter, number>;
const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.min(1, n / d));

/** Counts → Figures: the rates exactly as docs/metrics.md defines them. */
export function toFigures(c: Counts, basicWeight: number): Figures {
  const satisfied = c.level5 + c.level4 + basicWeight * c.level3;
  const finishedOnTime = c.on_time + c.overdue;
  return {
    received: c.received,
    accepted: c.accepted,
    rejected: c.rejected,
    resolvedOnSpot: c.resolved_on_spot,
    dispatched: c.dispatched,
    closed: c.closed,
    responded: c.responded,
    respondedOnTime: c.responded_on_time,
    onTime: c.on_time,
    overdue: c.overdue,
    extended: c.extended,
    returned: c.returned,
    merged: c.merged,
    supervised: c.supervised,
    noticed: c.noticed,
    rated: c.rated,
    satisfied,
    bad: c.level2 + c.level1,
    resolvedByRequester: c.resolved_by_requester,
    disputed: c.disputed,
    rectificationsOpened: c.rectifications_opened,
    rectificationsDone: c.rectifications_done,
    repeated: c.repeated,
    responseRate: ratio(c.responded_on_time, c.responded),
    resolutionRate: ratio(c.resolved_by_requester, c.rated),
    satisfactionRate: ratio(satisfied, c.rated),
    onTimeRate: ratio(c.on_time, finishedOnTime),
  };
}

const DIMENSIONS: Record<string, Dimension> = {
  department: "department_id",
  channel: "channel",
  type: "type",
  category: "category",
  day: "day",
};

export function counts(row: Record<string, unknown>): Counts {
  return Object.fromEntries(STATS_COUNTERS.map((k) => [k, Number(row[k] ?? 0)])) as Counts;
}

/** Who sees which figures: center-wide roles everything (undefined), a department user its own. */
export function statsScope(actor: UserActor): string | undefined {
  const centerWide = actor.roles.some((r) => r === "leader" || r === "supervisor" || r === "admin");
  if (centerWide) return undefined;
  if (!actor.roles.includes("department") || !actor.departmentId) throw forbidden("无权查看统计");
  return actor.departmentId;
}

export async function summary(
  deps: Deps,
  actor: UserActor,
  q: { from: string; to: string; groupBy?: StatsGroup },
): Promise<StatsSummary> {
  const departmentId = statsScope(actor);
  const rules = await deps.rules.get(actor.centerId);
  const weight = rules.policy.basicSatisfiedWeight;
  // Figures: the read replica (docs/operations.md); the policy comes from the primary's rules cache.
  const db = deps.readDb;
  const [total] = await sumCells(db, actor.centerId, q.from, q.to, undefined, departmentId);
  const by = q.groupBy ? DIMENSIONS[q.groupBy] : undefined;
  const rows = by ? await sumCells(db, actor.centerId, q.from, q.to, by, departmentId) : [];
  const names =
    q.groupBy === "department"
      ? await findDepartmentNames(
          db,
          rows.map((r) => r.key).filter((k) => k !== "0"),
        )
      : q.groupBy === "category"
        ? await categoryLabels(
            db,
            actor.centerId,
            rows.map((r) => r.key).filter((k) => k !== ""),
          )
        : new Map<string, string>();
  const label = (key: string): string => {
    switch (q.groupBy) {
      case "department":
        return key === "0" ? "中心（未分办）" : (names.get(key) ?? key);
      case "channel":
        return CHANNEL_LABELS[key as keyof typeof CHANNEL_LABELS] ?? key;
      case "type":
        return APPEAL_TYPE_LABELS[key as keyof typeof APPEAL_TYPE_LABELS] ?? key;
      case "day":
        return key;
      default:
        return key === "" ? "未分类" : (names.get(key) ?? key);
    }
  };
  return {
    from: q.from,
    to: q.to,
    basicSatisfiedWeight: weight,
    targets: rules.policy.rateTargets,
    totals: toFigures(counts(total ?? {}), weight),
    groups: rows.map((r) => ({ key: r.key, label: label(r.key), ...toFigures(counts(r), weight) })),
  };
}
