import { DAY_KIND_LABELS, DAY_KINDS, type DayKind } from "../contracts/enums.js";
import { CalendarInputError, formatDate, parseDate, yearOfDay } from "./calendar-date.js";

/**
 * One year's holiday notice as a file: JSON ({year, source, days}) or
 * iCalendar (RFC 5545). The .ics is written by hand — one all-day VEVENT per
 * run of consecutive days of the same kind and name, the kind carried in
 * X-YOUSU-KIND and CATEGORIES — and the parser also reads common third-party
 * feeds (kind from CATEGORIES or from "班"/"休" in the summary).
 */

export interface NoticeDay {
  date: string;
  kind: DayKind;
  name: string | null;
}

export interface NoticeFile {
  year: number;
  source: string;
  title?: string;
  days: NoticeDay[];
}

/** An event's SUMMARY: the label, except the one-character 休 / 班 calendar apps show for notices. */
const KIND_SUMMARY: Record<DayKind, string> = { ...DAY_KIND_LABELS, holiday: "休", makeup_workday: "班" };

/** RFC 5545 TEXT escaping. */
function escapeText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

function unescapeText(s: string): string {
  return s.replace(/\\([\\;,nN])/g, (_, c: string) => (c === "n" || c === "N" ? "\n" : c));
}

/** Folds a content line at 75 octets (UTF-8), never splitting a character (RFC 5545 §3.1). */
function fold(line: string): string {
  const out: string[] = [];
  let cur = "";
  let bytes = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    const b = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + b > limit) {
      out.push(cur);
      cur = "";
      bytes = 0;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join("\r\n ");
}

const compact = (date: string) => date.replaceAll("-", "");

/** iCalendar text of one year's overrides; `stamp` is the DTSTAMP instant (the caller's clock). */
export function toICalendar(file: NoticeFile, stamp: Date): string {
  const dtstamp = `${stamp.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Yousu//有诉即办 工作日历//ZH",
    "CALSCALE:GREGORIAN",
    `X-WR-CALNAME:${escapeText(file.title ?? `${file.year} 年节假日安排`)}`,
    `X-YOUSU-YEAR:${file.year}`,
    `X-YOUSU-SOURCE:${escapeText(file.source)}`,
  ];
  const sorted = [...file.days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (let i = 0; i < sorted.length; ) {
    const first = sorted[i]!;
    let j = i;
    while (
      j + 1 < sorted.length &&
      sorted[j + 1]!.kind === first.kind &&
      (sorted[j + 1]!.name ?? null) === (first.name ?? null) &&
      parseDate(sorted[j + 1]!.date) === parseDate(sorted[j]!.date) + 1
    ) {
      j++;
    }
    const end = formatDate(parseDate(sorted[j]!.date) + 1);
    const name = first.name ?? "";
    lines.push(
      "BEGIN:VEVENT",
      `UID:${compact(first.date)}-${first.kind}@yousu`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;VALUE=DATE:${compact(first.date)}`,
      `DTEND;VALUE=DATE:${compact(end)}`,
      `SUMMARY:${escapeText(name ? `${name} ${KIND_SUMMARY[first.kind]}` : KIND_SUMMARY[first.kind])}`,
      `CATEGORIES:${first.kind.toUpperCase()}`,
      `X-YOUSU-KIND:${first.kind}`,
      ...(name ? [`X-YOUSU-NAME:${escapeText(name)}`] : []),
      "TRANSP:TRANSPARENT",
      "END:VEVENT",
    );
    i = j + 1;
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}

function parseLine(line: string, lineNo: number): Prop {
  // Name and parameters end at the first ':' outside a quoted parameter value.
  let inQuote = false;
  let idx = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === ":" && !inQuote) {
      idx = i;
      break;
    }
  }
  if (idx < 0) throw new CalendarInputError(`line ${lineNo}`, `第 ${lineNo} 行不是有效的 iCalendar 内容行`);
  const [name, ...rawParams] = line.slice(0, idx).split(";");
  const params: Record<string, string> = {};
  for (const p of rawParams) {
    const eq = p.indexOf("=");
    if (eq > 0) params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, "");
  }
  return { name: (name ?? "").toUpperCase(), params, value: line.slice(idx + 1) };
}

function icsDate(value: string, lineNo: number): number {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  if (!m) throw new CalendarInputError(`line ${lineNo}`, `第 ${lineNo} 行的日期无效：${value.slice(0, 30)}`);
  return parseDate(`${m[1]}-${m[2]}-${m[3]}`, `line ${lineNo}`);
}

