import type { DayKind } from "../../../contracts/enums.js";
import { defaultKind, isWorkingKind } from "../../../core/calendar.js";
import { parseDate, toOffsetIso } from "../../../core/calendar-date.js";
import type { CenterRules } from "../../../core/center-rules.js";
import { computeDeadline, type DeadlineResult, type DeadlineSpec } from "../../../core/deadline.js";
import type { Db } from "../../db/database.js";
import { notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import { appendAudit } from "../audit/index.js";
import { withInputErrors } from "./calendar.errors.js";
import * as repo from "./calendar.repository.js";

/** The calendar module's services (工作日历与期限): days, years, deadlines, policy. */
export {
  exportCalendarYear,
  importCalendarYear,
  listCalendarYears,
  markCalendarYearLoaded,
  seedShippedCalendar,
} from "./calendar-year.service.js";
export {
  ensureDefaultPolicy,
  getTimeLimitPolicy,
  getTimeLimitPolicyRecord,
  updateTimeLimitPolicy,
} from "./time-limit-policy.service.js";

/**
 * A deadline counted on the center's calendar in the center's time zone.
 * Bad rule / N / start → AppError VALIDATION_FAILED with the field path.
 */
export function computeDeadlineForCenter(
  rules: CenterRules,
  start: Date,
  spec: DeadlineSpec,
): DeadlineResult {
  return withInputErrors(() => computeDeadline(rules.calendar, start, spec, rules.timeZone));
}

/** The API shape of a deadline: dueAt as ISO 8601 with the center's offset. */
export function presentDeadline(d: DeadlineResult) {
  return { ...d, dueAt: toOffsetIso(d.dueAt, d.timeZone) };
}

export interface CalendarDayView {
  date: string;
  working: boolean;
  kind: DayKind;
  name?: string;
}

function presentDay(d: {
  date: string;
  working: boolean;
  kind: DayKind;
  name: string | null;
}): CalendarDayView {
  return { date: d.date, working: d.working, kind: d.kind, ...(d.name ? { name: d.name } : {}) };
}

/** Every day in [from, to] with its kind (not only overrides). */
export function listCalendarDays(rules: CenterRules, from: string, to: string): CalendarDayView[] {
  const [a, b] = withInputErrors(() => [parseDate(from, "from"), parseDate(to, "to")]);
  return rules.calendar.days(a!, b!).map(presentDay);
}

/**
 * Admin edit of one day. Setting a day to its default kind (Mon–Fri workday,
 * Sat/Sun weekend) removes the override. Audited with before and after.
 */
export async function setCalendarDay(
  db: Db,
  actor: UserActor,
  date: string,
  input: { kind: DayKind; name?: string | null },
  meta: { now: Date; ip: string | null },
): Promise<CalendarDayView> {
  const day = withInputErrors(() => parseDate(date, "date"));
  const name = input.name?.trim() || null;
  const isDefault = input.kind === defaultKind(day);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.lockCenterCalendar(trx, actor.centerId))) throw notFound("中心");
    const before = await repo.findOverride(trx, actor.centerId, date);
    if (isDefault) await repo.deleteOverride(trx, actor.centerId, date);
    else {
      await repo.upsertOverride(trx, {
        centerId: actor.centerId,
        date,
        kind: input.kind,
        name,
        source: "admin",
        updatedBy: actor.userId,
      });
    }
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "calendar.day.update",
      entity: "calendar_day",
      entityId: date,
      details: {
        date,
        before: before ? { kind: before.kind, name: before.name } : { kind: defaultKind(day), name: null },
        after: { kind: input.kind, name: isDefault ? null : name },
      },
      ip: meta.ip,
      at: meta.now,
    });
  });
  return presentDay({
    date,
    working: isWorkingKind(input.kind),
    kind: input.kind,
    name: isDefault ? null : name,
  });
}
