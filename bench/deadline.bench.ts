import { pathToFileURL } from "node:url";
import type { DeadlineRule } from "../src/contracts/enums.js";
import { WorkCalendar } from "../src/core/calendar.js";
import { parseDate } from "../src/core/calendar-date.js";
import { computeDeadline, computeDue, type DeadlineSpec, dueDay } from "../src/core/deadline.js";
import { SHIPPED_NOTICES, SHIPPED_YEARS } from "../src/core/holidays-cn.js";
import type { BenchOptions, BenchRow } from "./run.js";

/**
 * Deadline computations per second in-process (DESIGN.md §3; target: millions
 * per second). Pure core on a pre-built calendar (the shipped 2024–2026
 * notices), events spread over 2024–2027 so both the indexed years and the
 * weekend-only arithmetic of an unloaded year are exercised.
 *   npx tsx bench/deadline.bench.ts [--quick]
 */

const RULES: { rule: DeadlineRule; spec: DeadlineSpec }[] = [
  { rule: "same_day", spec: { rule: "same_day" } },
  { rule: "working_days", spec: { rule: "working_days", n: 3 } },
  { rule: "calendar_days", spec: { rule: "calendar_days", n: 15 } },
  { rule: "months", spec: { rule: "months", n: 1 } },
];

/** Deterministic pseudo-random numbers (no Math.random: repeatable runs). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Runs `body(i)` for about `ms` milliseconds (after a warm-up) and returns calls per second. */
function measure(ms: number, body: (i: number) => number): number {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += body(i);
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 10_000; i++) sink += body(calls + i);
    calls += 10_000;
    elapsed = performance.now() - t0;
  }
  if (sink === Number.MIN_VALUE) console.log(sink); // keeps the work observable
  return (calls / elapsed) * 1000;
}

export async function run(opts: BenchOptions = { quick: false }): Promise<BenchRow[]> {
  const ms = opts.quick ? 150 : 1500;
  const rows: BenchRow[] = [];

  const t0 = performance.now();
  const builds = opts.quick ? 20 : 200;
  let cal = WorkCalendar.weekendsOnly();
  for (let i = 0; i < builds; i++) {
    cal = WorkCalendar.build(
      SHIPPED_NOTICES.flatMap((n) => n.days),
      SHIPPED_YEARS,
    );
  }
  rows.push({
    name: "build calendar index (3 notices)",
    value: (performance.now() - t0) / builds,
    unit: "ms",
  });

  const rnd = lcg(20261201);
  const first = parseDate("2024-01-01");
  const span = parseDate("2027-12-31") - first;
  const SIZE = 4096; // power of two: index with & (SIZE - 1)
  const days = Int32Array.from({ length: SIZE }, () => first + Math.floor(rnd() * span));
  const instants = Array.from(
    { length: SIZE },
    () => new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * span * 86_400_000)),
  );

  for (const { rule, spec } of RULES) {
    const perSec = measure(ms, (i) => dueDay(cal, days[i & (SIZE - 1)]!, spec).due);
    rows.push({ name: `dueDay ${rule} (pure core, day number)`, value: perSec, unit: "ops/s" });
  }
  const wd: DeadlineSpec = { rule: "working_days", n: 3 };
  const big: DeadlineSpec = { rule: "working_days", n: 3650 };
  rows.push({
    name: "dueDay working_days 3650 (pure core)",
    value: measure(ms, (i) => dueDay(cal, days[i & (SIZE - 1)]!, big).due),
    unit: "ops/s",
  });
  rows.push({
    name: "computeDue working_days 3 (instant + Asia/Shanghai → dueAt)",
    value: measure(ms, (i) =>
      computeDue(cal, instants[i & (SIZE - 1)]!, wd, "Asia/Shanghai").dueAt.getTime(),
    ),
    unit: "ops/s",
  });
  rows.push({
    name: "computeDeadline working_days 3 (with skipped days + Chinese explanation)",
    value: measure(
      ms,
      (i) => computeDeadline(cal, instants[i & (SIZE - 1)]!, wd, "Asia/Shanghai").explanation.length,
    ),
    unit: "ops/s",
  });
  rows.push({
    name: "computeDeadline months 1 (with explanation)",
    value: measure(
      ms,
      (i) => computeDeadline(cal, instants[i & (SIZE - 1)]!, { rule: "months", n: 1 }).explanation.length,
    ),
    unit: "ops/s",
  });
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await run({ quick: process.argv.includes("--quick") });
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const v = r.unit === "ms" ? r.value.toFixed(3) : Math.round(r.value).toLocaleString("en-US");
    console.log(`${r.name.padEnd(width)}  ${v.padStart(12)} ${r.unit}`);
  }
}
