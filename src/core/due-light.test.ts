import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Light } from "../contracts/appeals.js";
import { localDay, toOffsetIso } from "./calendar-date.js";
import { computeDeadline } from "./deadline.js";
import {
  countdownSentenceZh,
  deadlineShortZh,
  deadlineZh,
  dueDayOf,
  dueSoonUntil,
  dueStatus,
  durationZh,
  lightAt,
  reminderAt,
  YELLOW_WITHIN_MS,
  yellowFrom,
} from "./due-light.js";
import { CHINA_TZ, shippedCalendar } from "./shipped-calendar.js";
import { DEFAULT_TIME_LIMIT_POLICY } from "./time-limits.js";

const cal = shippedCalendar();
const TZ = CHINA_TZ;
const policy = DEFAULT_TIME_LIMIT_POLICY.reminder;
const at = (s: string) => new Date(s);
const status = (now: string, dueAt: Date, extra: Partial<Parameters<typeof dueStatus>[0]> = {}) =>
  dueStatus({ now: at(now), dueAt, calendar: cal, timeZone: TZ, ...extra });
const RANK: Record<Light, number> = { green: 0, yellow: 1, red: 2 };

// National Day 2026: 1–7 Oct off, Sat 10 Oct a make-up working day. Due at the end of Fri 9 Oct.
const due = at("2026-10-09T23:59:59.999+08:00");

describe("the due light", () => {
  it("is green with time to spare, yellow all day on the due day, red once 24:00 has passed", () => {
    expect(status("2026-09-30T12:00:00+08:00", due).light).toBe("green");
    expect(status("2026-10-09T00:00:00+08:00", due).light).toBe("yellow");
    expect(status("2026-10-09T23:59:59.999+08:00", due).light).toBe("yellow");
    expect(status("2026-10-10T00:00:00+08:00", due).light).toBe("red");
  });

  it("lights an item due tonight yellow even when no 催办 threshold lies in its period", () => {
    // Dispatched this morning with a same-day limit and no reminder thresholds at all.
    const s = status("2026-03-02T10:00:00+08:00", at("2026-03-02T23:59:59.999+08:00"), {
      start: at("2026-03-02T09:00:00+08:00"),
      reminder: { workingDaysBefore: 0, fractionRemaining: 0 },
    });
    expect(s.light).toBe("yellow");
    expect(s.countdown).toBe("今日到期");
    expect(s.timeLeft).toBe("13 小时 59 分");
  });

  it("turns yellow at the 催办 instant, computed from the period or stored", () => {
    // A one-month major limit from 2 Mar is reminded on Fri 27 Mar (5 working days left).
    const start = at("2026-03-02T09:00:00+08:00");
    const monthDue = computeDeadline(cal, start, { rule: "months", n: 1 }, TZ).dueAt;
    const byPolicy = { start, reminder: policy };
    expect(status("2026-03-26T12:00:00+08:00", monthDue, byPolicy).light).toBe("green");
    expect(status("2026-03-27T00:00:00+08:00", monthDue, byPolicy).light).toBe("yellow");
    expect(status("2026-03-27T08:00:00+08:00", monthDue, byPolicy).countdown).toBe("剩余 4 个工作日");
    // The stored timer wins over start + policy; null means "no 催办" and leaves the due-day rule.
    const stored = at("2026-03-20T00:00:00+08:00");
    expect(status("2026-03-20T08:00:00+08:00", monthDue, { ...byPolicy, remindAt: stored }).light).toBe(
      "yellow",
    );
    expect(status("2026-03-27T08:00:00+08:00", monthDue, { ...byPolicy, remindAt: null }).light).toBe(
      "green",
    );
  });

  it("turns yellow 4 hours before a deadline that does not end at midnight", () => {
    const noon = at("2026-03-03T12:00:00+08:00");
    expect(status("2026-03-02T20:00:00+08:00", noon).light).toBe("green");
    expect(status("2026-03-03T08:00:00+08:00", noon).light).toBe("yellow"); // due day anyway
    const early = at("2026-03-03T02:00:00+08:00");
    expect(status("2026-03-02T21:59:00+08:00", early).light).toBe("green");
    expect(status("2026-03-02T22:00:00+08:00", early).light).toBe("yellow");
    expect(yellowFrom(early, TZ).getTime()).toBe(early.getTime() - YELLOW_WITHIN_MS);
  });

  it("reads 24:00 written as next-day 00:00 as the end of the day before", () => {
    const midnight = at("2026-10-10T00:00:00+08:00");
    expect(dueDayOf(midnight, TZ)).toBe(dueDayOf(due, TZ));
    expect(status("2026-10-09T09:00:00+08:00", midnight).countdown).toBe("今日到期");
    expect(deadlineZh(midnight, TZ)).toBe("2026年10月9日 周五 24:00");
  });

  it("needs no calendar for the light alone", () => {
    expect(lightAt(at("2026-10-09T09:00:00+08:00"), due, TZ)).toBe("yellow");
    expect(lightAt(at("2026-10-08T09:00:00+08:00"), due, TZ, at("2026-10-08T00:00:00+08:00"))).toBe("yellow");
  });
});

