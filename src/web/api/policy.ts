import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TimeLimitPolicyUpdate } from "../../contracts/calendar.js";
import { api } from "./client.js";
import type { PolicyDoc } from "./types.js";

export function usePolicy() {
  return useQuery({ queryKey: ["policy"], queryFn: () => api<PolicyDoc>("/time-limit-policy") });
}

export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TimeLimitPolicyUpdate) =>
      api<PolicyDoc>("/time-limit-policy", { method: "PUT", body }),
    onSuccess: (doc) => qc.setQueryData(["policy"], doc),
  });
}
