import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Appeal } from "../../contracts/appeals.js";
import type { DrillMetric, HotTopics, MonthlyReport } from "../../contracts/insight.js";
import { ApiError, api, buildUrl } from "./client.js";
import { useKeysetPages } from "./pages.js";

/** 热点分析, drill-down lists, 月度报告 and its exports (docs/metrics.md). */

export type { HotTopics, MonthlyReport };

export function useHotTopics(from: string, to: string, limit = 20) {
  return useQuery({
    queryKey: ["stats", "hot-topics", from, to, limit],
    queryFn: ({ signal }) => api<HotTopics>("/stats/hot-topics", { query: { from, to, limit }, signal }),
    placeholderData: keepPreviousData,
  });
}

export interface DrillFilters {
  metric: DrillMetric;
  from: string;
  to: string;
  departmentId?: string;
  channel?: string;
  type?: string;
  category?: string;
}

/** The appeals behind one number of the summary (GET /stats/appeals), page by page. */
export function useStatsAppeals(f: DrillFilters | null) {
  return useKeysetPages<{ items: Appeal[]; nextCursor: string | null }>(
    ["stats", "appeals", f],
    "/stats/appeals",
    { ...(f ?? {}) },
    50,
  );
}

export function useMonthlyReport(month: string) {
  return useQuery({
    queryKey: ["reports", "monthly", month],
    queryFn: ({ signal }) => api<MonthlyReport>("/reports/monthly", { query: { month }, signal }),
    retry: false,
  });
}

export const monthlyExportUrl = (month: string) => buildUrl("/reports/monthly/export", { month });
export const monthlyAppealsExportUrl = (month: string) =>
  buildUrl("/reports/monthly/appeals-export", { month });

export interface DownloadProgress {
  received: number;
  /** Content-Length (bytes), when the server sent it. */
  total: number | null;
  /** X-Total-Rows, when the server sent it. */
  rows: number | null;
}

/**
 * Downloads `url` with the session cookie, reporting progress from the body stream against
 * Content-Length, then hands the file to the browser under `fileName`.
 */
export async function downloadWithProgress(
  url: string,
  fileName: string,
  onProgress: (p: DownloadProgress) => void,
): Promise<void> {
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(
      res.status,
      body?.error?.code ?? "HTTP_ERROR",
      body?.error?.message ?? `下载失败（${res.status}）`,
    );
  }
  const total = Number(res.headers.get("content-length")) || null;
  const rows = Number(res.headers.get("x-total-rows"));
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress({ received, total, rows: Number.isFinite(rows) ? rows : null });
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress({ received, total, rows: Number.isFinite(rows) ? rows : null });
    }
  }
  const blob = new Blob(chunks as BlobPart[], { type: res.headers.get("content-type") ?? undefined });
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
