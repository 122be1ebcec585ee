import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeadlineSpec } from "../contracts/calendar.js";
import { timeLimitPolicySchema } from "../contracts/calendar.js";
import { WorkCalendar } from "./calendar.js";
import { formatDate, parseDate, toOffsetIso } from "./calendar-date.js";
import { computeDeadline } from "./deadline.js";
import { SHIPPED_NOTICES, SHIPPED_YEARS } from "./holidays-cn.js";
import {
  ceilingProblems,
  DEFAULT_TIME_LIMIT_POLICY,
  limitForComplexity,
  neverLaterThan,
  reconcileProvisional,
} from "./time-limits.js";

const TZ = "Asia/Shanghai";
const shippedDays = SHIPPED_NOTICES.flatMap((n) => n.days);
const before = WorkCalendar.build(shippedDays, SHIPPED_YEARS);
/** A hypothetical 2027 notice (test data, not a real one). */
const notice2027 = [
  { date: "2027-01-01", kind: "holiday" as const, name: "元旦" },
  { date: "2027-02-06", kind: "makeup_workday" as const, name: "春节" },
  { date: "2027-02-12", kind: "holiday" as const, name: "春节" },
];
const after = WorkCalendar.build([...shippedDays, ...notice2027], [...SHIPPED_YEARS, 2027]);

