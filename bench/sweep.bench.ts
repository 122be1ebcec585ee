import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import { bootstrap } from "../src/server/bootstrap.js";
import { ManualClock } from "../src/server/clock.js";
import { testConfig } from "../src/server/config.js";
import { createDeps } from "../src/server/context.js";
import { createDb, type Db } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { installKeyring, Keyring } from "../src/server/lib/personal-data.js";
import { type NewAppeal, sealRequesterFields } from "../src/server/modules/appeals/index.js";
import { runSweep } from "../src/server/modules/supervision/index.js";
import type { BenchOptions, BenchRow } from "./run.js";

/**
 * Supervision sweep cost against table size, on the local PostgreSQL (skipped
 * if none answers). Builds N open online appeals waiting for their first
 * response, each with its two timers (催办 and overdue), of which D are past
 * due; then times
 *   - one sweep that handles the D due items (D 督办单 with their records,
 *     timeline events, requester SMS and the orders' own timers), and
 *   - an idle sweep with nothing due (the steady state of every instance every
 *     30 s),
 * for two table sizes, so the report shows that the cost follows the due items,
 * not the table. Full: N = 100,000 and 1,000,000 with D = 10,000.
 *   npx tsx bench/sweep.bench.ts [--quick]
 */

const PG_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const NOW = new Date("2026-11-16T10:00:00+08:00"); // a Monday

async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const name = `yousu_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
    await admin.query(`create database "${name}"`);
  } catch {
    await admin.end().catch(() => {});
    return null;
  }
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/**
 * Appeals `from`..`to` (ids by generate_series), `due` of them already past their first-response
 * limit, all open, with their timers. Inserted in SQL: a bench fixture, not the intake path
 * (bench/intake.bench.ts measures that).
 */
async function fill(db: Db, centerId: string, from: number, to: number, due: number): Promise<void> {
  const chunk = 100_000;
  // The requester fields sealed as the repositories write them (the sweep's SMS to the requester
  // decrypts them); one sealed value for every row is enough for a sweep.
  const sealed = sealRequesterFields({ requester_name: "张三", phone: "13800001234" } as NewAppeal);
  for (let lo = from; lo <= to; lo += chunk) {
    const hi = Math.min(to, lo + chunk - 1);
    await sql`insert into appeals (center_id, tracking_no, query_code, channel, type, status, requester_kind,
        requester_name, phone, phone_bidx, name_bidx, content, received_at, recorded_at, respond_by, search_tokens,
        created_at, updated_at)
      select ${centerId}, 'BENCH' || lpad(g::text, 8, '0'), '000000', 'portal', 'complaint', 'received', 'person',
        ${sealed.requester_name}, ${sealed.phone}, ${sealed.phone_bidx}, ${sealed.name_bidx},
        '小区门口道路破损多日无人修理，请尽快处理。', ${NOW}::timestamptz - interval '3 days',
        ${NOW}::timestamptz - interval '3 days',
        case when g <= ${from + due - 1} then ${NOW}::timestamptz - interval '1 day'
             else ${NOW}::timestamptz + interval '5 days' end,
        '道路 破损 修理', ${NOW}::timestamptz, ${NOW}::timestamptz
      from generate_series(${lo}::int, ${hi}::int) g`.execute(db);
  }
  // The register row of each first response (what the lifecycle's tracking event writes).
  await sql`insert into supervision_items (center_id, target_kind, target_id, appeal_id, tracking_no, label, title,
      department_ids, lead_department_id, start_at, due_at, created_at, updated_at)
    select a.center_id, 'first_response', a.id, a.id, a.tracking_no, '诉求 ' || a.tracking_no || ' 的首次回应',
      a.tracking_no, '{}'::text[], null, a.received_at, a.respond_by, ${NOW}, ${NOW}
    from appeals a
    where a.tracking_no like 'BENCH%' and not exists (select 1 from supervision_items i
      where i.center_id = a.center_id and i.target_kind = 'first_response' and i.target_id = a.id)`.execute(
    db,
  );
  // Two timers per appeal: the reminder (already done for the due ones) and the overdue check.
  await sql`insert into supervision_timers (center_id, target_kind, target_id, stage, appeal_id, due_at, fire_at,
      status, created_at, updated_at)
    select a.center_id, 'first_response', a.id, s.stage, a.id, a.respond_by,
      case when s.stage = 'overdue' then a.respond_by + interval '1 millisecond'
           else a.respond_by - interval '1 day' end,
      case when s.stage = 'reminder' and a.respond_by < ${NOW} then 'done' else 'pending' end,
      ${NOW}, ${NOW}
    from appeals a cross join (values ('reminder'), ('overdue')) s(stage)
    where a.tracking_no like 'BENCH%' and not exists (select 1 from supervision_timers t
      where t.center_id = a.center_id and t.target_kind = 'first_response' and t.target_id = a.id)`.execute(
    db,
  );
  await sql`analyze`.execute(db);
}

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}

export async function run(opts: BenchOptions): Promise<BenchRow[]> {
  const fresh = await freshDatabase();
  if (!fresh) {
    console.log("  sweep: no PostgreSQL at", PG_URL, "— skipped");
    return [];
  }
  const sizes = opts.quick ? [10_000, 40_000] : [100_000, 1_000_000];
  const due = opts.quick ? 1_000 : 10_000;
  // Personal data is encrypted as in production (main.ts loads the ring at start-up).
  installKeyring(Keyring.fromSecrets([randomBytes(32)]));
  const handle = await createDb({ kind: "postgres", url: fresh.url, poolSize: 4 });
  const rows: BenchRow[] = [];
  try {
    await migrateToLatest(handle.db);
    const config = testConfig({ logLevel: "silent" });
    const clock = new ManualClock(NOW);
    const quiet = { info() {}, warn() {}, error() {} } as unknown as Parameters<typeof bootstrap>[1];
    const deps = createDeps({ db: handle.db, config, clock });
    await bootstrap(deps, quiet);
    const center = await handle.db.selectFrom("centers").select("id").executeTakeFirstOrThrow();

    let filled = 0;
    for (const size of sizes) {
      const t = await timed(() => fill(handle.db, center.id, filled + 1, size, due));
      console.log(`  filled to ${size.toLocaleString()} open appeals in ${(t.ms / 1000).toFixed(1)} s`);
      filled = size;
      const label = `${size.toLocaleString()} open, ${due.toLocaleString()} due`;
      const idle0 = await timed(() => runSweep(deps, new Date(NOW.getTime() - 2 * 86_400_000)));
      const sweep = await timed(() => runSweep(deps, NOW));
      const idle = await timed(() => runSweep(deps, NOW));
      if (sweep.value.supervisions !== due) {
        throw new Error(`expected ${due} supervision orders, got ${JSON.stringify(sweep.value)}`);
      }
      rows.push(
        { name: `sweep handling due items (${label})`, value: Math.round(sweep.ms), unit: "ms" },
        {
          name: `  per due item (${label})`,
          value: Math.round((sweep.ms * 1000) / due),
          unit: "µs",
        },
        {
          name: `idle sweep, nothing due (${size.toLocaleString()} open)`,
          value: +idle.ms.toFixed(1),
          unit: "ms",
        },
        {
          name: `idle sweep before any due (${size.toLocaleString()} open)`,
          value: +idle0.ms.toFixed(1),
          unit: "ms",
        },
      );
    }
  } finally {
    await handle.close();
    await fresh.drop();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  run({ quick: process.argv.includes("--quick") }).then((r) => console.table(r));
}
