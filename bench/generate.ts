import { pathToFileURL } from "node:url";
import pg from "pg";
import { buildApp } from "../src/server/app.js";
import { bootstrap } from "../src/server/bootstrap.js";
import { systemClock } from "../src/server/clock.js";
import { testConfig } from "../src/server/config.js";
import { createDb } from "../src/server/db/database.js";
import { migrateToLatest } from "../src/server/db/migrate.js";
import { prepareDataKeys } from "../src/server/jobs/data-keys.js";
import { installKeyring, Keyring } from "../src/server/lib/personal-data.js";
import { type NewAppeal, sealRequesterFields } from "../src/server/modules/appeals/index.js";

/**
 * A realistic data set in a PostgreSQL database of its own: N appeals over two years from every
 * channel and of every type, Chinese requesters and content (with the search tokens jieba would
 * give), 20 departments, full histories — timeline events, 工作单 with their department
 * assignments, ratings — the supervision register of what is still open, and the daily rollup the
 * dashboards read (stats_daily). Rows are made inside PostgreSQL (set-based INSERT … SELECT over
 * generate_series, in batches of BATCH appeals, one transaction each): nothing crosses the wire,
 * which is faster than COPY from a client. The schema is created by the real migrations and
 * bootstrap (default center, admin, calendar, policy), so the server runs on the result as is.
 *
 *   npx tsx bench/generate.ts --scale=1000000 [--db=yousu_bench] [--keep]
 *   npx tsx bench/generate.ts --upgrade [--db=yousu_bench]   bring an older data set up to date
 *
 * The requester fields are generated in plaintext, then sealed under BENCH_DATA_KEY in Node
 * (AES-GCM cannot be done in SQL) and written back set-based; the `received` drill-down facts
 * (stats_facts) are made too, so 导出明细 finds the appeals.
 *
 * Prints the load rate. BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * names the server; the database --db is dropped and created afresh.
 */

const DEFAULT_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const BENCH_ADMIN_PASSWORD = "Kq7#Lantern-Field";
/** The data set's personal-data key (ADR 0015): its requester fields are real ciphertext. */
export const BENCH_DATA_KEY = Buffer.alloc(32, 0x42).toString("base64");
const BATCH = 100_000;
const SEAL_BATCH = 20_000;

export interface Generated {
  url: string;
  appeals: number;
  rows: Record<string, number>;
  seconds: number;
  drop(): Promise<void>;
}

async function admin(server: string, query: string): Promise<void> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

const q = (xs: string[]) => `array[${xs.map((x) => `'${x}'`).join(",")}]`;

const SUBJECTS = [
  "营业执照 办理",
  "社保卡 补办",
  "不动产 登记",
  "公积金 提取",
  "医保 报销",
  "户口 迁移",
  "出入境 证件",
  "税务 发票",
  "食品 经营 许可",
  "道路 施工 噪音",
  "小区 物业 管理",
  "冬季 供暖 温度",
  "老旧 小区 停车",
  "公交 线路 调整",
  "企业 开办 一网通办",
  "工程 建设 审批",
  "养老 服务 补贴",
  "残疾人 证 办理",
  "居住证 办理",
  "学位 入学 咨询",
];
const ISSUES = [
  "材料 要求 不 一致 没有 一次性 告知",
  "等 了 两个 星期 还 没有 消息",
  "窗口 排队 时间 太长",
  "网上 系统 无法 上传 材料",
  "工作人员 态度 不好",
  "希望 增加 老年人 专用 窗口",
  "不 清楚 需要 去 哪个 部门",
  "多次 反映 没有 解决",
  "建议 延长 周末 服务 时间",
  "收费 标准 不 清楚",
];
const PLACES = ["城关镇", "东城街道", "西湖街道", "新区", "高新区", "滨江街道", "北城街道", "南山镇"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡"];
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "磊",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀英",
  "桂英",
];
const DEPARTMENTS = [
  "市场监管局",
  "人社局",
  "自然资源局",
  "住房公积金中心",
  "医保局",
  "公安局",
  "税务局",
  "住建局",
  "交通运输局",
  "教育局",
  "民政局",
  "卫健委",
  "生态环境局",
  "城管局",
  "残联",
  "发改委",
  "商务局",
  "文旅局",
  "农业农村局",
  "水务局",
];

