import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  FollowUpInput,
  FollowUpResult,
  Rating,
  Rectification,
  StatsGroup,
  StatsSummary,
} from "../../contracts/results.js";
import { api } from "./client.js";

/** 处置结果应用: ratings, follow-up calls, rectifications and the figures (docs/metrics.md). */

export type { FollowUpInput, Rating, Rectification, StatsSummary };

export function useStatsSummary(from: string, to: string, groupBy?: StatsGroup) {
  return useQuery({
    queryKey: ["stats", "summary", from, to, groupBy],
    queryFn: ({ signal }) => api<StatsSummary>("/stats/summary", { query: { from, to, groupBy }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRectifications(status?: "open" | "done") {
  return useQuery({
    queryKey: ["rectifications", status],
    queryFn: ({ signal }) =>
      api<{ items: Rectification[]; nextCursor: string | null }>("/rectifications", {
        query: { status, limit: 200 },
        signal,
      }),
  });
}

export function useCompleteRectification() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, result }: { id: string; result: string }) =>
      api<Rectification>(`/rectifications/${id}/complete`, { method: "POST", body: { result } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["rectifications"] }),
  });
}

export function useAppealRatings(appealId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ["ratings", appealId],
    queryFn: ({ signal }) => api<{ ratings: Rating[] }>(`/appeals/${appealId}/ratings`, { signal }),
    enabled: !!appealId && enabled,
  });
}

export function useRecordFollowUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ appealId, body }: { appealId: string; body: FollowUpInput }) =>
      api<FollowUpResult>(`/appeals/${appealId}/follow-ups`, { method: "POST", body }),
    onSuccess: () =>
      Promise.all(
        ["ratings", "appeals", "rectifications", "follow-up-duties"].map((k) =>
          qc.invalidateQueries({ queryKey: [k] }),
        ),
      ),
  });
}
