import { describe, expect, it } from "vitest";
import { countdownText, deadlineZh, dueDay, dueLabel, lightOf, workingDaysBetween } from "./dueCountdown.js";

const TZ = "Asia/Shanghai";
const at = (iso: string) => new Date(iso).getTime();
// National Day 2025: 10/1–10/8 off, Sat 9/28 and Sat 10/11 are make-up workdays.
const calendar = new Map<string, boolean>([
  ["2025-09-28", true],
  ...["01", "02", "03", "04", "05", "06", "07", "08"].map(
    (d) => [`2025-10-${d}`, false] as [string, boolean],
  ),
  ["2025-10-11", true],
]);
const isWorking = (d: string) => calendar.get(d);

describe("deadline countdown", () => {
  it("puts 24:00 on the day it ends, not the next one", () => {
    expect(dueDay(at("2025-10-09T16:00:00Z"), TZ)).toBe("2025-10-09"); // 10/10 00:00 local
    expect(dueLabel(at("2025-10-09T16:00:00Z"), TZ)).toBe("10月9日 周四 24:00");
    expect(dueLabel(at("2025-10-09T07:30:00Z"), TZ)).toBe("10月9日 周四 15:30");
    // 23:59:59.999 is written 24:00 too.
    expect(deadlineZh("2025-10-09T23:59:59.999+08:00", TZ)).toBe("2025年10月9日 周四 24:00");
  });

  it("counts working days across a holiday with the calendar, weekdays without it", () => {
    expect(workingDaysBetween("2025-09-30", "2025-10-09", isWorking)).toBe(1);
    expect(workingDaysBetween("2025-09-30", "2025-10-09", () => undefined)).toBe(7);
    expect(workingDaysBetween("2025-10-09", "2025-10-11", isWorking)).toBe(2); // Fri + make-up Sat
  });

  it("speaks of working days ahead, hours today, and overdue working days", () => {
    const due = at("2025-10-09T16:00:00Z"); // end of Thu 10/9
    expect(countdownText(due, at("2025-09-30T02:00:00Z"), TZ, isWorking)).toBe(
      "剩余 1 个工作日（10月9日 周四 24:00 截止）",
    );
    expect(countdownText(due, at("2025-10-09T12:40:00Z"), TZ, isWorking)).toBe("今日到期，剩余 3 小时 20 分");
    expect(countdownText(due, at("2025-10-09T17:00:00Z"), TZ, isWorking)).toBe("已超期 1 小时");
    expect(countdownText(due, at("2025-10-11T03:00:00Z"), TZ, isWorking)).toBe("已超期 2 个工作日");
  });

  it("lights red past the deadline, yellow on its day, green before", () => {
    const due = at("2025-10-09T16:00:00Z");
    expect(lightOf(due, at("2025-10-09T16:00:01Z"), TZ)).toBe("red");
    expect(lightOf(due, at("2025-10-09T01:00:00Z"), TZ)).toBe("yellow");
    expect(lightOf(due, at("2025-10-08T15:00:00Z"), TZ)).toBe("green");
    expect(lightOf(due, at("2025-10-09T13:00:00Z"), TZ)).toBe("yellow");
  });
});
