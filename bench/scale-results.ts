import pg from "pg";
import type { BenchRow } from "./run.js";

/**
 * The results side of the scale benchmark (issue 11): the dashboard's summary over a full year
 * (twelve calendar months, totals and per department), and 导出明细 — the streaming .xlsx of a
 * month's received appeals (`GET /api/v1/reports/monthly/appeals-export`) — timed to its last byte
 * through a real socket, with the process's peak RSS while it runs.
 */

/** Twelve whole calendar months ending with the last complete one (local dates). */
export function lastYear(now = new Date()): { from: string; to: string } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth(); // 0-based: the current month; the last complete one is m - 1
  const end = new Date(Date.UTC(y, m, 0)); // last day of the previous month
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1));
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) };
}

/** The complete month with the most appeals received (the busiest export), from the facts. */
export async function busiestMonth(url: string): Promise<{ month: string; appeals: number } | null> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ month: string; n: string }>(
      `select to_char(day, 'YYYY-MM') as month, count(*) as n from stats_facts
       where counter = 'received' and day < date_trunc('month', now() at time zone 'Asia/Shanghai')
       group by 1 order by 2 desc, 1 desc limit 1`,
    );
    const row = r.rows[0];
    return row ? { month: row.month, appeals: Number(row.n) } : null;
  } finally {
    await c.end();
  }
}

export interface ExportFigures {
  rows: number;
  bytes: number;
  firstByteMs: number;
  lastByteMs: number;
  /** Peak RSS of this process (server and client) during the request, and before it. */
  peakRssMiB: number;
  baseRssMiB: number;
}

/** One 导出明细 over HTTP: time to the first and the last byte, size, rows, RSS. */
export async function timeExport(base: string, token: string, month: string): Promise<ExportFigures> {
  const baseRss = process.memoryUsage().rss;
  let peak = baseRss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  try {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/reports/monthly/appeals-export?month=${month}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const firstByteMs = performance.now() - t0;
    if (res.status !== 200 || !res.body) throw new Error(`appeals-export ${month}: ${res.status}`);
    let bytes = 0;
    const reader = res.body.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
    const lastByteMs = performance.now() - t0;
    const declared = Number(res.headers.get("content-length"));
    if (declared !== bytes) throw new Error(`appeals-export ${month}: ${bytes} bytes of ${declared}`);
    return {
      rows: Number(res.headers.get("x-total-rows")),
      bytes,
      firstByteMs,
      lastByteMs,
      peakRssMiB: peak / 2 ** 20,
      baseRssMiB: baseRss / 2 ** 20,
    };
  } finally {
    clearInterval(sampler);
  }
}

export function exportRows(name: string, f: ExportFigures, note: string): BenchRow[] {
  const n = `${f.rows.toLocaleString("en-US")} rows, ${(f.bytes / 2 ** 20).toFixed(1)} MiB, ${note}`;
  return [
    { name: `${name}: time to last byte`, value: f.lastByteMs, unit: "ms", note: n },
    { name: `${name}: rows per second`, value: (1000 * f.rows) / f.lastByteMs, unit: "rows/s", note: n },
    { name: `${name}: peak RSS (server + client)`, value: f.peakRssMiB, unit: "MiB", note: n },
    {
      name: `${name}: RSS growth during it`,
      value: f.peakRssMiB - f.baseRssMiB,
      unit: "MiB",
      note: n,
    },
  ];
}
