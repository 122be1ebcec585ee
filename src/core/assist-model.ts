import { type FeatureCounts, textFeatures } from "./assist-text.js";

/**
 * The suggestion model (pure, deterministic, no download): a linear classifier over tf-idf
 * weighted features of assist-text.ts, trained in-process on a center's own history.
 *
 *  - "logreg": multinomial logistic regression, L2-regularised, full-batch Adam (no shuffling,
 *    so the same examples always give the same model).
 *  - "cnb": complement naive Bayes (Rennie et al. 2003) over the same tf-idf vectors, kept for
 *    comparison (`npm run eval:assist` measures both).
 *
 * Confidence is calibrated by temperature scaling fitted on out-of-fold predictions (k-fold),
 * so "0.8" means right about 80% of the time on the center's own history.
 */

export type ModelKind = "logreg" | "cnb";

export interface Example {
  text: string;
  label: string;
  /** Loss weight (prior texts such as department service lists weigh less than real appeals). */
  weight?: number;
}

export interface TrainOptions {
  kind?: ModelKind;
  /** L2 strength (logreg). */
  l2?: number;
  epochs?: number;
  /** k of the k-fold calibration; 0 skips calibration (temperature 1). */
  calibrationFolds?: number;
  /** Keep at most this many features (highest document frequency first). */
  maxFeatures?: number;
}

export interface Model {
  kind: ModelKind;
  labels: string[];
  vocab: string[];
  idf: Float32Array;
  /** weights[f * labels.length + c] */
  weights: Float32Array;
  bias: Float32Array;
  temperature: number;
  /** Real examples (prior texts excluded) the model was trained on. */
  examples: number;
}

export interface Scored {
  label: string;
  confidence: number;
}

type Vec = { idx: Int32Array; val: Float32Array };

const DEFAULTS = {
  kind: "logreg" as ModelKind,
  l2: 1e-3,
  epochs: 150,
  calibrationFolds: 5,
  maxFeatures: 60_000,
};

function vectorize(counts: FeatureCounts, index: Map<string, number>, idf: Float32Array): Vec {
  const idx: number[] = [];
  const val: number[] = [];
  let norm = 0;
  for (const [k, n] of counts) {
    const f = index.get(k);
    if (f === undefined) continue;
    const v = (1 + Math.log(n)) * (idf[f] as number);
    idx.push(f);
    val.push(v);
    norm += v * v;
  }
  const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { idx: Int32Array.from(idx), val: Float32Array.from(val, (v) => v * s) };
}

interface Prepared {
  labels: string[];
  vocab: string[];
  index: Map<string, number>;
  idf: Float32Array;
  x: Vec[];
  y: Int32Array;
  w: Float32Array;
}

function prepare(examples: Example[], counts: FeatureCounts[], maxFeatures: number): Prepared {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const df = new Map<string, number>();
  for (const c of counts) for (const k of c.keys()) df.set(k, (df.get(k) ?? 0) + 1);
  const vocab = [...df.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxFeatures)
    .map(([k]) => k);
  const index = new Map(vocab.map((k, i) => [k, i]));
  const n = counts.length;
  const idf = Float32Array.from(vocab, (k) => Math.log((1 + n) / (1 + (df.get(k) ?? 0))) + 1);
  return {
    labels,
    vocab,
    index,
    idf,
    x: counts.map((c) => vectorize(c, index, idf)),
    y: Int32Array.from(examples, (e) => labels.indexOf(e.label)),
    w: Float32Array.from(examples, (e) => e.weight ?? 1),
  };
}

function rawScores(model: Pick<Model, "labels" | "weights" | "bias">, v: Vec): Float64Array {
  const k = model.labels.length;
  const s = Float64Array.from(model.bias);
  for (let j = 0; j < v.idx.length; j++) {
    const base = (v.idx[j] as number) * k;
    const x = v.val[j] as number;
    for (let c = 0; c < k; c++) s[c] = (s[c] as number) + x * (model.weights[base + c] as number);
  }
  return s;
}

function softmax(s: Float64Array, temperature: number): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of s) max = Math.max(max, v);
  const out = new Float64Array(s.length);
  let sum = 0;
  for (let c = 0; c < s.length; c++) {
    out[c] = Math.exp(((s[c] as number) - max) / temperature);
    sum += out[c] as number;
  }
  for (let c = 0; c < s.length; c++) out[c] = (out[c] as number) / sum;
  return out;
}

type Fitted = { weights: Float32Array; bias: Float32Array };
/** Training runs as a generator that yields after every epoch, so a caller can let other work run. */
type Steps<T> = Generator<void, T, void>;

