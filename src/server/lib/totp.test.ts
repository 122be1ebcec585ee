import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUrl, totpAt, totpStep } from "./totp.js";

const rfcKey = Buffer.from("12345678901234567890", "ascii");

describe("TOTP (RFC 6238)", () => {
  it("matches the SHA-1 test vectors of RFC 6238 appendix B (8 digits) and their 6-digit truncation", () => {
    const vectors: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [t, code] of vectors) {
      expect(totpAt(rfcKey, t, 8)).toBe(code);
      expect(totpAt(rfcKey, t)).toBe(code.slice(2));
    }
  });

  it("matches the HOTP vectors of RFC 4226 appendix D", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583"];
    for (const [i, code] of expected.entries()) expect(hotp(rfcKey, i)).toBe(code);
  });

  it("base32 round-trips and decodes the RFC key", () => {
    expect(base32Encode(rfcKey)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").equals(rfcKey)).toBe(true);
    expect(() => base32Decode("ABC1")).toThrow();
  });

  it("accepts one step of drift either way, nothing further, and never a step already used", () => {
    const now = new Date(1111111111_000);
    const step = totpStep(now);
    expect(matchTotp(rfcKey, hotp(rfcKey, step), now, null)).toBe(step);
    expect(matchTotp(rfcKey, hotp(rfcKey, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(rfcKey, hotp(rfcKey, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(rfcKey, hotp(rfcKey, step - 2), now, null)).toBeNull();
    expect(matchTotp(rfcKey, hotp(rfcKey, step + 2), now, null)).toBeNull();
    // Replay: the step was used, so its code (and older ones) no longer sign in.
    expect(matchTotp(rfcKey, hotp(rfcKey, step), now, step)).toBeNull();
    expect(matchTotp(rfcKey, hotp(rfcKey, step - 1), now, step)).toBeNull();
    expect(matchTotp(rfcKey, hotp(rfcKey, step + 1), now, step)).toBe(step + 1);
    expect(matchTotp(rfcKey, "12345", now, null)).toBeNull();
    expect(matchTotp(rfcKey, "abcdef", now, null)).toBeNull();
  });

  it("builds an otpauth key URI", () => {
    const url = new URL(otpauthUrl("有诉即办", "admin", "ABC"));
    expect(url.protocol).toBe("otpauth:");
    expect(url.searchParams.get("secret")).toBe("ABC");
    expect(url.searchParams.get("digits")).toBe("6");
    expect(decodeURIComponent(url.pathname)).toContain("有诉即办:admin");
  });
});
