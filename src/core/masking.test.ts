import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canReceiveSms, maskName, maskPhone, phoneDigits } from "./masking.js";

describe("phone masking", () => {
  it("masks a mobile number as 138****5678", () => {
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone(" 13812345678 ")).toBe("138****5678");
  });

  it("keeps the area code of a landline", () => {
    expect(maskPhone("010-12345678")).toBe("010-****5678");
    expect(maskPhone("01012345678")).toBe("010-****5678");
    expect(maskPhone("0755-8765432")).toBe("0755-****5432");
    expect(maskPhone("07558765432")).toBe("0755-****5432");
    expect(maskPhone("021-12345678-801")).toBe("021-****5678");
  });

  it("never shows more than the last four digits of the subscriber number", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (m) => {
        const masked = maskPhone(m);
        expect(masked).toHaveLength(11);
        expect(masked.slice(3, 7)).toBe("****");
        expect(masked.slice(-4)).toBe(m.slice(-4));
      }),
    );
  });

  it("normalises to digits", () => {
    expect(phoneDigits("010-1234 5678")).toBe("01012345678");
  });

  it("masks odd inputs without leaking them", () => {
    expect(maskPhone("12")).toBe("****");
    expect(maskPhone("95588123")).toBe("****8123");
  });
});

describe("which numbers receive SMS", () => {
  it("mobiles do (with or without +86), landlines and short numbers do not", () => {
    for (const p of ["13812345678", "138-1234-5678", "+86 138 1234 5678", "008613812345678"]) {
      expect(canReceiveSms(p), p).toBe(true);
    }
    for (const p of ["010-12345678", "0571-88881234", "88881234", "12345", "12812345678", "1381234567"]) {
      expect(canReceiveSms(p), p).toBe(false);
    }
  });
});

describe("name masking", () => {
  it("keeps the family name", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳娜娜")).toBe("欧***");
    expect(maskName("李")).toBe("*");
  });
});
