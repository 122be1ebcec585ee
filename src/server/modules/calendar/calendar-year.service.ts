import type { DayKind } from "../../../contracts/enums.js";
import { defaultKind } from "../../../core/calendar.js";
import { localDay, parseDate, yearOfDay } from "../../../core/calendar-date.js";
import { type NoticeFile, toICalendar } from "../../../core/calendar-io.js";
import { SHIPPED_NOTICES } from "../../../core/holidays-cn.js";
import type { Db } from "../../db/database.js";
import { AppError, notFound } from "../../errors.js";
import { auditFields, type UserActor } from "../../http/actor.js";
import type { DomainEvents } from "../../lib/events.js";
import { appendAudit } from "../audit/index.js";
import { withInputErrors } from "./calendar.errors.js";
import { loadCenterRules } from "./center-rules.js";
import "./calendar.events.js";
import * as repo from "./calendar.repository.js";

/**
 * Loaded years (年度节假日安排): import, export, seeding of the shipped State
 * Council notices, and the "year loaded" moment that settles provisional deadlines.
 */

interface Meta {
  now: Date;
  ip: string | null;
}

export interface CalendarYears {
  loaded: { year: number; source: string; loadedAt: string }[];
  missing: number[];
  warning: string | null;
}

/** Loaded years, and this/next year when missing (next year's notice arrives each November). */
export async function listCalendarYears(db: Db, centerId: string, now: Date): Promise<CalendarYears> {
  const timeZone = await repo.findCenterTimeZone(db, centerId);
  if (timeZone === undefined) throw notFound("中心");
  const rows = await repo.listLoadedYears(db, centerId);
  const thisYear = yearOfDay(localDay(now.getTime(), timeZone));
  const loaded = new Set(rows.map((r) => r.year));
  const missing = [thisYear, thisYear + 1].filter((y) => !loaded.has(y));
  return {
    loaded: rows.map((r) => ({ year: r.year, source: r.source, loadedAt: r.loaded_at.toISOString() })),
    missing,
    warning: missing.length
      ? `${missing.join("、")} 年节假日安排尚未导入：涉及该年的期限将按周末推算并标为临时期限，请在国务院办公厅通知发布后导入。`
      : null,
  };
}

/** Marks a year loaded and announces it to the subscribers, inside the caller's transaction. */
async function loadYear(
  trx: Db,
  events: DomainEvents,
  y: { centerId: string; year: number; source: string; actorId: string | null; at: Date },
): Promise<void> {
  await repo.markYearLoaded(trx, {
    centerId: y.centerId,
    year: y.year,
    source: y.source,
    loadedBy: y.actorId,
  });
  const rules = await loadCenterRules(trx, y.centerId);
  await events.emit(trx, "calendar.yearLoaded", { ...y, rules });
}

function checkDays(file: NoticeFile): { date: string; kind: DayKind; name: string | null }[] {
  const seen = new Set<string>();
  return file.days.map((d, i) => {
    const path = `days.${i}.date`;
    const day = withInputErrors(() => parseDate(d.date, path));
    if (yearOfDay(day) !== file.year) {
      throw new AppError("VALIDATION_FAILED", `日期 ${d.date} 不属于 ${file.year} 年`, [
        { path, message: `应为 ${file.year} 年的日期` },
      ]);
    }
    if (seen.has(d.date)) {
      throw new AppError("VALIDATION_FAILED", `日期 ${d.date} 重复`, [{ path, message: "日期重复" }]);
    }
    seen.add(d.date);
    return { date: d.date, kind: d.kind, name: d.name?.trim() || null };
  });
}

export interface ImportResult {
  year: number;
  source: string;
  imported: number;
  holidays: number;
  makeupWorkdays: number;
  otherOverrides: number;
  ignored: number;
  replaced: number;
}

/**
 * Imports one year's notice: replaces that year's overrides, marks the year
 * loaded and settles provisional deadlines (listeners), all in one transaction.
 */
export async function importCalendarYear(
  db: Db,
  events: DomainEvents,
  actor: UserActor,
  file: NoticeFile,
  meta: Meta,
): Promise<ImportResult> {
  const days = checkDays(file);
  const stored = days.filter((d) => d.kind !== defaultKind(parseDate(d.date)));
  const result = await db.transaction().execute(async (trx) => {
    if (!(await repo.lockCenterCalendar(trx, actor.centerId))) throw notFound("中心");
    const replaced = await repo.deleteOverridesOfYear(trx, actor.centerId, file.year);
    await repo.insertOverridesKeepExisting(trx, actor.centerId, stored, file.source);
    const r: ImportResult = {
      year: file.year,
      source: file.source,
      imported: stored.length,
      holidays: stored.filter((d) => d.kind === "holiday").length,
      makeupWorkdays: stored.filter((d) => d.kind === "makeup_workday").length,
      otherOverrides: stored.filter((d) => d.kind === "workday" || d.kind === "weekend").length,
      ignored: days.length - stored.length,
      replaced,
    };
    await appendAudit(trx, {
      ...auditFields(actor),
      action: "calendar.year.import",
      entity: "calendar_year",
      entityId: String(file.year),
      details: r,
      ip: meta.ip,
      at: meta.now,
    });
    await loadYear(trx, events, {
      centerId: actor.centerId,
      year: file.year,
      source: file.source,
      actorId: actor.userId,
      at: meta.now,
    });
    return r;
  });
  return result;
}

