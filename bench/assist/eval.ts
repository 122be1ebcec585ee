/**
 * `npm run eval:assist` — measured quality of the department suggestion model (docs/benchmarks.md).
 *
 * Trains on bench/assist/train.tsv (+ the department service lists of departments.json as prior
 * text) and reports top-1 / top-3 accuracy, calibration and suggestion latency on
 * bench/assist/heldout.tsv, which was written separately and never used for tuning. `--cv` runs
 * 5-fold cross-validation on the training file only (what the settings were chosen on).
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import {
  departmentPriorExamples,
  type Example,
  type ModelKind,
  predict,
  train,
} from "../../src/core/assist-model.js";

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const read = (f: string): Example[] =>
  readFileSync(here(f), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [label, text] = l.split("\t");
      return { label: label as string, text: text as string };
    });

const departments = JSON.parse(readFileSync(here("departments.json"), "utf8")) as {
  code: string;
  name: string;
  services: string[];
}[];
const prior = departments.flatMap((d) =>
  departmentPriorExamples({ label: d.code, name: d.name, services: d.services }),
);

function evaluate(kind: ModelKind, trainSet: Example[], testSet: Example[], withPrior = true) {
  const t0 = performance.now();
  const model = train([...(withPrior ? prior : []), ...trainSet], {
    kind,
    ...(process.env.L2 ? { l2: Number(process.env.L2) } : {}),
    ...(process.env.EPOCHS ? { epochs: Number(process.env.EPOCHS) } : {}),
    calibrationFolds: process.argv.includes("--cv") ? 0 : 5,
  });
  const trainMs = performance.now() - t0;
  if (!model) throw new Error("no model");
  predict(model, "预热"); // first call builds the feature index
  let top1 = 0;
  let top3 = 0;
  const lat: number[] = [];
  const bins = Array.from({ length: 5 }, () => ({ n: 0, right: 0, conf: 0 }));
  const misses: string[] = [];
  for (const e of testSet) {
    const s = performance.now();
    const r = predict(model, e.text);
    lat.push(performance.now() - s);
    const rank = r.findIndex((x) => x.label === e.label);
    if (rank === 0) top1++;
    else misses.push(`  ${e.label} → ${r[0]?.label} (${r[0]?.confidence.toFixed(2)})  ${e.text}`);
    if (rank >= 0 && rank < 3) top3++;
    const c = r[0]?.confidence ?? 0;
    const b = bins[Math.min(4, Math.floor(c * 5))] as { n: number; right: number; conf: number };
    b.n++;
    b.conf += c;
    if (rank === 0) b.right++;
  }
  lat.sort((a, b) => a - b);
  const p = (q: number) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))] as number;
  return {
    kind,
    n: testSet.length,
    top1: top1 / testSet.length,
    top3: top3 / testSet.length,
    p50: p(0.5),
    p95: p(0.95),
    trainMs,
    bins,
    misses,
    temperature: model.temperature,
  };
}

const trainSet = read("train.tsv");
const heldout = read("heldout.tsv");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

if (process.argv.includes("--cv")) {
  for (const kind of ["logreg", "cnb"] as ModelKind[]) {
    for (const withPrior of [true, false]) {
      let t1 = 0;
      let t3 = 0;
      for (let f = 0; f < 5; f++) {
        const r = evaluate(
          kind,
          trainSet.filter((_, i) => i % 5 !== f),
          trainSet.filter((_, i) => i % 5 === f),
          withPrior,
        );
        t1 += r.top1 / 5;
        t3 += r.top3 / 5;
      }
      console.log(`cv ${kind}${withPrior ? " +prior" : ""}: top-1 ${pct(t1)}, top-3 ${pct(t3)}`);
    }
  }
} else {
  console.log(
    `train ${trainSet.length} appeals + ${departments.length} department service lists; held-out ${heldout.length}`,
  );
  for (const kind of ["logreg", "cnb"] as ModelKind[]) {
    const r = evaluate(kind, trainSet, heldout);
    console.log(
      `${kind}: top-1 ${pct(r.top1)}, top-3 ${pct(r.top3)}, latency p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, training ${r.trainMs.toFixed(0)} ms, temperature ${r.temperature.toFixed(3)}`,
    );
    console.log(
      `  calibration (top-1 confidence bin: n, mean confidence, accuracy): ${r.bins
        .map((b, i) =>
          b.n ? `[${i * 20}-${i * 20 + 20}%] ${b.n}, ${pct(b.conf / b.n)}, ${pct(b.right / b.n)}` : "",
        )
        .filter(Boolean)
        .join("; ")}`,
    );
    if (process.argv.includes("--misses")) console.log(r.misses.join("\n"));
  }
}
