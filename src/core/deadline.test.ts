import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeadlineRule } from "../contracts/enums.js";
import {
  addMonths,
  formatDate,
  MS_PER_DAY,
  parseDate,
  startOfLocalDay,
  toOffsetIso,
} from "./calendar-date.js";
import { computeDeadline, computeDue, type DeadlineSpec, dueDay } from "./deadline.js";
import { SHIPPED_YEARS } from "./holidays-cn.js";
import { CHINA_TZ, shippedCalendar } from "./shipped-calendar.js";
import { DEFAULT_TIME_LIMIT_POLICY } from "./time-limits.js";

const cal = shippedCalendar();
const TZ = CHINA_TZ;
const due = (start: string, rule: DeadlineRule, n?: number) =>
  computeDeadline(cal, new Date(start), { rule, ...(n === undefined ? {} : { n }) }, TZ);

describe("known answers on the real 2024–2026 holidays", () => {
  it("counts 3 working days over National Day 2025 and its make-up Saturday", () => {
    // 30 Sep not counted; 1–8 Oct holiday; 9 Oct (1), 10 Oct (2), Sat 11 Oct make-up workday (3).
    const r = due("2025-09-30T10:00:00+08:00", "working_days", 3);
    expect(r.dueDate).toBe("2025-10-11");
    expect(toOffsetIso(r.dueAt, TZ)).toBe("2025-10-11T23:59:59.999+08:00");
    expect(r.provisional).toBe(false);
    expect(r.skipped).toEqual([
      { from: "2025-10-01", to: "2025-10-08", kind: "holiday", name: "国庆节、中秋节" },
    ]);
    expect(r.makeupWorkdays).toEqual([{ date: "2025-10-11", name: "国庆节、中秋节" }]);
    expect(r.explanation).toBe(
      "受理日 2025年9月30日 不计入；自次日起计 3 个工作日；跳过 2025年10月1日至10月8日（国庆节、中秋节）法定节假日；" +
        "2025年10月11日（周六）调休上班计入；到期 2025年10月11日 24:00（北京时间）",
    );
  });

  it("gives a first response on the Spring Festival make-up Saturday 2026", () => {
    const r = computeDeadline(
      cal,
      new Date("2026-02-13T16:00:00+08:00"),
      DEFAULT_TIME_LIMIT_POLICY.firstResponse,
    );
    expect(r.dueDate).toBe("2026-02-14");
    expect(r.explanation).toContain("2026年2月14日（周六）调休上班计入");
  });

  it("counts across Spring Festival 2024 with its Sunday make-up day", () => {
    // Thu 8 Feb: Fri 9 (1), 10–17 holiday, Sun 18 make-up (2), Mon 19 (3).
    expect(due("2024-02-08T09:00:00+08:00", "working_days", 3).dueDate).toBe("2024-02-19");
    // Fri 27 Sep 2024: Sat 28 rest, Sun 29 make-up workday.
    expect(due("2024-09-27T09:00:00+08:00", "working_days", 1).dueDate).toBe("2024-09-29");
  });

  it("gives multi-department matters 7 working days around Mid-Autumn and National Day 2026", () => {
    // Thu 24 Sep: 25–27 holiday; 28, 29, 30 (3); 1–7 Oct holiday; 8, 9 (5); Sat 10 make-up (6); Mon 12 (7).
    const r = due("2026-09-24T11:00:00+08:00", "working_days", 7);
    expect(r.dueDate).toBe("2026-10-12");
    expect(r.skipped.map((s) => s.name)).toEqual(["中秋节", "国庆节"]);
    expect(r.weekendDaysSkipped).toBe(1);
  });

  it("handles same_day on working days, make-up days, holidays and weekends", () => {
    expect(due("2025-09-30T08:00:00+08:00", "same_day").dueDate).toBe("2025-09-30");
    expect(due("2026-02-14T08:00:00+08:00", "same_day", 0).dueDate).toBe("2026-02-14");
    const h = due("2025-10-01T08:00:00+08:00", "same_day");
    expect(h.dueDate).toBe("2025-10-09");
    expect(h.explanation).toContain("受理日 2025年10月1日（周三）为法定节假日，顺延至下一个工作日");
    expect(due("2025-10-18T08:00:00+08:00", "same_day").dueDate).toBe("2025-10-20");
  });

  it("counts months to the same day, clamped to the month end, then rolls forward", () => {
    expect(due("2025-01-31T10:00:00+08:00", "months", 1).dueDate).toBe("2025-02-28");
    // 28 Feb 2026 is a Saturday but a make-up workday: no roll.
    expect(due("2026-01-31T10:00:00+08:00", "months", 1).dueDate).toBe("2026-02-28");
    // 15 Feb 2026 is in the Spring Festival: roll to Tue 24 Feb.
    const r = due("2026-01-15T10:00:00+08:00", "months", 1);
    expect(r.dueDate).toBe("2026-02-24");
    expect(r.skipped).toEqual([{ from: "2026-02-15", to: "2026-02-23", kind: "holiday", name: "春节" }]);
    expect(r.explanation).toContain("顺延至下一个工作日 2026年2月24日（周二）");
    // Major matters (1 month) received on 1 Sep 2025 end after National Day.
    expect(due("2025-09-01T10:00:00+08:00", "months", 1).dueDate).toBe("2025-10-09");
  });

  it("counts calendar days and rolls a period ending on a holiday or weekend", () => {
    expect(due("2025-09-23T10:00:00+08:00", "calendar_days", 8).dueDate).toBe("2025-10-09");
    const w = due("2025-10-15T10:00:00+08:00", "calendar_days", 3);
    expect(w.dueDate).toBe("2025-10-20");
    expect(w.weekendDaysSkipped).toBe(2);
    expect(due("2025-10-13T10:00:00+08:00", "calendar_days", 2).dueDate).toBe("2025-10-15");
  });

  it("uses the Beijing date of the event, not the UTC date", () => {
    // 23:30 Beijing on Fri 13 Feb 2026 (15:30 UTC): due the make-up Saturday.
    expect(due("2026-02-13T23:30:00+08:00", "working_days", 1).dueDate).toBe("2026-02-14");
    // 00:30 Beijing on Sat 14 Feb is still 13 Feb in UTC; 14 Feb is not counted, 15–23 are holidays.
    const r = due("2026-02-13T16:30:00Z", "working_days", 1);
    expect(r.startDate).toBe("2026-02-14");
    expect(r.dueDate).toBe("2026-02-24");
    // 07:00 Beijing on 9 Oct 2025 is 8 Oct (a holiday) in UTC.
    expect(due("2025-10-09T07:00:00+08:00", "working_days", 1).dueDate).toBe("2025-10-10");
  });

  it("answers a deadline reaching an unloaded year with a provisional, weekend-only date", () => {
    // Thu 31 Dec 2026: Fri 1 Jan (1), Mon 4 (2), Tue 5 (3) — 2027's notice is not loaded.
    const r = due("2026-12-31T15:00:00+08:00", "working_days", 3);
    expect(r.dueDate).toBe("2027-01-05");
    expect(r.provisional).toBe(true);
    expect(r.provisionalYears).toEqual([2027]);
    expect(r.explanation).toContain("2027 年节假日安排尚未导入，按周末推算，属临时期限");
    expect(due("2026-12-20T15:00:00+08:00", "calendar_days", 5).provisional).toBe(false);
    expect(due("2026-12-28T15:00:00+08:00", "calendar_days", 5)).toMatchObject({
      dueDate: "2027-01-04",
      provisional: true,
    });
    expect(due("2023-12-29T15:00:00+08:00", "working_days", 1)).toMatchObject({
      dueDate: "2024-01-02",
      provisional: true,
      provisionalYears: [2023],
    });
  });

  it("gives end of day in another zone with its own offset", () => {
    const r = computeDeadline(
      cal,
      new Date("2025-07-04T22:00:00Z"),
      { rule: "working_days", n: 1 },
      "Europe/Berlin",
    );
    expect(r.startDate).toBe("2025-07-05");
    expect(toOffsetIso(r.dueAt, "Europe/Berlin")).toBe("2025-07-07T23:59:59.999+02:00");
    expect(r.explanation).toContain("当地时间 Europe/Berlin");
  });
});