function* fitLogreg(p: Prepared, l2: number, epochs: number): Steps<Fitted> {
  const k = p.labels.length;
  const dim = p.vocab.length * k;
  const weights = new Float32Array(dim);
  const bias = new Float32Array(k);
  const m = new Float32Array(dim);
  const v = new Float32Array(dim);
  const mb = new Float64Array(k);
  const vb = new Float64Array(k);
  const grad = new Float32Array(dim);
  const gb = new Float64Array(k);
  const lr = 0.05;
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  let totalW = 0;
  for (const w of p.w) totalW += w;
  for (let t = 1; t <= epochs; t++) {
    if (t > 1) yield;
    grad.fill(0);
    gb.fill(0);
    for (let i = 0; i < p.x.length; i++) {
      const xi = p.x[i] as Vec;
      const prob = softmax(rawScores({ labels: p.labels, weights, bias }, xi), 1);
      const wi = (p.w[i] as number) / totalW;
      for (let c = 0; c < k; c++) {
        const r = (prob[c] as number) - (c === p.y[i] ? 1 : 0);
        // A class the example already settles (|residual| < 1e-4) adds nothing worth a pass.
        if (Math.abs(r) < 1e-4) continue;
        const g = r * wi;
        gb[c] = (gb[c] as number) + g;
        for (let j = 0; j < xi.idx.length; j++) {
          const at = (xi.idx[j] as number) * k + c;
          grad[at] = (grad[at] as number) + g * (xi.val[j] as number);
        }
      }
    }
    const c1 = 1 - b1 ** t;
    const c2 = 1 - b2 ** t;
    for (let d = 0; d < dim; d++) {
      const g = (grad[d] as number) + l2 * (weights[d] as number);
      if (g === 0 && m[d] === 0) continue;
      m[d] = b1 * (m[d] as number) + (1 - b1) * g;
      v[d] = b2 * (v[d] as number) + (1 - b2) * g * g;
      weights[d] =
        (weights[d] as number) - (lr * ((m[d] as number) / c1)) / (Math.sqrt((v[d] as number) / c2) + eps);
    }
    for (let c = 0; c < k; c++) {
      const g = gb[c] as number;
      mb[c] = b1 * (mb[c] as number) + (1 - b1) * g;
      vb[c] = b2 * (vb[c] as number) + (1 - b2) * g * g;
      bias[c] =
        (bias[c] as number) - (lr * ((mb[c] as number) / c1)) / (Math.sqrt((vb[c] as number) / c2) + eps);
    }
  }
  return { weights, bias };
}

/** Complement naive Bayes with weight normalisation; scores are negated so higher is better. */
function fitCnb(p: Prepared): { weights: Float32Array; bias: Float32Array } {
  const k = p.labels.length;
  const nf = p.vocab.length;
  const perClass = new Float64Array(nf * k);
  const total = new Float64Array(nf);
  for (let i = 0; i < p.x.length; i++) {
    const xi = p.x[i] as Vec;
    const c = p.y[i] as number;
    const wi = p.w[i] as number;
    for (let j = 0; j < xi.idx.length; j++) {
      const f = xi.idx[j] as number;
      const x = (xi.val[j] as number) * wi;
      perClass[f * k + c] = (perClass[f * k + c] as number) + x;
      total[f] = (total[f] as number) + x;
    }
  }
  const alpha = 0.1;
  const weights = new Float32Array(nf * k);
  for (let c = 0; c < k; c++) {
    let comp = 0;
    for (let f = 0; f < nf; f++) comp += (total[f] as number) - (perClass[f * k + c] as number);
    let norm = 0;
    const col = new Float64Array(nf);
    for (let f = 0; f < nf; f++) {
      const theta = (alpha + (total[f] as number) - (perClass[f * k + c] as number)) / (alpha * nf + comp);
      col[f] = Math.log(theta);
      norm += Math.abs(col[f] as number);
    }
    for (let f = 0; f < nf; f++) weights[f * k + c] = (-(col[f] as number) / norm) * nf;
  }
  return { weights, bias: new Float32Array(k) };
}

function* fitModel(p: Prepared, o: typeof DEFAULTS): Steps<Fitted> {
  return o.kind === "cnb" ? fitCnb(p) : yield* fitLogreg(p, o.l2, o.epochs);
}

