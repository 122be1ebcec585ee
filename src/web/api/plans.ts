import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreatePlanBody, Plan, ProgressBody } from "../../contracts/work-orders.js";
import { api } from "./client.js";

/** 重大复杂问题: the lead department's plan with milestones, approved by the reviewer. */

export type { Plan };

export function usePlans(status?: Plan["status"]) {
  return useQuery({
    queryKey: ["plans", status],
    queryFn: ({ signal }) => api<Plan[]>("/plans", { query: { status }, signal }),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all(["plans", "work-orders", "appeals"].map((k) => qc.invalidateQueries({ queryKey: [k] })));
}

export function useSubmitPlan() {
  const refresh = useInvalidate();
  return useMutation({
    mutationFn: ({ workOrderId, body }: { workOrderId: string; body: CreatePlanBody }) =>
      api<Plan>(`/work-orders/${workOrderId}/plan`, { method: "POST", body }),
    onSuccess: () => refresh(),
  });
}

export function useDecidePlan() {
  const refresh = useInvalidate();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: "approve" | "reject"; note?: string }) =>
      api<Plan>(`/plans/${id}/${decision}`, { method: "POST", body: { note } }),
    onSuccess: () => refresh(),
  });
}

export function useReportProgress() {
  const refresh = useInvalidate();
  return useMutation({
    mutationFn: ({
      planId,
      milestoneId,
      body,
    }: {
      planId: string;
      milestoneId: string;
      body: ProgressBody;
    }) => api<Plan>(`/plans/${planId}/milestones/${milestoneId}/progress`, { method: "POST", body }),
    onSuccess: () => refresh(),
  });
}
