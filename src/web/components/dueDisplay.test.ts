import { describe, expect, it } from "vitest";
import { WorkCalendar } from "../../core/calendar.js";
import { parseDate } from "../../core/calendar-date.js";
import { dueDisplay, type KnownCalendar } from "./dueDisplay.js";

const TZ = "Asia/Shanghai";
const at = (iso: string) => new Date(iso);
// What GET /calendar/days answered around National Day 2025: 10/1–10/8 off, Sat 10/11 a make-up day.
const days = [
  { date: "2025-09-28", kind: "makeup_workday" as const, name: "国庆节" },
  ...["01", "02", "03", "04", "05", "06", "07", "08"].map((d) => ({
    date: `2025-10-${d}`,
    kind: "holiday" as const,
    name: "国庆节",
  })),
  { date: "2025-10-11", kind: "makeup_workday" as const, name: "国庆节" },
];
const known: KnownCalendar = {
  calendar: WorkCalendar.build(days, []),
  from: parseDate("2025-08-01"),
  to: parseDate("2025-12-31"),
};
const due = at("2025-10-09T23:59:59.999+08:00"); // end of Thu 10/9

describe("what the console shows beside a deadline", () => {
  it("counts working days with the center's calendar: one left across the holiday", () => {
    expect(dueDisplay(due, at("2025-09-30T10:00:00+08:00"), TZ, known)).toEqual({
      light: "green",
      text: "剩余 1 个工作日（10月9日 周四 24:00 截止）",
    });
    expect(dueDisplay(due, at("2025-10-09T20:40:00+08:00"), TZ, known)).toEqual({
      light: "yellow",
      text: "今日到期，剩余 3 小时 19 分",
    });
    expect(dueDisplay(due, at("2025-10-11T11:00:00+08:00"), TZ, known).text).toBe("已超期 2 个工作日");
  });

  it("shows the deadline instead of a count until the calendar is loaded, or outside it", () => {
    expect(dueDisplay(due, at("2025-09-30T10:00:00+08:00"), TZ, null)).toEqual({
      light: "green",
      text: "2025年10月9日 周四 24:00 截止",
    });
    const later = at("2026-02-10T23:59:59.999+08:00");
    expect(dueDisplay(later, at("2025-09-30T10:00:00+08:00"), TZ, known).text).toBe(
      "2026年2月10日 周二 24:00 截止",
    );
    expect(dueDisplay(due, at("2025-10-10T10:00:00+08:00"), TZ, null)).toEqual({
      light: "red",
      text: "已超期（2025年10月9日 周四 24:00 截止）",
    });
  });

  it("lets the server's light win: it knows the period's start and the 催办 thresholds", () => {
    const d = dueDisplay(due, at("2025-09-30T10:00:00+08:00"), TZ, known, "yellow");
    expect(d.light).toBe("yellow");
    expect(d.text).toBe("剩余 1 个工作日（10月9日 周四 24:00 截止）");
  });
});
