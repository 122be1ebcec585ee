import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { call } from "../../../../test/app.js";
import { createStaff, login } from "../../../../test/factories.js";
import {
  act,
  dispatchOk,
  expectRefused,
  type Handling,
  handlingApp,
  newAppeal,
  relogin,
} from "../../../../test/handling.js";

/**
 * 热点分析, drill-down, 重复诉求 and 月度报告 through the API on a real database. Every expected
 * number is counted by hand in the comments.
 */

let s: Handling;
const ctx = handlingApp("2026-02-23T09:00:00+08:00", (h) => {
  s = h;
});
const get = (url: string, token: string) => call(ctx.app, "GET", url, { token });
const post = (url: string, body: unknown, token?: string) => call(ctx.app, "POST", url, { token, body });
let leader = "";

async function signInLeader() {
  const lead = await createStaff(ctx, { roles: ["leader"], displayName: "李主任" });
  leader = (await login(ctx, lead.user.username, lead.password)).token;
  return lead;
}

describe("hot topics (热点分析)", () => {
  // biome-ignore lint/suspicious/noExplicitAny: free-form JSON of the API
  const current: any[] = [];

  it("counts appeals containing each term per period and ranks the fastest rising", async () => {
    // Previous period 02-23 … 03-01: P1, P2.
    await newAppeal(ctx, s, { content: "小区楼下烧烤店夜间噪音扰民" });
    await newAppeal(ctx, s, { content: "路灯不亮，晚上出行不安全" });
    // Current period 03-02 … 03-08 (7 days): C1, C2, C3.
    ctx.clock.set("2026-03-03T10:00:00+08:00");
    await relogin(ctx, s);
    const lead = await signInLeader();
    void lead;
    current.push(await newAppeal(ctx, s, { content: "烧烤店夜间噪音扰民，希望尽快处理" }));
    current.push(await newAppeal(ctx, s, { content: "工地夜间施工噪音扰民噪音很大" }));
    current.push(await newAppeal(ctx, s, { content: "噪音扰民问题反映多次" }));

    const res = await get("/api/v1/stats/hot-topics?from=2026-03-02&to=2026-03-08&limit=10", leader);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ previousFrom: "2026-02-23", previousTo: "2026-03-01" });
    // 噪音: C1 C2 C3 (C2 says it twice: one appeal) vs P1 → 3/1, rise 2; 扰民 likewise; tie → by term.
    // 夜间 C1 C2 vs P1 → 2/1 (rise 1, more appeals than the other rises of 1); 工地, 施工: C2 → 1/0;
    // 烧烤店 C1 vs P1 → 1/1 (rise 0). 希望, 尽快, 处理, 问题, 反映, 多次, 很大: stop words. P2's terms
    // (路灯, 出行 …) are absent from the current period: not hot.
    expect(res.body.items).toEqual([
      { term: "噪音", count: 3, previousCount: 1 },
      { term: "扰民", count: 3, previousCount: 1 },
      { term: "夜间", count: 2, previousCount: 1 },
      { term: "工地", count: 1, previousCount: 0 },
      { term: "施工", count: 1, previousCount: 0 },
      { term: "烧烤店", count: 1, previousCount: 1 },
    ]);
    const top2 = await get("/api/v1/stats/hot-topics?from=2026-03-02&to=2026-03-08&limit=2", leader);
    expect(top2.body.items.map((i: { term: string }) => i.term)).toEqual(["噪音", "扰民"]);
  });

  it("a term opens onto exactly the appeals it counted (appeal list: q + received period)", async () => {
    const list = await get("/api/v1/appeals?q=噪音&from=2026-03-02&to=2026-03-08", leader);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id).sort()).toEqual(current.map((a) => a.id).sort());
    const prev = await get("/api/v1/appeals?q=噪音&from=2026-02-23&to=2026-03-01", leader);
    expect(prev.body.items).toHaveLength(1);
  });

  it("refuses bad periods with the field, and other roles", async () => {
    await expectRefused(
      ctx,
      () => get("/api/v1/stats/hot-topics?from=2026-03-08&to=2026-03-02", leader),
      400,
      "VALIDATION_FAILED",
      "to",
    );
    await expectRefused(
      ctx,
      () => get("/api/v1/stats/hot-topics?from=&to=2026-03-02", leader),
      400,
      "VALIDATION_FAILED",
      "from",
    );
    await expectRefused(
      ctx,
      () => get("/api/v1/stats/hot-topics?from=2026-03-01&to=2026-03-02&limit=0", leader),
      400,
      "VALIDATION_FAILED",
      "limit",
    );
    expect((await get("/api/v1/stats/hot-topics?from=2026-03-01&to=2026-03-02", s.h.a.token)).status).toBe(
      403,
    );
  });
});

