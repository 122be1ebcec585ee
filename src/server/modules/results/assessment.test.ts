import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { call, expectDocumented, useTestApp } from "../../../../test/app.js";
import { adminToken, createDepartment, createStaff } from "../../../../test/factories.js";
import type { StatsCounter } from "../../db/schema/results.js";

/**
 * 考核: a hand-built March 2026 of five departments written straight into the daily rollup (the
 * assessment's only input), each score worked out by hand below (docs/metrics.md "Assessment").
 * The clock is 2026-04-10, so March is complete and May is in the future.
 */

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-04-10T10:00:00+08:00" });
const d: Record<"gongan" | "jiaotong" | "zhujian" | "chengguan" | "wenlv", { id: string; name: string }> =
  {} as never;
let leader = "";
let supervisor = "";
let admin = "";
let deptUser = "";
let deptUserId = "";
let windowClerk = "";

type Cell = Partial<Record<StatsCounter, number>>;
async function cell(day: string, departmentId: string, add: Cell, channel = "onsite") {
  const center = await ctx.handle.db.selectFrom("centers").select("id").executeTakeFirstOrThrow();
  await ctx.handle.db
    .insertInto("stats_daily")
    .values({ center_id: center.id, day, department_id: departmentId, channel, type: "complaint", ...add })
    .execute();
}
const get = (url: string, token: string) => call(ctx.app, "GET", url, { token });

beforeAll(async () => {
  const names = {
    gongan: "公安局",
    jiaotong: "交通局",
    zhujian: "住建局",
    chengguan: "城管局",
    wenlv: "文旅局",
  };
  for (const [k, name] of Object.entries(names))
    d[k as keyof typeof d] = await createDepartment(ctx, { name });
  leader = (await createStaff(ctx, { roles: ["leader"] })).token;
  supervisor = (await createStaff(ctx, { roles: ["supervisor"] })).token;
  windowClerk = (await createStaff(ctx, { roles: ["window"] })).token;
  const du = await createStaff(ctx, {
    roles: ["department"],
    departmentId: d.jiaotong.id,
    displayName: "交通局办件员",
  });
  deptUser = du.token;
  deptUserId = du.user.id;
  admin = await adminToken(ctx);

  // 公安局, over two days and two channels: responded 6+4 = 10, on time 5+4 = 9 → 响应率 0.9;
  // rated 8, resolved 6 → 解决率 0.75; levels 5×4, 4×2, 3×1, 2×1 → satisfied 7 → 满意率 0.875;
  // one 督办单.
  await cell("2026-03-03", d.gongan.id, {
    responded: 6,
    responded_on_time: 5,
    rated: 5,
    resolved_by_requester: 4,
    level5: 3,
    level4: 1,
    level2: 1,
    supervised: 1,
  });
  await cell(
    "2026-03-20",
    d.gongan.id,
    {
      responded: 4,
      responded_on_time: 4,
      rated: 3,
      resolved_by_requester: 2,
      level5: 1,
      level4: 1,
      level3: 1,
    },
    "portal",
  );
  // 交通局: every rate 1 (responded 4/4, rated 4, resolved 4, levels 5×2, 4×1, 3×1); 2 督办单, 1 通报.
  await cell("2026-03-31", d.jiaotong.id, {
    responded: 4,
    responded_on_time: 4,
    rated: 4,
    resolved_by_requester: 4,
    level5: 2,
    level4: 1,
    level3: 1,
    supervised: 2,
    noticed: 1,
  });
  // 住建局: responses only (5/5), never rated → 解决率 and 满意率 null; 1 通报.
  await cell("2026-03-10", d.zhujian.id, { responded: 5, responded_on_time: 5, noticed: 1 });
  // 城管局: responded 5, on time 3 → 0.6; rated 2, both resolved, both 非常满意.
  await cell("2026-03-01", d.chengguan.id, {
    responded: 5,
    responded_on_time: 3,
    rated: 2,
    resolved_by_requester: 2,
    level5: 2,
  });
  // Outside March (Feb 28, Apr 1) and the center itself (中心（未分办）): none of them counts.
  await cell("2026-02-28", d.gongan.id, { responded: 9, supervised: 9 });
  await cell("2026-04-01", d.gongan.id, { responded: 9, noticed: 9 });
  await cell("2026-03-15", "0", { responded: 50, responded_on_time: 1, rated: 9, level1: 9 });
  // 文旅局: no figures at all.
});