describe("time-limit policy", () => {
  it("defaults to the standard's limits in its own words and validates against the shared contract", () => {
    expect(DEFAULT_TIME_LIMIT_POLICY).toMatchObject({
      firstResponse: { rule: "working_days", n: 1 },
      review: { rule: "working_days", n: 1 },
      simpleOffsite: { rule: "working_days", n: 1 },
      simple: { rule: "same_day" },
      general: { rule: "calendar_days", n: 3 },
      multiDepartment: { rule: "calendar_days", n: 7 },
      major: { rule: "months", n: 1 },
      closeout: { rule: "working_days", n: 1 },
      reminder: { workingDaysBefore: 1, fractionRemaining: 0.2 },
      supervisionDeadline: { rule: "working_days", n: 2 },
    });
    expect(timeLimitPolicySchema.parse(DEFAULT_TIME_LIMIT_POLICY)).toEqual(DEFAULT_TIME_LIMIT_POLICY);
    expect(limitForComplexity(DEFAULT_TIME_LIMIT_POLICY, "multi_department")).toEqual({
      rule: "calendar_days",
      n: 7,
    });
    // A simple matter: 研究部署 the same day (policy.simple), the reply within the general limit.
    expect(limitForComplexity(DEFAULT_TIME_LIMIT_POLICY, "simple")).toEqual({ rule: "calendar_days", n: 3 });
    expect(ceilingProblems(DEFAULT_TIME_LIMIT_POLICY)).toEqual([]);
  });

  it("general from Friday 2026-11-06 is due Monday 11-09; from 2026-09-30 it is due 10-08 after National Day", () => {
    const general = DEFAULT_TIME_LIMIT_POLICY.general;
    expect(computeDeadline(before, new Date("2026-11-06T10:00:00+08:00"), general, TZ).dueDate).toBe(
      "2026-11-09",
    );
    // 10-03 is a holiday; the period ends at the end of the next working day, Thu 10-08 (1–7 Oct holiday).
    expect(computeDeadline(before, new Date("2026-09-30T10:00:00+08:00"), general, TZ).dueDate).toBe(
      "2026-10-08",
    );
  });

  it("refuses a policy looser than the standard, naming the field and the clause", () => {
    const loose = {
      ...DEFAULT_TIME_LIMIT_POLICY,
      firstResponse: { rule: "working_days" as const, n: 10 },
      general: { rule: "working_days" as const, n: 3 },
      major: { rule: "months" as const, n: 2 },
    };
    const problems = ceilingProblems(loose);
    expect(problems.map((p) => p.path)).toEqual(["policy.firstResponse", "policy.general", "policy.major"]);
    expect(problems[0]!.message).toContain("1个工作日内主动回应");
    expect(problems[1]!.message).toContain("3天内办结答复");
    // Tighter is always allowed.
    expect(
      ceilingProblems({
        ...DEFAULT_TIME_LIMIT_POLICY,
        general: { rule: "calendar_days", n: 2 },
        multiDepartment: { rule: "working_days", n: 1 },
        major: { rule: "calendar_days", n: 20 },
      }),
    ).toEqual([]);
  });

  it("neverLaterThan is sound: whenever it holds, the first limit is never later, over 2024–2026", () => {
    const spec = fc.oneof(
      fc.constant<DeadlineSpec>({ rule: "same_day", n: 0 }),
      fc.integer({ min: 1, max: 12 }).map((n): DeadlineSpec => ({ rule: "working_days", n })),
      fc.integer({ min: 1, max: 40 }).map((n): DeadlineSpec => ({ rule: "calendar_days", n })),
      fc.integer({ min: 1, max: 3 }).map((n): DeadlineSpec => ({ rule: "months", n })),
    );
    const instant = fc
      .integer({ min: Date.parse("2024-01-01T00:00:00+08:00"), max: Date.parse("2026-10-31T00:00:00+08:00") })
      .map((t) => new Date(t));
    fc.assert(
      fc.property(spec, spec, instant, (a, b, at) => {
        fc.pre(neverLaterThan(a, b));
        const da = computeDeadline(before, at, a, TZ).dueAt.getTime();
        const db = computeDeadline(before, at, b, TZ).dueAt.getTime();
        expect(da).toBeLessThanOrEqual(db);
      }),
      { numRuns: 3000 },
    );
  });

  it("rejects a policy with an absurd limit, naming the field", () => {
    const r = timeLimitPolicySchema.safeParse({
      ...DEFAULT_TIME_LIMIT_POLICY,
      general: { rule: "working_days", n: 0 },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["general", "n"]);
    const s = timeLimitPolicySchema.safeParse({
      ...DEFAULT_TIME_LIMIT_POLICY,
      simple: { rule: "same_day", n: 2 },
    });
    expect(s.error?.issues[0]?.path).toEqual(["simple", "n"]);
  });
});

describe("reconcileProvisional (ADR 0005)", () => {
  const recompute = (start: string, n: number) => {
    const old = computeDeadline(before, new Date(start), { rule: "working_days", n }, TZ);
    const fresh = computeDeadline(after, new Date(start), { rule: "working_days", n }, TZ);
    return { old, fresh, r: reconcileProvisional(old, fresh, after, TZ) };
  };

  it("adopts a later recomputed deadline and clears the provisional flag", () => {
    // Thu 31 Dec 2026 + 1: weekend-only gives Fri 1 Jan; 2027's notice makes it a holiday → Mon 4 Jan.
    const { old, fresh, r } = recompute("2026-12-31T10:00:00+08:00", 1);
    expect([old.dueDate, old.provisional]).toEqual(["2027-01-01", true]);
    expect(fresh.dueDate).toBe("2027-01-04");
    expect(r).toMatchObject({ dueDate: "2027-01-04", kept: "recomputed", changed: true, provisional: false });
    expect(r.note).toContain("2027年1月4日");
  });

  it("keeps the old deadline when the recomputation is earlier, never shortening it", () => {
    // Fri 5 Feb 2027 + 4: weekend-only → Thu 11 Feb; with the Sat 6 Feb make-up day → Wed 10 Feb.
    const { old, fresh, r } = recompute("2027-02-05T10:00:00+08:00", 4);
    expect(old.dueDate).toBe("2027-02-11");
    expect(fresh.dueDate).toBe("2027-02-10");
    expect(r).toMatchObject({ dueDate: "2027-02-11", kept: "old", changed: false, provisional: false });
    expect(r.dueAt).toEqual(old.dueAt);
  });

  it("rolls a kept old deadline that is now a holiday forward to a working day", () => {
    // Fri 5 Feb 2027 + 5: weekend-only → Fri 12 Feb (now a holiday); recomputed → Thu 11 Feb.
    const { old, fresh, r } = recompute("2027-02-05T10:00:00+08:00", 5);
    expect([old.dueDate, fresh.dueDate]).toEqual(["2027-02-12", "2027-02-11"]);
    expect(r).toMatchObject({ dueDate: "2027-02-15", kept: "old", changed: true });
    expect(toOffsetIso(r.dueAt, TZ)).toBe("2027-02-15T23:59:59.999+08:00");
    expect(r.note).toContain("顺延");
  });

  it("stays provisional when the period still reaches another unloaded year", () => {
    const { r } = recompute("2027-12-20T10:00:00+08:00", 20);
    expect(r.provisional).toBe(true);
  });

  it("never returns a deadline earlier than the old one or on a non-working day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: parseDate("2026-10-01"), max: parseDate("2027-12-31") }),
        fc.integer({ min: 1, max: 60 }),
        (day, n) => {
          const start = new Date(`${formatDate(day)}T10:00:00+08:00`);
          const old = computeDeadline(before, start, { rule: "working_days", n }, TZ);
          const fresh = computeDeadline(after, start, { rule: "working_days", n }, TZ);
          const r = reconcileProvisional(old, fresh, after, TZ);
          expect(r.dueAt.getTime()).toBeGreaterThanOrEqual(old.dueAt.getTime());
          expect(r.dueAt.getTime()).toBeGreaterThanOrEqual(fresh.dueAt.getTime());
          expect(after.isWorking(parseDate(r.dueDate))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
