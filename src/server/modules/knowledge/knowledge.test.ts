import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { call, expectDocumented, useTestApp } from "../../../../test/app.js";
import { adminToken, createDepartment, createStaff } from "../../../../test/factories.js";
import { nearDuplicateArticles, PARAPHRASES } from "../../../../test/knowledge-paraphrases.js";
import { HELDOUT_PARAPHRASES } from "../../../../test/knowledge-paraphrases-heldout.js";
import { THIRD_PARAPHRASES } from "../../../../test/knowledge-paraphrases-third.js";
import { planQuery } from "../../../core/search-text.js";
import { insertCenter } from "../centers/index.js";
import { loadSynonyms } from "./data/knowledge.repository.js";
import { GROUP_CAP, searchArticles } from "./data/knowledge.search.js";
import { ensureStarterKnowledge, importArticles } from "./knowledge.setup.js";

// biome-ignore lint/correctness/useHookAtTopLevel: useTestApp is a vitest helper, not a React hook
const ctx = useTestApp({ start: "2026-03-02T09:00:00+08:00" });

const search = async (token: string, q: string) =>
  call(ctx.app, "GET", `/api/v1/knowledge/search?q=${encodeURIComponent(q)}`, { token });

type Hit = { id: string; title: string; snippet: string; highlights: { start: number; end: number }[] };
const titles = (body: { items: Hit[] }) => body.items.map((h) => h.title);

/** The questions of a paraphrase set whose expected article is not in the top 3 for `token`. */
async function misses(token: string, set: readonly (readonly [string, string])[]): Promise<string[]> {
  const out: string[] = [];
  for (const [q, expected] of set) {
    if (
      !titles((await search(token, q)).body)
        .slice(0, 3)
        .includes(expected)
    )
      out.push(q);
  }
  return out;
}

describe("knowledge search on the starter set (known answers)", () => {
  it.each([
    ["我想把个体户关掉要办什么", "个体工商户注销登记"],
    ["個體戶註銷需要什麼材料", "个体工商户注销登记"],
    ["个体店不干了执照怎么处理", "个体工商户注销登记"],
    ["换城市工作了，社保怎么转过去", "社会保险关系转移（跨省）"],
    ["买房子公积金能取出来吗", "住房公积金提取（购房）"],
    ["房本丢了", "不动产权证书遗失补发"],
    ["外地人办暂住证", "居住证申领"],
    ["ＥＴＣ？驾照到期换证2026", "机动车驾驶证换证"],
    ["公司搬家了执照地址要改吗", "营业执照变更登记（名称、地址、经营范围）"],
  ])("a clerk's wording %s finds %s in the top 3", async (q, expected) => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const r = await search(clerk.token, q);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(titles(r.body).slice(0, 3)).toContain(expected);
  });

  it("puts the right starter article in the top 3 for every paraphrase of the set", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    expect(await misses(clerk.token, PARAPHRASES)).toEqual([]);
  });

  it("puts the right starter article in the top 3 for every held-out paraphrase", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    // The two misses of main up to 2026-12-04 (营业执照上的店名想换一个, 辞职了公积金里的钱能拿出来吗)
    // were query planning, fixed generically (ADR 0013); this set then prompted the fix, so the
    // third set below is the one that tells whether it generalises.
    expect(await misses(clerk.token, HELDOUT_PARAPHRASES)).toEqual([]);
  });

  it("puts the right starter article in the top 3 for every paraphrase of the third set", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    expect(await misses(clerk.token, THIRD_PARAPHRASES)).toEqual([]);
  });

  it("highlights the matched words in the snippet, also for a traditional-character query", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const r = await search(clerk.token, "個體工商戶註銷");
    const hit = (r.body.items as Hit[]).find((h) => h.title === "个体工商户注销登记");
    expect(hit).toBeDefined();
    const marked = hit?.highlights.map((m) => hit.snippet.slice(m.start, m.end)) ?? [];
    expect(marked).toEqual(expect.arrayContaining(["个体工商户", "注销"]));
  });

  it("answers empty and over-long queries with 400 on q, punctuation-only with no hits", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    for (const q of ["", "   "]) {
      const r = await search(clerk.token, q);
      expect(r.status).toBe(400);
      expect(r.body.error.details[0].path).toBe("q");
    }
    const long = await search(clerk.token, "社保".repeat(101));
    expect(long.status).toBe(400);
    expect(long.body.error.details[0].path).toBe("q");
    expect((await search(clerk.token, "社保".repeat(100))).status).toBe(200);
    const punct = await search(clerk.token, "？？！！……，。");
    expect(punct.status).toBe(200);
    expect(punct.body.items).toEqual([]);
    const stop = await search(clerk.token, "我想问一下怎么办");
    expect(stop.body.items).toEqual([]);
    expect((await call(ctx.app, "GET", "/api/v1/knowledge/search?q=x")).status).toBe(401);
  });
});

