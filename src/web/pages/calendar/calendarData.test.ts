import { describe, expect, it } from "vitest";
import type { CalendarDay } from "../../api/types.js";
import { describeDates, fallbackKind, holidayGroups } from "./calendarData.js";

const d = (date: string, kind: CalendarDay["kind"], name?: string): CalendarDay => ({
  date,
  kind,
  working: kind === "workday" || kind === "makeup_workday",
  ...(name ? { name } : {}),
});

describe("calendar page helpers", () => {
  it("reads a run of holidays as a range and separate days as a list", () => {
    const national = [
      "2026-10-01",
      "2026-10-02",
      "2026-10-03",
      "2026-10-04",
      "2026-10-05",
      "2026-10-06",
      "2026-10-07",
    ];
    expect(describeDates(national)).toBe("10月1日至10月7日");
    expect(describeDates(["2026-10-10", "2026-09-20"], true)).toBe("9月20日（周日）、10月10日（周六）");
  });

  it("groups the year's holidays and make-up days by festival, in date order", () => {
    const groups = holidayGroups([
      d("2026-10-10", "makeup_workday", "国庆节"),
      d("2026-01-01", "holiday", "元旦"),
      d("2026-10-01", "holiday", "国庆节"),
      d("2026-10-02", "holiday", "国庆节"),
      d("2026-01-04", "makeup_workday", "元旦"),
      d("2026-03-02", "workday"),
      d("2026-03-07", "weekend"),
    ]);
    expect(groups.map((g) => g.name)).toEqual(["元旦", "国庆节"]);
    expect(groups[1]).toEqual({
      name: "国庆节",
      holidays: ["2026-10-01", "2026-10-02"],
      makeups: ["2026-10-10"],
    });
  });

  it("falls back to Monday–Friday work while the server has not answered", () => {
    expect(fallbackKind("2026-10-10")).toBe("weekend");
    expect(fallbackKind("2026-10-12")).toBe("workday");
  });
});
