import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { call, useTestApp } from "../../../../test/app.js";
import { adminToken, createStaff, TEST_NOTICE_2027 } from "../../../../test/factories.js";
import { formatDate, parseDate } from "../../../core/calendar-date.js";
import { computeDeadline } from "../../../core/deadline.js";
import type { Db } from "../../db/database.js";
import type { YearLoaded } from "./calendar.events.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-11-20T09:00:00+08:00" });

let admin: string;
let staff: string;
const unsubscribe: (() => void)[] = [];
beforeAll(async () => {
  admin = await adminToken(ctx);
  staff = (await createStaff(ctx, { roles: ["dispatcher"] })).token;
});
afterEach(() => {
  for (const u of unsubscribe.splice(0)) u();
});

/** A made-up 2027 notice for tests (not the real one, which is not published yet). */
const notice2027 = {
  ...TEST_NOTICE_2027,
  days: [
    ...TEST_NOTICE_2027.days,
    { date: "2027-02-06", kind: "makeup_workday", name: "春节" },
    { date: "2027-02-08", kind: "workday", name: null },
  ],
};

const years = () => call(ctx.app, "GET", "/api/v1/calendar/years", { token: staff });
const importJson = (body: unknown, token = admin) =>
  call(ctx.app, "POST", "/api/v1/calendar/import", { token, body });