describe("knowledge search among many near-duplicate articles", () => {
  it("still finds the starter article for a clerk's paraphrase among templated look-alikes", async () => {
    const center = await insertCenter(ctx.handle.db, {
      code: "kb-crowded",
      name: "知识条目很多的中心",
      level: "county",
      parentId: null,
      timezone: "Asia/Shanghai",
      address: null,
      phone: null,
      now: ctx.clock.now(),
    });
    await ensureStarterKnowledge(ctx.handle.db, center.id, ctx.clock.now());
    // 960 templated articles: every matter × action twice, e.g. 11 "个体工商户…注销（某地）" ones
    // that share the starter article's words and have shorter answers.
    await importArticles(ctx.handle.db, center.id, nearDuplicateArticles(960), ctx.clock.now());
    const clerk = await createStaff(ctx, { roles: ["window"], centerId: center.id });

    // The one known miss names 营业执照 as well: the templated "个体工商户营业执照注销（临江镇）"
    // article has all three words of it and comes first, then two starter articles about
    // 个体户 + 营业执照; 个体工商户注销登记 (个体户 + 关门 = 注销) is fourth (docs/benchmarks.md).
    expect(await misses(clerk.token, PARAPHRASES)).toEqual(["个体户关门了营业执照怎么处理"]);

    // The held-out set (written after this test, not used to tune the ranking; its two misses in
    // query planning were fixed since): 二手房过户 is fourth behind two templated 不动产登记转移
    // articles (房子 = 不动产, 转过去 = 转移) and 不动产抵押登记.
    expect(await misses(clerk.token, HELDOUT_PARAPHRASES)).toEqual(["房子卖给别人了产权怎么转过去"]);
    expect(await misses(clerk.token, THIRD_PARAPHRASES)).toEqual([]);
  });

  it("finds the article about a common word among more look-alikes than a part brings", async () => {
    const center = await insertCenter(ctx.handle.db, {
      code: "kb-common-word",
      name: "常见词很多的中心",
      level: "county",
      parentId: null,
      timezone: "Asia/Shanghai",
      address: null,
      phone: null,
      now: ctx.clock.now(),
    });
    await ensureStarterKnowledge(ctx.handle.db, center.id, ctx.clock.now());
    // 333 templated 个体工商户 articles (more than GROUP_CAP = 300), then the starter rows are
    // rewritten so they sit after them in the table: a part's first 300 rows in scan order are
    // then all look-alikes.
    const lookAlikes = nearDuplicateArticles(3000).filter((a) => a.title.startsWith("个体工商户"));
    expect(lookAlikes.length).toBeGreaterThan(GROUP_CAP);
    await importArticles(ctx.handle.db, center.id, lookAlikes, ctx.clock.now());
    await sql`update knowledge_articles set updated_at = updated_at
      where center_id = ${center.id} and example`.execute(ctx.handle.db);
    // The only indexed part of the question is 个体 (菜市场, 摆摊 and 想办 are in no title, tags or
    // question): the last pass must still read 个体工商户设立登记 (a short title about it).
    const plan = planQuery("在菜市场摆摊想办个体执照", await loadSynonyms(ctx.handle.db, center.id));
    const rows = await searchArticles(ctx.handle.db, center.id, plan, "2026-03-02", 100, () => false);
    expect(rows.slice(0, 3).map((r) => r.title)).toContain("个体工商户设立登记");
  });

  it("skips the any-group pass only when it cannot change the result", async () => {
    const center = await insertCenter(ctx.handle.db, {
      code: "kb-passes",
      name: "检索分步的中心",
      level: "county",
      parentId: null,
      timezone: "Asia/Shanghai",
      address: null,
      phone: null,
      now: ctx.clock.now(),
    });
    await ensureStarterKnowledge(ctx.handle.db, center.id, ctx.clock.now());
    await importArticles(ctx.handle.db, center.id, nearDuplicateArticles(480), ctx.clock.now());
    let statements = 0;
    const db = ctx.handle.db.withPlugin({
      // Called once per statement run (transformQuery also sees every subquery).
      transformQuery: (a) => a.node,
      transformResult: async (a) => {
        statements++;
        return a.result;
      },
    });
    const plan = planQuery("个体户关门了营业执照怎么处理", await loadSynonyms(db, center.id));
    const today = "2026-03-02";
    const never = () => false;
    // A window the first pass (articles having two groups or more, uncapped) fills: one statement.
    statements = 0;
    const top = await searchArticles(db, center.id, plan, today, 5, never);
    expect(statements).toBe(1);
    // A window it cannot fill: the any-group pass runs, and the rows it adds (one group, score
    // below 2) all come after the first pass's, so the skipped pass would not have changed the five.
    statements = 0;
    const all = await searchArticles(db, center.id, plan, today, 2000, never);
    expect(statements).toBe(2);
    const twoOrMore = all.filter((r) => Number(r.score) >= 2);
    expect(twoOrMore.length).toBeGreaterThan(5);
    expect(twoOrMore.length).toBeLessThan(all.length);
    expect(all.slice(0, 5)).toEqual(top);
  });
});