/** The SQL of one batch: appeals [lo, hi) of n, spread over two years ending `end`. */
function batchSql(
  lo: number,
  hi: number,
  n: number,
  end: string,
  spanDays: number,
  clerk: string,
  depts: string[],
): string[] {
  // h(i, salt): a stable pseudo-random integer ≥ 0 per appeal.
  const h = (salt: number) => `abs(hashint8(g.i::bigint * 7919 + ${salt}))`;
  const pick = (arr: string, salt: number) => `(${arr})[1 + ${h(salt)} % array_length(${arr}, 1)]`;
  const span = spanDays * 86400;
  return [
    // Appeals. The newest 4 % are still open (received, dispatched, replied); the rest finished.
    `insert into appeals (center_id, tracking_no, query_code, channel, type, status, complexity, requester_kind,
       requester_name, phone, address, content, received_at, recorded_at, received_by,
       received_by_name, received_by_post, respond_by, responded_at, due_at, resolved_at, closed_at,
       reject_reason, reject_explanation, answer, search_tokens, created_at, updated_at)
     select 1, to_char(x.at at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(x.i::text, 7, '0'),
       lpad((abs(hashint8(x.i::bigint * 7919 + 11)) % 1000000)::text, 6, '0'), x.channel, x.type, x.status,
       case when x.status in ('dispatched','replied','closed') then 'general' end, 'person',
       x.name, x.phone, x.place || '人民路' || (1 + abs(hashint8(x.i::bigint * 7919 + 5)) % 300) || '号',
       replace(x.subject, ' ', '') || '：' || replace(x.issue, ' ', '') || '。（' || x.place || '）',
       x.at, x.at, ${clerk}, '压测坐席', '有诉即办窗口受理员',
       case when x.channel in ('onsite','phone') then null else x.at + interval '1 day' end,
       case when x.channel in ('onsite','phone') or x.status = 'received' then null else x.at + interval '3 hours' end,
       case when x.status in ('dispatched','replied','closed') then x.at + interval '5 days' end,
       case when x.status = 'resolved' then x.at + interval '20 minutes' end,
       case when x.status = 'closed' then x.at + interval '4 days' end,
       case when x.status = 'rejected' then 'legal_procedure' end,
       case when x.status = 'rejected' then '属于诉讼程序处理范围，已告知依法申请' end,
       case when x.status in ('resolved','closed') then '已按相关规定办理并答复诉求人。' end,
       x.subject || ' ' || x.issue || ' ' || x.place, x.at, x.at
     from (select g.i,
             timestamptz '${end}' - make_interval(secs => ${span} * (${n} - g.i)::float8 / ${n}) as at,
             (array['onsite','phone','miniapp','portal','hotline_12345','letter'])[1 + ${h(1)} % 6] as channel,
             (array['complaint','opinion','suggestion','inquiry','difficulty'])[1 + ${h(2)} % 5] as type,
             case when g.i >= ${Math.floor(n * 0.96)} then (array['received','dispatched','dispatched','replied'])[1 + ${h(3)} % 4]
                  else (array['closed','closed','closed','closed','closed','closed','closed','resolved','resolved','rejected'])[1 + ${h(3)} % 10] end as status,
             ${pick(q(SURNAMES), 4)} || ${pick(q(GIVEN), 6)} as name,
             '1' || (array['3','5','7','8','9'])[1 + ${h(7)} % 5] || lpad((${h(8)} % 1000000000)::text, 9, '0') as phone,
             ${pick(q(PLACES), 9)} as place, ${pick(q(SUBJECTS), 10)} as subject, ${pick(q(ISSUES), 12)} as issue
           from generate_series(${lo}, ${hi - 1}) as g(i)) x`,
    // Work orders for every dispatched appeal (lead department by subject), one assignment each.
    `insert into work_orders (center_id, appeal_id, number, complexity, status, lead_department_id, due_at, due_rule,
       due_n, due_start, contact_name, result, created_at, signed_at, replied_at, closed_at, updated_at)
     select 1, a.id, 'GD' || a.tracking_no, 'general',
       case a.status when 'closed' then 'closed' when 'replied' then 'replied'
         else (array['pending','signed'])[1 + abs(hashint8(a.id)) % 2] end,
       (${q(depts)}::bigint[])[1 + abs(hashint8(a.id * 31)) % ${depts.length}],
       a.due_at, 'working_days', 3, a.received_at, '压测分办员',
       case when a.status in ('replied','closed') then '已现场核实并处理，答复诉求人。' end,
       a.received_at + interval '2 hours',
       case when a.status <> 'dispatched' or abs(hashint8(a.id)) % 2 = 1 then a.received_at + interval '5 hours' end,
       case when a.status in ('replied','closed') then a.received_at + interval '3 days' end,
       case when a.status = 'closed' then a.closed_at end, a.received_at
     from appeals a where a.id > $1 and a.status in ('dispatched','replied','closed')`,
    `insert into work_order_assignments (center_id, work_order_id, appeal_id, department_id, role, status, due_at,
       signed_at, replied_at, created_at, updated_at)
     select 1, w.id, w.appeal_id, w.lead_department_id, 'lead',
       case w.status when 'pending' then 'pending' when 'signed' then 'signed' else 'replied' end,
       w.due_at, w.signed_at, w.replied_at, w.created_at, w.created_at
     from work_orders w where w.appeal_id > $1`,
    // The timeline: 受理 for all; then refusal, on-the-spot answer, or 分办 → 签收 → 答复 → 销号.
    `insert into appeal_events (center_id, appeal_id, at, actor_id, actor_name, actor_kind, type, details)
     select 1, a.id, a.received_at + (e.k * interval '1 hour'), ${clerk}, '压测坐席', 'user', e.t, '{}'::jsonb
     from appeals a
     cross join lateral unnest(case a.status
         when 'received' then array['received']
         when 'rejected' then array['received','rejected']
         when 'resolved' then array['received','resolved']
         when 'dispatched' then array['received','dispatched','assignment_notified']
         when 'replied' then array['received','dispatched','assignment_notified','signed','replied']
         else array['received','dispatched','assignment_notified','signed','replied','closed'] end)
       with ordinality as e(t, k)
     where a.id > $1`,
    // Ratings: two thirds of the finished appeals, mostly satisfied.
    `insert into ratings (center_id, appeal_id, round, level, resolved, source, created_at)
     select 1, a.id, 1, (array[5,5,5,5,4,4,4,3,2,1])[1 + abs(hashint8(a.id * 17)) % 10],
       abs(hashint8(a.id * 19)) % 10 < 8, (array['portal','follow_up'])[1 + abs(hashint8(a.id)) % 2],
       coalesce(a.closed_at, a.resolved_at) + interval '1 day'
     from appeals a where a.id > $1 and a.status in ('closed','resolved') and abs(hashint8(a.id * 13)) % 3 < 2`,
    // The supervision register: every open work order is a tracked limit.
    `insert into supervision_items (center_id, target_kind, target_id, appeal_id, tracking_no, label, title,
       department_ids, lead_department_id, start_at, due_at, created_at, updated_at)
     select 1, 'work_order', w.id, w.appeal_id, a.tracking_no, '工作单 ' || w.number, w.number,
       array[w.lead_department_id::text], w.lead_department_id, w.created_at, w.due_at, w.created_at, w.created_at
     from work_orders w join appeals a on a.id = w.appeal_id
     where w.appeal_id > $1 and w.status in ('pending','signed')`,
  ];
}

