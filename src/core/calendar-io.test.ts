import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DayKind } from "../contracts/enums.js";
import { formatDate, parseDate } from "./calendar-date.js";
import { type NoticeDay, parseICalendar, toICalendar } from "./calendar-io.js";
import { SHIPPED_NOTICES } from "./holidays-cn.js";

const stamp = new Date("2026-11-20T08:00:00Z");

describe("iCalendar export and import", () => {
  it("writes one all-day event per run with the kind in X-YOUSU-KIND and CATEGORIES", () => {
    const n2025 = SHIPPED_NOTICES.find((n) => n.year === 2025)!;
    const ics = toICalendar(n2025, stamp);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics).toContain("DTSTART;VALUE=DATE:20251001\r\nDTEND;VALUE=DATE:20251009\r\n");
    expect(ics).toContain("X-YOUSU-KIND:holiday");
    expect(ics).toContain("CATEGORIES:MAKEUP_WORKDAY");
    expect(ics).toContain("X-YOUSU-NAME:国庆节、中秋节");
    expect(ics).toContain("DTSTAMP:20261120T080000Z");
    // 6 festival periods + 5 make-up days (none adjacent to each other).
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(11);
    for (const line of ics.split("\r\n"))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  });

  it("round-trips every shipped notice", () => {
    for (const n of SHIPPED_NOTICES) {
      const back = parseICalendar(toICalendar(n, stamp));
      expect(back.year).toBe(n.year);
      expect(back.source).toBe(n.source);
      expect(back.days).toEqual(n.days);
    }
  });

  it("round-trips random days with awkward names (escaping and folding)", () => {
    const kinds: DayKind[] = ["holiday", "makeup_workday", "workday", "weekend"];
    const dayArb = fc.record({
      off: fc.integer({ min: 0, max: 364 }),
      kind: fc.constantFrom(...kinds),
      name: fc.option(
        fc
          .string({ unit: "grapheme", minLength: 1, maxLength: 40 })
          .filter((s) => s.trim() === s && s.length > 0),
        {
          nil: null,
        },
      ),
    });
    fc.assert(
      fc.property(
        fc.array(dayArb, { maxLength: 40 }),
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }),
        (raw, source) => {
          const byDate = new Map<string, NoticeDay>();
          for (const d of raw) {
            const date = formatDate(parseDate("2027-01-01") + d.off);
            byDate.set(date, { date, kind: d.kind, name: d.name });
          }
          const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
          const src = source.trim() || "x";
          const back = parseICalendar(toICalendar({ year: 2027, source: src, days }, stamp));
          expect(back.year).toBe(2027);
          expect(back.source).toBe(src);
          expect(back.days).toEqual(days);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads a third-party feed with LF endings, folded lines and 休/班 summaries", () => {
    const text = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "BEGIN:VEVENT",
      "DTSTART;VALUE=DATE:20270101",
      "DTEND;VALUE=DATE:20270104",
      "SUMMARY:元旦 休",
      "END:VEVENT",
      "BEGIN:VEVENT",
      "DTSTART;VALUE=DATE:20270206",
      "SUMMARY:春节 ",
      " 补班",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\n");
    const f = parseICalendar(text);
    expect(f.year).toBe(2027);
    expect(f.days).toEqual([
      { date: "2027-01-01", kind: "holiday", name: "元旦" },
      { date: "2027-01-02", kind: "holiday", name: "元旦" },
      { date: "2027-01-03", kind: "holiday", name: "元旦" },
      { date: "2027-02-06", kind: "makeup_workday", name: "春节" },
    ]);
  });

  it("rejects broken files with the line or field at fault", () => {
    expect(() => parseICalendar("hello")).toThrow(expect.objectContaining({ path: "line 1" }));
    expect(() => parseICalendar("BEGIN:VEVENT\nEND:VEVENT")).toThrow(/DTSTART/);
    expect(() => parseICalendar("BEGIN:VCALENDAR\nEND:VCALENDAR")).toThrow(
      expect.objectContaining({ path: "year" }),
    );
    const twoYears = [
      "BEGIN:VCALENDAR",
      "BEGIN:VEVENT",
      "DTSTART;VALUE=DATE:20261231",
      "DTEND;VALUE=DATE:20270102",
      "END:VEVENT",
      "END:VCALENDAR",
    ].join("\r\n");
    expect(() => parseICalendar(twoYears)).toThrow(expect.objectContaining({ path: "year" }));
    expect(() => parseICalendar(twoYears, 2027)).toThrow(expect.objectContaining({ path: "days" }));
    const badDate =
      "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270230\r\nEND:VEVENT\r\nEND:VCALENDAR";
    expect(() => parseICalendar(badDate)).toThrow(expect.objectContaining({ path: "line 2" }));
  });
});
