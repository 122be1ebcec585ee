import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import { buildApp } from "../src/server/app.js";
import { bootstrap, getDefaultCenterId } from "../src/server/bootstrap.js";
import { systemClock } from "../src/server/clock.js";
import { testConfig } from "../src/server/config.js";
import { createDb } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { importArticles, searchKnowledge } from "../src/server/modules/knowledge/index.js";
import type { BenchOptions, BenchRow } from "./run.js";

/**
 * Knowledge search latency (ADR 0013) at N articles on PGlite: the starter set plus N generated
 * articles built from service-center vocabulary (matters × actions × who × where), then clerk
 * paraphrases searched through the service (planning, synonyms, GIN match, ranking, snippets;
 * no HTTP). Reports p50/p95 and whether the starter answer to the sole-proprietor question is
 * still in the top 3 among the generated look-alikes.
 *   npx tsx bench/knowledge.bench.ts [--quick] [--articles=100000]
 */

const MATTERS = [
  "营业执照",
  "食品经营许可",
  "社保卡",
  "养老保险",
  "医疗保险",
  "失业保险金",
  "住房公积金",
  "居住证",
  "身份证",
  "户口",
  "不动产登记",
  "房产证",
  "驾驶证",
  "行驶证",
  "出入境证件",
  "结婚登记",
  "出生医学证明",
  "残疾人证",
  "低保",
  "临时救助",
  "退役军人优待证",
  "施工许可",
  "排污许可",
  "药品经营许可",
  "道路运输证",
  "税务登记",
  "发票申领",
  "公证",
  "法律援助",
  "老年人优待证",
  "独生子女证",
  "教师资格",
  "医师执业注册",
  "烟草专卖许可",
  "危险化学品经营许可",
  "林木采伐许可",
  "取水许可",
  "特种设备使用登记",
  "消防验收",
  "人防审批",
];
const ACTIONS = [
  "办理",
  "变更",
  "注销",
  "补办",
  "提取",
  "转移",
  "申领",
  "续期",
  "查询",
  "年审",
  "迁移",
  "核验",
];
const WHO = ["个人", "企业", "个体工商户", "老年人", "外地人员", "退役军人", "学生", "农民工", "残疾人"];
const WHERE = ["城关街道", "东城区", "西湖镇", "高新区", "经开区", "南山乡", "北港街道", "临江镇"];
const QUERIES = [
  "我想把个体户关掉要办什么",
  "個體戶註銷需要什麼材料",
  "社保怎么转到外地",
  "公积金买房能取吗",
  "房本丢了怎么补",
  "驾照到期换证去哪",
  "外地人办暂住证要啥",
  "孩子出生怎么上户口",
  "ETC 2026 年审",
  "施工许可证流程",
];

function generate(n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const m = MATTERS[i % MATTERS.length] as string;
    const a = ACTIONS[Math.floor(i / MATTERS.length) % ACTIONS.length] as string;
    const w = WHO[Math.floor(i / 7) % WHO.length] as string;
    const p = WHERE[Math.floor(i / 11) % WHERE.length] as string;
    out.push({
      title: `${w}${m}${a}（${p}）第${i}号`,
      question: `${w}在${p}怎么${a}${m}？需要带什么材料，多长时间办好？`,
      answer: `${w}${a}${m}，请携带本人有效身份证件及相关材料到${p}便民服务中心窗口办理，也可在政务服务网申请。材料齐全的，一般在规定时限内办结。咨询电话见部门通讯录。编号${i}。`,
      tags: [m, a, w],
    });
  }
  return out;
}

async function one(n: number, rounds: number): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "yousu-bench-kb-"));
  const handle = await createDb({ kind: "pglite", dataDir: dir });
  try {
    await migrateToLatest(handle.db);
    const app = await buildApp({
      db: handle.db,
      config: testConfig({ adminPassword: "Kq7#Lantern-Field", logLevel: "silent" }),
      clock: systemClock,
    });
    await bootstrap(app.deps, app.log);
    const centerId = await getDefaultCenterId(handle.db);
    const t0 = performance.now();
    await importArticles(handle.db, centerId, generate(n), new Date());
    const loadS = (performance.now() - t0) / 1000;
    await sql`analyze knowledge_articles`.execute(handle.db);
    const now = new Date();
    for (const q of QUERIES) await searchKnowledge(handle.db, centerId, q, { now }); // warm-up
    const times: number[] = [];
    let found = 0;
    for (let r = 0; r < rounds; r++) {
      for (const q of QUERIES) {
        const s = performance.now();
        const res = await searchKnowledge(handle.db, centerId, q, { now });
        times.push(performance.now() - s);
        if (
          r === 0 &&
          q === QUERIES[0] &&
          res.items.slice(0, 3).some((h) => h.title === "个体工商户注销登记")
        )
          found = 1;
      }
    }
    times.sort((x, y) => x - y);
    const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
    const note = `PGlite, ${n.toLocaleString("en")} generated + 30 starter articles, ${times.length} searches, loaded in ${loadS.toFixed(0)} s`;
    await app.close();
    return [
      { name: `knowledge search p50 @${n}`, value: pct(50), unit: "ms", note },
      { name: `knowledge search p95 @${n}`, value: pct(95), unit: "ms", note },
      { name: `sole-proprietor paraphrase in top 3 @${n}`, value: found, unit: "yes=1", note },
    ];
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(opts: BenchOptions = { quick: false }): Promise<BenchRow[]> {
  const arg = process.argv.find((a) => a.startsWith("--articles="));
  const n = arg ? Number(arg.slice("--articles=".length)) : opts.quick ? 1000 : 10_000;
  return one(n, opts.quick ? 3 : 20);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await run({ quick: process.argv.includes("--quick") });
  for (const r of rows) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} (${r.note ?? ""})`);
}