/** The drill-down facts of `received` (what 导出明细 selects): one per appeal, for 中心 (department 0). */
const RECEIVED_FACTS = `
  insert into stats_facts (center_id, day, counter, appeal_id, department_id, channel, type)
  select 1, (a.received_at at time zone 'Asia/Shanghai')::date, 'received', a.id, 0, a.channel, a.type
  from appeals a`;

/**
 * Seals the requester fields generated in plaintext (name, phone, address) with the installed
 * ring and sets the blind indexes, as the repositories write them: encrypted in Node, written
 * back set-based (one UPDATE … FROM unnest per SEAL_BATCH rows). Returns the rows sealed.
 */
async function sealPersonalData(c: pg.Client, log: (line: string) => void): Promise<number> {
  let after = "0";
  let n = 0;
  for (;;) {
    const rows = (
      await c.query<{ id: string; requester_name: string; phone: string; address: string | null }>(
        `select id, requester_name, phone, address from appeals
         where id > $1 and phone not like 'pd1:%' order by id limit ${SEAL_BATCH}`,
        [after],
      )
    ).rows;
    if (rows.length === 0) break;
    const sealed = rows.map((r) => sealRequesterFields(r as NewAppeal));
    await c.query(
      `update appeals a set requester_name = u.n, phone = u.p, address = u.a, phone_bidx = u.pb, name_bidx = u.nb
       from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as u(id, n, p, a, pb, nb)
       where a.id = u.id`,
      [
        rows.map((r) => r.id),
        sealed.map((r) => r.requester_name),
        sealed.map((r) => r.phone),
        sealed.map((r) => r.address),
        sealed.map((r) => r.phone_bidx),
        sealed.map((r) => r.name_bidx),
      ],
    );
    n += rows.length;
    after = rows[rows.length - 1]!.id;
    if (n % 200_000 === 0) log(`  sealed ${n.toLocaleString("en-US")} appeals`);
  }
  return n;
}