describe("articles: drafts, versions, publication and currency", () => {
  it("creates a draft that search ignores until published; every edit is a version", async () => {
    const admin = await adminToken(ctx);
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const dept = await createDepartment(ctx, { name: "住房和城乡建设局" });
    const created = await call(ctx.app, "POST", "/api/v1/knowledge/articles", {
      token: admin,
      body: {
        title: "老旧小区加装电梯补贴申请",
        question: "我们楼想装电梯，政府有补贴吗？",
        answer: "符合条件的既有住宅加装电梯可申请财政补贴，由业主委员会或业主代表向住建部门提出。",
        departmentIds: [dept.id],
        tags: ["加装电梯", "补贴"],
        source: "住建局加装电梯实施办法",
        reviewBy: "2026-12-31",
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      status: "draft",
      version: 1,
      current: false,
      departmentIds: [dept.id],
    });
    expect(titles((await search(clerk.token, "加装电梯补贴")).body)).not.toContain(
      "老旧小区加装电梯补贴申请",
    );

    const published = await call(ctx.app, "POST", `/api/v1/knowledge/articles/${id}/publish`, {
      token: admin,
      body: { expectedVersion: 1 },
    });
    expect(published.body).toMatchObject({ status: "published", version: 2, current: true });
    expect(titles((await search(clerk.token, "楼里装电梯有补贴吗")).body)[0]).toBe(
      "老旧小区加装电梯补贴申请",
    );

    const stale = await call(ctx.app, "PATCH", `/api/v1/knowledge/articles/${id}`, {
      token: admin,
      body: { answer: "旧版本上的修改", expectedVersion: 1 },
    });
    expect(stale.status).toBe(409);
    const edited = await call(ctx.app, "PATCH", `/api/v1/knowledge/articles/${id}`, {
      token: admin,
      body: { answer: "符合条件的既有住宅加装电梯，按每台最高限额给予补贴。", expectedVersion: 2 },
    });
    expect(edited.body).toMatchObject({ version: 3, status: "published" });
    const versions = await call(ctx.app, "GET", `/api/v1/knowledge/articles/${id}/versions`, {
      token: admin,
    });
    expect(
      versions.body.items.map((v: { version: number; change: string }) => [v.version, v.change]),
    ).toEqual([
      [3, "update"],
      [2, "publish"],
      [1, "create"],
    ]);
    expect(versions.body.items[2].answer).toContain("业主委员会");
    // Window staff may search but not edit or read the history.
    expect(
      (await call(ctx.app, "GET", `/api/v1/knowledge/articles/${id}/versions`, { token: clerk.token }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(ctx.app, "PATCH", `/api/v1/knowledge/articles/${id}`, {
          token: clerk.token,
          body: { answer: "窗口改的", expectedVersion: 3 },
        })
      ).status,
    ).toBe(403);

    const unpublished = await call(ctx.app, "POST", `/api/v1/knowledge/articles/${id}/unpublish`, {
      token: admin,
    });
    expect(unpublished.body).toMatchObject({ status: "draft", version: 4 });
    expect(titles((await search(clerk.token, "加装电梯补贴")).body)).not.toContain(
      "老旧小区加装电梯补贴申请",
    );
    expect(
      (await call(ctx.app, "GET", `/api/v1/knowledge/articles/${id}`, { token: clerk.token })).status,
    ).toBe(404);
  });

  it("flags expired and past-review articles and never returns them as current", async () => {
    let admin = await adminToken(ctx);
    let clerk = await createStaff(ctx, { roles: ["window"] });
    const make = async (title: string, extra: Record<string, string>) => {
      const r = await call(ctx.app, "POST", "/api/v1/knowledge/articles", {
        token: admin,
        body: {
          title,
          question: `${title}怎么办理`,
          answer: `${title}的答复口径：携带身份证到窗口。`,
          ...extra,
        },
      });
      await call(ctx.app, "POST", `/api/v1/knowledge/articles/${r.body.id}/publish`, { token: admin });
      return r.body.id as string;
    };
    const expiring = await make("渔船检验证书年审", { validTo: "2026-03-10" });
    const reviewing = await make("养犬登记证年审", { reviewBy: "2026-03-05" });
    expect(titles((await search(clerk.token, "渔船检验证书")).body)).toContain("渔船检验证书年审");
    expect(titles((await search(clerk.token, "养犬登记证")).body)).toContain("养犬登记证年审");

    ctx.clock.set("2026-03-11T09:00:00+08:00");
    // Sessions expired over the nine days: sign in again.
    admin = await adminToken(ctx);
    clerk = await createStaff(ctx, { roles: ["window"] });
    expect(titles((await search(clerk.token, "渔船检验证书")).body)).not.toContain("渔船检验证书年审");
    expect(titles((await search(clerk.token, "养犬登记证")).body)).not.toContain("养犬登记证年审");
    const a = await call(ctx.app, "GET", `/api/v1/knowledge/articles/${expiring}`, { token: admin });
    expect(a.body).toMatchObject({ current: false, flags: ["expired"] });
    const b = await call(ctx.app, "GET", `/api/v1/knowledge/articles/${reviewing}`, { token: admin });
    expect(b.body).toMatchObject({ current: false, flags: ["review_overdue"] });
    const flagged = await call(ctx.app, "GET", "/api/v1/knowledge/articles?flagged=true&limit=100", {
      token: admin,
    });
    const flaggedIds = flagged.body.items.map((x: { id: string }) => x.id);
    expect(flaggedIds).toEqual(expect.arrayContaining([expiring, reviewing]));
    // Using a stale article is refused; reviewing it (new review date) brings it back.
    expect(
      (await call(ctx.app, "POST", `/api/v1/knowledge/articles/${reviewing}/use`, { token: clerk.token }))
        .status,
    ).toBe(404);
    await call(ctx.app, "PATCH", `/api/v1/knowledge/articles/${reviewing}`, {
      token: admin,
      body: { reviewBy: "2026-09-30", expectedVersion: b.body.version },
    });
    expect(titles((await search(clerk.token, "养犬登记证")).body)).toContain("养犬登记证年审");
    ctx.clock.set("2026-03-02T09:00:00+08:00");
  });

  it("publishes at creation when asked (API.md status), the question being optional", async () => {
    const admin = await adminToken(ctx);
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const r = await call(ctx.app, "POST", "/api/v1/knowledge/articles", {
      token: admin,
      body: {
        title: "电动自行车上牌登记",
        answer: "携带购车发票、合格证和身份证到车管所或指定网点办理上牌登记。",
        status: "published",
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ status: "published", version: 1, current: true, question: "" });
    expect(titles((await search(clerk.token, "电动车上牌")).body)[0]).toBe("电动自行车上牌登记");
  });

  it("validates article input with field paths", async () => {
    const admin = await adminToken(ctx);
    const bad = await call(ctx.app, "POST", "/api/v1/knowledge/articles", {
      token: admin,
      body: { title: "", question: "问", answer: "答", validFrom: "2026-05-01", validTo: "2026-04-01" },
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["title", "validTo"]));
    const unknownDept = await call(ctx.app, "POST", "/api/v1/knowledge/articles", {
      token: admin,
      body: { title: "标题", question: "问题", answer: "答复", departmentIds: ["999999"] },
    });
    expect(unknownDept.status).toBe(400);
    expect(unknownDept.body.error.details[0].path).toBe("departmentIds.0");
  });
});

describe("usage, synonyms and scope", () => {
  it("counts uses of an inserted answer and lists the most used", async () => {
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const hits = (await search(clerk.token, "社保卡丢了")).body.items as Hit[];
    const card = hits.find((h) => h.title === "社会保障卡补办");
    expect(card).toBeDefined();
    for (let i = 0; i < 3; i++) {
      const used = await call(ctx.app, "POST", `/api/v1/knowledge/articles/${card?.id}/use`, {
        token: clerk.token,
      });
      expect(used.status).toBe(200);
      expect(used.body.answer).toContain("挂失");
      expect(used.body.useCount).toBe(i + 1);
    }
    const other = hits.find((h) => h.id !== card?.id);
    await call(ctx.app, "POST", `/api/v1/knowledge/articles/${other?.id}/use`, { token: clerk.token });
    const most = await call(ctx.app, "GET", "/api/v1/knowledge/most-used", { token: clerk.token });
    expect(most.body.items[0]).toMatchObject({ id: card?.id, useCount: 3 });
    const audits = await ctx.handle.db
      .selectFrom("audit_log")
      .where("action", "=", "knowledge.use")
      .select("entity_id")
      .execute();
    expect(audits.filter((a) => a.entity_id === card?.id)).toHaveLength(3);
  });

  it("applies an edited synonym list at query time", async () => {
    const admin = await adminToken(ctx);
    const clerk = await createStaff(ctx, { roles: ["window"] });
    const soleTrader = (body: { items: Hit[] }) => titles(body).filter((t) => t.startsWith("个体工商户"));
    expect(soleTrader((await search(clerk.token, "小本生意")).body)).toEqual([]);
    const current = await call(ctx.app, "GET", "/api/v1/knowledge/synonyms", { token: admin });
    const groups = [...current.body.groups, ["个体工商户", "小本生意"]];
    const put = await call(ctx.app, "PUT", "/api/v1/knowledge/synonyms", { token: admin, body: { groups } });
    expect(put.status).toBe(200);
    const after = await search(clerk.token, "小本生意");
    expect(soleTrader(after.body).length).toBeGreaterThanOrEqual(3);
    expect(
      titles(after.body)
        .slice(0, 3)
        .every((t) => t.startsWith("个体工商户")),
    ).toBe(true);
    const bad = await call(ctx.app, "PUT", "/api/v1/knowledge/synonyms", {
      token: admin,
      body: { groups: [["孤词"]] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe("groups.0");
  });

  it("searches only the caller's center", async () => {
    const other = await insertCenter(ctx.handle.db, {
      code: "kb-other",
      name: "另一中心",
      level: "county",
      parentId: null,
      timezone: "Asia/Shanghai",
      address: null,
      phone: null,
      now: ctx.clock.now(),
    });
    const theirs = await createStaff(ctx, { roles: ["window"], centerId: other.id });
    // insertCenter does not seed: the other center has no articles, so nothing leaks across.
    expect((await search(theirs.token, "个体户注销")).body.items).toEqual([]);
    const mine = await createStaff(ctx, { roles: ["window"] });
    const id = ((await search(mine.token, "个体户注销")).body.items as Hit[])[0]?.id;
    expect(
      (await call(ctx.app, "GET", `/api/v1/knowledge/articles/${id}`, { token: theirs.token })).status,
    ).toBe(404);
    expect(
      (await call(ctx.app, "POST", `/api/v1/knowledge/articles/${id}/use`, { token: theirs.token })).status,
    ).toBe(404);
  });

  it("documents its endpoints", async () => {
    await expectDocumented(ctx.app, [
      "/api/v1/knowledge/search",
      "/api/v1/knowledge/articles",
      "/api/v1/knowledge/articles/{id}/versions",
      "/api/v1/knowledge/synonyms",
      "/api/v1/categories",
    ]);
  });
});
