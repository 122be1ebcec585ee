import { describe, expect, it } from "vitest";
import { formatTrackingNo, makeQueryCode, TRACKING_NO_PATTERN, trackingDay } from "./tracking.js";

describe("tracking numbers", () => {
  it("are the local date plus a 4-digit daily sequence", () => {
    expect(formatTrackingNo("default", "20260302", 1)).toBe("202603020001");
    expect(formatTrackingNo("default", "20260302", 12345)).toBe("2026030212345");
  });

  it("carry the center code when the deployment hosts several centers", () => {
    expect(formatTrackingNo("sz-ft", "20260302", 7)).toBe("SZ-FT-202603020007");
    expect(TRACKING_NO_PATTERN.test("SZ-FT-202603020007")).toBe(true);
    expect(TRACKING_NO_PATTERN.test("202603020001")).toBe(true);
    expect(TRACKING_NO_PATTERN.test("2026-03-02")).toBe(false);
  });

  it("use the center's local day, not UTC", () => {
    // 2026-03-01 17:30 UTC is already 2026-03-02 01:30 in Beijing.
    expect(trackingDay(new Date("2026-03-01T17:30:00Z"), "Asia/Shanghai")).toBe("20260302");
    expect(trackingDay(new Date("2026-03-01T15:59:59Z"), "Asia/Shanghai")).toBe("20260301");
  });

  it("reject a malformed day or sequence", () => {
    expect(() => formatTrackingNo("default", "2026032", 1)).toThrow();
    expect(() => formatTrackingNo("default", "20260302", 0)).toThrow();
  });
});

describe("query codes", () => {
  it("are six digits with leading zeros", () => {
    expect(makeQueryCode(() => 42)).toBe("000042");
    expect(makeQueryCode((n) => n - 1)).toBe("999999");
  });
});
