import { keepPreviousData, type QueryKey, useInfiniteQuery } from "@tanstack/react-query";
import { api, type RequestOptions } from "./client.js";

/**
 * A list read page by page with the API's keyset cursor (`limit`, `cursor` → `nextCursor`); the
 * previous pages stay on screen while a new filter loads.
 */
export function useKeysetPages<P extends { nextCursor: string | null }>(
  queryKey: QueryKey,
  path: string,
  query: RequestOptions["query"] = {},
  limit = 50,
) {
  return useInfiniteQuery({
    queryKey,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api<P>(path, { query: { ...query, limit, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? null,
    placeholderData: keepPreviousData,
  });
}
