import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { decodeCursor, encodeCursor } from "./cursor.js";

describe("keyset cursor", () => {
  it("round-trips the keys of its list", () => {
    const c = encodeCursor("appeals.received", "2026-03-02T01:00:00.000Z", "42");
    expect(decodeCursor(c, "appeals.received", ["instant", "id"] as const)).toEqual([
      "2026-03-02T01:00:00.000Z",
      "42",
    ]);
    const inf = encodeCursor("appeals.respond_by", "infinity", "7");
    expect(decodeCursor(inf, "appeals.respond_by", ["instantOrInfinity", "id"] as const)).toEqual([
      "infinity",
      "7",
    ]);
  });

  it("refuses a cursor of another list, a tampered key, a non-numeric id and garbage with 400 on cursor", () => {
    const c = encodeCursor("work_orders", "2026-03-02T01:00:00.000Z", "42");
    const bad = [
      c.slice(0, -3),
      "%%%",
      encodeCursor("appeals.received", "2026-03-02T01:00:00.000Z", "42"),
      encodeCursor("work_orders", "yesterday", "42"),
      encodeCursor("work_orders", "2026-03-02T01:00:00.000Z", "42; drop table appeals"),
      encodeCursor("work_orders", "2026-03-02T01:00:00.000Z", "99999999999999999999"),
      encodeCursor("work_orders", "2026-03-02T01:00:00.000Z"),
    ];
    for (const raw of bad) {
      try {
        decodeCursor(raw, "work_orders", ["instant", "id"] as const);
        expect.unreachable(`accepted ${raw}`);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe("VALIDATION_FAILED");
        expect((e as AppError).details[0]?.path).toBe("cursor");
      }
    }
  });
});
