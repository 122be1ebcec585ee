import { formatDate, localDay } from "../../../core/calendar-date.js";
import { hotTerms } from "../../../core/hot-terms.js";
import type { Db } from "../../db/database.js";
import type { StatsCounter } from "../../db/schema/results.js";
import type { Deps } from "../../deps.js";
import { normalisePhone } from "../../lib/personal-data.js";
import type { AppealEvent, ReceivedAppeal } from "../appeals/index.js";
import { findAppealFacts, findIntakeFacts, findLatestOrder } from "./data/results.repository.js";
import { bump, bumpReceived, markOnce } from "./data/stats.repository.js";
import { onAppealClosed } from "./follow-up-duties.service.js";

/** 重复诉求: the same phone within this many days before (docs/metrics.md). */
export const REPEAT_WINDOW_DAYS = 30;
/** Phone numbers shorter than this (digits) are not compared (extensions, blanks). */
const MIN_PHONE_DIGITS = 7;

/**
 * Keeps the daily rollup (stats_daily) from the lifecycle's `appeal.event` and from the results
 * module's own rating and rectification writes, inside the transaction that caused them. The rules
 * of what counts where are docs/metrics.md; this file is their only implementation.
 */

/** Timeline types that answer the requester for the first time (首次响应). */
const RESPONSES = new Set(["acknowledged", "rejected", "resolved", "dispatched", "transferred", "merged"]);
/** First decisions on an appeal: accepted (受理) unless refused. */
const ACCEPTING = new Set(["resolved", "dispatched", "transferred"]);

type Add = Partial<Record<StatsCounter, number>>;

/**
 * The cell of an event: the appeal's dimensions, the local day and the responsible department at
 * that moment (or `departmentId` when the event names one; null: the center itself).
 */
async function cellOf(
  deps: Deps,
  trx: Db,
  centerId: string,
  appealId: string,
  at: Date,
  over?: { departmentId: string | null },
  timeZone?: string,
) {
  const appeal = await findAppealFacts(trx, centerId, appealId);
  if (!appeal) return null;
  const order = await findLatestOrder(trx, centerId, appealId);
  const tz = timeZone ?? (await deps.rules.get(centerId, trx)).timeZone;
  return {
    appeal,
    order,
    timeZone: tz,
    cell: {
      centerId,
      appealId,
      day: formatDate(localDay(at.getTime(), tz)),
      departmentId: over ? over.departmentId : (order?.lead_department_id ?? null),
      channel: appeal.channel,
      type: appeal.type,
      category: appeal.category_code,
    },
  };
}

/**
 * 受理: counted on the day of the event for the center itself (a new appeal has no 工作单); its
 * content's terms once on the local day of received_at (the date the appeal list filters by, so a
 * term's count is exactly its list's length); 重复诉求 when the same phone appealed within the window.
 * Intake hands the new appeal over in the event, so nothing is read back but the phone lookup.
 */
async function onReceived(trx: Db, e: AppealEvent, a: ReceivedAppeal, timeZone: string): Promise<void> {
  const cell = {
    centerId: e.centerId,
    appealId: e.appealId,
    day: formatDate(localDay(e.at.getTime(), timeZone)),
    departmentId: null,
    channel: a.channel,
    type: a.type,
    category: a.categoryCode,
  };
  await bumpReceived(
    e.writes ?? trx,
    cell,
    { day: formatDate(localDay(a.receivedAt.getTime(), timeZone)), terms: hotTerms(a.content) },
    normalisePhone(a.phone).length >= MIN_PHONE_DIGITS
      ? { phone: a.phone, receivedAt: a.receivedAt, days: REPEAT_WINDOW_DAYS }
      : null,
  );
}

export async function onAppealEvent(deps: Deps, trx: Db, e: AppealEvent): Promise<void> {
  if (e.type === "received") {
    const timeZone = e.timeZone ?? (await deps.rules.get(e.centerId, trx)).timeZone;
    const a = e.received ?? (await receivedFacts(trx, e.centerId, e.appealId));
    if (a) await onReceived(trx, e, a, timeZone);
    return;
  }
  const found = await cellOf(deps, trx, e.centerId, e.appealId, e.at, undefined, e.timeZone);
  if (!found) return;
  const { appeal, order, cell } = found;
  const add: Add = {};
  const before = (e.details.before as { status?: string } | undefined)?.status;
  switch (e.type) {
    case "rejected":
      add.rejected = 1;
      break;
    case "resolved":
      add.resolved_on_spot = 1;
      break;
    case "dispatched":
      // A dispatch from review (first one or after a return) — not a rework of a reply.
      if (before === "received") add.dispatched = 1;
      break;
    case "closed":
      add.closed = 1;
      // A close-out (销号) owes a follow-up call unless the requester has rated (回访任务).
      await onAppealClosed(deps, trx, appeal, e.at);
      // 按期办结: the reply of the latest 工作单 came by its limit (extensions included).
      if (order?.replied_at) {
        if (order.replied_at.getTime() <= order.due_at.getTime()) add.on_time = 1;
        else add.overdue = 1;
      }
      break;
    case "extension_approved":
      add.extended = 1;
      break;
    case "returned":
      add.returned = 1;
      break;
    case "merged":
      // 并单: the repeat was received (counted then) and is handled as the original; it is never
      // accepted, dispatched or closed on its own (docs/metrics.md).
      add.merged = 1;
      break;
  }
  if (RESPONSES.has(e.type) && (before === undefined || before === "received")) {
    if (await markOnce(trx, e.centerId, e.appealId, "responded", e.at)) {
      add.responded = 1;
      if (!appeal.respond_by || e.at.getTime() <= appeal.respond_by.getTime()) add.responded_on_time = 1;
    }
    if (ACCEPTING.has(e.type) || e.type === "rejected") {
      if ((await markOnce(trx, e.centerId, e.appealId, "decided", e.at)) && ACCEPTING.has(e.type)) {
        add.accepted = 1;
      }
    }
  }
  await bump(trx, cell, add);
}

/** A rating, a dispute or a rectification step: counted on its own day for the responsible department. */
/** The facts of a `received` event that did not carry them (read back from the appeal). */
async function receivedFacts(trx: Db, centerId: string, appealId: string): Promise<ReceivedAppeal | null> {
  const appeal = await findAppealFacts(trx, centerId, appealId);
  const intake = appeal && (await findIntakeFacts(trx, centerId, appealId));
  if (!appeal || !intake) return null;
  return {
    channel: appeal.channel,
    type: appeal.type,
    categoryCode: appeal.category_code,
    respondBy: appeal.respond_by,
    phone: intake.phone,
    receivedAt: intake.received_at,
    content: intake.content,
  };
}

export async function countResult(
  deps: Deps,
  trx: Db,
  centerId: string,
  appealId: string,
  at: Date,
  add: Add,
  over?: { departmentId: string | null },
  /** The center's time zone when the caller has its rules (saves re-reading them in the transaction). */
  timeZone?: string,
): Promise<void> {
  const found = await cellOf(deps, trx, centerId, appealId, at, over, timeZone);
  if (found) await bump(trx, found.cell, add);
}

/** The counters of a rating that counts (the appeal's first). */
export function ratingCounters(level: number, resolved: boolean | null): Add {
  return { rated: 1, [`level${level}`]: 1, resolved_by_requester: resolved ? 1 : 0 } as Add;
}