/**
 * Brings a data set generated by an earlier version of this file to the current schema and
 * conventions: the migrations, the `received` facts (if none), the personal data sealed under
 * BENCH_DATA_KEY (set-based, see sealPersonalData), then the server's own key start-up, which
 * finds nothing left in plaintext and retires the `plaintext` marker. Idempotent.
 */
export async function upgrade(url: string, log: (line: string) => void = () => {}): Promise<void> {
  installKeyring(Keyring.fromSecrets([Buffer.from(BENCH_DATA_KEY, "base64")]));
  const handle = await createDb({ kind: "postgres", url, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const t0 = performance.now();
      const facts = await c.query("select 1 from stats_facts where counter = 'received' limit 1");
      if (facts.rowCount === 0) {
        await c.query(RECEIVED_FACTS);
        log(`  received facts in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      }
      const t1 = performance.now();
      const sealed = await sealPersonalData(c, log);
      if (sealed > 0) {
        log(
          `  sealed ${sealed.toLocaleString("en-US")} in ${((performance.now() - t1) / 1000).toFixed(0)} s`,
        );
        await c.query("vacuum analyze appeals");
      }
    } finally {
      await c.end();
    }
    await prepareDataKeys(handle.db, { keys: BENCH_DATA_KEY }, new Date());
  } finally {
    await handle.close();
  }
}

/** The daily rollup (ADR 0012) of everything generated, as the event subscriber would have kept it. */
const ROLLUP = `
  insert into stats_daily (center_id, day, department_id, channel, type, received, accepted, rejected,
    resolved_on_spot, dispatched, closed, responded, responded_on_time, on_time, overdue, rated,
    level5, level4, level3, level2, level1, resolved_by_requester)
  select 1, (a.received_at at time zone 'Asia/Shanghai')::date, coalesce(w.lead_department_id, 0), a.channel, a.type,
    count(*), count(*) filter (where a.status <> 'rejected'), count(*) filter (where a.status = 'rejected'),
    count(*) filter (where a.status = 'resolved'), count(w.id), count(*) filter (where a.status = 'closed'),
    count(a.responded_at), count(a.responded_at), count(*) filter (where a.status = 'closed'), 0, count(r.id),
    count(*) filter (where r.level = 5), count(*) filter (where r.level = 4), count(*) filter (where r.level = 3),
    count(*) filter (where r.level = 2), count(*) filter (where r.level = 1), count(*) filter (where r.resolved)
  from appeals a
  left join work_orders w on w.appeal_id = a.id
  left join ratings r on r.appeal_id = a.id and r.round = 1
  group by 1, 2, 3, 4, 5`;

export async function generate(opts: {
  scale: number;
  db?: string;
  /** The newest appeal's receipt time (default now); appeals spread over spanDays before it. */
  end?: Date;
  /** Default 730 (two years). */
  spanDays?: number;
  /** The PostgreSQL server (any database on it); default BENCH_DATABASE_URL or the local one. */
  server?: string;
  log?: (line: string) => void;
}): Promise<Generated> {
  const log = opts.log ?? (() => {});
  const name = opts.db ?? "yousu_bench";
  const server = opts.server ?? DEFAULT_URL;
  await admin(server, `drop database if exists "${name}" with (force)`);
  await admin(server, `create database "${name}"`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  const drop = () => admin(server, `drop database if exists "${name}" with (force)`);

  // Schema, default center, admin, calendar and policy exactly as a first start makes them.
  const handle = await createDb({ kind: "postgres", url, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    await prepareDataKeys(handle.db, { keys: BENCH_DATA_KEY }, new Date());
    const app = await buildApp({
      db: handle.db,
      config: testConfig({ adminPassword: BENCH_ADMIN_PASSWORD }),
      clock: systemClock,
    });
    await bootstrap(app.deps, app.log);
    await app.close();
  } finally {
    await handle.close();
  }

  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const clerk = (await c.query<{ id: string }>("select id from users where username = 'admin'")).rows[0]!
      .id;
    const depts: string[] = [];
    for (const [i, d] of DEPARTMENTS.entries()) {
      const r = await c.query<{ id: string }>(
        `insert into departments (center_id, code, name, created_at, updated_at)
         values (1, $1, $2, now(), now()) returning id`,
        [`B${String(i + 1).padStart(2, "0")}`, d],
      );
      depts.push(r.rows[0]!.id);
    }
    const end = (opts.end ?? new Date()).toISOString();
    const spanDays = opts.spanDays ?? 730;
    const t0 = performance.now();
    for (let lo = 0; lo < opts.scale; lo += BATCH) {
      const hi = Math.min(opts.scale, lo + BATCH);
      const before =
        (await c.query<{ m: string | null }>("select max(id) as m from appeals")).rows[0]!.m ?? "0";
      await c.query("begin");
      for (const [k, stmt] of batchSql(lo, hi, opts.scale, end, spanDays, clerk, depts).entries()) {
        await c.query(stmt, k === 0 ? [] : [before]);
      }
      await c.query("commit");
      const s = (performance.now() - t0) / 1000;
      log(
        `  ${hi.toLocaleString("en-US")} appeals, ${s.toFixed(0)} s (${Math.round(hi / s).toLocaleString("en-US")}/s)`,
      );
    }
    await c.query(ROLLUP);
    await c.query(RECEIVED_FACTS);
    await sealPersonalData(c, log);
    await c.query("vacuum analyze appeals");
    await c.query("analyze");
    const seconds = (performance.now() - t0) / 1000;
    const rows: Record<string, number> = {};
    for (const t of [
      "appeals",
      "appeal_events",
      "work_orders",
      "work_order_assignments",
      "ratings",
      "supervision_items",
      "stats_daily",
      "stats_facts",
    ]) {
      rows[t] = Number((await c.query<{ n: string }>(`select count(*) as n from ${t}`)).rows[0]!.n);
    }
    return { url, appeals: opts.scale, rows, seconds, drop };
  } finally {
    await c.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (k: string) => process.argv.find((a) => a.startsWith(`--${k}=`))?.split("=")[1];
  if (process.argv.includes("--upgrade")) {
    const u = new URL(DEFAULT_URL);
    u.pathname = `/${arg("db") ?? "yousu_bench"}`;
    const t0 = performance.now();
    await upgrade(u.toString(), console.log);
    console.log(`upgraded ${u.pathname.slice(1)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    process.exit(0);
  }
  const scale = Number(arg("scale") ?? 10_000);
  const r = await generate({ scale, db: arg("db") ?? "yousu_bench", log: console.log });
  const total = Object.values(r.rows).reduce((a, b) => a + b, 0);
  console.log(
    `generated ${scale.toLocaleString("en-US")} appeals in ${r.seconds.toFixed(1)} s: ` +
      `${Math.round(scale / r.seconds).toLocaleString("en-US")} appeals/s, ${Math.round(total / r.seconds).toLocaleString("en-US")} rows/s`,
  );
  console.log(r.rows);
  console.log(`database: ${r.url}`);
}
