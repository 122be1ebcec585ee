import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import type { Clearance } from "../../contracts/clearance.js";
import { api, buildUrl } from "./client.js";

/** 销号清零: a period's appeals — received, finished, still open with their limits. */

export type { Clearance };

export function useClearance(from: string, to: string) {
  return useInfiniteQuery({
    queryKey: ["clearance", from, to],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<Clearance>("/reports/clearance", { query: { from, to, limit: 50, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? null,
    placeholderData: keepPreviousData,
  });
}

/** The .xlsx of the same period, downloaded by the browser with the session cookie. */
export function clearanceExportUrl(from: string, to: string): string {
  return buildUrl("/reports/clearance/export", { from, to });
}
