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
import { nearDuplicateArticles, PARAPHRASES } from "../test/knowledge-paraphrases.js";
import { HELDOUT_PARAPHRASES } from "../test/knowledge-paraphrases-heldout.js";
import { THIRD_PARAPHRASES } from "../test/knowledge-paraphrases-third.js";
import type { BenchOptions, BenchRow } from "./run.js";

/**
 * Knowledge search latency and quality (ADR 0013) at N articles: the starter set plus N generated
 * near-duplicate articles (test/knowledge-paraphrases.ts), then clerk wordings searched through
 * the service (planning, synonyms, GIN match, ranking, snippets; no HTTP): the 10 latency queries
 * below, the 30 paraphrases of the set, the 30 of the held-out set
 * (test/knowledge-paraphrases-heldout.ts) and the 30 of the third set
 * (test/knowledge-paraphrases-third.ts). Reports p50/p95 over all of them and each set's top-3
 * hit rate (the starter article that answers it among the first three).
 * The starter rows are rewritten after the import so they sit at the end of the table: a capped
 * pass reads rows in physical order and must not find them first by luck.
 *   npx tsx bench/knowledge.bench.ts [--quick] [--articles=100000] [--rounds=20] [--pg=postgres://…/emptydb]
 */

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

async function one(n: number, rounds: number): Promise<BenchRow[]> {
  const pg = process.argv.find((a) => a.startsWith("--pg="))?.slice("--pg=".length);
  const dir = pg ? "" : mkdtempSync(join(tmpdir(), "yousu-bench-kb-"));
  const handle = pg
    ? await createDb({ kind: "postgres", url: pg })
    : await createDb({ kind: "pglite", dataDir: dir });
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
    await importArticles(handle.db, centerId, nearDuplicateArticles(n), new Date());
    const loadS = (performance.now() - t0) / 1000;
    await sql`update knowledge_articles set updated_at = updated_at where example`.execute(handle.db);
    await sql`vacuum analyze knowledge_articles`.execute(handle.db);
    const now = new Date();
    const sets = [
      { name: "paraphrases", set: PARAPHRASES },
      { name: "held-out paraphrases", set: HELDOUT_PARAPHRASES },
      { name: "third-set paraphrases", set: THIRD_PARAPHRASES },
    ].map((s) => ({ ...s, hits: 0, missed: [] as string[] }));
    const queries = [...new Set([...QUERIES, ...sets.flatMap((s) => s.set.map(([q]) => q))])];
    for (const q of queries) await searchKnowledge(handle.db, centerId, q, { now }); // warm-up
    const times: number[] = [];
    // CPU time of this process per search: on PGlite the database runs in it, so this is the
    // search's own work, less sensitive than wall time to other jobs on a shared machine.
    const cpu: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const s = performance.now();
        const c = process.cpuUsage();
        const res = await searchKnowledge(handle.db, centerId, q, { now });
        times.push(performance.now() - s);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        // Scored once per paraphrase in the first round (queries are distinct).
        for (const s of r === 0 ? sets : []) {
          const expected = s.set.find(([p]) => p === q)?.[1];
          if (!expected) continue;
          if (res.items.slice(0, 3).some((h) => h.title === expected)) s.hits++;
          else s.missed.push(q);
        }
      }
    }
    times.sort((x, y) => x - y);
    cpu.sort((x, y) => x - y);
    const at = (xs: number[], p: number) =>
      xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
    const pct = (p: number) => at(times, p);
    const note = `${pg ? "PostgreSQL" : "PGlite"}, ${n.toLocaleString("en")} generated + 30 starter articles, ${times.length} searches, loaded in ${loadS.toFixed(0)} s`;
    const missNote = (missed: string[]) =>
      missed.length ? `${note}; not in the top 3: ${missed.join(" / ")}` : note;
    await app.close();
    return [
      { name: `knowledge search p50 @${n}`, value: pct(50), unit: "ms", note },
      { name: `knowledge search p95 @${n}`, value: pct(95), unit: "ms", note },
      ...(pg
        ? []
        : [
            { name: `knowledge search CPU p50 @${n}`, value: at(cpu, 50), unit: "ms", note },
            { name: `knowledge search CPU p95 @${n}`, value: at(cpu, 95), unit: "ms", note },
          ]),
      ...sets.map((s) => ({
        name: `${s.name} with the right article in the top 3 @${n}`,
        value: (100 * s.hits) / s.set.length,
        unit: `% of ${s.set.length}`,
        note: missNote(s.missed),
      })),
    ];
  } finally {
    await handle.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(opts: BenchOptions = { quick: false }): Promise<BenchRow[]> {
  const arg = process.argv.find((a) => a.startsWith("--articles="));
  const n = arg ? Number(arg.slice("--articles=".length)) : opts.quick ? 1000 : 10_000;
  const rounds = process.argv.find((a) => a.startsWith("--rounds="));
  return one(n, rounds ? Number(rounds.slice("--rounds=".length)) : opts.quick ? 3 : 20);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await run({ quick: process.argv.includes("--quick") });
  for (const r of rows) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit} (${r.note ?? ""})`);
}