/** Marks a year loaded after its days were entered by hand (PUT .../days); no-op when already loaded. */
export async function markCalendarYearLoaded(
  db: Db,
  events: DomainEvents,
  actor: UserActor,
  year: number,
  source: string,
  meta: Meta,
): Promise<{ year: number; source: string; loadedAt: string; alreadyLoaded: boolean }> {
  const out = await db.transaction().execute(async (trx) => {
    if (!(await repo.lockCenterCalendar(trx, actor.centerId))) throw notFound("中心");
    const already = await repo.isYearLoaded(trx, actor.centerId, year);
    if (!already) {
      await appendAudit(trx, {
        ...auditFields(actor),
        action: "calendar.year.load",
        entity: "calendar_year",
        entityId: String(year),
        details: { year, source },
        ip: meta.ip,
        at: meta.now,
      });
      await loadYear(trx, events, {
        centerId: actor.centerId,
        year,
        source,
        actorId: actor.userId,
        at: meta.now,
      });
    }
    const row = (await repo.listLoadedYears(trx, actor.centerId)).find((r) => r.year === year)!;
    return { year, source: row.source, loadedAt: row.loaded_at.toISOString(), alreadyLoaded: already };
  });
  return out;
}

/** One year's overrides as a notice file (JSON) or iCalendar text. */
export async function exportCalendarYear(
  db: Db,
  centerId: string,
  year: number,
  format: "json" | "ics",
  now: Date,
): Promise<{ json: NoticeFile } | { ics: string }> {
  const [rows, years] = await Promise.all([
    repo.listOverridesOfYear(db, centerId, year),
    repo.listLoadedYears(db, centerId),
  ]);
  const file: NoticeFile = {
    year,
    source: years.find((y) => y.year === year)?.source ?? rows[0]?.source ?? "admin",
    title: `${year} 年节假日安排`,
    days: rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name })),
  };
  return format === "json" ? { json: file } : { ics: toICalendar(file, now) };
}

/**
 * Loads the shipped notices (2024–2026) for a center: each year not yet loaded
 * gets its days (never overwriting an admin's edit of the same date), is marked
 * loaded with source 'State Council notice', audited, and announced to the
 * year-loaded listeners. Idempotent; safe when several instances start at once.
 *
 * Every start calls it: when every shipped year is loaded already (a year once loaded stays so),
 * one read answers without the transaction and its row lock on the center (a WAL write and a
 * flush on each restart). Otherwise the locked pass decides again.
 */
export async function seedShippedCalendar(
  db: Db,
  events: DomainEvents,
  centerId: string,
  now: Date = new Date(0),
): Promise<number[]> {
  const loaded = new Set((await repo.listLoadedYears(db, centerId)).map((y) => y.year));
  if (SHIPPED_NOTICES.every((n) => loaded.has(n.year))) return [];
  return db.transaction().execute((trx) => seedShippedCalendarIn(trx, events, centerId, now));
}

/** seedShippedCalendar inside the caller's transaction (a center being created). */
export async function seedShippedCalendarIn(
  trx: Db,
  events: DomainEvents,
  centerId: string,
  now: Date,
): Promise<number[]> {
  if (!(await repo.lockCenterCalendar(trx, centerId))) throw notFound("中心");
  const loaded = new Set((await repo.listLoadedYears(trx, centerId)).map((y) => y.year));
  const years: number[] = [];
  for (const notice of SHIPPED_NOTICES) {
    if (loaded.has(notice.year)) continue;
    const inserted = await repo.insertOverridesKeepExisting(trx, centerId, notice.days, notice.source);
    await appendAudit(trx, {
      centerId,
      actorId: null,
      actorName: "system",
      action: "calendar.year.seed",
      entity: "calendar_year",
      entityId: String(notice.year),
      details: { year: notice.year, source: notice.source, title: notice.title, days: inserted },
      at: now,
    });
    await loadYear(trx, events, {
      centerId,
      year: notice.year,
      source: notice.source,
      actorId: null,
      at: now,
    });
    years.push(notice.year);
  }
  return years;
}
