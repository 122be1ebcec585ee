import { describe, expect, it } from "vitest";
import { deadlineText, formatDateTimeZh, formatDateZh } from "./time.js";

describe("Chinese date formatting", () => {
  it("writes dates the Chinese way with the weekday", () => {
    expect(formatDateZh("2026-10-10")).toBe("2026年10月10日 周六");
    expect(formatDateZh("2026-01-04", false)).toBe("2026年1月4日");
  });

  it("shows an instant in the center's zone, not the browser's", () => {
    // 2026-09-30 18:30 UTC is already 1 October 02:30 in Beijing.
    expect(formatDateTimeZh("2026-09-30T18:30:00Z")).toBe("2026年10月1日 02:30");
    expect(formatDateTimeZh(null)).toBe("—");
  });

  it("writes the end of the due day as 24:00 of that day", () => {
    // The server's dueAt is 23:59:59.999 local time on dueDate.
    expect(deadlineText("2025-10-13T15:59:59.999Z", "Asia/Shanghai")).toBe("2025年10月13日 周一 24:00");
    // Written as midnight of the next day it still reads 24:00 of the due day.
    expect(deadlineText("2025-10-13T16:00:00.000Z", "Asia/Shanghai")).toBe("2025年10月13日 周一 24:00");
    expect(deadlineText(null)).toBe("—");
    // A deadline that is not at the end of a day keeps its time.
    expect(deadlineText("2025-10-13T07:30:00Z", "Asia/Shanghai")).toBe("2025年10月13日 周一 15:30");
  });
});