describe("calendar years, import and export", () => {
  it("warns that next year's notice is missing", async () => {
    const res = await years();
    expect(res.status).toBe(200);
    expect(res.body.loaded.map((y: { year: number }) => y.year)).toEqual([2024, 2025, 2026]);
    expect(res.body.loaded[0].source).toBe("State Council notice");
    expect(res.body.missing).toEqual([2027]);
    expect(res.body.warning).toContain("2027 年节假日安排尚未导入");
  });

  it("rejects bad files with field paths and writes nothing", async () => {
    const wrongYear = await importJson({
      ...notice2027,
      days: [{ date: "2026-01-05", kind: "holiday", name: "x" }],
    });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body.error.details[0].path).toBe("days.0.date");
    const badKind = await importJson({ ...notice2027, days: [{ date: "2027-01-05", kind: "feast" }] });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.details[0].path).toBe("days.0.kind");
    const dup = await importJson({ ...notice2027, days: [notice2027.days[0], notice2027.days[0]] });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details[0].path).toBe("days.1.date");
    const noYear = await importJson({ source: "x", days: [] });
    expect(noYear.body.error.details[0].path).toBe("year");
    const badIcs = await call(ctx.app, "POST", "/api/v1/calendar/import", {
      token: admin,
      body: "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270230\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
      headers: { "content-type": "text/calendar" },
    });
    expect(badIcs.status).toBe(400);
    expect(badIcs.body.error.details[0].path).toBe("line 2");
    expect((await importJson(notice2027, staff)).status).toBe(403);
    const rows = await ctx.handle.db
      .selectFrom("calendar_days")
      .where("date", ">=", "2027-01-01")
      .select("date")
      .execute();
    expect(rows).toHaveLength(0);
    expect((await years()).body.missing).toEqual([2027]);
  });

  it("imports a JSON notice in one transaction, tells listeners, and settles provisional deadlines", async () => {
    const events: YearLoaded[] = [];
    let seenInside: string | undefined;
    unsubscribe.push(
      ctx.app.deps.events.on("calendar.yearLoaded", async (trx: Db, e) => {
        events.push(e);
        // The listener runs inside the import transaction: it already sees the new year.
        const row = await trx
          .selectFrom("calendar_years")
          .where("year", "=", e.year)
          .select("source")
          .executeTakeFirst();
        seenInside = row?.source;
      }),
    );
    const before = await call(
      ctx.app,
      "GET",
      "/api/v1/calendar/deadline?start=2026-12-31&rule=working_days&n=1",
      {
        token: staff,
      },
    );
    expect(before.body).toMatchObject({ dueDate: "2027-01-01", provisional: true });

    const res = await importJson(notice2027);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      year: 2027,
      source: notice2027.source,
      imported: 4,
      holidays: 3,
      makeupWorkdays: 1,
      otherOverrides: 0,
      ignored: 1,
      replaced: 0,
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      year: 2027,
      source: notice2027.source,
      rules: { timeZone: "Asia/Shanghai" },
    });
    expect(seenInside).toBe(notice2027.source);
    // The listener gets the new calendar: recomputing the provisional deadline now skips 元旦.
    const fresh = computeDeadline(events[0]!.rules.calendar, new Date("2026-12-31T10:00:00+08:00"), {
      rule: "working_days",
      n: 1,
    });
    expect([fresh.dueDate, fresh.provisional]).toEqual(["2027-01-04", false]);

    const after = await call(
      ctx.app,
      "GET",
      "/api/v1/calendar/deadline?start=2026-12-31&rule=working_days&n=1",
      {
        token: staff,
      },
    );
    expect(after.body).toMatchObject({ dueDate: "2027-01-04", provisional: false });
    expect((await years()).body).toMatchObject({ missing: [], warning: null });
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "calendar.year.import")
      .select("entity_id")
      .execute();
    expect(audit.map((a) => a.entity_id)).toEqual(["2027"]);
  });

  it("round-trips through JSON and iCalendar export and re-import", async () => {
    const json = await call(ctx.app, "GET", "/api/v1/calendar/export?year=2027&format=json", {
      token: staff,
    });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ year: 2027, source: notice2027.source });
    expect(json.body.days).toEqual(notice2027.days.filter((d) => d.kind !== "workday"));

    const ics = await call(ctx.app, "GET", "/api/v1/calendar/export?year=2027&format=ics", { token: staff });
    expect(ics.status).toBe(200);
    expect(ics.res.headers["content-type"]).toContain("text/calendar");
    expect(ics.res.headers["content-disposition"]).toContain("holidays-2027.ics");
    expect(ics.body).toContain("DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270104");

    const again = await call(ctx.app, "POST", "/api/v1/calendar/import", {
      token: admin,
      body: ics.body,
      headers: { "content-type": "text/calendar" },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ year: 2027, imported: 4, replaced: 4, source: notice2027.source });
    const back = await call(ctx.app, "GET", "/api/v1/calendar/export?year=2027&format=json", {
      token: staff,
    });
    expect(back.body).toEqual(json.body);
    // Shipped years export too, and the 2025 notice survives a JSON round trip unchanged.
    const y2025 = await call(ctx.app, "GET", "/api/v1/calendar/export?year=2025", { token: staff });
    expect(y2025.body.days).toHaveLength(33);
    expect(y2025.body.source).toBe("State Council notice");
  });

  it("rolls the whole import back when a listener fails", async () => {
    unsubscribe.push(
      ctx.app.deps.events.on("calendar.yearLoaded", async () => {
        throw new Error("listener failed");
      }),
    );
    const auditBefore = await ctx.handle.db.selectFrom("audit_log").select("id").execute();
    const res = await importJson({
      year: 2028,
      source: "测试",
      days: [{ date: "2028-01-03", kind: "holiday", name: "元旦" }],
    });
    expect(res.status).toBe(500);
    const rows = await ctx.handle.db
      .selectFrom("calendar_days")
      .where("date", ">=", "2028-01-01")
      .select("date")
      .execute();
    expect(rows).toHaveLength(0);
    const loaded = await ctx.handle.db
      .selectFrom("calendar_years")
      .where("year", "=", 2028)
      .select("year")
      .execute();
    expect(loaded).toHaveLength(0);
    const auditAfter = await ctx.handle.db.selectFrom("audit_log").select("id").execute();
    expect(auditAfter.length).toBe(auditBefore.length);
  });

  it("lets an admin mark a hand-entered year loaded, once", async () => {
    const events: number[] = [];
    unsubscribe.push(
      ctx.app.deps.events.on("calendar.yearLoaded", async (_trx, e) => void events.push(e.year)),
    );
    const day = await call(ctx.app, "PUT", "/api/v1/calendar/days/2028-01-03", {
      token: admin,
      body: { kind: "holiday", name: "元旦" },
    });
    expect(day.status).toBe(200);
    const d1 = await call(
      ctx.app,
      "GET",
      "/api/v1/calendar/deadline?start=2027-12-31&rule=working_days&n=1",
      { token: staff },
    );
    expect(d1.body).toMatchObject({ dueDate: "2028-01-04", provisional: true });
    const mark = await call(ctx.app, "PUT", "/api/v1/calendar/years/2028", {
      token: admin,
      body: { source: "手工录入" },
    });
    expect(mark.status).toBe(200);
    expect(mark.body).toMatchObject({ year: 2028, source: "手工录入", alreadyLoaded: false });
    const twice = await call(ctx.app, "PUT", "/api/v1/calendar/years/2028", { token: admin, body: {} });
    expect(twice.body.alreadyLoaded).toBe(true);
    expect(events).toEqual([2028]);
    const d2 = await call(
      ctx.app,
      "GET",
      "/api/v1/calendar/deadline?start=2027-12-31&rule=working_days&n=1",
      { token: staff },
    );
    expect(d2.body).toMatchObject({ dueDate: "2028-01-04", provisional: false });
    expect(
      (await call(ctx.app, "PUT", "/api/v1/calendar/years/2028", { token: staff, body: {} })).status,
    ).toBe(403);
    expect((await call(ctx.app, "PUT", "/api/v1/calendar/years/28", { token: admin, body: {} })).status).toBe(
      400,
    );
  });

  it("rejects a bad export year or format", async () => {
    const y = await call(ctx.app, "GET", "/api/v1/calendar/export?year=abcd", { token: staff });
    expect(y.status).toBe(400);
    expect(y.body.error.details[0].path).toBe("year");
    const f = await call(ctx.app, "GET", "/api/v1/calendar/export?year=2027&format=xls", { token: staff });
    expect(f.body.error.details[0].path).toBe("format");
  });

  it("keeps the days listing consistent with the imported notice", async () => {
    const res = await call(ctx.app, "GET", "/api/v1/calendar/days?from=2027-01-01&to=2027-01-04", {
      token: staff,
    });
    expect(res.body.map((d: { kind: string }) => d.kind)).toEqual([
      "holiday",
      "holiday",
      "holiday",
      "workday",
    ]);
    expect(formatDate(parseDate("2027-01-04"))).toBe("2027-01-04");
  });
});