/** The temperature minimising the negative log-likelihood of out-of-fold predictions. */
function* calibrate(examples: Example[], counts: FeatureCounts[], o: typeof DEFAULTS): Steps<number> {
  // Large histories: 3 folds are enough to fit one number and keep a retrain short.
  const folds = examples.length > 600 ? Math.min(3, o.calibrationFolds) : o.calibrationFolds;
  const real = examples.map((e, i) => ({ e, i })).filter(({ e }) => (e.weight ?? 1) >= 1);
  if (folds < 2 || real.length < folds * 4) return 1;
  const held: { scores: Float64Array; labels: string[]; truth: string }[] = [];
  for (let f = 0; f < folds; f++) {
    const test = new Set(real.filter((_, j) => j % folds === f).map(({ i }) => i));
    const trainEx = examples.filter((_, i) => !test.has(i));
    const trainCounts = counts.filter((_, i) => !test.has(i));
    const p = prepare(trainEx, trainCounts, o.maxFeatures);
    const wb = yield* fitModel(p, o);
    for (const i of test) {
      const scores = rawScores(
        { labels: p.labels, ...wb },
        vectorize(counts[i] as FeatureCounts, p.index, p.idf),
      );
      // A label absent from this fold's training set cannot be predicted: it counts as a miss.
      held.push({ scores, labels: p.labels, truth: (examples[i] as Example).label });
    }
  }
  let best = 1;
  let bestNll = Number.POSITIVE_INFINITY;
  for (let e = -40; e <= 30; e++) {
    const t = 10 ** (e / 20);
    let nll = 0;
    for (const h of held) {
      const prob = softmax(h.scores, t);
      const c = h.labels.indexOf(h.truth);
      nll -= Math.log(Math.max(c >= 0 ? (prob[c] as number) : 0, 1e-6));
    }
    if (nll < bestNll) {
      bestNll = nll;
      best = t;
    }
  }
  return best;
}

/** Trains a model; null when there is nothing to learn (no examples, or a single label). */
export function train(examples: Example[], options: TrainOptions = {}): Model | null {
  const steps = trainSteps(examples, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * train() for a server: yields to the event loop after every epoch, so requests keep being served
 * while a large history trains (an epoch over 2,000 appeals takes tens of milliseconds).
 */
export async function trainAsync(examples: Example[], options: TrainOptions = {}): Promise<Model | null> {
  const steps = trainSteps(examples, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function* trainSteps(examples: Example[], options: TrainOptions): Steps<Model | null> {
  const o = { ...DEFAULTS, ...options };
  const counts = examples.map((e) => textFeatures(e.text));
  const usable = examples.filter((_, i) => (counts[i] as FeatureCounts).size > 0);
  const usableCounts = counts.filter((c) => c.size > 0);
  if (new Set(usable.map((e) => e.label)).size < 2) return null;
  const p = prepare(usable, usableCounts, o.maxFeatures);
  const wb = yield* fitModel(p, o);
  const temperature = yield* calibrate(usable, usableCounts, o);
  return {
    kind: o.kind,
    labels: p.labels,
    vocab: p.vocab,
    idf: p.idf,
    weights: wb.weights,
    bias: wb.bias,
    temperature,
    examples: usable.filter((e) => (e.weight ?? 1) >= 1).length,
  };
}

const indexCache = new WeakMap<Model, Map<string, number>>();

/**
 * Every label with its calibrated confidence, best first; [] for a text with no usable words.
 * Takes the text, or its `textFeatures` when the caller already computed them (segment once).
 */
export function predict(model: Model, text: string | FeatureCounts): Scored[] {
  let index = indexCache.get(model);
  if (!index) {
    index = new Map(model.vocab.map((k, i) => [k, i]));
    indexCache.set(model, index);
  }
  const v = vectorize(typeof text === "string" ? textFeatures(text) : text, index, model.idf);
  if (v.idx.length === 0) return [];
  const prob = softmax(rawScores(model, v), model.temperature);
  return model.labels
    .map((label, c) => ({ label, confidence: prob[c] as number }))
    .sort((a, b) => b.confidence - a.confidence || (a.label < b.label ? -1 : 1));
}

// ---- storage: JSON with the float arrays as base64 (compact, exact) ----

export interface StoredModel {
  kind: ModelKind;
  labels: string[];
  vocab: string[];
  idf: string;
  weights: string;
  bias: string;
  temperature: number;
  examples: number;
}

const b64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
const f32 = (s: string) => {
  const buf = Buffer.from(s, "base64");
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
};

export function serializeModel(m: Model): StoredModel {
  return { ...m, idf: b64(m.idf), weights: b64(m.weights), bias: b64(m.bias) };
}

export function deserializeModel(s: StoredModel): Model {
  return { ...s, idf: f32(s.idf), weights: f32(s.weights), bias: f32(s.bias) };
}

/**
 * Prior text of a department (its name and service list) as training examples, so a department
 * with little history is still found by what it does. One document for the whole list and one
 * per service, at half weight: a real appeal counts more than a line of the directory.
 */
export function departmentPriorExamples(d: { label: string; name: string; services: string[] }): Example[] {
  const prior = 0.5;
  return [
    { text: `${d.name} ${d.services.join(" ")}`, label: d.label, weight: prior },
    ...d.services.map((s) => ({ text: s, label: d.label, weight: prior })),
  ];
}
