import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Runs every bench/*.bench.ts (each exports `run(opts)`) and prints one table.
 *   npm run bench                     all benchmarks, full iterations
 *   npm run bench -- --quick          fewer iterations (CI)
 *   npm run bench -- deadline         only files whose name contains "deadline"
 *   npm run bench -- scale --scale=N  the scale benchmark on N generated appeals
 * Benchmarks report figures; they never fail on a figure (there is no threshold here).
 */

export interface BenchOptions {
  /** Fewer iterations: a smoke run that still exercises the code. */
  quick: boolean;
  /** --scale=N: how many appeals data-set benchmarks generate. */
  scale?: number;
}

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

type BenchModule = { run?: (opts: BenchOptions) => unknown };

const here = dirname(fileURLToPath(import.meta.url));
/** Benchmarks written elsewhere in the project that this runner expects to find. */
const EXPECTED = ["deadline.bench.ts", "startup.bench.ts"];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const scaleArg = args.find((a) => a.startsWith("--scale="));
  const opts: BenchOptions = {
    quick: args.includes("--quick"),
    ...(scaleArg ? { scale: Number(scaleArg.slice("--scale=".length)) } : {}),
  };
  const filters = args.filter((a) => !a.startsWith("--"));

  console.log(machine());
  console.log(opts.quick ? "mode: quick (fewer iterations)\n" : "mode: full\n");

  for (const name of EXPECTED) {
    if (!existsSync(join(here, name))) console.log(`skipped ${name}: file not found`);
  }
  const files = readdirSync(here)
    .filter((f) => f.endsWith(".bench.ts"))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort();

  const rows: Array<BenchRow & { bench: string }> = [];
  let failures = 0;
  for (const file of files) {
    const bench = file.replace(/\.bench\.ts$/, "");
    const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
    if (typeof mod.run !== "function") {
      console.log(`skipped ${file}: it does not export run()`);
      continue;
    }
    console.log(`running ${bench} …`);
    const t0 = performance.now();
    try {
      const result = await mod.run(opts);
      for (const r of normalise(result)) rows.push({ bench, ...r });
      console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      failures++;
      console.error(`  ${bench} failed:`, err);
    }
  }

  console.log(`\n${table(rows)}`);
  // A crashed benchmark is a bug worth a non-zero exit; a slow figure is not.
  if (failures > 0) process.exitCode = 1;
}

/** Accepts BenchRow[], a single row, a {name: number} record, or nothing (the bench printed itself). */
function normalise(result: unknown): BenchRow[] {
  if (result == null) return [];
  const list = Array.isArray(result) ? result : [result];
  const out: BenchRow[] = [];
  for (const item of list) {
    if (item && typeof item === "object" && "name" in item && "value" in item) {
      const r = item as Partial<BenchRow> & { name: unknown; value: unknown };
      out.push({
        name: String(r.name),
        value: Number(r.value),
        unit: r.unit ?? "",
        ...(r.note ? { note: r.note } : {}),
      });
    } else if (item && typeof item === "object") {
      for (const [name, value] of Object.entries(item)) {
        out.push({ name, value: Number(value), unit: "" });
      }
    }
  }
  return out;
}

function table(rows: Array<BenchRow & { bench: string }>): string {
  if (rows.length === 0) return "(no figures)";
  const cells = rows.map((r) => [r.bench, r.name, fmt(r.value), r.unit, r.note ?? ""]);
  const head = ["bench", "measure", "value", "unit", "note"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString("en-US");
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return Number(v.toPrecision(3)).toString();
}

function machine(): string {
  let cpu = "unknown CPU";
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpu;
  } catch {
    // not Linux
  }
  const gib = (totalmem() / 2 ** 30).toFixed(0);
  return `machine: ${cpu}, ${availableParallelism()} cores, ${gib} GiB, node ${process.version}`;
}

await main();
