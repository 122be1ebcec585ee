import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Appeal } from "../../contracts/appeals.js";
import type { SuggestResult } from "../../contracts/assist.js";
import { api } from "./client.js";

export type { SuggestResult };

/** 分办建议 for the text being typed or reviewed; `input` is already debounced by the caller. */
export function useAssistSuggest(input: { content: string; phone?: string; appealId?: string }) {
  const enabled = input.content.trim().length >= 4;
  return useQuery({
    queryKey: ["assist-suggest", input.appealId ?? "", input.phone ?? "", input.content],
    queryFn: ({ signal }) =>
      api<SuggestResult>("/assist/suggest", {
        method: "POST",
        body: {
          content: input.content,
          phone: input.phone && /^[\d\s()+-]+$/.test(input.phone) ? input.phone : undefined,
          appealId: input.appealId,
        },
        signal,
      }),
    enabled,
    placeholderData: enabled ? keepPreviousData : undefined,
    staleTime: 60_000,
    retry: false,
  });
}

/** 并单: merges the appeal `id` (the repeat) into `intoAppealId`. */
export function useMergeAppeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; intoAppealId: string; expectedVersion?: number }) =>
      api<Appeal>(`/appeals/${v.id}/merge`, {
        method: "POST",
        body: { intoAppealId: v.intoAppealId, expectedVersion: v.expectedVersion },
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["appeals"] });
      void qc.invalidateQueries({ queryKey: ["assist-suggest"] });
    },
  });
}
