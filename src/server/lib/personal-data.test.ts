import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseKeyList } from "./data-keys.js";
import { DataKeyError, Keyring, keyIdOf, parseCipher, resealValue } from "./personal-data.js";

const ringOf = (...keys: Buffer[]) => Keyring.fromSecrets(keys);

describe("personal-data encryption (AES-256-GCM)", () => {
  const a = randomBytes(32);
  const b = randomBytes(32);

  it("round-trips any text, with a fresh IV per value and the key id in the value", () => {
    const ring = ringOf(a);
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        const c1 = ring.encrypt(s, "appeals.phone");
        const c2 = ring.encrypt(s, "appeals.phone");
        expect(c1).not.toBe(c2);
        expect(keyIdOf(c1)).toBe(ring.current.id);
        expect(ring.decrypt(c1, "appeals.phone")).toBe(s);
      }),
      { numRuns: 200 },
    );
    // 12-byte IV + 16-byte tag around the UTF-8 body.
    const raw = Buffer.from(parseCipher(ring.encrypt("13812345678", "f"))!.payload, "base64url");
    expect(raw.length).toBe(12 + 11 + 16);
  });

  it("refuses a value moved to another column, a tampered value, an unknown key and plaintext", () => {
    const ring = ringOf(a);
    const c = ring.encrypt("张三", "appeals.requester_name");
    expect(() => ring.decrypt(c, "appeals.address")).toThrow(DataKeyError);
    const p = parseCipher(c)!;
    const raw = Buffer.from(p.payload, "base64url");
    raw[14]! ^= 1;
    expect(() =>
      ring.decrypt(`pd1:${p.keyId}:${raw.toString("base64url")}`, "appeals.requester_name"),
    ).toThrow(/校验失败/);
    expect(() => ringOf(b).decrypt(c, "appeals.requester_name")).toThrow(/没有这个密钥/);
    expect(() => ring.decrypt("张三", "appeals.requester_name")).toThrow(/不是密文/);
  });

  it("reads values of every key in the ring and encrypts with the first; resealing moves them to it", () => {
    const old = ringOf(a);
    const rotated = ringOf(b, a);
    const c = old.encrypt("13812345678", "appeals.phone");
    expect(rotated.decrypt(c, "appeals.phone")).toBe("13812345678");
    expect(rotated.isCurrent(c)).toBe(false);
    const moved = resealValue(rotated, c, "appeals.phone", false);
    expect(keyIdOf(moved)).toBe(rotated.current.id);
    expect(ringOf(b).decrypt(moved, "appeals.phone")).toBe("13812345678");
    expect(resealValue(rotated, moved, "appeals.phone", false)).toBe(moved);
    expect(() => resealValue(rotated, "13812345678", "appeals.phone", false)).toThrow(DataKeyError);
    expect(keyIdOf(resealValue(rotated, "13812345678", "appeals.phone", true))).toBe(rotated.current.id);
  });

  it("derives stable key ids and blind indexes that differ per key and per purpose", () => {
    expect(ringOf(a).current.id).toBe(ringOf(a).current.id);
    expect(ringOf(a).current.id).not.toBe(ringOf(b).current.id);
    const ring = ringOf(b, a);
    const [newer, older] = ring.blindIndexes("13812345678", "phone");
    expect(newer).toBe(ringOf(b).blindIndex("13812345678", "phone"));
    expect(older).toBe(ringOf(a).blindIndex("13812345678", "phone"));
    expect(newer).not.toBe(older);
    expect(ring.blindIndex("13812345678", "name")).not.toBe(newer);
    expect(newer).toMatch(/^[0-9a-f]{64}$/);
  });

  it("parses key lists from the environment or a key file, and names what is wrong", () => {
    const k1 = a.toString("base64");
    const k2 = b.toString("base64");
    expect(parseKeyList(`${k1},${k2}`, "YOUSU_DATA_KEY")).toEqual([a, b]);
    expect(parseKeyList(`# comment\n${k1}\n\n${k2} # older\n`, "file")).toEqual([a, b]);
    expect(() => parseKeyList("short", "YOUSU_DATA_KEY")).toThrow(/第 1 个密钥不是 base64 编码的 32 字节/);
    expect(() => parseKeyList(`${k1},${randomBytes(16).toString("base64")}`, "YOUSU_DATA_KEY")).toThrow(
      /第 2 个密钥/,
    );
    expect(() => parseKeyList("# nothing\n", "file")).toThrow(DataKeyError);
  });
});
