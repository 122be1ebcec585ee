import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../../test/db.js";
import { DEFAULT_TIME_LIMIT_POLICY } from "../../../core/time-limits.js";
import type { DbHandle } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { UserActor } from "../../http/actor.js";
import { DomainEvents } from "../../lib/events.js";
import { insertCenter } from "../centers/index.js";
import * as repo from "./calendar.repository.js";
import {
  computeDeadlineForCenter,
  ensureDefaultPolicy,
  getTimeLimitPolicy,
  seedShippedCalendar,
  setCalendarDay,
} from "./calendar.service.js";
import { CenterRulesCache } from "./center-rules.js";

let h: DbHandle;
let rules: CenterRulesCache;
let centerId: string;
let actor: UserActor;
const now = new Date("2026-03-02T01:00:00Z");

beforeAll(async () => {
  h = await createTestDb();
  const c = await insertCenter(h.db, {
    code: "svc-test",
    name: "测试中心",
    level: "county",
    parentId: null,
    timezone: "Asia/Shanghai",
    address: null,
    phone: null,
    now,
  });
  centerId = c.id;
  rules = new CenterRulesCache(h.db);
  const u = await h.db
    .insertInto("users")
    .values({
      center_id: centerId,
      username: "cal_admin",
      display_name: "日历管理员",
      password_hash: "x",
      roles: ["admin"],
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  actor = {
    kind: "user",
    userId: u.id,
    username: "cal_admin",
    displayName: "日历管理员",
    post: null,
    roles: ["admin"],
    centerId,
    departmentId: null,
    via: "bearer",
    sessionTokenHash: "",
  };
});
afterAll(async () => {
  await h?.close();
});

const due = async (start: string, n: number) =>
  computeDeadlineForCenter(await rules.get(centerId), new Date(start), { rule: "working_days", n });

describe("a center before and after seeding", () => {
  it("answers with weekends only and provisional before any notice is loaded, and default policy", async () => {
    const d = await due("2025-09-30T10:00:00+08:00", 3);
    expect(d).toMatchObject({ dueDate: "2025-10-03", provisional: true, provisionalYears: [2025] });
    expect(await getTimeLimitPolicy(h.db, centerId)).toEqual(DEFAULT_TIME_LIMIT_POLICY);
  });

  it("seeds the shipped notices once, never overwriting an admin's edit, and announces each year", async () => {
    // Before the notice is seeded, the admin already decided the make-up Saturday is a rest day here.
    await setCalendarDay(
      h.db,
      actor,
      "2025-10-11",
      { kind: "holiday", name: "本中心不调休" },
      { now, ip: null },
    );
    const announced: number[] = [];
    const events = new DomainEvents();
    events.on("calendar.yearLoaded", async (_trx, e) => void announced.push(e.year));
    expect(await seedShippedCalendar(h.db, events, centerId, now)).toEqual([2024, 2025, 2026]);
    // Every start calls it again: with every year loaded it only reads (no row lock on the center,
    // which would stamp the row's xmax and write WAL on each restart).
    const xmax = async () =>
      (await sql<{ x: string }>`select xmax::text as x from centers where id = ${centerId}`.execute(h.db))
        .rows[0]?.x;
    const lockedBefore = await xmax();
    expect(await seedShippedCalendar(h.db, events, centerId, now)).toEqual([]);
    expect(await xmax()).toBe(lockedBefore);
    expect(announced).toEqual([2024, 2025, 2026]);
    const kept = await repo.findOverride(h.db, centerId, "2025-10-11");
    expect(kept).toMatchObject({ kind: "holiday", name: "本中心不调休", source: "admin" });
    // 10/1–10/8 holiday; 10/9 (1), 10/10 (2); 10/11 closed by the center's own decision; Sun 12; Mon 13 (3).
    expect((await due("2025-09-30T10:00:00+08:00", 3)).dueDate).toBe("2025-10-13");
    const seeds = await h.db
      .selectFrom("audit_log")
      .where("center_id", "=", centerId)
      .where("action", "=", "calendar.year.seed")
      .select("entity_id")
      .execute();
    expect(seeds.map((s) => s.entity_id)).toEqual(["2024", "2025", "2026"]);
  });

  it("stores the default policy idempotently and merges a partial stored policy over the defaults", async () => {
    await ensureDefaultPolicy(h.db, centerId, now);
    await ensureDefaultPolicy(h.db, centerId, now);
    const rows = await h.db
      .selectFrom("time_limit_policies")
      .where("center_id", "=", centerId)
      .selectAll()
      .execute();
    expect(rows).toHaveLength(1);
    await h.db
      .updateTable("time_limit_policies")
      .set({
        policy: JSON.stringify({
          general: { rule: "calendar_days", n: 2 },
          major: { rule: "months", n: -3 },
        }),
      })
      .where("center_id", "=", centerId)
      .execute();
    const p = await getTimeLimitPolicy(h.db, centerId);
    expect(p.general).toEqual({ rule: "calendar_days", n: 2 });
    expect(p.major).toEqual(DEFAULT_TIME_LIMIT_POLICY.major);
    expect(p.reminder).toEqual(DEFAULT_TIME_LIMIT_POLICY.reminder);
  });
});

describe("calendar cache across instances", () => {
  it("sees an edit made by another instance on the next call (DB marker, no local invalidation)", async () => {
    // A second cache over another Kysely instance stands for a second app instance.
    const other = new CenterRulesCache(h.db.withoutPlugins());
    expect((await other.get(centerId)).calendar.kindOf(20_517)).toBeDefined();
    const day = async () =>
      computeDeadlineForCenter(await other.get(centerId), new Date("2026-03-05T10:00:00+08:00"), {
        rule: "working_days",
        n: 1,
      });
    const before = await day();
    expect(before.dueDate).toBe("2026-03-06");
    // Written straight through the repository: this process's version counter is not bumped.
    await repo.upsertOverride(h.db, {
      centerId,
      date: "2026-03-06",
      kind: "holiday",
      name: "停电",
      source: "admin",
      updatedBy: null,
    });
    const after = await day();
    expect(after.dueDate).toBe("2026-03-09");
    await repo.deleteOverride(h.db, centerId, "2026-03-06");
    const reverted = await day();
    expect(reverted.dueDate).toBe("2026-03-06");
  });

  it("follows a change of the center's time zone", async () => {
    const at = new Date("2026-03-05T20:00:00Z"); // 04:00 on 6 March in Beijing, still 5 March in UTC
    expect(computeDeadlineForCenter(await rules.get(centerId), at, { rule: "same_day" }).dueDate).toBe(
      "2026-03-06",
    );
    await h.db.updateTable("centers").set({ timezone: "UTC" }).where("id", "=", centerId).execute();
    const utc = computeDeadlineForCenter(await rules.get(centerId), at, { rule: "same_day" });
    expect([utc.dueDate, utc.timeZone]).toEqual(["2026-03-05", "UTC"]);
    await h.db.updateTable("centers").set({ timezone: "Asia/Shanghai" }).where("id", "=", centerId).execute();
  });

  it("answers 404 for an unknown center and 400 with a path for a bad spec", async () => {
    await expect(rules.get("999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const r = await rules.get(centerId);
    let err: unknown;
    try {
      computeDeadlineForCenter(r, now, { rule: "months", n: 0 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "VALIDATION_FAILED", details: [{ path: "n" }] });
  });

  it("follows a policy edit made anywhere (the policy version is in the marker)", async () => {
    const before = (await rules.get(centerId)).policy.general;
    await h.db
      .updateTable("time_limit_policies")
      .set({ policy: JSON.stringify({ general: { rule: "calendar_days", n: 1 } }), version: 99 })
      .where("center_id", "=", centerId)
      .execute();
    expect((await rules.get(centerId)).policy.general).toEqual({ rule: "calendar_days", n: 1 });
    expect(before).not.toEqual({ rule: "calendar_days", n: 1 });
  });

  it("computes a marker that changes on insert, update and delete", async () => {
    const holiday = (name: string) =>
      repo.upsertOverride(h.db, {
        centerId,
        date: "2026-07-01",
        kind: "holiday",
        name,
        source: "admin",
        updatedBy: null,
      });
    const m0 = await repo.rulesMarker(h.db, centerId);
    await holiday("a");
    const m1 = await repo.rulesMarker(h.db, centerId);
    await holiday("b");
    const m2 = await repo.rulesMarker(h.db, centerId);
    await repo.deleteOverride(h.db, centerId, "2026-07-01");
    const m3 = await repo.rulesMarker(h.db, centerId);
    expect(new Set([m0, m1, m2]).size).toBe(3);
    // Back to the very same rows as before: the same marker is correct (the cached calendar is right again).
    expect(m3).toBe(m0);
  });
});