// Default weights 响应率 10, 解决率 45, 满意率 45 (按期办结率 0); 1 point per 督办单, 2 per 通报:
//  住建局: only 响应率 counts; its weight 10 takes all 100 points → base 100; − 2 (通报)  = 98.00
//  城管局: 10×0.6 + 45×1 + 45×1 = 96 → 96.00
//  交通局: 100 − (2×1 + 1×2) = 96.00 — tied with 城管局: both rank 2, ordered by name (cheng < jiao)
//  公安局: 10×0.9 + 45×0.75 + 45×0.875 = 9 + 33.75 + 39.375 = 82.125; − 1 = 81.125 → 81.13 (half up)
//  文旅局: nothing to score → score null, rank null, listed last
describe("department assessment (考核)", () => {
  it("scores and ranks a hand-built month exactly", async () => {
    const res = await get("/api/v1/stats/assessment?month=2026-03", leader);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      month: "2026-03",
      from: "2026-03-01",
      to: "2026-03-31",
      complete: true,
      weights: { responseRate: 10, resolutionRate: 45, satisfactionRate: 45, onTimeRate: 0 },
      published: null,
    });
    const rows = res.body.items.map((i: Record<string, unknown>) => [i.departmentName, i.score, i.rank]);
    expect(rows).toEqual([
      ["住建局", 98, 1],
      ["城管局", 96, 2],
      ["交通局", 96, 2],
      ["公安局", 81.13, 4],
      ["文旅局", null, null],
    ]);
    const gongan = res.body.items[3];
    expect(gongan).toMatchObject({
      base: 82.13,
      deductions: 1,
      points: { responseRate: 9, resolutionRate: 33.75, satisfactionRate: 39.38, onTimeRate: null },
      figures: {
        responded: 10,
        respondedOnTime: 9,
        rated: 8,
        satisfied: 7,
        resolvedByRequester: 6,
        supervised: 1,
        noticed: 0,
        responseRate: 0.9,
        resolutionRate: 0.75,
        satisfactionRate: 0.875,
      },
    });
    expect(res.body.items[0]).toMatchObject({
      base: 100,
      deductions: 2,
      points: { responseRate: 100, resolutionRate: null, satisfactionRate: null },
      figures: { resolutionRate: null, satisfactionRate: null, noticed: 1 },
    });
    expect(res.body.items[2]).toMatchObject({ base: 100, deductions: 4 });
  });

  it("a department sees only its own row, ranked among all; other roles are refused", async () => {
    const own = await get("/api/v1/stats/assessment?month=2026-03", deptUser);
    expect(own.status).toBe(200);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.items[0]).toMatchObject({ departmentName: "交通局", score: 96, rank: 2 });
    expect((await get("/api/v1/stats/assessment?month=2026-03", supervisor)).body.items).toHaveLength(5);
    expect((await get("/api/v1/stats/assessment?month=2026-03", windowClerk)).status).toBe(403);
    expect((await get("/api/v1/stats/assessment/export?month=2026-03", deptUser)).status).toBe(403);
    expect(
      (
        await call(ctx.app, "POST", "/api/v1/stats/assessment/publish", {
          token: deptUser,
          body: { month: "2026-03" },
        })
      ).status,
    ).toBe(403);
  });

  it("refuses a malformed or future month with the field path", async () => {
    for (const month of ["2026-13", "2026-3", "202603", "2026-00", "", "1999-12"]) {
      const res = await get(`/api/v1/stats/assessment?month=${month}`, leader);
      expect(res.status, month).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.details[0].path).toBe("month");
    }
    const missing = await get("/api/v1/stats/assessment", leader);
    expect(missing.status).toBe(400);
    const future = await get("/api/v1/stats/assessment?month=2026-05", leader);
    expect(future.status).toBe(400);
    expect(future.body.error.details[0]).toMatchObject({ path: "month" });
    expect(future.body.error.message).toContain("未来");
    // The running month is allowed and says it is not complete.
    const current = await get("/api/v1/stats/assessment?month=2026-04", leader);
    expect(current.status).toBe(200);
    expect(current.body.complete).toBe(false);
    expect(
      current.body.items.find((i: { departmentName: string }) => i.departmentName === "公安局"),
    ).toMatchObject({
      figures: { responded: 9, noticed: 9 },
    });
  });

  it("weights are data: the admin edits them, a bad sum or a stale version changes nothing", async () => {
    const put = (body: unknown, token = admin) =>
      call(ctx.app, "PUT", "/api/v1/stats/assessment/weights", { token, body });
    const initial = await get("/api/v1/stats/assessment/weights", leader);
    expect(initial.body).toMatchObject({
      version: 0,
      weights: { responseRate: 10, supervisionDeduction: 1 },
    });
    const base = {
      responseRate: 30,
      resolutionRate: 35,
      satisfactionRate: 35,
      supervisionDeduction: 1,
      noticeDeduction: 2,
    };
    const bad = await put({ weights: { ...base, satisfactionRate: 30 }, expectedVersion: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("weights");
    expect(bad.body.error.details[0].message).toContain("当前为 95");
    const negative = await put({
      weights: { ...base, responseRate: -5, resolutionRate: 70 },
      expectedVersion: 0,
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.details[0].path).toBe("weights.responseRate");
    expect((await put({ weights: base, expectedVersion: 0 }, leader)).status).toBe(403);
    expect((await get("/api/v1/stats/assessment/weights", leader)).body.version).toBe(0);

    const ok = await put({ weights: base, expectedVersion: 0 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ version: 1, weights: { ...base, onTimeRate: 0 } });
    const stale = await put({
      weights: { ...base, responseRate: 20, resolutionRate: 45 },
      expectedVersion: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("VERSION_CONFLICT");

    // 30/35/35: 住建局 100 − 2 = 98; 交通局 100 − 4 = 96; 城管局 18 + 35 + 35 = 88;
    // 公安局 27 + 26.25 + 30.625 = 83.875 − 1 = 82.875 → 82.88.
    const res = await get("/api/v1/stats/assessment?month=2026-03", leader);
    expect(res.body.items.map((i: Record<string, unknown>) => [i.departmentName, i.score, i.rank])).toEqual([
      ["住建局", 98, 1],
      ["交通局", 96, 2],
      ["城管局", 88, 3],
      ["公安局", 82.88, 4],
      ["文旅局", null, null],
    ]);
    // Back to the defaults for the tests below.
    expect(
      (
        await put({
          weights: { ...base, responseRate: 10, resolutionRate: 45, satisfactionRate: 45 },
          expectedVersion: 1,
        })
      ).status,
    ).toBe(200);
  });

  it("publishes a frozen, versioned result; each department is told its own score and rank, once", async () => {
    const publish = (token = leader) =>
      call(ctx.app, "POST", "/api/v1/stats/assessment/publish", { token, body: { month: "2026-03" } });
    const first = await publish();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ month: "2026-03", version: 1, created: true, notified: 1, ranked: 4 });
    const inbox = await get("/api/v1/notifications/inbox?limit=50", deptUser);
    expect(inbox.status, JSON.stringify(inbox.body)).toBe(200);
    const msg = inbox.body.items.find((m: { kind: string }) => m.kind === "assessment.published");
    expect(msg.title).toBe("2026-03 考核结果通报：交通局第 2 名");
    expect(msg.body).toContain("得分 96.00，在 4 个部门中排名第 2");

    // Same figures and weights: the same version, nothing sent again.
    const again = await publish();
    expect(again.body).toMatchObject({ version: 1, created: false, notified: 0 });
    const sent = await ctx.handle.db
      .selectFrom("staff_notifications")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("user_id", "=", deptUserId)
      .where("kind", "=", "assessment.published")
      .executeTakeFirstOrThrow();
    expect(Number(sent.n)).toBe(1);

    // A late-counted event changes the month: publishing again makes version 2; version 1 stays frozen.
    await cell("2026-03-31", d.jiaotong.id, { noticed: 1 }, "portal");
    const second = await publish();
    expect(second.body).toMatchObject({ version: 2, created: true });
    expect(
      second.body.items.find((i: { departmentName: string }) => i.departmentName === "交通局"),
    ).toMatchObject({
      score: 94,
      rank: 3,
    });
    const v1 = await ctx.handle.db
      .selectFrom("assessment_publications")
      .select("items")
      .where("version", "=", 1)
      .executeTakeFirstOrThrow();
    expect(
      (v1.items as { departmentName: string; score: number }[]).find((i) => i.departmentName === "交通局")
        ?.score,
    ).toBe(96);

    // The department sees its own row of the latest version; the leader sees every row.
    const mine = await get("/api/v1/stats/assessment/publications", deptUser);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ month: "2026-03", version: 2, ranked: 4 });
    expect(mine.body.items[0].items).toEqual([
      expect.objectContaining({ departmentName: "交通局", rank: 3 }),
    ]);
    expect((await get("/api/v1/stats/assessment/publications", leader)).body.items[0].items).toHaveLength(5);
    expect((await get("/api/v1/stats/assessment?month=2026-03", deptUser)).body.published).toMatchObject({
      version: 2,
    });

    const audits = await ctx.handle.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "assessment.publish")
      .execute();
    expect(audits).toHaveLength(2);
  });

  it("two publishers at once make one version and send each message once", async () => {
    const both = await Promise.all(
      [leader, supervisor].map((token) =>
        call(ctx.app, "POST", "/api/v1/stats/assessment/publish", { token, body: { month: "2026-02" } }),
      ),
    );
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both.map((r) => r.body.version)).toEqual([1, 1]);
    expect(both.map((r) => r.body.created).sort()).toEqual([false, true]);
    const rows = await ctx.handle.db
      .selectFrom("assessment_publications")
      .select("version")
      .where("month", "=", "2026-02")
      .execute();
    expect(rows).toEqual([{ version: 1 }]);
    // 交通局 had no figures in February: told it was not ranked, once.
    const sent = await ctx.handle.db
      .selectFrom("staff_notifications")
      .select("title")
      .where("user_id", "=", deptUserId)
      .where("title", "like", "2026-02%")
      .execute();
    expect(sent).toEqual([{ title: "2026-02 考核结果通报：交通局未参与排名" }]);
  });

  it("prints on A4 and exports .xlsx with Chinese headers", async () => {
    const html = await get("/api/v1/stats/assessment/print?month=2026-03", supervisor);
    expect(html.status).toBe(200);
    expect(html.res.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain("@page { size: A4");
    expect(html.body).toContain("2026年3月");
    expect(html.body).toContain("住建局");
    expect(html.body).toContain("第 2 版");

    const xlsx = await call(ctx.app, "GET", "/api/v1/stats/assessment/export?month=2026-03", {
      token: leader,
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe("排名");
    expect(ws.getRow(1).getCell(2).value).toBe("部门");
    expect(ws.getRow(1).getCell(3).value).toBe("得分");
    expect(ws.getRow(2).getCell(2).value).toBe("住建局");
    expect(ws.getRow(2).getCell(3).value).toBe(98);
    expect(ws.getRow(6).getCell(1).value).toBe("未参与排名");
  });

  it("documents every endpoint in the OpenAPI description", async () => {
    await expectDocumented(ctx.app, [
      "/api/v1/stats/assessment",
      "/api/v1/stats/assessment/weights",
      "/api/v1/stats/assessment/publish",
      "/api/v1/stats/assessment/publications",
      "/api/v1/stats/assessment/print",
      "/api/v1/stats/assessment/export",
      "/api/v1/follow-up-duties",
    ]);
  });
});