function kindOfEvent(ev: Map<string, Prop>): DayKind {
  const explicit = ev.get("X-YOUSU-KIND")?.value.trim().toLowerCase();
  if (explicit && (DAY_KINDS as readonly string[]).includes(explicit)) return explicit as DayKind;
  const cats = (ev.get("CATEGORIES")?.value ?? "").toLowerCase().split(",");
  for (const k of DAY_KINDS) if (cats.includes(k)) return k;
  const summary = unescapeText(ev.get("SUMMARY")?.value ?? "");
  return /班/.test(summary) ? "makeup_workday" : "holiday";
}

function nameOfEvent(ev: Map<string, Prop>): string | null {
  const explicit = ev.get("X-YOUSU-NAME");
  if (explicit) return unescapeText(explicit.value).trim() || null;
  const summary = unescapeText(ev.get("SUMMARY")?.value ?? "")
    .replace(/[（(]?(补班|调休上班|上班|放假|休息日|工作日|休|班)[)）]?\s*$/u, "")
    .trim();
  return summary || null;
}

/**
 * Parses an iCalendar text into a notice file. The year comes from
 * X-YOUSU-YEAR, else `yearHint`, else the events' single year; all days must
 * fall in that year. Errors name the offending line.
 */
export function parseICalendar(text: string, yearHint?: number): NoticeFile {
  const lines = text
    .replace(/\r\n[ \t]/g, "")
    .replace(/\n[ \t]/g, "")
    .split(/\r?\n/);
  let year: number | undefined;
  let source = "iCalendar import";
  let title: string | undefined;
  const days = new Map<string, NoticeDay>();
  let ev: Map<string, Prop> | null = null;
  let evLine = 0;
  let sawCalendar = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const lineNo = i + 1;
    if (!raw.trim()) continue;
    const p = parseLine(raw, lineNo);
    if (p.name === "BEGIN" && p.value.toUpperCase() === "VCALENDAR") sawCalendar = true;
    else if (p.name === "BEGIN" && p.value.toUpperCase() === "VEVENT") {
      ev = new Map();
      evLine = lineNo;
    } else if (p.name === "END" && p.value.toUpperCase() === "VEVENT") {
      const e = ev ?? new Map<string, Prop>();
      const start = e.get("DTSTART");
      if (!start) throw new CalendarInputError(`line ${evLine}`, `第 ${evLine} 行开始的事件缺少 DTSTART`);
      const from = icsDate(start.value, evLine);
      const endProp = e.get("DTEND");
      const to = endProp ? icsDate(endProp.value, evLine) - 1 : from;
      if (to < from)
        throw new CalendarInputError(`line ${evLine}`, `第 ${evLine} 行开始的事件结束日期早于开始日期`);
      if (to - from > 366)
        throw new CalendarInputError(`line ${evLine}`, `第 ${evLine} 行开始的事件跨度过长`);
      const kind = kindOfEvent(e);
      const name = nameOfEvent(e);
      for (let d = from; d <= to; d++) days.set(formatDate(d), { date: formatDate(d), kind, name });
      ev = null;
    } else if (ev) {
      ev.set(p.name, p);
    } else if (p.name === "X-YOUSU-YEAR") year = Number(p.value.trim());
    else if (p.name === "X-YOUSU-SOURCE") source = unescapeText(p.value).trim() || source;
    else if (p.name === "X-WR-CALNAME") title = unescapeText(p.value).trim();
  }
  if (!sawCalendar) throw new CalendarInputError("body", "不是有效的 iCalendar 文件（缺少 BEGIN:VCALENDAR）");
  const list = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  const years = new Set(list.map((d) => yearOfDay(parseDate(d.date))));
  const y = year ?? yearHint ?? (years.size === 1 ? [...years][0] : undefined);
  if (y === undefined || !Number.isInteger(y)) {
    throw new CalendarInputError(
      "year",
      "无法确定导入的年份：请在文件中只包含一个年份的日期，或指定 year 参数",
    );
  }
  const stray = list.find((d) => !d.date.startsWith(`${y}-`));
  if (stray) throw new CalendarInputError("days", `日期 ${stray.date} 不属于 ${y} 年`);
  return { year: y, source, ...(title ? { title } : {}), days: list };
}
