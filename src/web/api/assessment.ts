import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  Assessment,
  AssessmentPublication,
  AssessmentWeights,
  AssessmentWeightsRecord,
} from "../../contracts/assessment.js";
import type { FollowUpDuty } from "../../contracts/results.js";
import { api, buildUrl } from "./client.js";
import { useKeysetPages } from "./pages.js";

/** 考核排名 (docs/metrics.md "Assessment") and the follow-up queue (回访任务). */

export type { Assessment, AssessmentPublication, AssessmentWeights, AssessmentWeightsRecord, FollowUpDuty };

export function useAssessment(month: string, enabled = true) {
  return useQuery({
    queryKey: ["assessment", month],
    queryFn: ({ signal }) => api<Assessment>("/stats/assessment", { query: { month }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useAssessmentPublications(enabled = true) {
  return useQuery({
    queryKey: ["assessment", "publications"],
    queryFn: ({ signal }) =>
      api<{ items: AssessmentPublication[]; nextCursor: string | null }>("/stats/assessment/publications", {
        query: { limit: 12 },
        signal,
      }),
    enabled,
  });
}

export function usePublishAssessment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (month: string) =>
      api<AssessmentPublication & { created: boolean; notified: number }>("/stats/assessment/publish", {
        method: "POST",
        body: { month },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["assessment"] }),
  });
}

export function useAssessmentWeights() {
  return useQuery({
    queryKey: ["assessment-weights"],
    queryFn: () => api<AssessmentWeightsRecord>("/stats/assessment/weights"),
  });
}

export function useSaveAssessmentWeights() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { weights: AssessmentWeights; expectedVersion: number }) =>
      api<AssessmentWeightsRecord>("/stats/assessment/weights", { method: "PUT", body }),
    onSuccess: (doc) => {
      qc.setQueryData(["assessment-weights"], doc);
      return qc.invalidateQueries({ queryKey: ["assessment"] });
    },
  });
}

/** The A4 page and the .xlsx of a month, opened by the browser with the session cookie. */
export const assessmentPrintUrl = (month: string) => buildUrl("/stats/assessment/print", { month });
export const assessmentExportUrl = (month: string) => buildUrl("/stats/assessment/export", { month });

export function useFollowUpDuties(status: FollowUpDuty["status"], reason?: FollowUpDuty["reason"]) {
  return useKeysetPages<{ items: FollowUpDuty[]; nextCursor: string | null }>(
    ["follow-up-duties", status, reason],
    "/follow-up-duties",
    { status, reason },
  );
}
