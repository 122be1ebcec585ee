import { WorkCalendar } from "../../../core/calendar.js";
import type { CenterRules } from "../../../core/center-rules.js";
import type { Db } from "../../db/database.js";
import type { RulesSource } from "../../deps.js";
import { notFound } from "../../errors.js";
import * as repo from "./calendar.repository.js";
import { getTimeLimitPolicy } from "./time-limit-policy.service.js";

/** Reads and indexes a center's calendar, time zone and policy (no cache; use inside a transaction to see its writes). */
export async function loadCenterRules(db: Db, centerId: string): Promise<CenterRules> {
  const timeZone = await repo.findCenterTimeZone(db, centerId);
  if (timeZone === undefined) throw notFound("中心");
  const [overrides, years, policy] = await Promise.all([
    repo.listOverrides(db, centerId),
    repo.listLoadedYears(db, centerId),
    getTimeLimitPolicy(db, centerId),
  ]);
  const calendar = WorkCalendar.build(
    overrides,
    years.map((y) => y.year),
  );
  return { centerId, calendar, timeZone, policy };
}

/**
 * Per-instance cache of center rules. Every use reads a one-row marker (counts
 * and newest change times of the calendar, the time zone and the policy
 * version), so an edit committed through any instance is seen on the next
 * call; building the calendar index happens only when the marker changed.
 * Entries loaded inside a transaction are returned but never stored: they may
 * include writes that roll back.
 */
export class CenterRulesCache implements RulesSource {
  private readonly entries = new Map<string, { marker: string; rules: CenterRules }>();

  constructor(private readonly db: Db) {}

  async get(centerId: string, handle: Db = this.db): Promise<CenterRules> {
    // The marker is read before the data: a change committed in between costs one extra rebuild.
    const marker = await repo.rulesMarker(handle, centerId);
    const hit = this.entries.get(centerId);
    if (hit && hit.marker === marker) return hit.rules;
    const rules = await loadCenterRules(handle, centerId);
    if (!handle.isTransaction) this.entries.set(centerId, { marker, rules });
    return rules;
  }
}
