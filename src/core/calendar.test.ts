import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DayKind } from "../contracts/enums.js";
import { defaultKind, WorkCalendar } from "./calendar.js";
import {
  addMonths,
  civilFromDays,
  daysFromCivil,
  endOfLocalDay,
  formatDate,
  formatRangeZh,
  localDay,
  parseDate,
  toOffsetIso,
  weekdayOf,
} from "./calendar-date.js";
import { SHIPPED_NOTICES } from "./holidays-cn.js";
import { shippedCalendar } from "./shipped-calendar.js";

const shipped = shippedCalendar;

describe("civil dates", () => {
  it("round-trips day numbers and knows weekdays", () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(formatDate(parseDate("2025-10-11"))).toBe("2025-10-11");
    expect(weekdayOf(parseDate("2025-10-11"))).toBe(6); // Saturday
    expect(weekdayOf(parseDate("2026-02-13"))).toBe(5); // Friday
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (d) => {
        const [y, m, day] = civilFromDays(d);
        expect(daysFromCivil(y, m, day)).toBe(d);
        expect(new Date(d * 86_400_000).toISOString().slice(0, 10)).toBe(formatDate(d));
      }),
    );
  });

  it("rejects malformed and impossible dates", () => {
    for (const bad of [
      "2025-02-29",
      "2025-13-01",
      "2025-1-1",
      "20250101",
      "abc",
      "2024-04-31",
      "1899-12-31",
    ]) {
      expect(() => parseDate(bad)).toThrow(/日期格式不正确/);
    }
    expect(formatDate(parseDate("2024-02-29"))).toBe("2024-02-29");
  });

  it("adds months clamped to the month end (Civil Code art. 202)", () => {
    expect(formatDate(addMonths(parseDate("2025-01-31"), 1))).toBe("2025-02-28");
    expect(formatDate(addMonths(parseDate("2024-01-31"), 1))).toBe("2024-02-29");
    expect(formatDate(addMonths(parseDate("2025-03-31"), 1))).toBe("2025-04-30");
    expect(formatDate(addMonths(parseDate("2025-11-15"), 3))).toBe("2026-02-15");
    expect(formatDate(addMonths(parseDate("2025-12-31"), 120))).toBe("2035-12-31");
  });

  it("formats Chinese date ranges", () => {
    expect(formatRangeZh(parseDate("2025-10-01"), parseDate("2025-10-08"))).toBe("2025年10月1日至10月8日");
    expect(formatRangeZh(parseDate("2025-12-31"), parseDate("2026-01-02"))).toBe(
      "2025年12月31日至2026年1月2日",
    );
    expect(formatRangeZh(parseDate("2025-10-09"), parseDate("2025-10-09"))).toBe("2025年10月9日");
  });

  it("finds the local date of an instant in the center's time zone", () => {
    // 23:30 Beijing time on 30 September is still 30 September; in UTC it is 15:30.
    expect(formatDate(localDay(Date.parse("2025-09-30T15:30:00Z"), "Asia/Shanghai"))).toBe("2025-09-30");
    expect(formatDate(localDay(Date.parse("2025-09-30T16:00:00Z"), "Asia/Shanghai"))).toBe("2025-10-01");
    expect(formatDate(localDay(Date.parse("2025-09-30T16:00:00Z"), "UTC"))).toBe("2025-09-30");
    expect(toOffsetIso(endOfLocalDay(parseDate("2025-10-13"), "Asia/Shanghai"), "Asia/Shanghai")).toBe(
      "2025-10-13T23:59:59.999+08:00",
    );
    // A zone with DST: the end of a day in summer and in winter carries each day's offset.
    expect(toOffsetIso(endOfLocalDay(parseDate("2025-07-01"), "Europe/Berlin"), "Europe/Berlin")).toBe(
      "2025-07-01T23:59:59.999+02:00",
    );
    expect(toOffsetIso(endOfLocalDay(parseDate("2025-03-30"), "Europe/Berlin"), "Europe/Berlin")).toBe(
      "2025-03-30T23:59:59.999+02:00",
    );
    expect(toOffsetIso(endOfLocalDay(parseDate("2025-01-10"), "America/New_York"), "America/New_York")).toBe(
      "2025-01-10T23:59:59.999-05:00",
    );
  });

  it("caches offsets without changing answers around DST transitions", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse("2020-01-01"), max: Date.parse("2030-01-01") }), (t) => {
        for (const tz of ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Shanghai"]) {
          const parts = new Intl.DateTimeFormat("en-CA", {
            timeZone: tz,
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
          }).format(new Date(t));
          expect(formatDate(localDay(t, tz))).toBe(parts);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("shipped State Council notices", () => {
  it("puts every make-up workday on a weekend and names every day", () => {
    for (const n of SHIPPED_NOTICES) {
      for (const d of n.days) {
        expect(d.name).toBeTruthy();
        expect(d.date.startsWith(`${n.year}-`) || d.kind === "makeup_workday").toBe(true);
        if (d.kind === "makeup_workday") expect([0, 6]).toContain(weekdayOf(parseDate(d.date)));
      }
    }
  });

  it("matches the notices' totals", () => {
    const count = (y: number, k: DayKind) =>
      SHIPPED_NOTICES.find((n) => n.year === y)!.days.filter((d) => d.kind === k).length;
    expect([count(2024, "holiday"), count(2024, "makeup_workday")]).toEqual([28, 8]);
    expect([count(2025, "holiday"), count(2025, "makeup_workday")]).toEqual([28, 5]);
    expect([count(2026, "holiday"), count(2026, "makeup_workday")]).toEqual([33, 6]);
  });

  it("knows National Day 2025 and Spring Festival 2026", () => {
    const cal = shipped();
    const k = (s: string) => cal.info(parseDate(s));
    expect(k("2025-10-01")).toMatchObject({ kind: "holiday", name: "国庆节、中秋节", working: false });
    expect(k("2025-10-04")).toMatchObject({ kind: "holiday", working: false });
    expect(k("2025-10-11")).toMatchObject({ kind: "makeup_workday", working: true });
    expect(k("2025-10-12")).toMatchObject({ kind: "weekend", working: false, name: null, override: false });
    expect(k("2026-02-14")).toMatchObject({ kind: "makeup_workday", name: "春节", working: true });
    expect(k("2026-02-23")).toMatchObject({ kind: "holiday", name: "春节" });
    expect(k("2026-02-24")).toMatchObject({ kind: "workday", working: true });
    expect(k("2027-01-01")).toMatchObject({ kind: "workday", working: true }); // not loaded: weekend rule
    expect(cal.isLoadedYear(2026)).toBe(true);
    expect(cal.isLoadedYear(2027)).toBe(false);
    expect(cal.missingYears(parseDate("2026-12-30"), parseDate("2028-01-02"))).toEqual([2027, 2028]);
  });
});

/** Reference implementation: one day at a time, no index. */
function naive(overrides: Map<number, DayKind>) {
  const working = (d: number) => {
    const k = overrides.get(d) ?? defaultKind(d);
    return k === "workday" || k === "makeup_workday";
  };
  return {
    working,
    nth(day: number, n: number) {
      let d = day;
      for (let c = 0; c < n; ) if (working(++d)) c++;
      return d;
    },
    next(day: number) {
      let d = day;
      while (!working(d)) d++;
      return d;
    },
  };
}

describe("working-day index", () => {
  const base = parseDate("2024-01-01");
  const arbOverrides = fc.array(
    fc.tuple(
      fc.integer({ min: 0, max: 3 * 366 }),
      fc.constantFrom<DayKind>(...(["holiday", "makeup_workday", "workday", "weekend"] as const)),
    ),
    { maxLength: 120 },
  );

  it("agrees with day-by-day counting for random calendars, inside and outside the table", () => {
    fc.assert(
      fc.property(
        arbOverrides,
        fc.integer({ min: -400, max: 4 * 366 }),
        fc.integer({ min: 1, max: 600 }),
        (ovs, startOff, n) => {
          const map = new Map(ovs.map(([o, k]) => [base + o, k] as const));
          const cal = WorkCalendar.build(
            [...map].map(([d, kind]) => ({ date: formatDate(d), kind })),
            [2024, 2025],
          );
          const ref = naive(map);
          const start = base + startOff;
          expect(cal.nthWorkingDayAfter(start, n)).toBe(ref.nth(start, n));
          expect(cal.nextWorkingDayOnOrAfter(start)).toBe(ref.next(start));
          expect(cal.isWorking(start)).toBe(ref.working(start));
          const end = start + n;
          let count = 0;
          for (let d = start + 1; d <= end; d++) if (ref.working(d)) count++;
          expect(cal.workingDaysBetween(start, end)).toBe(count);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("works with no overrides and no loaded year (weekends only)", () => {
    const cal = WorkCalendar.weekendsOnly();
    const fri = parseDate("2031-05-02");
    expect(formatDate(cal.nthWorkingDayAfter(fri, 1))).toBe("2031-05-05");
    expect(formatDate(cal.nextWorkingDayOnOrAfter(parseDate("2031-05-03")))).toBe("2031-05-05");
    expect(cal.workingDaysBetween(fri, fri + 7)).toBe(5);
  });

  it("lists every day of a range and the overrides of a year", () => {
    const cal = shipped();
    const days = cal.days(parseDate("2025-09-27"), parseDate("2025-10-12"));
    expect(days).toHaveLength(16);
    const letter = { workday: "W", weekend: "E", holiday: "H", makeup_workday: "M" } as const;
    expect(days.map((d) => letter[d.kind]).join("")).toBe("EMWWHHHHHHHHWWME");
    expect(cal.overridesOfYear(2025)).toHaveLength(33);
  });
});