describe("drill-down, repeat appeals and the monthly report", () => {
  // biome-ignore lint/suspicious/noExplicitAny: free-form JSON of the API
  const a: Record<string, any> = {};

  it("builds a hand-countable April", async () => {
    ctx.clock.set("2026-04-06T09:00:00+08:00"); // Monday
    await relogin(ctx, s);
    await signInLeader();
    // A1 (phone X) → 市场监管局, replied, closed on time; A2 (phone Y) → 税务局, still open;
    // A3 (phone X again: 重复诉求) answered on the spot; A4 (phone Z) refused.
    a.a1 = await newAppeal(ctx, s, { requester: { name: "甲", phone: "13800000001", address: "一路" } });
    const wo1 = await dispatchOk(ctx, s, a.a1.id, { complexity: "general", leadDepartmentId: s.dept.a.id });
    await act(ctx, s.h.a.token, wo1.id, "sign");
    expect((await act(ctx, s.h.a.token, wo1.id, "reply", { result: "已办理。" })).status).toBe(200);
    expect((await post(`/api/v1/appeals/${a.a1.id}/close`, {}, s.dispatcher.token)).status).toBe(200);
    a.a2 = await newAppeal(ctx, s, {
      type: "complaint",
      requester: { name: "乙", phone: "13800000002", address: "二路" },
    });
    const wo2 = await dispatchOk(ctx, s, a.a2.id, { complexity: "general", leadDepartmentId: s.dept.b.id });
    a.a3 = await newAppeal(ctx, s, { requester: { name: "甲", phone: "13800000001", address: "一路" } });
    expect(
      (await post(`/api/v1/appeals/${a.a3.id}/resolve`, { answer: "当场答复。" }, s.clerk.token)).status,
    ).toBe(200);
    a.a4 = await newAppeal(ctx, s, { requester: { name: "丙", phone: "13800000003", address: "三路" } });
    expect(
      (
        await post(
          `/api/v1/appeals/${a.a4.id}/reject`,
          { reason: "invalid", explanation: "内容不明确" },
          s.clerk.token,
        )
      ).status,
    ).toBe(200);
    // A1 rated 不满意 (bad → rectification for 市场监管局).
    const r = await post(`/api/v1/public/appeals/${a.a1.trackingNo}/rating`, {
      queryCode: a.a1.queryCode,
      level: 2,
      resolved: false,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // A week later: 税务局 replies to A2 (general: due Thursday 04-09) — closed overdue; 市场监管局
    // completes A1's rectification.
    ctx.clock.set("2026-04-13T10:00:00+08:00");
    await relogin(ctx, s);
    await signInLeader();
    await act(ctx, s.h.b.token, wo2.id, "sign");
    expect((await act(ctx, s.h.b.token, wo2.id, "reply", { result: "已退税。" })).status).toBe(200);
    expect((await post(`/api/v1/appeals/${a.a2.id}/close`, {}, s.dispatcher.token)).status).toBe(200);
    const rect = (await get("/api/v1/rectifications?status=open", s.h.a.token)).body.items[0];
    const done = await post(
      `/api/v1/rectifications/${rect.id}/complete`,
      { result: "已上门道歉并重新办理" },
      s.h.a.token,
    );
    expect(done.status, JSON.stringify(done.body)).toBe(200);
  });

  async function drill(query: string) {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/api/v1/stats/appeals?${query}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        leader,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids;
  }

  it("shows the requester of a drill-down row opened and masked, never the stored ciphertext", async () => {
    const res = await get("/api/v1/stats/appeals?from=2026-04-01&to=2026-04-30&metric=rejected", leader);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].requester).toMatchObject({ name: "丙", phone: "138****0003" });
    expect(JSON.stringify(res.body)).not.toContain("pd1:");
  });

  it("every number of the summary opens onto exactly the appeals it counts", async () => {
    const period = "from=2026-04-01&to=2026-04-30";
    const sum = await get(`/api/v1/stats/summary?${period}&groupBy=department`, leader);
    const t = sum.body.totals;
    // received 4, repeated 1 (A3), dispatched 2, closed 2 (A1 on time, A2 overdue), rejected 1,
    // on the spot 1, bad 1 (A1), rectifications 1 opened and done (A1).
    expect(t).toMatchObject({
      received: 4,
      repeated: 1,
      dispatched: 2,
      closed: 2,
      onTime: 1,
      overdue: 1,
      rejected: 1,
      resolvedOnSpot: 1,
      bad: 1,
      rectificationsOpened: 1,
      rectificationsDone: 1,
    });
    expect(sum.body.targets).toEqual({
      responseRate: 0.95,
      resolutionRate: 0.9,
      satisfactionRate: 0.9,
      onTimeRate: 0.95,
    });
    const ids = (x: string[]) => x.map((k) => a[k].id).sort();
    expect((await drill(`${period}&metric=received`)).sort()).toEqual(ids(["a1", "a2", "a3", "a4"]));
    expect(await drill(`${period}&metric=repeated`)).toEqual(ids(["a3"]));
    expect((await drill(`${period}&metric=dispatched`)).sort()).toEqual(ids(["a1", "a2"]));
    expect(await drill(`${period}&metric=on_time`)).toEqual(ids(["a1"]));
    expect(await drill(`${period}&metric=overdue`)).toEqual(ids(["a2"]));
    expect(await drill(`${period}&metric=rectifications_done`)).toEqual(ids(["a1"]));
    expect(await drill(`${period}&metric=bad`)).toEqual(ids(["a1"]));
    expect(await drill(`${period}&metric=rejected`)).toEqual(ids(["a4"]));
    expect(await drill(`${period}&metric=received&type=complaint`)).toEqual(ids(["a2"]));
    // Per department: each cell's number = its list's length, for every counted figure.
    const metrics: [string, string][] = [
      ["received", "received"],
      ["dispatched", "dispatched"],
      ["closed", "closed"],
      ["on_time", "onTime"],
      ["overdue", "overdue"],
      ["rectifications_done", "rectificationsDone"],
      ["responded", "responded"],
      ["rated", "rated"],
      ["bad", "bad"],
      ["rectifications_opened", "rectificationsOpened"],
    ];
    for (const g of sum.body.groups) {
      for (const [metric, field] of metrics) {
        const list = await drill(`${period}&metric=${metric}&departmentId=${g.key}`);
        expect(list.length, `${g.label} ${metric}`).toBe(g[field]);
      }
    }
    const deptA = sum.body.groups.find((g: { key: string }) => g.key === s.dept.a.id);
    expect(deptA).toMatchObject({ dispatched: 1, closed: 1, rated: 1, bad: 1 });
    // Outside the period: nothing.
    expect(await drill("from=2026-05-01&to=2026-05-31&metric=received")).toEqual([]);
  });

  it("a department user drills into its own department only; bad metric → 400", async () => {
    const res = await get(
      `/api/v1/stats/appeals?from=2026-04-01&to=2026-04-30&metric=dispatched&departmentId=${s.dept.b.id}`,
      s.h.a.token,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([a.a1.id]);
    await expectRefused(
      ctx,
      () => get("/api/v1/stats/appeals?from=2026-04-01&to=2026-04-30&metric=nope", leader),
      400,
      "VALIDATION_FAILED",
      "metric",
    );
  });

  it("the monthly report: figures vs last month, departments, items; bad months refused", async () => {
    const res = await get("/api/v1/reports/monthly?month=2026-04", leader);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({
      month: "2026-04",
      from: "2026-04-01",
      to: "2026-04-30",
      previousMonth: "2026-03",
    });
    expect(r.totals).toMatchObject({ received: 4, repeated: 1, overdue: 1, rectificationsDone: 1 });
    // March: the three hot-topic appeals of 03-03 (the two of February are not in it).
    expect(r.previousTotals.received).toBe(3);
    // 部门考核排名 = the live ranking of the month.
    const live = (await get("/api/v1/stats/assessment?month=2026-04", leader)).body;
    expect(r.ranking).toEqual({
      weights: live.weights,
      complete: live.complete,
      publishedVersion: null,
      items: live.items,
    });
    // 市场监管局: one rating, 不满意 and not resolved → 解决率 0, 满意率 0; ranked.
    expect(
      r.ranking.items.find((i: { departmentName: string }) => i.departmentName === "市场监管局"),
    ).toMatchObject({
      rank: expect.any(Number),
    });
    expect(r.overdueItems).toEqual([
      {
        appealId: a.a2.id,
        trackingNo: a.a2.trackingNo,
        departmentName: "税务局",
        content: a.a2.content,
        dueAt: "2026-04-09T23:59:59.999+08:00",
        doneAt: "2026-04-13T10:00:00.000+08:00",
        result: null,
      },
    ]);
    expect(r.rectifiedItems).toMatchObject([
      { appealId: a.a1.id, departmentName: "市场监管局", result: "已上门道歉并重新办理" },
    ]);
    await expectRefused(
      ctx,
      () => get("/api/v1/reports/monthly?month=2026-05", leader),
      400,
      "VALIDATION_FAILED",
      "month",
    );
    await expectRefused(
      ctx,
      () => get("/api/v1/reports/monthly?month=2026-13", leader),
      400,
      "VALIDATION_FAILED",
      "month",
    );
    await expectRefused(ctx, () => get("/api/v1/reports/monthly", leader), 400, "VALIDATION_FAILED", "month");
    expect((await get("/api/v1/reports/monthly?month=2026-04", s.h.a.token)).status).toBe(403);
  });

  it("exports the report as .xlsx with Chinese headers on several sheets", async () => {
    const res = await get("/api/v1/reports/monthly/export?month=2026-04", leader);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "概况",
      "部门",
      "考核排名",
      "热点",
      "超期事项",
      "整改事项",
    ]);
    // 考核排名: the month's ranking as GET /stats/assessment computes it.
    const ranking = (await get("/api/v1/stats/assessment?month=2026-04", leader)).body.items;
    expect(ranking.length).toBeGreaterThan(0);
    const rk = wb.getWorksheet("考核排名")!;
    expect(rk.getRow(1).values).toEqual([
      undefined,
      "排名",
      "部门",
      "得分",
      "指标得分",
      "扣分",
      "督办",
      "通报",
    ]);
    ranking.forEach((i: { rank: number | null; departmentName: string; score: number | null }, n: number) => {
      expect(rk.getRow(n + 2).getCell(1).value).toBe(i.rank ?? "未参与排名");
      expect(rk.getRow(n + 2).getCell(2).value).toBe(i.departmentName);
      expect(rk.getRow(n + 2).getCell(3).value).toBe(i.score ?? "—");
    });
    const o = wb.getWorksheet("概况")!;
    expect(o.getRow(1).values).toEqual([undefined, "指标", "本月（2026-04）", "上月（2026-03）"]);
    const rowOf = (name: string) => {
      let found: unknown[] = [];
      o.eachRow((row) => {
        if (row.getCell(1).value === name) found = (row.values as unknown[]).slice(1);
      });
      return found;
    };
    expect(rowOf("受理")).toEqual(["受理", 4, 3]);
    // March: C1–C3 come from the phone of P1 and P2 (February, within 30 days): 3.
    expect(rowOf("重复诉求")).toEqual(["重复诉求", 1, 3]);
    expect(rowOf("差评")).toEqual(["差评", 1, 0]);
    const d = wb.getWorksheet("部门")!;
    expect(d.getRow(1).getCell(1).value).toBe("部门");
    const names: unknown[] = [];
    d.eachRow((row, n) => n > 1 && names.push(row.getCell(1).value));
    expect(names).toEqual(expect.arrayContaining(["市场监管局", "税务局", "中心（未分办）"]));
    const late = wb.getWorksheet("超期事项")!;
    expect(late.getRow(1).values).toEqual([
      undefined,
      "受理编号",
      "责任部门",
      "办理时限",
      "答复时间",
      "诉求内容",
    ]);
    expect(late.getRow(2).getCell(1).value).toBe(a.a2.trackingNo);
    expect(late.getRow(2).getCell(2).value).toBe("税务局");
    expect(late.rowCount).toBe(2);
    const fixed = wb.getWorksheet("整改事项")!;
    expect(fixed.getRow(2).getCell(6).value).toBe("已上门道歉并重新办理");
  });

  it("streams the month's appeals with masked phones, announcing size and rows", async () => {
    const res = await get("/api/v1/reports/monthly/appeals-export?month=2026-04", leader);
    expect(res.status).toBe(200);
    expect(res.res.headers["x-total-rows"]).toBe("4");
    const raw = res.res.rawPayload;
    expect(Number(res.res.headers["content-length"])).toBe(raw.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe("受理编号");
    expect(ws.getRow(1).getCell(8).value).toBe("电话");
    const rows: Record<string, unknown>[] = [];
    ws.eachRow((row, n) => {
      if (n > 1)
        rows.push({ no: row.getCell(1).value, phone: row.getCell(8).value, status: row.getCell(6).value });
    });
    expect(rows.map((r) => r.no)).toEqual(["a1", "a2", "a3", "a4"].map((k) => a[k].trackingNo));
    expect(rows[0]).toMatchObject({ phone: "138****0001", status: "已销号" });
    expect(JSON.stringify(rows)).not.toContain("13800000001");
    const audit = await ctx.handle.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "report.monthly%")
      .execute();
    expect(audit.map((x) => x.action).sort()).toEqual([
      "report.monthly.appeals_export",
      "report.monthly.export",
    ]);
  });
});