describe("the countdown", () => {
  it("counts working days left and late on the center's calendar, skipping the holiday", () => {
    expect(status("2026-09-30T12:00:00+08:00", due).countdown).toBe("剩余 2 个工作日");
    expect(status("2026-10-03T12:00:00+08:00", due).countdown).toBe("剩余 2 个工作日");
    expect(status("2026-10-08T12:00:00+08:00", due).countdown).toBe("剩余 1 个工作日");
    expect(status("2026-10-09T12:00:00+08:00", due).countdown).toBe("今日到期");
    // Sat 10 Oct is a make-up working day: one working day late; Sunday adds none.
    expect(status("2026-10-10T12:00:00+08:00", due).countdown).toBe("已超期 1 个工作日");
    expect(status("2026-10-11T12:00:00+08:00", due).countdown).toBe("已超期 1 个工作日");
    expect(status("2026-10-12T12:00:00+08:00", due).workingDays).toBe(2);
  });

  it("says 已超期 alone when only rest days have passed, and 不足 1 个工作日 before a rest-day deadline", () => {
    const friday = at("2026-03-06T23:59:59.999+08:00");
    expect(status("2026-03-07T10:00:00+08:00", friday).countdown).toBe("已超期");
    const sunday = at("2026-03-08T23:59:59.999+08:00"); // a calendar-day limit may end on a rest day
    expect(status("2026-03-07T10:00:00+08:00", sunday).countdown).toBe("剩余不足 1 个工作日");
  });

  it("is a sentence beside the light: hours on the due day, the date ahead of it", () => {
    const s = (now: string) => countdownSentenceZh(status(now, due), due, TZ);
    expect(s("2026-09-30T10:00:00+08:00")).toBe("剩余 2 个工作日（10月9日 周五 24:00 截止）");
    expect(countdownSentenceZh(status("2026-09-30T10:00:00+08:00", due), due, TZ, false)).toBe(
      "剩余 2 个工作日",
    );
    expect(s("2026-10-09T20:40:00+08:00")).toBe("今日到期，剩余 3 小时 19 分");
    expect(s("2026-10-12T09:00:00+08:00")).toBe("已超期 2 个工作日");
  });

  it("writes deadlines and durations the Chinese way", () => {
    expect(deadlineZh(due, TZ)).toBe("2026年10月9日 周五 24:00");
    expect(deadlineShortZh(at("2026-10-09T15:30:00+08:00"), TZ)).toBe("10月9日 周五 15:30");
    expect(durationZh(30_000)).toBe("1 分钟");
    expect(durationZh(3 * 3_600_000)).toBe("3 小时");
    expect(durationZh(200 * 60_000)).toBe("3 小时 20 分");
  });
});

// The three rules this one replaces, as they were written, to check it is their union.
function oldInboxLight(now: Date, dueAt: Date): Light {
  const t = now.getTime();
  const d = dueAt.getTime();
  if (d < t) return "red";
  if (d - t <= YELLOW_WITHIN_MS || localDay(d, TZ) <= localDay(t, TZ)) return "yellow";
  return "green";
}
function oldBoardLight(now: Date, dueAt: Date, remindAt: Date | null): Light {
  if (now.getTime() > dueAt.getTime()) return "red";
  if (remindAt && now.getTime() >= remindAt.getTime()) return "yellow";
  return "green";
}
function oldCountdown(now: Date, dueAt: Date): string {
  const today = localDay(now.getTime(), TZ);
  const dueDay = localDay(dueAt.getTime(), TZ);
  if (now.getTime() <= dueAt.getTime()) {
    if (dueDay <= today) return "今日到期";
    const n = cal.workingDaysBetween(today, dueDay);
    return n === 0 ? "剩余不足 1 个工作日" : `剩余 ${n} 个工作日`;
  }
  const late = cal.workingDaysBetween(dueDay, today);
  return late === 0 ? "已超期" : `已超期 ${late} 个工作日`;
}

