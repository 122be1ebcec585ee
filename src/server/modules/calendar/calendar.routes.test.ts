import { beforeAll, describe, expect, it } from "vitest";
import { call, expectDocumented, useTestApp } from "../../../../test/app.js";
import { adminToken, createStaff } from "../../../../test/factories.js";
import { DEFAULT_TIME_LIMIT_POLICY } from "../../../core/time-limits.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });

let admin: string;
let staff: string;
beforeAll(async () => {
  admin = await adminToken(ctx);
  staff = (await createStaff(ctx, { roles: ["window"] })).token;
});

/** The center's stored override rows for a date (none when the day is as the notices say). */
const storedDays = (date: string) =>
  ctx.handle.db.selectFrom("calendar_days").where("date", "=", date).selectAll().execute();

const deadline = (q: string, token = staff) =>
  call(ctx.app, "GET", `/api/v1/calendar/deadline?${q}`, { token });
const enc = encodeURIComponent;

describe("GET /api/v1/calendar/deadline", () => {
  it("answers a real National Day question with the center's offset and an explanation", async () => {
    const res = await deadline(`start=${enc("2025-09-30T10:00:00+08:00")}&rule=working_days&n=3`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dueAt: "2025-10-11T23:59:59.999+08:00",
      dueDate: "2025-10-11",
      rule: "working_days",
      n: 3,
      provisional: false,
      skipped: [{ from: "2025-10-01", to: "2025-10-08", kind: "holiday", name: "国庆节、中秋节" }],
    });
    expect(res.body.explanation).toContain("2025年10月11日（周六）调休上班计入");
  });

  it("accepts same_day without n, a bare local date, and defaults start to now", async () => {
    const r1 = await deadline(`start=${enc("2025-10-01T08:00:00+08:00")}&rule=same_day`);
    expect(r1.body).toMatchObject({ dueDate: "2025-10-09", n: 0 });
    const r2 = await deadline("start=2026-02-13&rule=working_days&n=1");
    expect(r2.body).toMatchObject({ startDate: "2026-02-13", dueDate: "2026-02-14" });
    const r3 = await deadline("rule=working_days&n=1");
    expect(r3.body).toMatchObject({ startDate: "2026-03-02", dueDate: "2026-03-03" });
  });

  it("uses the Beijing date of a UTC instant", async () => {
    const res = await deadline(`start=${enc("2026-02-13T16:30:00Z")}&rule=working_days&n=1`);
    expect(res.body).toMatchObject({ startDate: "2026-02-14", dueDate: "2026-02-24" });
  });

  it("marks a deadline reaching 2027 (not loaded) provisional", async () => {
    const res = await deadline(`start=${enc("2026-12-31T10:00:00+08:00")}&rule=working_days&n=3`);
    expect(res.body).toMatchObject({ dueDate: "2027-01-05", provisional: true, provisionalYears: [2027] });
    expect(res.body.explanation).toContain("2027 年节假日安排尚未导入，按周末推算，属临时期限");
  });

  it.each([
    ["rule=weeks&n=1", "rule"],
    ["n=1", "rule"],
    ["rule=working_days&n=-1", "n"],
    ["rule=working_days&n=99999", "n"],
    ["rule=working_days&n=abc", "n"],
    ["rule=working_days", "n"],
    ["rule=months&n=121", "n"],
    ["rule=same_day&n=2", "n"],
    ["rule=working_days&n=1&start=2025-13-01", "start"],
    ["rule=working_days&n=1&start=yesterday", "start"],
    ["rule=working_days&n=1&start=2025-09-30T10:00:00", "start"],
    ["rule=working_days&n=1&start=2150-01-01", "start"],
  ])("rejects %s with a 400 at %s", async (q, path) => {
    const res = await deadline(q);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it("requires sign-in", async () => {
    const res = await call(ctx.app, "GET", "/api/v1/calendar/deadline?rule=same_day");
    expect(res.status).toBe(401);
  });
});

describe("GET /api/v1/calendar/days", () => {
  it("lists every day of the range, not only overrides", async () => {
    const res = await call(ctx.app, "GET", "/api/v1/calendar/days?from=2025-09-27&to=2025-10-12", {
      token: staff,
    });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(16);
    expect(res.body[0]).toEqual({ date: "2025-09-27", working: false, kind: "weekend" });
    expect(res.body[1]).toEqual({
      date: "2025-09-28",
      working: true,
      kind: "makeup_workday",
      name: "国庆节、中秋节",
    });
    expect(res.body[2]).toEqual({ date: "2025-09-29", working: true, kind: "workday" });
    expect(res.body[4]).toMatchObject({ date: "2025-10-01", kind: "holiday", working: false });
    const year = await call(ctx.app, "GET", "/api/v1/calendar/days?from=2024-01-01&to=2024-12-31", {
      token: staff,
    });
    expect(year.body).toHaveLength(366);
  });

  it.each([
    ["from=2025-10-10&to=2025-10-01", "to"],
    ["from=2025-01-01&to=2026-02-05", "to"],
    ["from=2025-02-30&to=2025-03-01", "from"],
    ["from=20250101&to=2025-03-01", "from"],
    ["from=2025-01-01", "to"],
  ])("rejects %s with a 400 at %s", async (q, path) => {
    const res = await call(ctx.app, "GET", `/api/v1/calendar/days?${q}`, { token: staff });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});

describe("PUT /api/v1/calendar/days/{date}", () => {
  it("forbids non-admins and writes nothing", async () => {
    const res = await call(ctx.app, "PUT", "/api/v1/calendar/days/2026-03-06", {
      token: staff,
      body: { kind: "holiday", name: "测试" },
    });
    expect(res.status).toBe(403);
    expect(await storedDays("2026-03-06")).toHaveLength(0);
  });

  it("lets an admin declare a day, changes deadlines at once, audits, and removes an override set to default", async () => {
    const before = await deadline(`start=${enc("2026-03-05T10:00:00+08:00")}&rule=working_days&n=1`);
    expect(before.body.dueDate).toBe("2026-03-06");
    const put = await call(ctx.app, "PUT", "/api/v1/calendar/days/2026-03-06", {
      token: admin,
      body: { kind: "holiday", name: "临时停止办公" },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ date: "2026-03-06", working: false, kind: "holiday", name: "临时停止办公" });
    const after = await deadline(`start=${enc("2026-03-05T10:00:00+08:00")}&rule=working_days&n=1`);
    expect(after.body.dueDate).toBe("2026-03-09");
    expect(after.body.explanation).toContain("2026年3月6日（临时停止办公）法定节假日");
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "calendar.day.update")
      .select(["entity_id", "details"])
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      entity_id: "2026-03-06",
      details: { before: { kind: "workday" }, after: { kind: "holiday", name: "临时停止办公" } },
    });

    const reset = await call(ctx.app, "PUT", "/api/v1/calendar/days/2026-03-06", {
      token: admin,
      body: { kind: "workday" },
    });
    expect(reset.body).toEqual({ date: "2026-03-06", working: true, kind: "workday" });
    expect(await storedDays("2026-03-06")).toHaveLength(0);
    expect(
      (await deadline(`start=${enc("2026-03-05T10:00:00+08:00")}&rule=working_days&n=1`)).body.dueDate,
    ).toBe("2026-03-06");
  });

  it("rejects a bad kind or date with the field path", async () => {
    const k = await call(ctx.app, "PUT", "/api/v1/calendar/days/2026-03-07", {
      token: admin,
      body: { kind: "party" },
    });
    expect(k.status).toBe(400);
    expect(k.body.error.details[0].path).toBe("kind");
    const d = await call(ctx.app, "PUT", "/api/v1/calendar/days/2026-02-30", {
      token: admin,
      body: { kind: "holiday" },
    });
    expect(d.status).toBe(400);
    expect(d.body.error.details[0].path).toBe("date");
  });
});

