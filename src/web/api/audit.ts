import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { api } from "./client.js";
import type { AuditEntry, AuditVerify, Page } from "./types.js";

export function useAuditLog() {
  return useInfiniteQuery({
    queryKey: ["audit"],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => api<Page<AuditEntry>>("/audit", { query: { limit: 50, cursor: pageParam } }),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api<AuditVerify>("/audit/verify") });
}