describe("bad input", () => {
  const at = new Date("2025-06-01T00:00:00+08:00");
  const bad = (spec: DeadlineSpec, path: string) => {
    expect(() => computeDeadline(cal, at, spec)).toThrow(expect.objectContaining({ path }));
  };
  it("rejects unknown rules and absurd N with the field path", () => {
    bad({ rule: "weeks" as DeadlineRule, n: 1 }, "rule");
    bad({ rule: "working_days", n: -1 }, "n");
    bad({ rule: "working_days", n: 0 }, "n");
    bad({ rule: "working_days", n: 3651 }, "n");
    bad({ rule: "working_days", n: 1.5 }, "n");
    bad({ rule: "working_days" }, "n");
    bad({ rule: "calendar_days", n: 99999 }, "n");
    bad({ rule: "months", n: 121 }, "n");
    bad({ rule: "same_day", n: 1 }, "n");
    expect(() => computeDeadline(cal, new Date("nope"), { rule: "same_day" })).toThrow(
      expect.objectContaining({ path: "start" }),
    );
    expect(() => computeDeadline(cal, at, { rule: "same_day" }, "Mars/Olympus")).toThrow(
      expect.objectContaining({ path: "timeZone" }),
    );
    expect(() => computeDeadline(cal, new Date("2150-01-01T00:00:00Z"), { rule: "same_day" })).toThrow(
      expect.objectContaining({ path: "start" }),
    );
  });
});

