import type { Appeal, AppealEvent, AppealListQuery, InboxItem } from "../../../../contracts/appeals.js";
import { CalendarInputError, parseDate, startOfLocalDay } from "../../../../core/calendar-date.js";
import type { Db } from "../../../db/database.js";
import type { Deps } from "../../../deps.js";
import { invalid, notFound } from "../../../errors.js";
import type { UserActor } from "../../../http/actor.js";
import { canRevealPhone } from "../actors.js";
import { type CenterInfo, centerInfo } from "../center-info.js";
import {
  type AppealRow,
  findAppealInScope,
  findAppealsInScope,
  listAppealEvents,
} from "../data/appeal.repository.js";
import { listInbox, searchAppeals } from "../data/appeal.search.js";
import { toAppealDto, toEventDto, toInboxItem } from "../presenters/appeal.presenter.js";
import { readScope } from "../scope.js";
import { renderReceiptHtml } from "./receipt.html.js";

const centerOf = (db: Db, actor: UserActor): Promise<CenterInfo> => centerInfo(db, actor.centerId);

/** 'YYYY-MM-DD' is a local date of the center (`to` then means through the end of that day). */
function parseBound(value: string, path: "from" | "to", timeZone: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    try {
      const day = parseDate(value, path);
      return new Date(startOfLocalDay(path === "to" ? day + 1 : day, timeZone));
    } catch (e) {
      if (e instanceof CalendarInputError) throw invalid(path, e.message);
      throw e;
    }
  }
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t)) {
    throw invalid(path, "日期格式应为 YYYY-MM-DD 或带时区的 ISO 8601 时间");
  }
  return new Date(t);
}

export async function listAppeals(
  db: Db,
  actor: UserActor,
  query: AppealListQuery,
  now: Date,
): Promise<{ items: Appeal[]; nextCursor: string | null }> {
  const scope = readScope(actor);
  const center = await centerOf(db, actor);
  const tz = center.timezone;
  const { rows, nextCursor } = await searchAppeals(db, scope, {
    status: query.status,
    channel: query.channel,
    type: query.type,
    from: query.from ? parseBound(query.from, "from", tz) : undefined,
    to: query.to ? parseBound(query.to, "to", tz) : undefined,
    overdue: query.overdue === undefined ? undefined : query.overdue === "true",
    q: query.q || undefined,
    phoneSearch: canRevealPhone(actor),
    sort: query.sort ?? "received",
    limit: query.limit,
    cursor: query.cursor,
    now,
  });
  return { items: rows.map((r) => toAppealDto(r, tz, now)), nextCursor };
}

/**
 * The appeals of `ids` the reader may see, as the appeal list presents them (phones masked for
 * roles that may not reveal them), in the order of `ids` — for lists whose ids come from another
 * module (the statistics drill-down).
 */
export async function presentAppealsByIds(
  db: Db,
  actor: UserActor,
  ids: string[],
  now: Date,
): Promise<Appeal[]> {
  const rows = await findAppealsInScope(db, readScope(actor), ids);
  const center = await centerOf(db, actor);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toAppealDto(r, center.timezone, now)] : [];
  });
}

export async function inbox(
  deps: Deps,
  actor: UserActor,
  o: { limit: number; cursor?: string },
  now: Date,
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  const rules = await deps.rules.get(actor.centerId);
  const { rows, nextCursor } = await listInbox(deps.db, readScope(actor), o);
  return { items: rows.map((r) => toInboxItem(r, rules, now)), nextCursor };
}

async function loadInScope(
  db: Db,
  actor: UserActor,
  id: string,
): Promise<{ row: AppealRow; center: CenterInfo }> {
  const row = await findAppealInScope(db, readScope(actor), id);
  if (!row) throw notFound("诉求");
  return { row, center: await centerOf(db, actor) };
}

export async function getAppeal(db: Db, actor: UserActor, id: string, now: Date): Promise<Appeal> {
  const { row, center } = await loadInScope(db, actor, id);
  return toAppealDto(row, center.timezone, now);
}

export async function getAppealEvents(db: Db, actor: UserActor, id: string): Promise<AppealEvent[]> {
  const { row, center } = await loadInScope(db, actor, id);
  const events = await listAppealEvents(db, row.center_id, row.id);
  return events.map((e) => toEventDto(e, center.timezone));
}

/** The printable 受理回执 (text/html). */
export async function getReceiptHtml(db: Db, actor: UserActor, id: string, now: Date): Promise<string> {
  const { row, center } = await loadInScope(db, actor, id);
  return renderReceiptHtml(row, center, now);
}
