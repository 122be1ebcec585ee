/**
 * In-process metrics in the Prometheus text exposition format (version 0.0.4), written by hand:
 * a handful of counters and histograms need no dependency. One registry per server instance
 * (Deps.metrics); `GET /metrics` renders it together with gauges read at scrape time.
 */

export type Labels = Record<string, string>;

/** Seconds; request latencies and job durations share them. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function key(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join("\u0001");
}

/** A label value as the format wants it: backslash, double quote and newline escaped. */
function escapeLabel(v: string): string {
  return v.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

export function formatLabels(labels: Labels, extra?: Labels): string {
  const all = { ...labels, ...extra };
  const names = Object.keys(all);
  if (names.length === 0) return "";
  return `{${names.map((n) => `${n}="${escapeLabel(all[n]!)}"`).join(",")}}`;
}

/** A number as Prometheus reads it (+Inf, NaN spelled its way). */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Number.POSITIVE_INFINITY) return "+Inf";
  if (v === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(v);
}

abstract class Family {
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "histogram" | "gauge",
  ) {}
  header(): string[] {
    return [
      `# HELP ${this.name} ${this.help.replaceAll("\\", "\\\\").replaceAll("\n", "\\n")}`,
      `# TYPE ${this.name} ${this.type}`,
    ];
  }
  abstract lines(): string[];
}

export class Counter extends Family {
  private readonly series = new Map<string, { labels: Labels; value: number }>();
  constructor(name: string, help: string) {
    super(name, help, "counter");
  }
  inc(labels: Labels = {}, by = 1): void {
    const k = key(labels);
    const s = this.series.get(k);
    if (s) s.value += by;
    else this.series.set(k, { labels, value: by });
  }
  get(labels: Labels = {}): number {
    return this.series.get(key(labels))?.value ?? 0;
  }
  lines(): string[] {
    return [...this.series.values()].map(
      (s) => `${this.name}${formatLabels(s.labels)} ${formatValue(s.value)}`,
    );
  }
}

export class Histogram extends Family {
  private readonly series = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();
  constructor(
    name: string,
    help: string,
    readonly buckets: number[] = DEFAULT_BUCKETS,
  ) {
    super(name, help, "histogram");
  }
  observe(labels: Labels, value: number): void {
    const k = key(labels);
    let s = this.series.get(k);
    if (!s) {
      s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(k, s);
    }
    for (let i = 0; i < this.buckets.length; i++) if (value <= this.buckets[i]!) s.counts[i]!++;
    s.sum += value;
    s.count++;
  }
  count(labels: Labels = {}): number {
    return this.series.get(key(labels))?.count ?? 0;
  }
  lines(): string[] {
    const out: string[] = [];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) => {
        out.push(`${this.name}_bucket${formatLabels(s.labels, { le: formatValue(b) })} ${s.counts[i]}`);
      });
      out.push(`${this.name}_bucket${formatLabels(s.labels, { le: "+Inf" })} ${s.count}`);
      out.push(`${this.name}_sum${formatLabels(s.labels)} ${formatValue(s.sum)}`);
      out.push(`${this.name}_count${formatLabels(s.labels)} ${s.count}`);
    }
    return out;
  }
}

/** A gauge whose samples are given at render time (values read from the database or the process). */
export interface GaugeSample {
  labels?: Labels;
  value: number;
}

export function renderGauge(name: string, help: string, samples: GaugeSample[]): string[] {
  return [
    `# HELP ${name} ${help}`,
    `# TYPE ${name} gauge`,
    ...samples.map((s) => `${name}${formatLabels(s.labels ?? {})} ${formatValue(s.value)}`),
  ];
}

/** The instance's own measurements: HTTP requests and background jobs. */
export class Metrics {
  readonly requests = new Counter(
    "yousu_http_requests_total",
    "HTTP requests answered, by route, method and status code.",
  );
  readonly requestDuration = new Histogram(
    "yousu_http_request_duration_seconds",
    "Time from receiving a request to sending its answer, by route and method.",
  );
  readonly jobRuns = new Counter(
    "yousu_job_runs_total",
    "Background job runs, by job and result (ok or error).",
  );
  readonly jobDuration = new Histogram(
    "yousu_job_duration_seconds",
    "Duration of background job runs (supervision = the 催办/督办/通报 sweep), by job.",
  );

  readonly replicaReads = new Counter(
    "yousu_db_replica_reads_total",
    "Statements of replica-eligible reads (dashboards, exports, staff searches), by route: replica, or the reason they ran on the primary (lag, down, not_standby, conflict, fresh = the standby had not yet replayed the session's own last write).",
  );

  /** One statement of Deps.readDb and where it ran (src/server/db/replica.ts). */
  replicaRead(route: string): void {
    this.replicaReads.inc({ route });
  }

  /** Records one answered request; `route` is the route pattern, never the raw URL (bounded label values). */
  request(route: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ route, method, status: String(status) });
    this.requestDuration.observe({ route, method }, seconds);
  }

  job(name: string, seconds: number, ok: boolean): void {
    this.jobRuns.inc({ job: name, result: ok ? "ok" : "error" });
    this.jobDuration.observe({ job: name }, seconds);
  }

  render(): string[] {
    return [this.requests, this.requestDuration, this.jobRuns, this.jobDuration, this.replicaReads].flatMap(
      (f) => [...f.header(), ...f.lines()],
    );
  }
}