const ruleArb = fc.constantFrom<DeadlineRule>("working_days", "calendar_days", "months");
const nFor = (rule: DeadlineRule, n: number) => (rule === "months" ? 1 + (n % 120) : n);
/** Instants from 2023 to 2028: across loaded and unloaded years. */
const instantArb = fc.integer({
  min: Date.parse("2023-06-01T00:00:00Z"),
  max: Date.parse("2028-06-01T00:00:00Z"),
});

describe("properties", () => {
  it("never lands on a non-working day", () => {
    fc.assert(
      fc.property(instantArb, ruleArb, fc.integer({ min: 1, max: 400 }), (t, rule, n) => {
        const r = computeDue(cal, new Date(t), { rule, n: nFor(rule, n) }, TZ);
        expect(cal.isWorking(parseDate(r.dueDate))).toBe(true);
        expect(cal.isWorking(parseDate(computeDue(cal, new Date(t), { rule: "same_day" }, TZ).dueDate))).toBe(
          true,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("never gives an earlier deadline for more days", () => {
    fc.assert(
      fc.property(
        instantArb,
        ruleArb,
        fc.integer({ min: 1, max: 119 }),
        fc.integer({ min: 1, max: 300 }),
        (t, rule, a, k) => {
          const n1 = nFor(rule, a);
          const n2 = Math.min(rule === "months" ? 120 : 3650, n1 + k);
          const d1 = computeDue(cal, new Date(t), { rule, n: n1 }, TZ).dueAt.getTime();
          const d2 = computeDue(cal, new Date(t), { rule, n: n2 }, TZ).dueAt.getTime();
          expect(d2).toBeGreaterThanOrEqual(d1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("spans exactly N working days for working_days N", () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 800 }), (t, n) => {
        const r = computeDeadline(cal, new Date(t), { rule: "working_days", n }, TZ);
        const start = parseDate(r.startDate);
        const end = parseDate(r.dueDate);
        let count = 0;
        for (let d = start + 1; d <= end; d++) if (cal.isWorking(d)) count++;
        expect(count).toBe(n);
        expect(cal.isWorking(end)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("does not depend on the time of day within the event's local date", () => {
    fc.assert(
      fc.property(
        instantArb,
        fc.integer({ min: 0, max: MS_PER_DAY - 1 }),
        fc.integer({ min: 0, max: MS_PER_DAY - 1 }),
        ruleArb,
        fc.integer({ min: 1, max: 400 }),
        (t, a, b, rule, n) => {
          const midnight = startOfLocalDay(
            parseDate(formatDate(Math.floor((t + 8 * 3_600_000) / MS_PER_DAY))),
            TZ,
          );
          const spec = { rule, n: nFor(rule, n) };
          const x = computeDeadline(cal, new Date(midnight + a), spec, TZ);
          const y = computeDeadline(cal, new Date(midnight + b), spec, TZ);
          expect(y.dueAt.getTime()).toBe(x.dueAt.getTime());
          expect(y.explanation).toBe(x.explanation);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("rolls calendar_days and months forward only over non-working days", () => {
    fc.assert(
      fc.property(
        instantArb,
        fc.constantFrom<DeadlineRule>("calendar_days", "months"),
        fc.integer({ min: 1, max: 500 }),
        (t, rule, n) => {
          const spec = { rule, n: nFor(rule, n) };
          const r = computeDeadline(cal, new Date(t), spec, TZ);
          const start = parseDate(r.startDate);
          const target = rule === "months" ? addMonths(start, spec.n) : start + spec.n;
          const end = parseDate(r.dueDate);
          expect(end).toBeGreaterThanOrEqual(target);
          for (let d = target; d < end; d++) expect(cal.isWorking(d)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("is provisional exactly when a touched year is not loaded", () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 1, max: 300 }), (t, n) => {
        const r = computeDeadline(cal, new Date(t), { rule: "working_days", n }, TZ);
        const y1 = Number(formatDate(parseDate(r.startDate) + 1).slice(0, 4));
        const y2 = Number(r.dueDate.slice(0, 4));
        let expected = false;
        for (let y = y1; y <= y2; y++) if (!SHIPPED_YEARS.includes(y)) expected = true;
        expect(r.provisional).toBe(expected);
        expect(dueDay(cal, parseDate(r.startDate), { rule: "working_days", n }).provisional).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