describe("time-limit policy", () => {
  it("shows the default policy to staff", async () => {
    const res = await call(ctx.app, "GET", "/api/v1/time-limit-policy", { token: staff });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, policy: DEFAULT_TIME_LIMIT_POLICY });
  });

  it("lets an admin edit it with expectedVersion; a stale version gets 409 and changes nothing", async () => {
    const cur = (await call(ctx.app, "GET", "/api/v1/time-limit-policy", { token: admin })).body;
    const policy = { ...cur.policy, general: { rule: "calendar_days", n: 2 } };
    const ok = await call(ctx.app, "PUT", "/api/v1/time-limit-policy", {
      token: admin,
      body: { policy, expectedVersion: cur.version },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: cur.version + 1, policy: { general: { n: 2 } } });
    const stale = await call(ctx.app, "PUT", "/api/v1/time-limit-policy", {
      token: admin,
      body: { policy: { ...policy, general: { rule: "calendar_days", n: 1 } }, expectedVersion: cur.version },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("VERSION_CONFLICT");
    const now = (await call(ctx.app, "GET", "/api/v1/time-limit-policy", { token: admin })).body;
    expect(now.policy.general.n).toBe(2);
    const audits = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "time_limit_policy.update")
      .select("id")
      .execute();
    expect(audits).toHaveLength(1);
  });

  it("rejects invalid policies with field paths and non-admin edits with 403", async () => {
    const cur = (await call(ctx.app, "GET", "/api/v1/time-limit-policy", { token: admin })).body;
    const bad = await call(ctx.app, "PUT", "/api/v1/time-limit-policy", {
      token: admin,
      body: { policy: { ...cur.policy, major: { rule: "months", n: 500 } }, expectedVersion: cur.version },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain("policy.major.n");
    const forbidden = await call(ctx.app, "PUT", "/api/v1/time-limit-policy", {
      token: staff,
      body: { policy: cur.policy, expectedVersion: cur.version },
    });
    expect(forbidden.status).toBe(403);
  });
});

describe("OpenAPI", () => {
  it("documents every calendar and policy endpoint", async () => {
    await expectDocumented(ctx.app, [
      "/api/v1/calendar/deadline",
      "/api/v1/calendar/days",
      "/api/v1/calendar/days/{date}",
      "/api/v1/calendar/years",
      "/api/v1/calendar/years/{year}",
      "/api/v1/calendar/import",
      "/api/v1/calendar/export",
      "/api/v1/time-limit-policy",
    ]);
  });
});