describe("properties over real deadlines of 2026–2027", () => {
  const base = at("2026-01-01T00:00:00+08:00").getTime();
  const MIN = 60_000;
  const specs = fc.constantFrom(
    { rule: "same_day" as const, n: 0 },
    { rule: "working_days" as const, n: 1 },
    { rule: "working_days" as const, n: 3 },
    { rule: "working_days" as const, n: 7 },
    { rule: "calendar_days" as const, n: 10 },
    { rule: "months" as const, n: 1 },
  );
  /** A period started at a random minute of 2026, its deadline, and two instants around it. */
  const item = fc
    .record({
      startMin: fc.integer({ min: 0, max: 360 * 24 * 60 }),
      spec: specs,
      a: fc.integer({ min: -20 * 24 * 60, max: 60 * 24 * 60 }),
      b: fc.integer({ min: -20 * 24 * 60, max: 60 * 24 * 60 }),
    })
    .map(({ startMin, spec, a, b }) => {
      const start = new Date(base + startMin * MIN);
      const dueAt = computeDeadline(cal, start, spec, TZ).dueAt;
      const t1 = new Date(start.getTime() + Math.min(a, b) * MIN);
      const t2 = new Date(start.getTime() + Math.max(a, b) * MIN);
      return { start, dueAt, t1, t2 };
    });
  const input = (now: Date, x: { start: Date; dueAt: Date }) => ({
    now,
    dueAt: x.dueAt,
    calendar: cal,
    timeZone: TZ,
    start: x.start,
    reminder: policy,
  });

  it("only ever moves green → yellow → red as time passes", () => {
    fc.assert(
      fc.property(item, (x) => {
        expect(RANK[dueStatus(input(x.t1, x)).light]).toBeLessThanOrEqual(
          RANK[dueStatus(input(x.t2, x)).light],
        );
      }),
      { numRuns: 400 },
    );
  });

  it("is red iff the deadline has passed, and the countdown says so iff red", () => {
    fc.assert(
      fc.property(item, (x) => {
        const s = dueStatus(input(x.t1, x));
        expect(s.light === "red").toBe(x.t1.getTime() > x.dueAt.getTime());
        expect(s.overdue).toBe(s.light === "red");
        expect(s.countdown.startsWith("已超期")).toBe(s.light === "red");
      }),
      { numRuns: 400 },
    );
  });

  it("is never green on the due day", () => {
    fc.assert(
      fc.property(item, (x) => {
        const s = dueStatus(input(x.t1, x));
        if (!s.overdue && localDay(x.t1.getTime(), TZ) === dueDayOf(x.dueAt, TZ)) {
          expect(s.light).toBe("yellow");
          expect(s.countdown).toBe("今日到期");
          expect(s.timeLeft).not.toBeNull();
        }
      }),
      { numRuns: 400 },
    );
  });

  it("is the union of the old inbox rule and the old board rule (never greener than either)", () => {
    fc.assert(
      fc.property(item, (x) => {
        const remindAt = reminderAt(x.start, x.dueAt, policy, cal, TZ);
        const old = Math.max(
          RANK[oldInboxLight(x.t1, x.dueAt)],
          RANK[oldBoardLight(x.t1, x.dueAt, remindAt)],
        );
        expect(RANK[dueStatus(input(x.t1, x)).light]).toBe(old);
      }),
      { numRuns: 400 },
    );
  });

  it("keeps the board's countdown wording for every deadline the server stores (end of a day)", () => {
    fc.assert(
      fc.property(item, (x) => {
        expect(toOffsetIso(x.dueAt, TZ).endsWith("T23:59:59.999+08:00")).toBe(true);
        expect(dueStatus(input(x.t1, x)).countdown).toBe(oldCountdown(x.t1, x.dueAt));
      }),
      { numRuns: 400 },
    );
  });

  it("counts fewer working days left as time passes, more late", () => {
    fc.assert(
      fc.property(item, (x) => {
        const s1 = dueStatus(input(x.t1, x));
        const s2 = dueStatus(input(x.t2, x));
        if (!s1.overdue && !s2.overdue) expect(s2.workingDays).toBeLessThanOrEqual(s1.workingDays);
        if (s1.overdue && s2.overdue) expect(s2.workingDays).toBeGreaterThanOrEqual(s1.workingDays);
      }),
      { numRuns: 400 },
    );
  });

  it("dueSoonUntil splits yellow from green the way lightAt does (the board's SQL can use it)", () => {
    fc.assert(
      fc.property(item, fc.boolean(), (x, withRemind) => {
        const remindAt = withRemind ? reminderAt(x.start, x.dueAt, policy, cal, TZ) : null;
        const now = x.t1;
        if (now.getTime() > x.dueAt.getTime()) return;
        const bySql =
          (remindAt !== null && remindAt.getTime() <= now.getTime()) ||
          x.dueAt.getTime() <= dueSoonUntil(now, TZ).getTime();
        expect(bySql ? "yellow" : "green").toBe(lightAt(now, x.dueAt, TZ, remindAt));
      }),
      { numRuns: 400 },
    );
  });

  it("gives the light without a calendar exactly as with one when no 催办 is involved", () => {
    fc.assert(
      fc.property(item, (x) => {
        const s = dueStatus({ now: x.t1, dueAt: x.dueAt, calendar: cal, timeZone: TZ });
        expect(lightAt(x.t1, x.dueAt, TZ)).toBe(s.light);
      }),
      { numRuns: 400 },
    );
  });
});
