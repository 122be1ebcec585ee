import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localDay, toOffsetIso } from "./calendar-date.js";
import { computeDeadline } from "./deadline.js";
import { lightAt } from "./due-light.js";
import { CHINA_TZ, shippedCalendar } from "./shipped-calendar.js";
import { countdownZh, nthWorkingDayBefore, reminderAt } from "./supervision.js";
import { DEFAULT_TIME_LIMIT_POLICY } from "./time-limits.js";

const cal = shippedCalendar();
const TZ = CHINA_TZ;
const policy = DEFAULT_TIME_LIMIT_POLICY.reminder;
const at = (s: string) => new Date(s);
const iso = (d: Date | null) => (d ? toOffsetIso(d, TZ) : null);

describe("reminderAt (催办 threshold) on the real 2026 calendar", () => {
  it("a general order over National Day 2026 is reminded on the morning of its last working day, not in the holiday", () => {
    // Tue 29 Sep dispatch; 30 Sep (1), 1–7 Oct holiday, Thu 8 Oct (2), Fri 9 Oct (3).
    const start = at("2026-09-29T10:00:00+08:00");
    const due = computeDeadline(cal, start, { rule: "working_days", n: 3 }, TZ).dueAt;
    expect(iso(due)).toBe("2026-10-09T23:59:59.999+08:00");
    // 20% of the calendar time would fall on 7 Oct, a holiday; counted in working days it is 9 Oct.
    expect(iso(reminderAt(start, due, policy, cal, TZ))).toBe("2026-10-09T00:00:00.000+08:00");
  });

  it("a one-month major limit is reminded when 20% of its working days remain", () => {
    const start = at("2026-03-02T09:00:00+08:00");
    const due = computeDeadline(cal, start, { rule: "months", n: 1 }, TZ).dueAt;
    expect(iso(due)).toBe("2026-04-02T23:59:59.999+08:00");
    // 23 working days in (2 Mar, 2 Apr]; ceil(0.2 × 23) = 5: the 5th working day before 2 Apr is
    // Thu 26 Mar, so fewer than 5 remain from Fri 27 Mar.
    expect(iso(reminderAt(start, due, policy, cal, TZ))).toBe("2026-03-27T00:00:00.000+08:00");
  });

  it("a same-day limit uses the fraction of clock time; no thresholds → no reminder", () => {
    const start = at("2026-03-02T10:00:00+08:00");
    const due = at("2026-03-02T23:59:59.999+08:00");
    const r = reminderAt(start, due, policy, cal, TZ);
    expect(r && r > start && r < due).toBe(true);
    expect(reminderAt(start, due, { workingDaysBefore: 0, fractionRemaining: 0 }, cal, TZ)).toBeNull();
  });

  it("a first response due the next working day after a Friday is reminded on Monday morning", () => {
    const start = at("2026-03-06T16:00:00+08:00"); // Friday
    const due = computeDeadline(cal, start, { rule: "working_days", n: 1 }, TZ).dueAt; // Mon 9 Mar
    expect(iso(reminderAt(start, due, policy, cal, TZ))).toBe("2026-03-09T00:00:00.000+08:00");
  });

  it("property: the reminder lies strictly inside the period and at the start of a working day", () => {
    const base = at("2026-01-01T00:00:00+08:00").getTime();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 330 * 24 * 60 }),
        fc.constantFrom(
          { rule: "working_days" as const, n: 1 },
          { rule: "working_days" as const, n: 3 },
          { rule: "working_days" as const, n: 7 },
          { rule: "months" as const, n: 1 },
          { rule: "calendar_days" as const, n: 10 },
        ),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 100 }),
        (minute, spec, wd, pct) => {
          const start = new Date(base + minute * 60_000);
          const due = computeDeadline(cal, start, spec, TZ).dueAt;
          const r = reminderAt(start, due, { workingDaysBefore: wd, fractionRemaining: pct / 100 }, cal, TZ);
          if (r === null) return true;
          if (!(r > start && r < due)) return false;
          const local = toOffsetIso(r, TZ);
          return local.endsWith("T00:00:00.000+08:00") && cal.isWorking(localDay(r.getTime(), TZ));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("lights and countdown", () => {
  const due = at("2026-10-09T23:59:59.999+08:00");
  const remind = at("2026-10-09T00:00:00+08:00");
  it("green before the threshold, yellow after it, red past due (the one rule of due-light.ts)", () => {
    expect(lightAt(at("2026-09-30T12:00:00+08:00"), due, TZ, remind)).toBe("green");
    expect(lightAt(at("2026-10-09T08:00:00+08:00"), due, TZ, remind)).toBe("yellow");
    expect(lightAt(at("2026-10-10T08:00:00+08:00"), due, TZ, remind)).toBe("red");
  });
  it("counts working days left and late, skipping the holiday", () => {
    expect(countdownZh(at("2026-09-30T12:00:00+08:00"), due, cal, TZ)).toBe("剩余 2 个工作日");
    expect(countdownZh(at("2026-10-09T12:00:00+08:00"), due, cal, TZ)).toBe("今日到期");
    // Sat 10 Oct is a make-up working day: one working day late.
    expect(countdownZh(at("2026-10-10T12:00:00+08:00"), due, cal, TZ)).toBe("已超期 1 个工作日");
    expect(countdownZh(at("2026-10-11T12:00:00+08:00"), due, cal, TZ)).toBe("已超期 1 个工作日");
  });
  it("nthWorkingDayBefore skips the National Day holiday", () => {
    const d = localDay(at("2026-10-08T12:00:00+08:00").getTime(), TZ);
    expect(nthWorkingDayBefore(cal, d, 1)).toBe(localDay(at("2026-09-30T12:00:00+08:00").getTime(), TZ));
  });
});
